"""Error reports reach Sentry (a local server speaking its envelope protocol) with the job and
request context, and without secrets or personal data."""

from __future__ import annotations

import gzip
import json

import pytest
import sentry_sdk

from faceless_site.sentry import init_sentry
from tests.factories import make_video
from tests.fakes.server import FakeHandler, FakeServer, Recorded
from tests.observability import pipeline_steps
from tests.observability.urls import PLANTED_SECRET as VIEW_SECRET
from videos.models import Job
from videos.services import jobs
from videos.services.jobs import job_enqueue, job_run

pytestmark = pytest.mark.django_db


class SentryHandler(FakeHandler):
    def route(self, recorded: Recorded):
        if recorded.method == "POST" and recorded.path == "/api/1/envelope/":
            return 200, {}, {}
        return 404, {}, {}


def _decode(recorded: Recorded) -> str:
    encoding = recorded.headers.get("content-encoding", "")
    if encoding == "gzip":
        return gzip.decompress(recorded.body).decode()
    if encoding == "br":
        import brotli

        return brotli.decompress(recorded.body).decode()
    return recorded.body.decode()


def events(server: FakeServer) -> tuple[list[dict], str]:
    """The error events sent, and every envelope's raw text (to search for leaks)."""
    sentry_sdk.flush(timeout=5)
    texts = [_decode(r) for r in server.requests if r.path == "/api/1/envelope/"]
    found = []
    for text in texts:
        lines = text.splitlines()
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                found.append(json.loads(payload))
    return found, "\n".join(texts)


@pytest.fixture
def sentry():
    with FakeServer(SentryHandler) as server:
        host, port = server.httpd.server_address[:2]
        assert init_sentry(dsn=f"http://public@{host}:{port}/1")
        yield server
        sentry_sdk.get_client().close()
        sentry_sdk.get_global_scope().set_client(None)


def test_nothing_starts_without_a_dsn(settings):
    settings.SENTRY_DSN = ""
    assert init_sentry() is False
    assert not sentry_sdk.get_client().is_active()


def test_a_crashed_job_is_reported_with_its_ids_and_without_the_secret(sentry, monkeypatch):
    monkeypatch.setitem(jobs.STEPS, Job.Kind.WRITE_SCRIPT, f"{pipeline_steps.__name__}.step_crashes")
    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video())
    assert job_run(job.pk) == "failed"
    sent, raw = events(sentry)
    crash = next(event for event in sent if event.get("logentry", {}).get("message") == "job.crashed")
    assert crash["tags"]["job_id"] == str(job.pk) and crash["tags"]["video_id"] == str(job.video_id)
    assert crash["exception"]["values"][-1]["type"] == "ValueError"
    assert pipeline_steps.PLANTED_SECRET not in raw
    assert "[redacted]" in crash["exception"]["values"][-1]["value"]


def test_a_failed_request_is_reported_without_credentials_or_personal_data(sentry, client, metrics_urls):
    client.raise_request_exception = False
    client.cookies["sessionid"] = "session-cookie-value-123456"
    response = client.get(f"/boom?api_key={VIEW_SECRET}", headers={"Authorization": f"Bearer {VIEW_SECRET}"},
                          REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 500
    sent, raw = events(sentry)
    boom = next(event for event in sent if event["exception"]["values"][-1]["type"] == "RuntimeError")
    assert boom["transaction"].endswith("boom")
    assert boom["tags"]["request_id"]
    assert VIEW_SECRET not in raw
    assert "session-cookie-value-123456" not in raw
    assert "203.0.113.9" not in raw
    started = next(crumb for crumb in boom["breadcrumbs"]["values"] if crumb["message"] == "request_started")
    assert started["data"]["request_id"] == boom["tags"]["request_id"] and "ip" not in started["data"]
    frames = boom["exception"]["values"][-1]["stacktrace"]["frames"]
    assert all("vars" not in frame for frame in frames)

