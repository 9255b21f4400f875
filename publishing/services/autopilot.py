"""Autopilot keeps a channel `autopilot_ahead` videos ahead. It stays thin: it schedules approved
videos into free slots, starts the whole pipeline for drafts, and asks the writing step for new
topics when the channel runs short. Videos that wait for review count as ahead, so a channel that
asks for review stops at approval instead of piling up renders."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from channels.models import Channel
from publishing.services.schedule import publication_schedule
from videos.models import Job, Video

IN_FLIGHT = (Video.Status.DRAFT, Video.Status.SCRIPTED, Video.Status.VOICED, Video.Status.RENDERED,
             Video.Status.APPROVED, Video.Status.SCHEDULED)


def channel_autopilot(*, channel: Channel) -> dict[str, Any]:
    """One autopilot round; returns what it did (for the job message and tests)."""
    from videos.services.jobs import JobAlreadyActive, job_enqueue

    done: dict[str, Any] = {"scheduled": [], "started": [], "topics_requested": 0, "warnings": []}
    if channel.autopilot_ahead == 0:
        return done
    if channel.cadence:
        for video in Video.objects.filter(channel=channel, status=Video.Status.APPROVED):
            try:
                publication_schedule(video=video, user=None)
            except ValidationError as exc:
                done["warnings"].append(f"{video}: {' '.join(exc.messages)}")
            else:
                done["scheduled"].append(video.pk)
    busy = set(Job.objects.filter(channel=channel, state__in=Job.ACTIVE_STATES).values_list("video_id", flat=True))
    for video in Video.objects.filter(channel=channel, status=Video.Status.DRAFT).exclude(pk__in=busy):
        try:
            job_enqueue(kind=Job.Kind.PIPELINE, video=video)
        except JobAlreadyActive:
            continue
        done["started"].append(video.pk)
    missing = channel.autopilot_ahead - Video.objects.filter(channel=channel, status__in=IN_FLIGHT).count()
    if missing > 0:
        try:
            job_enqueue(kind=Job.Kind.SUGGEST_TOPICS, channel=channel, params={"count": missing, "create_videos": True})
            done["topics_requested"] = missing
        except JobAlreadyActive:
            pass
    return done


def step_autopilot(ctx: Any) -> None:
    from videos.services.jobs import StepFailed

    if ctx.channel is None:
        raise StepFailed("Autopilot runs on a channel; this job has none.")
    done = channel_autopilot(channel=ctx.channel)
    for warning in done["warnings"]:
        ctx.warn(warning)
    ctx.progress(100, "Done", f"Scheduled {len(done['scheduled'])}, started {len(done['started'])}, "
                              f"asked for {done['topics_requested']} new topic(s).")


def autopilot_all() -> list[int]:
    """Enqueue an autopilot round for every channel that has it on (the hourly schedule)."""
    from videos.services.jobs import JobAlreadyActive, job_enqueue

    started = []
    for channel in Channel.objects.filter(autopilot_ahead__gt=0):
        try:
            job_enqueue(kind=Job.Kind.AUTOPILOT, channel=channel)
        except JobAlreadyActive:
            continue
        started.append(channel.pk)
    return started
