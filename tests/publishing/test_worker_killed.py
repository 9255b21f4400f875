"""A publish worker killed with -9 mid-upload: the job is recovered, a new cluster asks the stored
session where it stands and sends only the rest, and YouTube ends up with exactly one video.

This drives real `manage.py qcluster` processes against the test database and the local HTTPS
YouTube; the cluster trusts the test CA through httplib2's HTTPLIB2_CA_CERTS."""

from __future__ import annotations

import pytest

from faceless_site.mediastore.files import media_read
from publishing.models import Publication
from tests.cluster import STALE_SECONDS, kill_all, start_cluster, stop, wait_for
from tests.publishing.conftest import CHUNK, make_approved_video
from videos.models import Job
from videos.services.jobs import job_enqueue, jobs_recover

pytestmark = [pytest.mark.slow, pytest.mark.real_clock, pytest.mark.django_db(transaction=True)]


def session_puts(server, since: int = 0):
    return [r for r in server.requests[since:] if r.path.startswith("/upload/session/")]


def test_an_upload_killed_midway_resumes_in_a_new_worker_and_uploads_once(youtube, yt_channel, media_root, tmp_path,
                                                                           monkeypatch, settings):
    settings.JOB_STALE_SECONDS = STALE_SECONDS  # as the clusters judge it
    for name in ("YOUTUBE_API_ENDPOINT", "YOUTUBE_ANALYTICS_API_ENDPOINT", "GOOGLE_OAUTH_TOKEN_URL",
                 "GOOGLE_OAUTH_CLIENT_ID", "GOOGLE_OAUTH_CLIENT_SECRET", "YOUTUBE_UPLOAD_CHUNK_BYTES"):
        monkeypatch.setenv(name, str(getattr(settings, name)))
    monkeypatch.setenv("TOKEN_ENCRYPTION_KEYS", ",".join(settings.TOKEN_ENCRYPTION_KEYS))
    monkeypatch.setenv("HTTPLIB2_CA_CERTS", settings.YOUTUBE_CA_CERTS)
    youtube.state.data["chunk_delay"] = 0.4
    video = make_approved_video(yt_channel, media_root, size=12 * CHUNK + 777)
    job = job_enqueue(kind=Job.Kind.PUBLISH, video=video)

    first = start_cluster(tmp_path)
    try:
        wait_for(lambda: Publication.objects.filter(video=video, bytes_confirmed__gte=3 * CHUNK).exists(), 60,
                 "three chunks confirmed")
    finally:
        kill_all(first)
    killed_at = Publication.objects.get(video=video)
    seen = len(youtube.requests)
    assert not youtube.videos and 0 < killed_at.bytes_confirmed < killed_at.bytes_total

    youtube.state.data["chunk_delay"] = 0
    second = start_cluster(tmp_path)
    try:
        # The dead worker's heartbeat goes stale; then recovery (what the control cluster runs) queues it again.
        wait_for(lambda: Job.objects.get(pk=job.pk).is_interrupted, 10 * STALE_SECONDS, "the job to show interrupted")
        assert jobs_recover() == [job.pk]
        wait_for(lambda: Job.objects.get(pk=job.pk).state in Job.DONE_STATES, 60, "the publish job to finish")
    finally:
        stop(second)

    assert Job.objects.get(pk=job.pk).state == Job.State.SUCCEEDED, Job.objects.get(pk=job.pk).error
    publication = Publication.objects.get(video=video)
    [video_id] = youtube.videos
    assert publication.state == Publication.State.PUBLISHED and publication.external_id == video_id
    assert youtube.videos[video_id]["bytes"] == media_read(video.latest_render.file)
    assert len(youtube.calls("POST", "/upload/youtube/v3/videos")) == 1
    after = session_puts(youtube, seen)
    assert after[0].headers["content-range"] == f"bytes */{publication.bytes_total}"
    resumed_from = int(after[1].headers["content-range"].split()[1].split("-")[0])
    assert resumed_from >= killed_at.bytes_confirmed > 0
