"""Scheduling: approved videos take the channel's next free cadence slot.

A cadence is a list of {"weekday": 0-6 (Monday=0), "time": "HH:MM"} in the channel's time zone.
Slots are computed in that zone, so "Tuesday 17:00" stays 17:00 local across DST changes. A slot is
taken when another video of the channel is scheduled (or was published) at that instant.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from channels.models import Channel
from publishing.models import Publication, YouTubeAccount
from publishing.services.metadata import publish_at_for
from publishing.services.targets import publication_for_video
from videos.models import Video

HORIZON_DAYS = 400


def cadence_slots(*, channel: Channel, after: datetime) -> Iterator[datetime]:
    """Every cadence slot strictly after `after`, in order, as aware datetimes in the channel's zone."""
    zone = ZoneInfo(channel.timezone)
    slots = sorted({(int(s["weekday"]), s["time"]) for s in channel.cadence or []})
    if not slots:
        return
    start = after.astimezone(zone).date()
    for offset in range(HORIZON_DAYS):
        day = start + timedelta(days=offset)
        for weekday, hhmm in slots:
            if weekday != day.weekday():
                continue
            hours, minutes = (int(part) for part in hhmm.split(":"))
            slot = datetime.combine(day, time(hours, minutes), tzinfo=zone)
            if slot > after:
                yield slot


def taken_slots(*, channel: Channel, exclude_video: Video | None = None) -> set[datetime]:
    publications = Publication.objects.filter(video__channel=channel, scheduled_for__isnull=False).exclude(
        state=Publication.State.FAILED)
    videos = Video.objects.filter(channel=channel, status=Video.Status.SCHEDULED, scheduled_for__isnull=False)
    if exclude_video is not None:
        publications = publications.exclude(video=exclude_video)
        videos = videos.exclude(pk=exclude_video.pk)
    instants = list(publications.values_list("scheduled_for", flat=True)) + list(
        videos.values_list("scheduled_for", flat=True))
    return {instant.astimezone(ZoneInfo("UTC")) for instant in instants}


def next_free_slot(*, channel: Channel, after: datetime, exclude_video: Video | None = None) -> datetime | None:
    taken = taken_slots(channel=channel, exclude_video=exclude_video)
    for slot in cadence_slots(channel=channel, after=after):
        if slot.astimezone(ZoneInfo("UTC")) not in taken:
            return slot
    return None


def _due_at(*, channel: Channel, target: str, scheduled_for: datetime, now: datetime) -> datetime:
    """A public YouTube video is uploaded ahead (private, with publishAt); everything else at the slot."""
    if target == Publication.Target.YOUTUBE and publish_at_for(channel=channel, scheduled_for=scheduled_for, now=now):
        lead = timedelta(minutes=getattr(settings, "YOUTUBE_UPLOAD_LEAD_MINUTES", 120))
        return max(now, scheduled_for - lead)
    return scheduled_for


def _validate(video: Video, when: datetime | None, now: datetime) -> None:
    if video.status not in (Video.Status.APPROVED, Video.Status.SCHEDULED):
        raise ValidationError(f"This video is {video.get_status_display().lower()}; approve its render first, "
                              "then schedule it.")
    if video.latest_render is None:
        raise ValidationError("There is no finished render to schedule; run “Narrate and render” first.")
    if when is not None and timezone.is_naive(when):
        raise ValidationError("Give the time with its time zone.")
    if when is not None and when <= now:
        raise ValidationError(f"{timezone.localtime(when):%Y-%m-%d %H:%M} is in the past; pick a later time "
                              "or leave it blank for the next free slot.")


def publication_schedule(*, video: Video, user: Any = None, when: datetime | None = None) -> Publication:
    """Schedule the video for `when`, or for the channel's next free cadence slot."""
    now = timezone.now()
    _validate(video, when, now)
    with transaction.atomic():
        # One scheduler per channel at a time, so two videos never take the same slot.
        channel = Channel.objects.select_for_update().get(pk=video.channel_id)
        target = channel.publish_target or settings.PUBLISH_DEFAULT_TARGET
        if target == Publication.Target.YOUTUBE and not YouTubeAccount.objects.filter(channel=channel).exists():
            raise ValidationError("This channel publishes to YouTube but no YouTube account is connected. Connect "
                                  "YouTube in the channel settings, or switch the channel to local export.")
        publication = publication_for_video(video=video, target=target)
        if publication.state in (Publication.State.PUBLISHED, Publication.State.UPLOADING):
            raise ValidationError(f"This video is already {publication.get_state_display().lower()}"
                                  f"{': ' + publication.external_url if publication.external_url else ''}.")
        if when is None:
            lead = timedelta(minutes=getattr(settings, "PUBLISH_MIN_LEAD_MINUTES", 15))
            # The next slot is a calendar read in the channel's zone.
            local_now = timezone.localtime(timezone=ZoneInfo(channel.timezone))
            when = next_free_slot(channel=channel, after=local_now + lead, exclude_video=video)
            if when is None:
                raise ValidationError("The channel has no publishing cadence. Add days and times in the channel "
                                      "settings, or pick a time for this video.")
        publication.state, publication.scheduled_for = Publication.State.SCHEDULED, when
        publication.due_at = _due_at(channel=channel, target=target, scheduled_for=when, now=now)
        publication.not_before, publication.message = None, ""
        publication.scheduled_by = user if getattr(user, "is_authenticated", False) else None
        publication.save()
        Video.objects.filter(pk=video.pk).update(status=Video.Status.SCHEDULED, scheduled_for=when,
                                                 status_message="")
    video.refresh_from_db()
    return publication


def publication_unschedule(*, video: Video) -> None:
    """Take a scheduled video off the calendar; it stays approved."""
    with transaction.atomic():
        Publication.objects.filter(video=video, state__in=Publication.DUE_STATES).update(
            state=Publication.State.PENDING, scheduled_for=None, due_at=None, not_before=None, message="")
        Video.objects.filter(pk=video.pk, status=Video.Status.SCHEDULED).update(
            status=Video.Status.APPROVED, scheduled_for=None)
