"""Publishing to YouTube through the real google-api-python-client against a local HTTPS server
speaking the resumable upload protocol, with faults injected."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from faceless_site.mediastore.files import media_read
from publishing import crypto
from publishing.models import Publication, QuotaUsage, YouTubeAccount
from publishing.services import publish_due, step_publish
from publishing.youtube.quota import quota_usage
from tests.publishing.conftest import CHUNK, make_approved_video
from videos.models import Job, Video
from videos.services.jobs import JobContext, job_enqueue, job_retry, job_run

pytestmark = pytest.mark.django_db

SESSION = "/upload/session/"


def publish(video: Video) -> tuple[Job, Publication]:
    job = job_enqueue(kind=Job.Kind.PUBLISH, video=video)
    job_run(job.pk)
    job.refresh_from_db()
    return job, Publication.objects.get(video=video)


def uploaded_bytes(server, video_id: str) -> bytes:
    return server.videos[video_id]["bytes"]


def file_bytes(video: Video) -> bytes:
    return media_read(video.latest_render.file)


def chunk_starts(server) -> list[int]:
    starts = []
    for request in server.requests:
        content_range = request.headers.get("content-range", "")
        if request.path.startswith(SESSION) and not content_range.startswith("bytes */"):
            starts.append(int(content_range.removeprefix("bytes ").split("-")[0]))
    return starts


@pytest.mark.clock
def test_publishes_with_all_metadata_thumbnail_and_playlist(youtube, yt_channel, media_root):
    video = make_approved_video(yt_channel, media_root)
    job, publication = publish(video)

    assert job.state == Job.State.SUCCEEDED, job.error
    assert publication.state == Publication.State.PUBLISHED
    [video_id] = youtube.videos
    assert publication.external_id == video_id
    assert publication.external_url == f"https://www.youtube.com/watch?v={video_id}"
    assert uploaded_bytes(youtube, video_id) == file_bytes(video)
    [init] = youtube.calls("POST", "/upload/youtube/v3/videos")
    assert init.query["uploadType"] == ["resumable"] and init.query["part"] == ["snippet,status"]
    body = init.json()
    assert body["snippet"]["title"] == "The first satellite"
    assert body["snippet"]["description"].startswith("How Sputnik changed everything.")
    assert body["snippet"]["tags"] == ["space", "history", "sputnik 1957"]
    assert body["snippet"]["categoryId"] == "28"
    assert body["snippet"]["defaultLanguage"] == "en"
    # Published now (no slot): the channel's privacy, no publishAt.
    assert body["status"] == {"privacyStatus": "public", "selfDeclaredMadeForKids": False,
                              "containsSyntheticMedia": True}
    assert chunk_starts(youtube) == [0, CHUNK, 2 * CHUNK, 3 * CHUNK, 4 * CHUNK, 5 * CHUNK]
    thumbnail = media_read(video.latest_render.thumbnail)
    assert youtube.state.data["thumbnails"][video_id] == thumbnail
    assert list(youtube.state.data["playlist_items"].values()) == [("PLfaceless", video_id)]
    assert publication.playlist_item_id and publication.thumbnail_set_at
    video.refresh_from_db()
    assert video.status == Video.Status.PUBLISHED and video.published_at
    usage = quota_usage()
    assert usage["uploads"]["used"] == 1
    assert usage["units"]["used"] == 50 + 1 + 50  # thumbnails.set, playlistItems.list, playlistItems.insert


@pytest.mark.clock
def test_injected_503s_mid_upload_are_retried_from_the_confirmed_byte(youtube, yt_channel, media_root):
    video = make_approved_video(yt_channel, media_root)
    youtube.fail("chunk", 503, times=2, after=2)
    youtube.fail("thumbnail", 503)
    job, publication = publish(video)

    assert job.state == Job.State.SUCCEEDED, job.error
    [video_id] = youtube.videos
    assert uploaded_bytes(youtube, video_id) == file_bytes(video)
    # The third chunk failed twice; the client asked where the session stood, then resent it.
    assert chunk_starts(youtube) == [0, CHUNK, 2 * CHUNK, 2 * CHUNK, 2 * CHUNK, 3 * CHUNK, 4 * CHUNK, 5 * CHUNK]
    assert len([r for r in youtube.requests if r.headers.get("content-range", "").startswith("bytes */")]) == 2
    assert len(youtube.calls("POST", "/upload/youtube/v3/thumbnails/set")) == 2
    assert quota_usage()["uploads"]["used"] == 1
    assert publication.state == Publication.State.PUBLISHED


@pytest.mark.clock
def test_a_connection_dropped_mid_chunk_resumes_from_what_the_server_kept(youtube, yt_channel, media_root, settings):
    settings.YOUTUBE_UPLOAD_CHUNK_BYTES = 4 * CHUNK
    video = make_approved_video(yt_channel, media_root, size=9 * CHUNK + 100)
    youtube.fail("chunk", "drop_mid", times=2, after=1)
    job, _publication = publish(video)

    assert job.state == Job.State.SUCCEEDED, job.error
    [video_id] = youtube.videos
    assert uploaded_bytes(youtube, video_id) == file_bytes(video)
    # The second chunk (from 4*CHUNK) was cut after half its bytes, twice (httplib2 re-sends once by
    # itself); the server kept 2*CHUNK of them. The client asked where the session stood and continued
    # from 6*CHUNK, not from the start of the chunk or of the file.
    puts = [r for r in youtube.requests if r.path.startswith(SESSION)]
    query = next(i for i, r in enumerate(puts) if r.headers["content-range"].startswith("bytes */"))
    assert puts[query + 1].headers["content-range"].startswith(f"bytes {6 * CHUNK}-")
    assert chunk_starts(youtube)[0] == 0 and 0 not in chunk_starts(youtube)[1:]


class WorkerKilled(BaseException):
    """Stands in for kill -9: not an Exception, so nothing in the step can catch and tidy up."""


class KillAfter(JobContext):
    def __init__(self, job: Job, chunks: int) -> None:
        super().__init__(job=job)
        self.chunks = chunks

    def progress(self, percent, stage, message=""):
        super().progress(percent, stage, message)
        if stage == "Uploading to YouTube" and message and not message.startswith(("Starting", "Resuming")):
            self.chunks -= 1
            if self.chunks == 0:
                raise WorkerKilled()


@pytest.mark.clock
def test_a_crash_resumes_from_the_last_confirmed_byte_not_from_zero(youtube, yt_channel, media_root):
    video = make_approved_video(yt_channel, media_root)
    job = job_enqueue(kind=Job.Kind.PUBLISH, video=video)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    with pytest.raises(WorkerKilled):
        step_publish(KillAfter(Job.objects.select_related("video").get(pk=job.pk), chunks=3))

    publication = Publication.objects.get(video=video)
    assert publication.upload_uri.startswith(youtube.url + SESSION)
    assert publication.bytes_confirmed == 3 * CHUNK
    assert not youtube.videos
    requests_before = len(youtube.requests)

    # The runner re-runs the same job once its heartbeat is stale (the dead worker's lease is taken over).
    Job.objects.filter(pk=job.pk).update(heartbeat_at=datetime.now(UTC) - timedelta(hours=1))
    assert job_run(job.pk) == "succeeded"

    after = youtube.requests[requests_before:]
    assert after[0].headers["content-range"] == f"bytes */{publication.bytes_total}"
    assert not [r for r in after if r.path == "/upload/youtube/v3/videos"]  # no second session
    assert chunk_starts(youtube)[3:] == [3 * CHUNK, 4 * CHUNK, 5 * CHUNK]
    [video_id] = youtube.videos
    assert uploaded_bytes(youtube, video_id) == file_bytes(video)
    assert quota_usage()["uploads"]["used"] == 1


@pytest.mark.clock
def test_a_retried_job_finds_the_upload_that_finished_before_its_id_was_stored(youtube, yt_channel, media_root,
                                                                                settings):
    settings.YOUTUBE_MAX_RETRIES = 0
    video = make_approved_video(yt_channel, media_root)
    youtube.fail("chunk", "complete_drop", times=2, after=5)  # the last chunk lands, no answer comes
    failed, publication = publish(video)

    assert failed.state == Job.State.FAILED
    assert "could not be reached" in failed.error
    assert publication.external_id == "" and publication.upload_uri
    [video_id] = youtube.videos

    settings.YOUTUBE_MAX_RETRIES = 10
    retry = job_retry(job=failed)
    job_run(retry.pk)
    retry.refresh_from_db()
    publication.refresh_from_db()
    assert retry.state == Job.State.SUCCEEDED, retry.error
    assert list(youtube.videos) == [video_id]
    assert publication.external_id == video_id
    assert len(youtube.calls("POST", "/upload/youtube/v3/videos")) == 1
    assert Video.objects.get(pk=video.pk).status == Video.Status.PUBLISHED


def test_quota_exceeded_answer_waits_for_the_pacific_reset(youtube, yt_channel, media_root):
    video = make_approved_video(yt_channel, media_root)
    youtube.fail("init", "quota")
    job, publication = publish(video)

    # Waiting is neither a failure nor done: the job says so, why, and until when.
    assert job.state == Job.State.WAITING and job.get_state_display() == "Waiting"
    assert "quota" in job.message and job.message == publication.message
    assert job.waiting_until == publication.not_before
    assert job.stage.startswith("Waiting until ") and job.error == ""
    assert publication.state == Publication.State.WAITING
    assert "resets at midnight Pacific" in publication.message
    reset = publication.not_before.astimezone(ZoneInfo("America/Los_Angeles"))
    assert (reset.hour, reset.minute) == (0, 0) and publication.not_before > datetime.now(UTC)
    assert QuotaUsage.objects.get(bucket="uploads").exhausted
    assert Video.objects.get(pk=video.pk).status == Video.Status.APPROVED
    assert "quota" in Video.objects.get(pk=video.pk).status_message

    assert publish_due() == []
    assert publish_due(now=publication.not_before + timedelta(seconds=1)) == [publication.pk]


@pytest.mark.clock
def test_a_short_rate_limit_is_waited_out_and_the_upload_goes_on(youtube, yt_channel, media_root):
    video = make_approved_video(yt_channel, media_root)
    youtube.fail("init", "rate")  # 403 userRateLimitExceeded: slow down, not a spent day
    youtube.fail("chunk", "429:0", after=1)  # 429 RESOURCE_EXHAUSTED with Retry-After: 0, mid-upload
    job, publication = publish(video)

    assert job.state == Job.State.SUCCEEDED, job.error
    assert publication.state == Publication.State.PUBLISHED
    assert uploaded_bytes(youtube, publication.external_id) == file_bytes(video)
    assert len(youtube.calls("POST", "/upload/youtube/v3/videos")) == 2
    assert not QuotaUsage.objects.filter(exhausted=True).exists()


@pytest.mark.clock
def test_a_rate_limit_that_stays_makes_the_upload_wait_minutes_then_resume(youtube, yt_channel, media_root):
    video = make_approved_video(yt_channel, media_root)
    youtube.fail("chunk", "rate", times=4, after=2)  # more than YOUTUBE_RATE_LIMIT_RETRIES in a row
    before = datetime.now(UTC)
    job, publication = publish(video)

    # Neither failed nor a day's wait: the job waits a few minutes, says why, and keeps what was sent.
    assert job.state == Job.State.WAITING and job.error == ""
    assert "slow down" in job.message and "userRateLimitExceeded" in job.message
    assert publication.state == Publication.State.WAITING and publication.message == job.message
    assert before + timedelta(minutes=14) < publication.not_before < datetime.now(UTC) + timedelta(minutes=16)
    assert not QuotaUsage.objects.filter(exhausted=True).exists()
    assert Video.objects.get(pk=video.pk).status == Video.Status.APPROVED
    confirmed = publication.bytes_confirmed
    assert confirmed > 0

    assert publish_due(now=publication.not_before + timedelta(seconds=1)) == [publication.pk]
    job_run(Job.objects.get(kind=Job.Kind.PUBLISH, state=Job.State.QUEUED).pk)
    publication.refresh_from_db()
    assert publication.state == Publication.State.PUBLISHED
    assert uploaded_bytes(youtube, publication.external_id) == file_bytes(video)
    assert len(youtube.calls("POST", "/upload/youtube/v3/videos")) == 1  # the same session, resumed
    assert min(s for s in chunk_starts(youtube)[3:]) >= confirmed - CHUNK


def test_a_long_retry_after_is_not_slept_through_in_a_worker(youtube, yt_channel, media_root):
    video = make_approved_video(yt_channel, media_root)
    youtube.fail("init", "429:600")
    before = datetime.now(UTC)
    job, publication = publish(video)

    assert job.state == Job.State.WAITING
    assert "about 10 min" in publication.message
    assert before + timedelta(seconds=599) < publication.not_before < datetime.now(UTC) + timedelta(seconds=601)
    assert len(youtube.calls("POST", "/upload/youtube/v3/videos")) == 1


@pytest.mark.clock
def test_an_upload_that_would_pass_the_ledger_limit_waits_without_calling_youtube(youtube, yt_channel, media_root,
                                                                                   settings):
    settings.YOUTUBE_DAILY_UPLOADS = 1
    first = make_approved_video(yt_channel, media_root)
    second = make_approved_video(yt_channel, media_root)
    assert publish(first)[1].state == Publication.State.PUBLISHED
    inits = len(youtube.calls("POST", "/upload/youtube/v3/videos"))

    _, publication = publish(second)
    assert publication.state == Publication.State.WAITING
    assert "uploads (videos.insert)" in publication.message
    assert len(youtube.calls("POST", "/upload/youtube/v3/videos")) == inits
    assert quota_usage()["uploads"] == {"used": 1, "limit": 1, "calls": 1, "exhausted": False}


@pytest.mark.clock
def test_an_expired_token_is_refreshed_and_stored_encrypted(youtube, yt_channel, media_root):
    account = YouTubeAccount.objects.get(channel=yt_channel)
    old = crypto.decrypt_json(account.encrypted_credentials)
    youtube.expire_tokens()  # Google no longer accepts the access token
    video = make_approved_video(yt_channel, media_root)
    job, publication = publish(video)

    assert job.state == Job.State.SUCCEEDED, job.error
    assert publication.state == Publication.State.PUBLISHED
    [token_call] = youtube.calls("POST", "/token")
    assert b"grant_type=refresh_token" in token_call.body
    account.refresh_from_db()
    new = crypto.decrypt_json(account.encrypted_credentials)
    assert new["token"] != old["token"] and new["token"] in youtube.state.data["access_tokens"]
    assert new["refresh_token"] == old["refresh_token"]
    assert old["token"] not in account.encrypted_credentials and new["token"] not in account.encrypted_credentials
    assert account.refreshed_at is not None


def test_a_revoked_grant_puts_the_channel_in_reconnect_instead_of_failing(youtube, yt_channel, media_root):
    youtube.revoke(yt_channel.refresh_token_for_tests)
    youtube.expire_tokens()
    video = make_approved_video(yt_channel, media_root)
    job, publication = publish(video)

    assert (job.state, job.stage, job.waiting_until) == (Job.State.WAITING, "Waiting for you to act", None)
    assert "Connect YouTube again" in job.message
    account = YouTubeAccount.objects.get(channel=yt_channel)
    assert account.state == YouTubeAccount.State.RECONNECT
    assert "Connect YouTube again" in account.last_error
    assert publication.state == Publication.State.WAITING and "Connect YouTube again" in publication.message
    assert Video.objects.get(pk=video.pk).status == Video.Status.APPROVED
    assert not youtube.videos

    # While the channel waits for reconnecting, nothing is enqueued and no call reaches YouTube.
    calls = len(youtube.requests)
    assert publish_due(now=datetime.now(UTC) + timedelta(minutes=5)) == []
    assert len(youtube.requests) == calls

    # The owner connects again: the waiting upload goes out on the next round.
    from tests.publishing.conftest import link_account

    account.delete()
    link_account(youtube, yt_channel)
    Job.objects.filter(video=video).update(state=Job.State.SUCCEEDED)
    assert publish_due(now=datetime.now(UTC) + timedelta(minutes=5)) == [publication.pk]


@pytest.mark.clock
def test_a_refused_thumbnail_is_a_warning_and_the_playlist_is_not_added_twice(youtube, yt_channel, media_root):
    youtube.fail("thumbnail", 403)
    video = make_approved_video(yt_channel, media_root)
    _job, publication = publish(video)
    assert publication.state == Publication.State.PUBLISHED
    assert "Thumbnail not set" in publication.message
    assert publication.thumbnail_set_at is None

    # A re-run (e.g. a retried job) finds the video, sets the thumbnail, and keeps one playlist item.
    Publication.objects.filter(pk=publication.pk).update(state=Publication.State.UPLOADING, playlist_item_id="")
    job2 = job_enqueue(kind=Job.Kind.PUBLISH, video=video)
    job_run(job2.pk)
    publication.refresh_from_db()
    assert len(youtube.videos) == 1
    assert publication.thumbnail_set_at is not None
    assert len(youtube.state.data["playlist_items"]) == 1


@pytest.mark.clock
def test_an_expired_session_starts_a_new_upload_with_fresh_metadata(youtube, yt_channel, media_root):
    video = make_approved_video(yt_channel, media_root)
    job = job_enqueue(kind=Job.Kind.PUBLISH, video=video)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    with pytest.raises(WorkerKilled):
        step_publish(KillAfter(Job.objects.select_related("video").get(pk=job.pk), chunks=2))
    youtube.state.data["sessions"].clear()  # Google forgets sessions after about a week

    Job.objects.filter(pk=job.pk).update(heartbeat_at=datetime.now(UTC) - timedelta(hours=1))
    assert job_run(job.pk) == "succeeded"
    [video_id] = youtube.videos
    assert uploaded_bytes(youtube, video_id) == file_bytes(video)
    assert len(youtube.calls("POST", "/upload/youtube/v3/videos")) == 2
    assert quota_usage()["uploads"]["used"] == 2  # each session is an insert call Google counts
    assert Publication.objects.get(video=video).external_id == video_id


@pytest.mark.clock
def test_youtube_api_calls_are_recorded_for_health_and_metrics(youtube, yt_channel, media_root):
    from faceless_site.providers import integration_status, known_integrations

    youtube.revoke(yt_channel.refresh_token_for_tests)
    youtube.expire_tokens()
    publish(make_approved_video(yt_channel, media_root))
    # A revoked grant is one account's problem: it never counts against YouTube's circuit breaker.
    assert integration_status("youtube")["consecutive_failures"] == 0

    from tests.publishing.conftest import link_account

    YouTubeAccount.objects.filter(channel=yt_channel).delete()
    link_account(youtube, yt_channel)
    job, _publication = publish(make_approved_video(yt_channel, media_root))
    assert job.state == Job.State.SUCCEEDED
    assert "youtube" in known_integrations()
    assert integration_status("youtube")["breaker_state"] == "closed"


@pytest.mark.parametrize(("operation", "says"), [("videos.insert", "The upload waits about 2 min"),
                                                 ("thumbnails.set", "Setting the thumbnail waits about 2 min"),
                                                 ("playlistItems.insert", "Adding it to the playlist waits"),
                                                 ("reports.query", "The analytics sync waits")])
def test_a_rate_limit_message_names_the_work_that_waits(operation, says):
    import httplib2
    from googleapiclient.errors import HttpError

    from publishing.youtube.client import rate_limited

    exc = HttpError(httplib2.Response({"status": 429}), b'{"error": {"code": 429, "errors": '
                                                        b'[{"reason": "rateLimitExceeded"}]}}')
    message = rate_limited(exc, operation, 120).message
    assert says in message and f"({operation}: HTTP 429, rateLimitExceeded)" in message


# --- media in an object store (issue 28) -----------------------------------------------------------

@pytest.mark.clock
@pytest.mark.real_clock  # the store checks request signatures against its own clock
def test_another_machine_uploads_a_stored_render_in_ranged_reads_without_a_local_copy(
        youtube, yt_channel, s3_media, settings, tmp_path):
    from tests.fakes.s3_proxy import S3FaultProxy

    video = make_approved_video(yt_channel, None, size=5 * CHUNK + 12345)  # "rendered" on another machine
    settings.MEDIA_SCRATCH_DIR = tmp_path / "publisher"
    with S3FaultProxy(s3_media.endpoint) as store:
        settings.STORAGES["default"]["OPTIONS"]["endpoint_url"] = store.endpoint
        settings.STORAGES = dict(settings.STORAGES)
        store.fail(lambda seen: seen.method == "GET" and "bytes=524288-" in seen.headers.get("range", ""), "slowdown")
        job, publication = publish(video)
    assert job.state == Job.State.SUCCEEDED, job.error
    assert uploaded_bytes(youtube, publication.external_id) == file_bytes(video)
    ranges = [s.headers["range"] for s in store.seen if s.method == "GET" and "range" in s.headers]
    # One ranged read per chunk (the third read twice: the store asked to slow down once).
    assert ranges == [f"bytes={n * CHUNK}-{(n + 1) * CHUNK - 1}" for n in (0, 1, 2, 2, 3, 4, 5)]
    assert not [p for p in (tmp_path / "publisher").rglob("*.mp4")]  # nothing copied to this machine's disk
