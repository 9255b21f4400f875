"""Reads for the studio pages and the API, scoped by channels.selectors so that a video the user may
not see is a 404 everywhere. Each selector prefetches what its page shows, so a page's query count
does not grow with its rows."""

from __future__ import annotations

from collections import OrderedDict
from datetime import timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from channels.selectors import channels_for_user, videos_for_user
from videos.models import Job, Render, Scene, Script, Video

BOARD_COLUMNS = [
    ("draft", "Draft"), ("scripted", "Scripted"), ("rendered", "Rendered"), ("approved", "Approved"),
    ("scheduled", "Scheduled"), ("published", "Published"), ("failed", "Failed"),
]
# A voiced video has narration but no render yet: on the board it is still being made from its script.
_COLUMN_OF = {Video.Status.VOICED: "scripted"}
# Published videos stay on the board this long; older ones live in the calendar.
BOARD_PUBLISHED_DAYS = 30


def active_jobs_prefetch() -> Prefetch:
    return Prefetch("jobs", queryset=Job.objects.filter(state__in=Job.ACTIVE_STATES).order_by("created_at"),
                    to_attr="active_jobs")


def board_for_user(user: Any) -> list[dict[str, Any]]:
    """[{channel, role, columns: [(key, label, [videos])]}] for every channel the user can see."""
    channels = list(channels_for_user(user))
    since = timezone.now() - timedelta(days=BOARD_PUBLISHED_DAYS)
    videos = (
        videos_for_user(user)
        .exclude(status=Video.Status.PUBLISHED, published_at__lt=since)
        .prefetch_related("scripts", active_jobs_prefetch())
        .order_by("-updated_at")
    )
    by_channel: dict[int, OrderedDict[str, list[Video]]] = {
        c.pk: OrderedDict((key, []) for key, _label in BOARD_COLUMNS) for c in channels
    }
    for video in videos:
        if video.channel_id in by_channel:
            by_channel[video.channel_id][_COLUMN_OF.get(video.status, video.status)].append(video)
    from channels.permissions import role_for

    return [
        {"channel": channel, "role": role_for(user, channel),
         "columns": [(key, label, by_channel[channel.pk][key]) for key, label in BOARD_COLUMNS]}
        for channel in channels
    ]


def upcoming_for_user(user: Any, *, limit: int = 10) -> QuerySet[Video]:
    return (videos_for_user(user).filter(status=Video.Status.SCHEDULED, scheduled_for__gte=timezone.now())
            .prefetch_related("scripts").order_by("scheduled_for")[:limit])


def video_for_user(user: Any, pk: int) -> Video:
    """The video with everything the studio shows, or 404 when the user may not see it."""
    scripts = Script.objects.prefetch_related(
        Prefetch("scenes", queryset=Scene.objects.select_related("asset").order_by("position"))
    ).order_by("-version")
    qs = videos_for_user(user).select_related("channel__owner").prefetch_related(
        Prefetch("scripts", queryset=scripts),
        Prefetch("renders", queryset=Render.objects.order_by("-created_at")),
        Prefetch("jobs", queryset=Job.objects.order_by("-created_at"), to_attr="all_jobs"),
        "publications",
        "channel__memberships",
    )
    try:
        return qs.get(pk=pk)
    except Video.DoesNotExist:
        raise Http404("No such video.") from None


def scene_for_user(user: Any, pk: int) -> Scene:
    try:
        return Scene.objects.select_related("script__video__channel", "asset").get(
            pk=pk, script__video__in=videos_for_user(user).values("pk")
        )
    except Scene.DoesNotExist:
        raise Http404("No such scene.") from None


def jobs_for_user(user: Any) -> QuerySet[Job]:
    channel_ids = channels_for_user(user).values("pk")
    return Job.objects.select_related("video", "channel").filter(channel__in=channel_ids)


def job_for_user(user: Any, pk: int) -> Job:
    try:
        return jobs_for_user(user).get(pk=pk)
    except Job.DoesNotExist:
        raise Http404("No such job.") from None
