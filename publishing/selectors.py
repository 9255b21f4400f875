"""Reads for pages, the API and the admin: a video's publication and numbers, a channel's YouTube
state and totals, the publishing calendar, and today's quota."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Q

from channels.models import Channel
from publishing.models import Publication, YouTubeAccount
from publishing.youtube.quota import quota_reset_at, quota_usage
from videos.models import Video


@dataclass(frozen=True)
class VideoStats:
    views: int
    minutes_watched: float
    subscribers_gained: int
    days: int
    synced_at: datetime | None


@dataclass(frozen=True)
class CalendarEntry:
    video: Video
    when: datetime
    kind: str  # "scheduled", "waiting", "published"
    target: str
    message: str


def publication_for(video: Video) -> Publication | None:
    return Publication.objects.filter(video=video).order_by("-updated_at").first()


def _stats(document: dict[str, Any] | None) -> VideoStats | None:
    if not document:
        return None
    return VideoStats(views=int(document.get("views", 0)), minutes_watched=float(document.get("minutes_watched", 0)),
                      subscribers_gained=int(document.get("subscribers_gained", 0)),
                      days=int(document.get("days", 0)), synced_at=document.get("synced_at"))


def video_stats(video: Video) -> VideoStats | None:
    """The video's YouTube numbers from the last analytics sync, or None (never synced, or the
    document store is down: pages show no numbers rather than an error)."""
    from faceless_site import docstore
    from publishing.services.analytics import TOTALS

    try:
        return _stats(docstore.collection(TOTALS).find_one({"video_id": video.pk}))
    except Exception:
        return None


def channel_stats(channel: Channel) -> VideoStats | None:
    from faceless_site import docstore
    from publishing.services.analytics import TOTALS

    try:
        documents = list(docstore.collection(TOTALS).find({"channel_id": channel.pk}))
    except Exception:
        return None
    if not documents:
        return None
    synced = [d["synced_at"] for d in documents if d.get("synced_at")]
    return VideoStats(views=sum(int(d.get("views", 0)) for d in documents),
                      minutes_watched=round(sum(float(d.get("minutes_watched", 0)) for d in documents), 2),
                      subscribers_gained=sum(int(d.get("subscribers_gained", 0)) for d in documents),
                      days=max(int(d.get("days", 0)) for d in documents), synced_at=max(synced) if synced else None)


def youtube_state(channel: Channel) -> dict[str, Any]:
    """For the channel settings page: configured?, linked account, reconnect state and why."""
    account = YouTubeAccount.objects.filter(channel=channel).first()
    return {
        "configured": bool(settings.GOOGLE_OAUTH_CLIENT_ID and settings.TOKEN_ENCRYPTION_KEYS),
        "account": account,
        "title": account.title if account else "",
        "youtube_channel_id": account.youtube_channel_id if account else "",
        "needs_reconnect": bool(account and account.needs_reconnect),
        "error": account.last_error if account else "",
    }


def calendar_entries(*, channels: Any, start: datetime, end: datetime) -> list[CalendarEntry]:
    """Publications of these channels going out (or gone out) between start and end, in order."""
    publications = (Publication.objects.filter(video__channel__in=channels)
                    .filter(Q(scheduled_for__gte=start, scheduled_for__lt=end)
                            | Q(scheduled_for__isnull=True, published_at__gte=start, published_at__lt=end))
                    .exclude(state=Publication.State.FAILED)
                    .select_related("video", "video__channel").prefetch_related("video__scripts"))
    entries = []
    for publication in publications:
        kind = {Publication.State.PUBLISHED: "published", Publication.State.WAITING: "waiting"}.get(
            publication.state, "scheduled")
        when = publication.scheduled_for or publication.published_at
        entries.append(CalendarEntry(video=publication.video, when=when, kind=kind, target=publication.target,
                                     message=publication.message))
    return sorted(entries, key=lambda entry: entry.when)


def quota_today() -> dict[str, Any]:
    return {"project": settings.YOUTUBE_PROJECT, "buckets": quota_usage(), "resets_at": quota_reset_at()}
