"""No configured key reaches a row, an API answer, a page, a log line or a Sentry event, even when a
provider quotes the key back in its error body (tests/fakes/echo_servers.py)."""

from __future__ import annotations

import json
import logging

import pytest
import sentry_sdk
import structlog

from assets.sources import SourceError, get_source
from faceless_site.redaction import REDACTED, configured_secrets, redact, redact_line
from tests.api.conftest import ApiClient
from tests.factories import make_channel, make_video
from tests.fakes.echo_servers import AnthropicEcho, OllamaEcho, OpenAIEcho, StockEcho
from tests.fakes.llm_servers import isolate_llm_settings
from tests.fakes.server import FakeServer
from tests.observability.conftest import events
from videos.llm import choose_writers
from videos.llm.base import WriterError, WriterUnavailable
from videos.models import Job, Video
from videos.services.jobs import job_enqueue, job_run
from videos.services.writing import brief_for

pytestmark = pytest.mark.django_db

# Shapes no pattern recognises: only "every configured secret, read from settings" can catch them.
KEYS = {
    "anthropic": "anthkey4f9a8b7c6d5e4f3a2b1c",
    "openai": "oaikey9e8d7c6b5a4f3e2d1c0b",
    "ollama": "ollkey1a2b3c4d5e6f7a8b9c0d",
}
ECHO = {"anthropic": AnthropicEcho, "openai": OpenAIEcho, "ollama": OllamaEcho}


@pytest.fixture
def writer_echo(request, settings, monkeypatch):
    """The named LLM writer pointed at a server that refuses the key and quotes it back."""
    name = request.param
    isolate_llm_settings(settings)
    with FakeServer(ECHO[name]) as server:
        if name == "anthropic":
            settings.ANTHROPIC_BASE_URL, settings.ANTHROPIC_API_KEY = server.url, KEYS[name]
        elif name == "openai":
            settings.OPENAI_COMPAT_BASE_URL, settings.OPENAI_COMPAT_MODEL = f"{server.url}/v1", "gpt-test"
            settings.OPENAI_COMPAT_API_KEY = KEYS[name]
        else:
            settings.OLLAMA_HOST = server.url
            monkeypatch.setenv("OLLAMA_API_KEY", KEYS[name])  # the ollama client reads it from the environment
        yield name, server


def leaks(text: str) -> list[str]:
    return [name for name, key in KEYS.items() if key in text]


@pytest.mark.parametrize("writer_echo", ["anthropic", "openai", "ollama"], indirect=True)
def test_a_provider_that_echoes_the_key_leaves_it_nowhere(writer_echo, json_logs, sentry, client):
    name, server = writer_echo
    channel = make_channel(writer_order=[name])
    video = make_video(channel=channel)

    # The provider really does quote the key: the raw exception a writer raises carries it.
    with pytest.raises((WriterError, WriterUnavailable)) as raised:
        choose_writers(channel).writers[0].write(brief_for(video))
    assert KEYS[name] in str(raised.value)

    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=video)
    assert job_run(job.pk) == "failed"
    assert server.requests, "the writer never reached the fake"

    job.refresh_from_db()
    video.refresh_from_db()
    stored = json.dumps([job.message, job.error, job.details, job.warnings, job.stage, video.status_message])
    assert leaks(stored) == [] and REDACTED in stored
    assert job.message.startswith("Write script failed") and "\n" not in job.message

    api = ApiClient(channel.owner)
    answers = api.get(f"/jobs/{job.pk}").content.decode() + api.get(f"/videos/{video.pk}").content.decode()
    assert '"state": "failed"' in answers.replace('":"', '": "') and leaks(answers) == []

    client.force_login(channel.owner)
    pages = [client.get(f"/videos/{video.pk}/"), client.get("/jobs/"), client.get(f"/jobs/{job.pk}/")]
    assert [page.status_code for page in pages] == [200, 200, 200]
    assert leaks("".join(page.content.decode() for page in pages)) == []

    # Logs and Sentry: the failure line, an exception logged with the raw error, and that exception
    # reported directly.
    structlog.get_logger("faceless.test").exception("writer.probe", exc_info=raised.value)
    logging.getLogger("some.library").error("provider said %s", raised.value)
    sentry_sdk.capture_exception(raised.value)
    sent, raw = events(sentry)
    assert sent and leaks(raw) == []
    assert "job.failed" in json_logs.text and leaks(json_logs.text) == []


@pytest.mark.parametrize("name", ["pexels", "pixabay", "unsplash"])
def test_a_stock_source_that_echoes_the_key_leaves_it_nowhere(name, settings, docstore, json_logs, sentry):
    key = f"{name}planted0a1b2c3d4e5f"
    with FakeServer(StockEcho) as server:
        setting = {"pexels": "PEXELS", "pixabay": "PIXABAY", "unsplash": "UNSPLASH"}[name]
        setattr(settings, f"{setting}_BASE_URL", server.url)
        setattr(settings, "UNSPLASH_ACCESS_KEY" if name == "unsplash" else f"{setting}_API_KEY", key)
        with pytest.raises(SourceError) as raised:
            get_source(name).search(query="sea", kind="image", orientation="landscape")
        [request] = server.requests
    assert key in json.dumps([request.headers, request.query])  # the key went out, and came back
    sentry_sdk.capture_exception(raised.value)
    logging.getLogger("httpx").info("HTTP Request: GET %s?key=%s&q=sea", server.url, key)
    _sent, raw = events(sentry)
    assert key not in raised.value.message and key not in raw and key not in json_logs.text


def test_the_request_object_in_log_lines_is_masked(json_logs, client):
    """django-structlog's `request` field and Django's own request logger (which passes the request
    object itself) both lose secret query parameters."""
    secret = "querysecret0123456789"
    for param in ("key", "token", "api_key", "secret", "password", "access_token", "client_secret"):
        client.get(f"/no-such-page/?q=moon&{param}={secret}")
    lines = json_logs.lines()
    assert secret not in json_logs.text
    started = [line for line in lines if line["event"] == "request_started"]
    assert len(started) == 7 and all(f"={REDACTED}" in line["request"] for line in started)
    assert all("q=moon" in line["request"] for line in started)  # what is not secret stays readable


def test_a_request_object_passed_to_a_log_line_is_redacted(json_logs, rf):
    request = rf.get("/api/channels", {"api_key": "rawkey-abcdef123456", "page": "2"})
    structlog.get_logger("faceless.test").warning("odd.request", request=request)
    logging.getLogger("django.request").warning("Bad request: %s", request.path, extra={"request": request})
    assert "rawkey-abcdef123456" not in json_logs.text
    line = json_logs.lines()[0]
    assert line["request"] == f"GET /api/channels?api_key={REDACTED}&page=2"


def test_secrets_are_read_from_settings_at_call_time(settings):
    settings.PEXELS_API_KEY = "first-key-value-0001"
    assert redact("used first-key-value-0001") == f"used {REDACTED}"
    settings.PEXELS_API_KEY = "second-key-value-0002"
    assert "second-key-value-0002" in configured_secrets()
    assert redact({"note": "second-key-value-0002 and first-key-value-0001"}) == {
        "note": f"{REDACTED} and first-key-value-0001"}


@pytest.mark.parametrize(("value", "leak"), [
    (ValueError("refused sk-abcdefghijkl"), "sk-abcdefghijkl"),
    ({"nested": [{"detail": "Bearer abcdefghijklmnop"}]}, "abcdefghijklmnop"),
    (("x_api_key=zz-secret-zz",), "zz-secret-zz"),
    (b"db_password=hunter2hunter2", "hunter2hunter2"),
    ("redirect url=https://x.test/cb?access_token=tok-0123456789&state=1", "tok-0123456789"),
    ('{"client_secret": "cs-0123456789"}', "cs-0123456789"),
])
def test_redaction_looks_inside_every_type(value, leak):
    assert leak not in repr(redact(value))


def test_what_is_not_secret_stays_readable():
    text = "Added 3 topic ideas; input_tokens: 512; monkey: banana; see https://example.com/watch?v=abc123"
    assert redact(text) == text
    assert redact_line("first line\nsecond line") == "first line"


def test_a_stored_publication_or_account_error_is_redacted(settings):
    from publishing.models import Publication, YouTubeAccount
    from publishing.services.publish import _fail
    from publishing.youtube.accounts import account_mark_reconnect

    settings.GOOGLE_OAUTH_CLIENT_SECRET = "googlesecret0123456789"
    video = make_video(status=Video.Status.APPROVED)
    publication = Publication.objects.create(video=video, target="youtube")
    _fail(publication, "Google said: invalid_client googlesecret0123456789")
    account = YouTubeAccount.objects.create(channel=video.channel, youtube_channel_id="UC1", encrypted_credentials="x")
    account_mark_reconnect(account=account, message="token ya29.a0AfB_abcdefghijk refused")
    publication.refresh_from_db()
    account.refresh_from_db()
    assert "googlesecret0123456789" not in publication.message and REDACTED in publication.message
    assert "ya29.a0AfB" not in account.last_error


def test_rows_written_before_redaction_are_redacted_by_the_api_and_cleaned_by_the_migration(settings):
    import importlib

    from django.apps import apps

    settings.ANTHROPIC_API_KEY = KEYS["anthropic"]
    video = make_video()
    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=video)
    raw = f"Anthropic refused the API key: {KEYS['anthropic']}"
    Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, error=raw, message=raw, warnings=[raw],
                                         details={"provider_output": raw})
    Video.objects.filter(pk=video.pk).update(status_message=raw)
    api = ApiClient(video.channel.owner)
    answers = api.get(f"/jobs/{job.pk}").content.decode() + api.get(f"/videos/{video.pk}").content.decode()
    assert KEYS["anthropic"] not in answers and answers.count(REDACTED) == 4

    importlib.import_module("videos.migrations.0003_redact_stored_secrets").redact_rows(apps, None)
    job.refresh_from_db()
    video.refresh_from_db()
    assert leaks(json.dumps([job.error, job.message, job.warnings, job.details, video.status_message])) == []
