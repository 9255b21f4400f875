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


@pytest.mark.clock
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
    assert topics.params == {"count": 1, "create_videos": True, "autopilot_key": topics.params["autopilot_key"]}
    assert done["topics_requested"] == 1

    # A second round while those run changes nothing.
    again = channel_autopilot(channel=channel)
    assert again == {"scheduled": [], "started": [], "topics_requested": 0, "warnings": [], "blocked": ""}


def test_autopilot_off_does_nothing(media_root):
    channel = make_channel(autopilot_ahead=0, cadence=CADENCE)
    make_approved_video(channel, media_root)
    assert channel_autopilot(channel=channel)["scheduled"] == []
    assert not Job.objects.exists()


@pytest.mark.clock
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


# --- Autopilot says when it cannot keep up (issue 19) -------------------------------------------------

def _round(channel) -> Job:
    """One autopilot round as the hourly schedule runs it: a job, run to its end."""
    from videos.services.jobs import job_run

    job = job_enqueue(kind=Job.Kind.AUTOPILOT, channel=channel)
    job_run(job.pk)
    job.refresh_from_db()
    channel.refresh_from_db()
    return job


def _topic_jobs(channel) -> list[Job]:
    return list(Job.objects.filter(channel=channel, kind=Job.Kind.SUGGEST_TOPICS).order_by("created_at"))


def _run_topics(channel) -> Job:
    from videos.services.jobs import job_run

    job = _topic_jobs(channel)[-1]
    job_run(job.pk)
    job.refresh_from_db()
    return job


def test_without_a_writer_for_topics_autopilot_says_why_and_stops_asking_until_the_writers_change():
    import time_machine

    channel = make_channel(autopilot_ahead=3, writer_order=["offline"])  # no sources: no ideas offline
    with time_machine.travel("2026-12-01 09:00Z", tick=False) as clock:
        first = _round(channel)
        assert first.state == Job.State.SUCCEEDED and "asked for 3 new topic(s)" in first.message
        topics = _run_topics(channel)
        assert topics.state == Job.State.FAILED
        assert topics.message.startswith("Suggest topics failed") and "LLM writer" in topics.message

        clock.shift(3600)
        blocked = _round(channel)
        assert len(_topic_jobs(channel)) == 1  # nothing queued that cannot succeed
        assert "cannot add topics" in channel.autopilot_blocked
        assert "Set up an LLM writer" in channel.autopilot_blocked and "add topics by hand" in channel.autopilot_blocked
        assert channel.autopilot_blocked in blocked.warnings and "see the warning" in blocked.message

        for _hour in range(5):  # the hourly rounds that follow queue nothing either
            clock.shift(3600)
            _round(channel)
        assert len(_topic_jobs(channel)) == 1 and channel.autopilot_blocked

        channel.writer_order = ["openai", "offline"]  # the channel's writers change: worth asking again
        channel.save()
        clock.shift(3600)
        _round(channel)
        assert len(_topic_jobs(channel)) == 2 and channel.autopilot_blocked == ""


def test_a_topic_added_by_hand_lifts_the_block_and_a_blocked_channel_is_asked_again_a_day_later():
    import time_machine

    channel = make_channel(autopilot_ahead=2, writer_order=["offline"])
    with time_machine.travel("2026-12-01 09:00Z", tick=False) as clock:
        _round(channel)
        _run_topics(channel)
        clock.shift(3600)
        _round(channel)
        assert channel.autopilot_blocked and len(_topic_jobs(channel)) == 1

        clock.shift(24 * 3600)  # 24 h after the block: asked once more, in case it was an outage
        _round(channel)
        assert len(_topic_jobs(channel)) == 2
        _run_topics(channel)
        clock.shift(3600)
        _round(channel)
        assert channel.autopilot_blocked and len(_topic_jobs(channel)) == 2

        make_video(channel=channel, topic="The Bell Rock lighthouse")  # a topic by hand
        clock.shift(3600)
        _round(channel)
        assert channel.autopilot_blocked == "" and len(_topic_jobs(channel)) == 3  # one more still missing


def test_when_every_idea_is_a_repeat_the_topics_job_fails_and_autopilot_says_so(settings):
    from tests.fakes.llm_servers import SAMPLE_TOPICS, isolate_llm_settings, openai_server

    isolate_llm_settings(settings)
    channel = make_channel(autopilot_ahead=2, writer_order=["openai"])
    for topic in SAMPLE_TOPICS["topics"]:  # published long ago: not ahead, but not new either
        make_video(channel=channel, topic=topic, status=Video.Status.PUBLISHED)
    with openai_server() as server:
        settings.OPENAI_COMPAT_BASE_URL, settings.OPENAI_COMPAT_MODEL = f"{server.url}/v1", "gpt-test"
        settings.OPENAI_COMPAT_API_KEY = ""
        _round(channel)
        topics = _run_topics(channel)
        assert topics.state == Job.State.FAILED
        assert "No new topic ideas" in topics.error and "already has" in topics.error
        assert "Added 0" not in topics.message and "script format" not in topics.error
        _round(channel)
        assert "every idea the writer suggested is one the channel already has" in channel.autopilot_blocked
        assert len(_topic_jobs(channel)) == 1


def test_the_dashboard_and_the_api_show_why_autopilot_is_stuck(client):
    from tests.api.conftest import ApiClient

    channel = make_channel(autopilot_ahead=1, writer_order=["offline"])
    _round(channel)
    _run_topics(channel)
    _round(channel)
    assert channel.autopilot_blocked
    client.force_login(channel.owner)
    page = client.get("/").content.decode()
    assert "cannot add topics" in page and "add topics by hand" in page
    [listed] = ApiClient(channel.owner).get("/channels").json()["items"]
    assert listed["autopilot_blocked"] == channel.autopilot_blocked
