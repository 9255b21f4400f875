"""Log lines: JSON outside DEBUG, with the request or job ids on every line, and no secrets."""

from __future__ import annotations

import logging

import pytest
import structlog

from faceless_site.logging import REDACTED, redact
from tests.factories import make_channel, make_video
from tests.fakes.server import FakeServer
from tests.observability import pipeline_steps
from tests.observability.conftest import METRICS_TOKEN
from tests.observability.urls import PLANTED_SECRET as VIEW_SECRET
from videos.models import Job
from videos.services import jobs
from videos.services.jobs import job_enqueue, job_run

pytestmark = pytest.mark.django_db
SECRET = pipeline_steps.PLANTED_SECRET


@pytest.fixture
def stages(monkeypatch):
    def use(kind: str, func: str) -> None:
        monkeypatch.setitem(jobs.STEPS, kind, f"{pipeline_steps.__name__}.{func}")
    with FakeServer(pipeline_steps.ProvidersHandler) as server:
        pipeline_steps.SERVER["url"] = server.url
        yield use


def test_job_lines_are_json_with_the_job_video_and_channel_and_no_secret(json_logs, stages):
    stages(Job.Kind.WRITE_SCRIPT, "stage_write")
    stages(Job.Kind.MATCH_FOOTAGE, "stage_footage")
    video = make_video(channel=make_channel())
    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=video)
    job_run(job.pk)
    footage = job_enqueue(kind=Job.Kind.MATCH_FOOTAGE, video=video)
    job_run(footage.pk)

    lines = json_logs.lines()
    assert SECRET not in json_logs.text
    during = [line for line in lines if line["event"] not in ("job.enqueued",)]
    events = [line["event"] for line in during]
    assert events.count("job.started") == 2 and "script.written" in events
    for line in during:
        assert line["job_id"] in (job.pk, footage.pk), line
        assert line["video_id"] == video.pk and line["channel_id"] == video.channel_id, line
        assert line["level"] and line["timestamp"], line
    written = next(line for line in lines if line["event"] == "script.written")
    assert written["api_key"] == REDACTED
    assert written["note"] == f"called with token={REDACTED}"


def test_every_outside_call_logs_provider_operation_status_latency_and_retries(json_logs, stages):
    stages(Job.Kind.MATCH_FOOTAGE, "stage_footage")
    video = make_video()
    pipeline_steps.make_script(video)
    job_run(job_enqueue(kind=Job.Kind.MATCH_FOOTAGE, video=video).pk)

    calls = [line for line in json_logs.lines() if line["event"] == "provider.call"]
    assert [(c["provider"], c["status"], c["outcome"]) for c in calls] == [
        ("pixabay", "503", "error"), ("pexels", "200", "ok"), ("pixabay", "503", "error"), ("pexels", "200", "ok"),
    ]
    for call in calls:
        assert call["operation"] == "search" and call["retries"] == 0
        assert isinstance(call["latency_ms"], float) and call["latency_ms"] >= 0
        assert call["job_id"] and call["video_id"] == video.pk
    assert calls[0]["level"] == "warning" and "HTTP 503" in calls[0]["error"]


def test_a_crashed_step_logs_its_traceback_without_the_secret_in_it(json_logs, stages):
    stages(Job.Kind.WRITE_SCRIPT, "step_crashes")
    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video())
    assert job_run(job.pk) == "failed"
    crashed = next(line for line in json_logs.lines() if line["event"] == "job.crashed")
    assert "Traceback" in crashed["exception"] and "ValueError" in crashed["exception"]
    assert crashed["job_id"] == job.pk
    assert SECRET not in json_logs.text


@pytest.mark.clock
def test_request_lines_carry_the_request_id_and_no_credentials(json_logs, client, metrics_urls):
    client.get("/hello", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    client.get("/metrics?key=" + VIEW_SECRET, headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    lines = json_logs.lines()
    request_ids = {line.get("request_id") for line in lines}
    assert None not in request_ids and len(request_ids) == 2
    hello = next(line for line in lines if line["event"] == "hello.viewed")
    assert hello["api_key"] == REDACTED
    finished = [line for line in lines if line["event"] == "request_finished"]
    assert [line["code"] for line in finished] == [200, 200]
    assert VIEW_SECRET not in json_logs.text and METRICS_TOKEN not in json_logs.text


def test_standard_library_loggers_are_redacted_too(json_logs):
    logging.getLogger("some.library").warning("retrying %s with %s", "https://x.test/v1?api_key=abc123secret",
                                              {"Authorization": "Bearer abcdefgh12345678"})
    line = json_logs.lines()[-1]
    assert line["logger"] == "some.library" and line["level"] == "warning"
    assert "abc123secret" not in line["event"] and "abcdefgh12345678" not in line["event"]


def test_debug_renders_a_readable_console_line_still_redacted(console_logs):
    structlog.get_logger("faceless.test").info("provider.call", provider="pexels", password="hunter2hunter2")
    text = console_logs.text
    assert "provider.call" in text and "provider=pexels" in text
    assert "hunter2hunter2" not in text and not text.lstrip().startswith("{")


@pytest.mark.parametrize(("key", "value", "kept"), [
    ("input_tokens", 532, True),
    ("cache_key", "videos:1", True),
    ("author", "Ada", True),
    ("access_token", "ya29.something", False),
    ("X-Api-Key", "abc", False),
    ("refreshToken", "1//abc", False),
    ("client_secret", "s3cr3t", False),
    ("key", "pixabay-key", False),
    ("sessionid", "abcdef", False),
])
def test_redaction_goes_by_the_words_of_the_key(key, value, kept):
    assert (redact({key: value})[key] == value) is kept


@pytest.mark.parametrize(("text", "leak"), [
    ("postgres://app:pa55word@db:5432/faceless", "pa55word"),
    ("GET https://pixabay.com/api/?key=12345-abcdef&q=moon", "12345-abcdef"),
    ("Authorization: Bearer abcdefghijklmnop", "abcdefghijklmnop"),
    ("google said AIzaSyA1234567890abcdefghijklmnopqrstu", "AIzaSyA1234567890abcdefghijklmnopqrstu"),
    ('{"api_key": "zzz-secret-zzz"}', "zzz-secret-zzz"),
    ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "eyJzdWIiOiIxIn0"),
])
def test_redaction_finds_secrets_in_free_text(text, leak):
    redacted = redact(text)
    assert leak not in redacted and REDACTED in redacted


def test_configured_keys_are_removed_whatever_their_shape(json_logs, settings):
    settings.PIXABAY_API_KEY = "4815162342-a1b2c3d4e5f6"
    settings.TOKEN_ENCRYPTION_KEYS = ["fernet-key-number-one="]
    structlog.get_logger("faceless.test").info("stock.searched", note="used 4815162342-a1b2c3d4e5f6 for the search",
                                               keys=["fernet-key-number-one="])
    assert "4815162342-a1b2c3d4e5f6" not in json_logs.text and "fernet-key-number-one=" not in json_logs.text
    assert json_logs.lines()[-1]["note"] == f"used {REDACTED} for the search"


OAUTH_RETURN = "GET /complete/google-oauth2/?state=St4teValue0123456789&code=4/0AX4XfWg-planted-code HTTP/1.1"


@pytest.mark.parametrize("status", ["400", "500"])
def test_runservers_own_request_lines_are_json_and_redacted(capsys, status):
    """Django sets up its DEFAULT_LOGGING before the project's; runserver's 4xx and 5xx lines
    (`django.server`) must come out through the project's formatter, not Python's last-resort handler."""
    import io
    import logging.config

    from django.conf import settings
    from django.core.servers.basehttp import WSGIRequestHandler
    from django.utils.log import DEFAULT_LOGGING

    from faceless_site.logging import configure_logging

    stream = io.StringIO()
    logging.config.dictConfig(DEFAULT_LOGGING)
    config = configure_logging(debug=False, level="INFO")
    config["handlers"]["console"]["stream"] = stream
    try:
        logging.config.dictConfig(config)
        handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
        handler.request, handler.client_address = None, ("127.0.0.1", 50000)
        handler.log_message('"%s" %s %s', OAUTH_RETURN.replace("HTTP", f"&api_key={VIEW_SECRET} HTTP"), status, "12")
    finally:
        logging.config.dictConfig(configure_logging(debug=settings.DEBUG, level=settings.LOG_LEVEL))
    printed = stream.getvalue() + capsys.readouterr().err
    assert '"logger": "django.server"' in stream.getvalue()
    for secret in ("St4teValue0123456789", "planted-code", VIEW_SECRET):
        assert secret not in printed


def test_the_oauth_code_and_state_are_redacted_wherever_they_travel():
    assert "planted-code" not in redact(OAUTH_RETURN) and "St4teValue" not in redact(OAUTH_RETURN)
    form = "grant_type=authorization_code&code=4/0AX4XfWg-planted-code&redirect_uri=https://x.test/cb"
    assert "planted-code" not in redact(form) and "redirect_uri=https://x.test/cb" in redact(form)
    assert "planted-code" not in str(redact({"query_string": "code=4/0AX4XfWg-planted-code&state=abcdef123"}))
    # Words that only look like them stay readable.
    for text in ("status_code=400", "Job state: running", "error_code=invalid_grant", "country_code=GB"):
        assert redact(text) == text
