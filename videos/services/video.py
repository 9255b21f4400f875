"""Writes on a Video that are not a provider step: creating it, editing scenes, approving it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from videos.llm.text import paragraphs_of
from videos.models import NARRATION_MAX_CHARS, ON_SCREEN_TEXT_MAX_CHARS, Scene, Video
from videos.services import writing  # the writers' stricter checks, on top of video_input's floor
from videos.services.script_state import script_follow_scene_one, video_script_changed


def video_create(*, channel: Any, topic: str = "", source_text: str = "", user: Any = None) -> Video:
    topic, source_text = writing.video_validate_input(topic=topic, source_text=source_text)
    if not topic:
        # A readable working title until the script gives one: the source's heading, else its first
        # line cut at a word (the writers know it for what it is, `titles.is_source_line`).
        heading = paragraphs_of(source_text)[0]
        first_line = heading or next(line for line in source_text.splitlines() if line.strip()).strip()
        topic = first_line if len(first_line) <= 120 else first_line[:120].rsplit(" ", 1)[0] + "…"
    return Video.objects.create(
        channel=channel, topic=topic, source_text=source_text,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


def scene_update(*, scene: Scene, narration: str, visual_query: str = "", on_screen_text: str = "",
                 user: Any = None) -> Scene:
    """Edit one scene of the current script in place. Editing an approved script withdraws the
    approval, since what was approved is no longer what will be rendered; a render made before the
    edit no longer shows the script (video_script_changed)."""
    narration = (narration or "").strip()
    if not narration:
        raise ValidationError("A scene needs narration; delete the words on screen instead if it should be silent.")
    visual_query, on_screen_text = visual_query.strip(), on_screen_text.strip()
    if len(narration) > NARRATION_MAX_CHARS:
        raise ValidationError(f"Keep a scene's narration to {NARRATION_MAX_CHARS} characters (about a minute of "
                              "speech); split a longer passage over two scenes.")
    if len(on_screen_text) > ON_SCREEN_TEXT_MAX_CHARS:
        raise ValidationError(f"Keep the words on screen to {ON_SCREEN_TEXT_MAX_CHARS} characters (two or three "
                              "lines); the narration can say the rest.")
    if len(visual_query) > 200:
        raise ValidationError("Keep the footage search to 200 characters: a few words find more.")
    if scene.script.video.status == Video.Status.SCHEDULED:
        raise ValidationError("This video is scheduled with its current render: unschedule it first, then edit, "
                              "render again and approve it.")
    if (scene.narration, scene.visual_query, scene.on_screen_text) == (narration, visual_query, on_screen_text):
        return scene
    old_narration = scene.narration
    with transaction.atomic():
        scene.narration = narration
        scene.visual_query, scene.on_screen_text = visual_query, on_screen_text
        scene.save(update_fields=["narration", "visual_query", "on_screen_text"])
        scene.script.__class__.objects.filter(pk=scene.script_id).update(approved_at=None, approved_by=None)
        if scene.position == 0 and narration != old_narration:
            script_follow_scene_one(script=scene.script, old_narration=old_narration, narration=narration)
        video_script_changed(video_id=scene.script.video_id)
    return scene


def scene_set_design(*, scene: Scene, layout: str, text: str = "", user: Any = None) -> Scene:
    """Choose the layout of the design a scene shows when it has no footage ("auto": the renderer
    reads the narration), and optionally its words (one item a line). Like a scene edit, it
    withdraws the script's approval and marks the render out of date; “Update video” then redraws
    and encodes that scene's pieces only. Studio and API come here."""
    from videos.render.designs.chooser import check_override

    layout = (layout or "auto").strip().lower()
    text = "\n".join(line.strip() for line in (text or "").strip().splitlines() if line.strip())
    if len(text) > MAX_DESIGN_TEXT:
        raise ValidationError(f"The design's words are {len(text)} characters; keep them under {MAX_DESIGN_TEXT}.")
    problem = check_override(layout, text, language=scene.script.language or "en")
    if problem:
        raise ValidationError(problem)
    if scene.script.video.status == Video.Status.SCHEDULED:
        raise ValidationError("This video is scheduled with its current render: unschedule it first, then change "
                              "the design.")
    if (scene.design_layout or "auto", scene.design_text) == (layout, text):
        return scene
    with transaction.atomic():
        scene.design_layout, scene.design_text = layout, text
        scene.save(update_fields=["design_layout", "design_text"])
        scene.script.__class__.objects.filter(pk=scene.script_id).update(approved_at=None, approved_by=None)
        video_script_changed(video_id=scene.script.video_id)
    return scene


MAX_DESIGN_TEXT = 400


def video_update(*, video: Video, user: Any) -> Any:
    """“Update video”: render the current script as it stands, doing only the work its changes need.

    The person asking is recorded as the script's approver (asking for the update is the approval:
    no separate step), then one narrate-and-render job starts; its narration and segment caches
    re-narrate only the changed scenes and re-encode only the changed pieces. The render it makes is
    approved for publishing as any other (video_approve). Studio, admin and API all come here.
    Raises PermissionDenied for a viewer, ValidationError with what to do, JobAlreadyActive."""
    from videos.models import Job
    from videos.services.jobs import job_enqueue

    script = _script_to_render(video, user, published="its render stays as it was published",
                               then="update the video")
    if video.status == Video.Status.SCHEDULED:
        raise ValidationError("This video is scheduled with its current render: unschedule it first, then update it.")
    with transaction.atomic():
        if not script.is_approved:
            writing.script_approve(script=script, user=user)
        # The same kind and step key as “Narrate and render”: never two renders of one video at once.
        return job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=video, user=user,
                           params={"update": True, "script_version": script.version})


def video_draft(*, video: Video, user: Any) -> Any:
    """“Draft preview”: the whole video as the script and footage stand, at 480 lines with the fastest
    encoder settings and DRAFT PREVIEW in every frame, to review before the full render. It needs no
    approval and changes neither the video's state nor its render: a draft is never approved,
    scheduled or published. The same kind and step key as “Narrate and render”, so it never runs
    beside a render of the same video. Studio, admin and API all come here."""
    from videos.models import Job
    from videos.services.jobs import job_enqueue

    script = _script_to_render(video, user, published="there is nothing left to preview",
                               then="make a draft preview")
    return job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=video, user=user,
                       params={"draft": True, "script_version": script.version})


def _script_to_render(video: Video, user: Any, *, published: str, then: str) -> Any:
    """The current script, once the person may edit the video and it is not published."""
    from channels.permissions import can_edit

    if not can_edit(user, video.channel):
        raise PermissionDenied("Viewers can watch and read; ask the channel's owner for the editor role.")
    if video.status == Video.Status.PUBLISHED:
        raise ValidationError(f"This video is published; {published}.")
    script = video.scripts.order_by("-version").first()
    if script is None:
        raise ValidationError(f"This video has no script yet. Write the script first, then {then}.")
    return script


def render_outdated_reason(video: Video) -> str:
    """Why the latest render cannot be approved or published as the video, or "" when it shows the
    current script."""
    render, script = video.latest_render, video.current_script
    if render is None:
        return "There is no finished render yet; run “Narrate and render” first."
    if script is not None and render.script_version != script.version:
        made_from = f"script v{render.script_version}" if render.script_version else "an earlier script"
        return (f"This render was made from {made_from}, but the current script is v{script.version}. "
                "Render again (“Update video”), then approve.")
    # Editing the current script in place sends the video back to "scripted" (video_script_changed).
    if video.status in (Video.Status.DRAFT, Video.Status.SCRIPTED, Video.Status.VOICED):
        return ("The script changed after this render was made. Render again (“Update video”), "
                "then approve.")
    return ""


def video_approve(*, video: Video, user: Any = None) -> Video:
    """Approve the finished render for publishing: only a render of the current script, so what is
    approved is what was last written (studio, admin and API all come here)."""
    if video.status == Video.Status.APPROVED:
        return video
    if video.status in (Video.Status.SCHEDULED, Video.Status.PUBLISHED):
        raise PermissionDenied(f"A {video.get_status_display().lower()} video cannot be approved.")
    reason = render_outdated_reason(video)
    if reason:
        raise ValidationError(reason)
    # A failed video with a render of its current script is approvable: a failed step must not
    # strand what was made (videos made before failures kept their state).
    Video.objects.filter(pk=video.pk).update(status=Video.Status.APPROVED, approved_at=timezone.now(),
                                             status_message="")
    video.refresh_from_db()
    return video
