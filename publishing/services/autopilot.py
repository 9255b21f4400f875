"""Autopilot keeps a channel `autopilot_ahead` videos ahead. It stays thin: it schedules approved
videos into free slots, starts the whole pipeline for drafts, and asks the writing step for new
topics when the channel runs short. Videos that wait for review count as ahead, so a channel that
asks for review stops at approval instead of piling up renders.

When the topic ideas a round asked for came to nothing (no writer could suggest any, or every idea
was one the channel already has), the channel is marked blocked, with why and what to do, and later
rounds do not ask again until something that could change the answer changes: the channel's writer
settings, the configured writers, or its topics. A blocked channel is still asked once a day, in case
what failed was an outage."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from channels.models import Channel
from faceless_site.redaction import redact_line
from publishing.services.schedule import publication_schedule
from videos.models import Job, Video

ASK_AGAIN_AFTER = timedelta(hours=24)
WHAT_TO_DO = ("Set up an LLM writer (Ollama, Anthropic or an OpenAI-compatible endpoint) in the channel's "
              "writer order, or add topics by hand; autopilot asks again when the writers or the topics change.")

IN_FLIGHT = (Video.Status.DRAFT, Video.Status.SCRIPTED, Video.Status.VOICED, Video.Status.RENDERED,
             Video.Status.APPROVED, Video.Status.SCHEDULED)


def channel_autopilot(*, channel: Channel) -> dict[str, Any]:
    """One autopilot round; returns what it did (for the job message and tests)."""
    from videos.services.jobs import JobAlreadyActive, job_enqueue

    done: dict[str, Any] = {"scheduled": [], "started": [], "topics_requested": 0, "warnings": [], "blocked": ""}
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
        key = topics_key(channel)
        done["blocked"] = _blocked(channel, key, missing)
        if done["blocked"]:
            return done
        try:
            job_enqueue(kind=Job.Kind.SUGGEST_TOPICS, channel=channel,
                        params={"count": missing, "create_videos": True, "autopilot_key": key})
            done["topics_requested"] = missing
        except JobAlreadyActive:
            pass
    elif channel.autopilot_blocked:
        channel_autopilot_unblock(channel=channel)  # topics were added by hand: nothing is short
    return done


def topics_key(channel: Channel) -> str:
    """What a new request for topic ideas depends on; when it changes, asking again may succeed."""
    writers = [settings.OLLAMA_HOST, settings.OLLAMA_MODEL, bool(settings.ANTHROPIC_API_KEY), settings.ANTHROPIC_MODEL,
               settings.OPENAI_COMPAT_BASE_URL, settings.OPENAI_COMPAT_MODEL, list(settings.WRITER_DEFAULT_ORDER)]
    topics = sorted(Video.objects.filter(channel=channel).values_list("topic", flat=True))
    sources = Video.objects.filter(channel=channel).exclude(source_text="").count()
    state = [channel.writer_order, channel.llm_model, channel.prompt_template, channel.niche, channel.language,
             writers, topics, sources]
    return hashlib.sha256(json.dumps(state, default=str).encode()).hexdigest()


def _blocked(channel: Channel, key: str, missing: int) -> str:
    """Why this round must not ask for topics again, or "" when it may."""
    now = timezone.now()
    if channel.autopilot_blocked:
        if channel.autopilot_blocked_key == key and now < channel.autopilot_blocked_at + ASK_AGAIN_AFTER:
            return channel.autopilot_blocked
        channel_autopilot_unblock(channel=channel)
    last = (Job.objects.filter(channel=channel, video__isnull=True, kind=Job.Kind.SUGGEST_TOPICS,
                               state__in=(Job.State.FAILED, Job.State.SUCCEEDED))
            .order_by("-created_at").first())
    if last is None or last.params.get("autopilot_key") != key or last.details.get("video_ids"):
        return ""
    if channel.autopilot_blocked_at and last.created_at <= channel.autopilot_blocked_at:
        return ""  # the request that blocked the channel before; a day has passed: ask once more
    reason = last.error or "every idea the writer suggested was one the channel already has."
    why = redact_line(f"Autopilot needs {missing} more video(s) but cannot add topics: {reason}", 400)
    message = f"{why} {WHAT_TO_DO}"
    Channel.objects.filter(pk=channel.pk).update(autopilot_blocked=message, autopilot_blocked_key=key,
                                                 autopilot_blocked_at=now)
    channel.autopilot_blocked, channel.autopilot_blocked_key, channel.autopilot_blocked_at = message, key, now
    return message


def channel_autopilot_unblock(*, channel: Channel) -> None:
    Channel.objects.filter(pk=channel.pk).update(autopilot_blocked="", autopilot_blocked_key="")
    channel.autopilot_blocked = channel.autopilot_blocked_key = ""


def step_autopilot(ctx: Any) -> None:
    from videos.services.jobs import StepFailed

    if ctx.channel is None:
        raise StepFailed("Autopilot runs on a channel; this job has none.")
    done = channel_autopilot(channel=ctx.channel)
    for warning in done["warnings"]:
        ctx.warn(warning)
    if done["blocked"]:
        ctx.warn(done["blocked"])
    asked = "no new topics asked for: see the warning" if done["blocked"] else \
        f"asked for {done['topics_requested']} new topic(s)"
    ctx.progress(100, "Done", f"Scheduled {len(done['scheduled'])}, started {len(done['started'])}, {asked}.")


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
