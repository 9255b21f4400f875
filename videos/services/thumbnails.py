"""Choosing a video's thumbnail among the variants its render made: the chosen one is what the
YouTube upload sets and the export copies (Render.thumbnail), and later renders keep the choice
(Video.thumbnail_layout)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from videos.models import Render, Video


def thumbnail_variants(render: Render | None) -> list[dict[str, Any]]:
    """The render's variants, each marked `chosen` if it is the one uploaded and exported."""
    if render is None:
        return []
    return [{**variant, "chosen": variant.get("file") == render.thumbnail} for variant in render.thumbnails or []]


def video_thumbnail_choose(*, video: Video, layout: str, user: Any = None) -> Render:
    """Make the latest render's `layout` variant the video's thumbnail, now and in later renders."""
    from channels.permissions import can_edit

    if user is not None and not can_edit(user, video.channel):
        raise PermissionDenied("Viewers cannot choose the thumbnail; ask the channel's owner for the editor role.")
    render = video.latest_render
    if render is None or not render.thumbnails:
        raise ValidationError("This video has no thumbnails yet: render it first (“Narrate and render”), then choose.")
    layouts = [variant.get("layout") for variant in render.thumbnails]
    if layout not in layouts:
        raise ValidationError(f"There is no “{layout}” thumbnail; choose one of: {', '.join(layouts)}.")
    with transaction.atomic():
        Video.objects.filter(pk=video.pk).update(thumbnail_layout=layout)
        render.thumbnail = render.thumbnail_for(layout)
        Render.objects.filter(pk=render.pk).update(thumbnail=render.thumbnail)
    video.thumbnail_layout = layout
    return render
