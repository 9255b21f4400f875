"""Writes on a Video that are not a provider step: creating it, editing scenes, approving it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from videos.models import Scene, Video
from videos.services import writing  # the writers' stricter checks, on top of video_input's floor


def video_create(*, channel: Any, topic: str = "", source_text: str = "", user: Any = None) -> Video:
    topic, source_text = writing.video_validate_input(topic=topic, source_text=source_text)
    if not topic:
        # A readable working title until the script gives one: the source's first line, cut at a word.
        first_line = source_text.splitlines()[0]
        topic = first_line if len(first_line) <= 120 else first_line[:120].rsplit(" ", 1)[0] + "…"
    return Video.objects.create(
        channel=channel, topic=topic, source_text=source_text,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


def scene_update(*, scene: Scene, narration: str, visual_query: str = "", on_screen_text: str = "",
                 user: Any = None) -> Scene:
    """Edit one scene of the current script in place. Editing an approved script withdraws the
    approval, since what was approved is no longer what will be rendered."""
    narration = (narration or "").strip()
    if not narration:
        raise ValidationError("A scene needs narration; delete the words on screen instead if it should be silent.")
    with transaction.atomic():
        scene.narration = narration
        scene.visual_query, scene.on_screen_text = visual_query.strip(), on_screen_text.strip()
        scene.save(update_fields=["narration", "visual_query", "on_screen_text"])
        scene.script.__class__.objects.filter(pk=scene.script_id).update(approved_at=None, approved_by=None)
    return scene


def video_approve(*, video: Video, user: Any = None) -> Video:
    """Approve the finished render for publishing."""
    if video.latest_render is None:
        raise ValidationError("There is no finished render to approve yet; run “Narrate and render” first.")
    if video.status not in (Video.Status.RENDERED, Video.Status.APPROVED):
        raise PermissionDenied(f"A {video.get_status_display().lower()} video cannot be approved.")
    Video.objects.filter(pk=video.pk).update(status=Video.Status.APPROVED, approved_at=timezone.now(),
                                             status_message="")
    video.refresh_from_db()
    return video
