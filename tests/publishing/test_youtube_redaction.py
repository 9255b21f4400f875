"""YouTube on a bad day quotes the caller's access token and this server's OAuth client secret in
its error; neither reaches the Publication, the Job, the Video, the API or the page."""

from __future__ import annotations

import json

import pytest

from publishing.models import Publication
from tests.api.conftest import ApiClient
from tests.publishing.conftest import CLIENT, make_approved_video
from videos.models import Job
from videos.services.jobs import job_enqueue, job_run

pytestmark = pytest.mark.django_db


def test_a_youtube_error_that_quotes_the_token_and_client_secret_leaves_them_nowhere(
        youtube, yt_channel, media_root, client):
    [token] = youtube.state.data["access_tokens"]
    echoed = f"Request had invalid authentication credentials: Bearer {token} (client {CLIENT[1]})"
    youtube.enqueue(400, {"error": {"code": 400, "message": echoed, "status": "INVALID_ARGUMENT",
                                    "errors": [{"reason": "badRequest", "message": echoed, "domain": "global"}]}})
    video = make_approved_video(yt_channel, media_root)
    job = job_enqueue(kind=Job.Kind.PUBLISH, video=video)
    assert job_run(job.pk) == "failed"
    assert youtube.requests[0].headers["authorization"] == f"Bearer {token}"  # it was sent, and came back

    job.refresh_from_db()
    video.refresh_from_db()
    publication = Publication.objects.get(video=video)
    stored = json.dumps([job.error, job.message, job.details, job.warnings, video.status_message,
                         publication.message])
    assert "YouTube refused" in job.error and "[redacted]" in stored
    api = ApiClient(yt_channel.owner)
    client.force_login(yt_channel.owner)
    served = (api.get(f"/jobs/{job.pk}").content + api.get(f"/videos/{video.pk}").content
              + client.get(f"/videos/{video.pk}/").content + client.get("/jobs/").content).decode()
    for text in (stored, served):
        assert token not in text and CLIENT[1] not in text
