"""The whole pipeline as one job: write, find footage, narrate and render, then publish unless the
channel asks for a person's review first (the default): then it stops at "rendered", where the
script and footage can be changed and re-rendered before anything is published.

Each stage is the same function its own job runs, and each skips work already done, so a pipeline
that was interrupted (or failed and retried) picks up where it stopped.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.module_loading import import_string

from videos.models import Job, Video
from videos.services.jobs import STEPS, JobContext, StepFailed
from videos.services.video import render_outdated_reason

# (stage, share of the progress bar) in order.
STAGES = [
    ("write_script", 20),
    ("match_footage", 15),
    ("narrate_render", 55),
    ("publish", 10),
]


class _StageContext:
    """Maps a stage's 0-100 progress into its slice of the pipeline's bar."""

    def __init__(self, parent: JobContext, start: int, share: int, label: str) -> None:
        self.parent, self.start, self.share, self.label = parent, start, share, label

    def __getattr__(self, name: str) -> Any:
        return getattr(self.parent, name)

    def progress(self, percent: float, stage: str, message: str = "") -> None:
        self.parent.progress(self.start + percent * self.share / 100, f"{self.label}: {stage}", message)


def _needs(stage: str, video: Video) -> bool:
    script = video.current_script
    if stage == "write_script":
        return script is None
    if stage == "match_footage":
        return script is not None and not any(s.asset_id or s.footage_reason for s in script.scenes.all())
    if stage == "narrate_render":
        # The rule approval uses: a render of an older version, or made before a scene edit, is redone.
        return bool(render_outdated_reason(video))
    if stage == "publish":
        return video.status in (Video.Status.RENDERED, Video.Status.APPROVED)
    return True


def step_pipeline(ctx: JobContext) -> None:
    video = ctx.video
    if video is None:
        raise StepFailed("The pipeline runs on a video; this job has none.")
    channel = video.channel
    start = 0
    for stage, share in STAGES:
        ctx.raise_if_cancelled()
        video = Video.objects.select_related("channel").get(pk=video.pk)
        label = Job.Kind(stage).label
        if stage == "narrate_render":
            _approve_script_if_allowed(video, channel)
        if stage == "publish" and channel.review_required:
            # Read long after the job ended: said so that it stays true when the script changes later.
            script = video.current_script
            version = f" script v{script.version}" if script is not None else ""
            ctx.progress(100, "Waiting for review", f"Rendered{version}; a person approves a render before it is "
                                                    "published.")
            Video.objects.filter(pk=video.pk).update(status_message="Rendered; waiting for your approval.")
            return
        if _needs(stage, video):
            if stage == "publish" and video.status == Video.Status.RENDERED:
                Video.objects.filter(pk=video.pk).update(status=Video.Status.APPROVED, approved_at=timezone.now())
            ctx.progress(start, label)
            import_string(STEPS[stage])(_StageContext(ctx, start, share, label))
        start += share
    ctx.progress(100, "Done")


def _approve_script_if_allowed(video: Video, channel: Any) -> None:
    """The pipeline approves the script it wrote; the person's review point is before publishing,
    where script and footage can still be changed and the video re-rendered."""
    script = video.current_script
    if script is None or script.is_approved:
        return
    type(script).objects.filter(pk=script.pk).update(approved_at=timezone.now())
