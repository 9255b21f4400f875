"""/metrics: who may read it, and the counters a pipeline run moves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.factories import make_channel, make_user, make_video
from tests.fakes.server import FakeServer
from tests.observability import pipeline_steps
from tests.observability.conftest import METRICS_TOKEN, Scrape
from videos.models import Job
from videos.services import jobs
from videos.services.jobs import job_enqueue, job_run

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_metrics_needs_a_token_or_a_staff_session(client, metrics_urls):
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    client.force_login(make_user())
    assert client.get("/metrics").status_code == 403
    client.force_login(make_user(is_staff=True))
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert b"faceless_jobs" in response.content


def test_an_empty_metrics_token_never_matches(client, metrics_urls, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 401


@pytest.fixture
def pipeline_stages(monkeypatch):
    """The real pipeline job with stand-in stages (our own step registry, not a library)."""
    module = pipeline_steps.__name__
    for kind, func in [(Job.Kind.WRITE_SCRIPT, "stage_write"), (Job.Kind.MATCH_FOOTAGE, "stage_footage"),
                       (Job.Kind.NARRATE_RENDER, "stage_render"), (Job.Kind.PUBLISH, "stage_publish")]:
        monkeypatch.setitem(jobs.STEPS, kind, f"{module}.{func}")
    with FakeServer(pipeline_steps.ProvidersHandler) as server:
        pipeline_steps.SERVER["url"] = server.url
        yield server


@pytest.mark.clock
def test_a_pipeline_run_moves_the_counters_by_the_right_amounts(scrape, pipeline_stages):
    video = make_video(channel=make_channel(review_required=False))
    before = scrape()
    job = job_enqueue(kind=Job.Kind.PIPELINE, video=video)
    assert job_run(job.pk) == "succeeded"
    job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video())  # left waiting
    after = scrape()

    def delta(name: str, **labels: str) -> float:
        return after.value(name, **labels) - before.value(name, **labels)

    assert delta("faceless_step_seconds_count", kind="pipeline") == 1
    assert delta("faceless_provider_calls_total", provider="ollama", operation="generate", outcome="ok") == 1
    # Two scenes: pixabay fails each time (503) and the fallback finds footage on pexels.
    assert delta("faceless_provider_calls_total", provider="pixabay", operation="search", outcome="error") == 2
    assert delta("faceless_provider_errors_total", provider="pixabay", status="503") == 2
    assert delta("faceless_provider_calls_total", provider="pexels", operation="search", outcome="ok") == 2
    assert delta("faceless_provider_errors_total", provider="pexels", status="200") == 0
    assert delta("faceless_provider_call_seconds_count", provider="youtube", operation="videos.insert") == 1
    assert delta("faceless_render_realtime_factor_count") == 1
    assert delta("faceless_render_realtime_factor_sum") == pytest.approx(0.5)
    assert delta("faceless_rate_limit_waits_total", provider="pexels") == 1
    assert delta("faceless_rate_limit_wait_seconds_total", provider="pexels") == pytest.approx(0.25)
    assert delta("faceless_youtube_quota_units_total", operation="videos.insert") == 1600
    # Scrape-time gauges are absolute: from this test's database and cache.
    assert after.value("faceless_youtube_quota_used_units") == 1600
    assert after.value("faceless_jobs", kind="pipeline", state="succeeded") == 1
    assert after.value("faceless_jobs", kind="write_script", state="queued") == 1
    assert after.value("faceless_queue_depth") == 1
    assert after.value("faceless_metrics_database_up") == 1
    assert after.value("faceless_breaker_open", provider="pixabay") == 0
    # django-prometheus's request metrics: the first scrape itself was one GET.
    assert delta("django_http_requests_total_by_method_total", method="GET") == 1
    video.refresh_from_db()
    assert video.status == "published"


@pytest.mark.clock
def test_a_workers_counters_reach_the_web_process_in_multiprocess_mode(tmp_path, scrape, monkeypatch):
    """A separate process records a step (as a django-q2 worker would); the view merges its file."""
    code = (
        "import django; django.setup();"
        "from faceless_site.metrics import STEP_SECONDS; from faceless_site.providers import PROVIDER_ERRORS;"
        "STEP_SECONDS.labels(kind='narrate_render').observe(42.0);"
        "PROVIDER_ERRORS.labels(provider='unsplash', status='429').inc(3)"
    )
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "faceless_site.settings"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=Path(django_settings.BASE_DIR), timeout=60)
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    merged = scrape()
    assert merged.value("faceless_step_seconds_count", kind="narrate_render") == 1
    assert merged.value("faceless_step_seconds_sum", kind="narrate_render") == 42.0
    assert merged.value("faceless_provider_errors_total", provider="unsplash", status="429") == 3
    assert merged.value("faceless_jobs", kind="pipeline", state="queued") == 0  # the database gauges too


@pytest.mark.clock
def test_the_view_accepts_an_openmetrics_scraper(client, metrics_urls):
    response = client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}",
                                               "Accept": "application/openmetrics-text; version=1.0.0"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/openmetrics-text")
    assert response.content.rstrip().endswith(b"# EOF")


def test_scrape_parses_prometheus_text():
    assert Scrape("# TYPE x gauge\nx{a=\"b\"} 3\n").value("x", a="b") == 3


@pytest.mark.clock
def test_an_open_breaker_and_its_skipped_calls_show_in_the_metrics(scrape, settings):
    from faceless_site.providers import BreakerOpen, integration_status, provider_call

    settings.BREAKER_FAILURE_THRESHOLD = 2
    before = scrape()
    for _ in range(2):
        with provider_call(provider="unsplash", operation="search") as call:
            call.status = 502
    with pytest.raises(BreakerOpen), provider_call(provider="unsplash", operation="search"):
        raise AssertionError("not called while the breaker is open")
    after = scrape()
    assert after.value("faceless_breaker_open", provider="unsplash") == 1
    opens_until = integration_status("unsplash")["opens_until"].timestamp()
    assert after.value("faceless_breaker_open_until_seconds", provider="unsplash") == pytest.approx(opens_until)
    skipped = {"provider": "unsplash", "operation": "search", "outcome": "skipped"}
    assert after.value("faceless_provider_calls_total", **skipped) - before.value(
        "faceless_provider_calls_total", **skipped) == 1
    assert after.value("faceless_provider_errors_total", provider="unsplash", status="502") - before.value(
        "faceless_provider_errors_total", provider="unsplash", status="502") == 2
