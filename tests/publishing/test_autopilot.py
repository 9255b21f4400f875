"""Autopilot keeps a channel N videos ahead, and the pipeline queues finished videos into slots."""

from __future__ import annotations

import pytest

from publishing.models import Publication
from publishing.services import channel_autopilot, step_publish
from tests.factories import make_channel, make_video
from tests.publishing.conftest import make_approved_video
from videos.models import Job, Video
from videos.services.jobs import JobContext, job_enqueue

pytestmark = pytest.mark.django_db
CADENCE = [{"weekday": day, "time": "18:00"} for day in range(7)]


def test_autopilot_schedules_approved_starts_drafts_and_asks_for_the_rest(media_root):
    channel = make_channel(autopilot_ahead=4, cadence=CADENCE, review_required=True)
    approved = make_approved_video(channel, media_root)
    draft = make_video(channel=channel, topic="Voyager's golden record")
    make_video(channel=channel, status=Video.Status.RENDERED)  # waits for review: counts as ahead

    done = channel_autopilot(channel=channel)

    assert done["scheduled"] == [approved.pk]
    assert Publication.objects.get(video=approved).state == Publication.State.SCHEDULED
    assert done["started"] == [draft.pk]
    assert Job.objects.get(video=draft).kind == Job.Kind.PIPELINE
    topics = Job.objects.get(kind=Job.Kind.SUGGEST_TOPICS, channel=channel)
    assert topics.params == {"count": 1, "create_videos": True}
    assert done["topics_requested"] == 1

    # A second round while those run changes nothing.
    again = channel_autopilot(channel=channel)
    assert again == {"scheduled": [], "started": [], "topics_requested": 0, "warnings": []}


def test_autopilot_off_does_nothing(media_root):
    channel = make_channel(autopilot_ahead=0, cadence=CADENCE)
    make_approved_video(channel, media_root)
    assert channel_autopilot(channel=channel)["scheduled"] == []
    assert not Job.objects.exists()


def test_the_pipeline_queues_a_finished_video_into_the_next_slot_instead_of_publishing_now(media_root, settings):
    channel = make_channel(cadence=CADENCE, review_required=False)
    video = make_approved_video(channel, media_root)
    job = job_enqueue(kind=Job.Kind.PIPELINE, video=video)
    step_publish(JobContext(job=Job.objects.select_related("video").get(pk=job.pk)))

    publication = Publication.objects.get(video=video)
    assert publication.state == Publication.State.SCHEDULED and publication.scheduled_for
    assert Video.objects.get(pk=video.pk).status == Video.Status.SCHEDULED
    assert not settings.EXPORT_ROOT.exists()  # nothing exported yet: it goes out at the slot


def test_missing_encryption_keys_fail_the_publish_with_what_to_do(youtube, yt_channel, media_root, settings):
    settings.TOKEN_ENCRYPTION_KEYS = []
    video = make_approved_video(yt_channel, media_root)
    from videos.services.jobs import job_run

    job = job_enqueue(kind=Job.Kind.PUBLISH, video=video)
    assert job_run(job.pk) == "failed"
    assert "TOKEN_ENCRYPTION_KEYS is empty" in Job.objects.get(pk=job.pk).error
    assert not youtube.requests
