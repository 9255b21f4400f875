"""The daily analytics sync: per published YouTube video, daily views, watch time and subscribers
gained from the Analytics API into the document store, one document per video and day
(`youtube_daily`) plus running totals per video (`youtube_totals`). Re-running a day overwrites it."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

import structlog
from django.utils import timezone

from channels.models import Channel
from faceless_site import docstore
from publishing.models import Publication, YouTubeAccount
from publishing.youtube.accounts import account_client, account_mark_reconnect
from publishing.youtube.analytics import video_daily_stats
from publishing.youtube.errors import ReconnectNeeded, YouTubeError

log = structlog.get_logger(__name__)
DAILY, TOTALS = "youtube_daily", "youtube_totals"


def _store(publication: Publication, stats: list[Any]) -> dict[str, Any]:
    daily = docstore.collection(DAILY)
    for day in stats:
        daily.update_one(
            {"youtube_video_id": publication.external_id, "day": day.day},
            {"$set": {"video_id": publication.video_id, "channel_id": publication.video.channel_id,
                      "views": day.views, "minutes_watched": day.minutes_watched,
                      "subscribers_gained": day.subscribers_gained}},
            upsert=True,
        )
    rows = list(daily.find({"youtube_video_id": publication.external_id}))
    totals = {"video_id": publication.video_id, "channel_id": publication.video.channel_id,
              "youtube_video_id": publication.external_id, "views": sum(r["views"] for r in rows),
              "minutes_watched": round(sum(r["minutes_watched"] for r in rows), 2),
              "subscribers_gained": sum(r["subscribers_gained"] for r in rows),
              "days": len(rows), "synced_at": timezone.now()}
    docstore.collection(TOTALS).update_one({"video_id": publication.video_id}, {"$set": totals}, upsert=True)
    return totals


def channel_analytics_sync(*, channel: Channel) -> list[dict[str, Any]]:
    """Sync every published YouTube video of the channel; return the totals written."""
    account = YouTubeAccount.objects.filter(channel=channel).first()
    if account is None:
        raise YouTubeError("This channel has no YouTube account connected; there are no analytics to read.")
    client = account_client(account)
    today = timezone.localdate(timezone=UTC)
    publications = Publication.objects.filter(
        video__channel=channel, target=Publication.Target.YOUTUBE, state=Publication.State.PUBLISHED
    ).exclude(external_id="").select_related("video")
    written = []
    for publication in publications:
        start = (publication.published_at or publication.created_at).date() - timedelta(days=1)
        try:
            stats = video_daily_stats(client, video_id=publication.external_id, start=start, end=today)
        except ReconnectNeeded as exc:
            account_mark_reconnect(account=account, message=exc.message)
            raise
        written.append(_store(publication, stats))
    log.info("analytics.synced", channel_id=channel.pk, videos=len(written))
    return written


def step_sync_analytics(ctx: Any) -> None:
    from videos.services.jobs import StepFailed

    channel = ctx.channel
    if channel is None:
        raise StepFailed("Analytics sync runs on a channel; this job has none.")
    ctx.progress(10, "Reading YouTube Analytics")
    try:
        written = channel_analytics_sync(channel=channel)
    except docstore.DocumentStoreUnavailable as exc:
        raise StepFailed(str(exc)) from exc
    except YouTubeError as exc:
        raise StepFailed(exc.message) from exc
    ctx.progress(100, "Done", f"Updated {len(written)} video(s).")


def analytics_sync_all() -> list[int]:
    """Enqueue one sync job per channel with a connected account (the daily schedule)."""
    from videos.models import Job
    from videos.services.jobs import JobAlreadyActive, job_enqueue

    started = []
    for account in YouTubeAccount.objects.filter(state=YouTubeAccount.State.CONNECTED).select_related("channel"):
        try:
            job_enqueue(kind=Job.Kind.SYNC_ANALYTICS, channel=account.channel)
        except JobAlreadyActive:
            continue
        started.append(account.channel_id)
    return started
