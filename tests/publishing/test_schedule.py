"""Scheduling into cadence slots in the channel's time zone, and publish_due starting what is due."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from publishing.models import Publication
from publishing.services import next_free_slot, publication_schedule, publication_unschedule, publish_due
from publishing.services.schedule import cadence_slots
from tests.factories import make_channel, make_video
from tests.publishing.conftest import make_approved_video
from videos.models import Job, Video
from videos.services.jobs import job_run

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def berlin_channel(**overrides):
    fields = {"timezone": "Europe/Berlin", "cadence": [{"weekday": 1, "time": "17:00"},
                                                       {"weekday": 6, "time": "10:00"}]}
    return make_channel(**{**fields, **overrides})


def test_slots_follow_the_cadence_in_local_time_across_a_dst_change():
    channel = berlin_channel()
    after = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)  # Friday before EU summer time starts (Sun 29 March)
    slots = cadence_slots(channel=channel, after=after)
    first = [next(slots) for _ in range(4)]
    assert [s.astimezone(BERLIN).strftime("%a %d %H:%M") for s in first] == [
        "Sun 22 10:00", "Tue 24 17:00", "Sun 29 10:00", "Tue 31 17:00"]
    # The same local time is a different UTC hour once summer time starts.
    assert first[0].astimezone(UTC).hour == 9 and first[2].astimezone(UTC).hour == 8


def test_next_free_slot_skips_slots_taken_by_other_videos_of_the_channel(media_root):
    channel = berlin_channel()
    after = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
    taken = make_video(channel=channel, status=Video.Status.SCHEDULED,
                       scheduled_for=datetime(2026, 3, 22, 10, 0, tzinfo=BERLIN))
    assert next_free_slot(channel=channel, after=after) == datetime(2026, 3, 24, 17, 0, tzinfo=BERLIN)
    # Another channel's videos do not take this channel's slots.
    make_video(channel=berlin_channel(), status=Video.Status.SCHEDULED,
               scheduled_for=datetime(2026, 3, 24, 17, 0, tzinfo=BERLIN))
    assert next_free_slot(channel=channel, after=after) == datetime(2026, 3, 24, 17, 0, tzinfo=BERLIN)
    assert next_free_slot(channel=channel, after=after, exclude_video=taken) == datetime(2026, 3, 22, 10, 0,
                                                                                        tzinfo=BERLIN)


@pytest.mark.clock
def test_approved_videos_take_consecutive_free_slots(media_root):
    channel = berlin_channel()
    first, second = make_approved_video(channel, media_root), make_approved_video(channel, media_root)
    one = publication_schedule(video=first)
    two = publication_schedule(video=second)

    now = datetime.now(UTC)
    assert now < one.scheduled_for < two.scheduled_for
    for slot in (one.scheduled_for, two.scheduled_for):
        local = slot.astimezone(BERLIN)
        assert (local.weekday(), local.strftime("%H:%M")) in {(1, "17:00"), (6, "10:00")}
    assert two.scheduled_for == next(cadence_slots(channel=channel, after=one.scheduled_for))
    first.refresh_from_db()
    assert first.status == Video.Status.SCHEDULED and first.scheduled_for == one.scheduled_for
    assert one.target == "local" and one.due_at == one.scheduled_for and one.state == Publication.State.SCHEDULED

    # Rescheduling keeps one publication per video; unscheduling frees the slot.
    publication_unschedule(video=first)
    first.refresh_from_db()
    assert first.status == Video.Status.APPROVED and first.scheduled_for is None
    third = make_approved_video(channel, media_root)
    assert publication_schedule(video=third).scheduled_for == one.scheduled_for
    assert Publication.objects.filter(video=first).count() == 1


@pytest.mark.clock
def test_schedule_refuses_what_it_cannot_do_and_says_why(media_root):
    channel = berlin_channel(cadence=[])
    draft = make_video(channel=channel)
    with pytest.raises(ValidationError, match="approve its render first"):
        publication_schedule(video=draft)
    video = make_approved_video(channel, media_root)
    with pytest.raises(ValidationError, match="no publishing cadence"):
        publication_schedule(video=video)
    with pytest.raises(ValidationError, match="in the past"):
        publication_schedule(video=video, when=datetime.now(UTC) - timedelta(hours=1))
    when = datetime.now(UTC) + timedelta(days=2)
    assert publication_schedule(video=video, when=when).scheduled_for == when

    youtube_channel = berlin_channel(publish_target="youtube")
    with pytest.raises(ValidationError, match="no YouTube account is connected"):
        publication_schedule(video=make_approved_video(youtube_channel, media_root))


@pytest.mark.clock
def test_publish_due_exports_a_scheduled_video_at_its_slot(media_root, settings):
    channel = berlin_channel(slug="space-history")
    video = make_approved_video(channel, media_root)
    publication = publication_schedule(video=video)

    assert publish_due(now=publication.scheduled_for - timedelta(minutes=1)) == []
    assert publish_due(now=publication.scheduled_for) == [publication.pk]
    assert publish_due(now=publication.scheduled_for) == []  # the job is already queued
    job = Job.objects.get(video=video, kind=Job.Kind.PUBLISH)
    assert job_run(job.pk) == "succeeded"

    publication.refresh_from_db()
    video.refresh_from_db()
    assert publication.state == Publication.State.PUBLISHED
    assert video.status == Video.Status.PUBLISHED
    folder = Path(settings.EXPORT_ROOT) / "space-history" / f"{video.pk}-the-first-satellite"
    assert sorted(p.name for p in folder.iterdir()) == ["description.txt", "metadata.json", "thumbnail.jpg",
                                                       "video.mp4"]
    metadata = json.loads((folder / "metadata.json").read_text())
    assert metadata["scheduled_for"] == publication.scheduled_for.isoformat()
    assert publish_due(now=publication.scheduled_for + timedelta(hours=1)) == []
