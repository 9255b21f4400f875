"""Error reports reach Sentry (a local server speaking its envelope protocol) with the job and
request context, and without secrets or personal data."""

from __future__ import annotations

import pytest
import sentry_sdk

from faceless_site.sentry import init_sentry
from tests.factories import make_video
from tests.observability import pipeline_steps
from tests.observability.conftest import events
from tests.observability.urls import PLANTED_SECRET as VIEW_SECRET
from videos.models import Job
from videos.services import jobs
from videos.services.jobs import job_enqueue, job_run

pytestmark = pytest.mark.django_db


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



def test_the_oauth_code_and_state_of_a_failed_return_from_google_never_reach_sentry(sentry, client):
    client.raise_request_exception = False
    code, state = "4/0AX4XfWg-planted-code-for-sentry", "planted-state-for-sentry-0123"
    client.get("/complete/google-oauth2/", {"state": state, "code": code})  # Google is not set up: 503
    sentry_sdk.capture_message("after the oauth return")  # carries the request's breadcrumbs
    sent, raw = events(sentry)
    assert sent and code not in raw and state not in raw and "4/0AX4XfWg" not in raw
