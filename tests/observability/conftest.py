"""Fixtures for observability: a cache of its own per test, captured JSON logs, a metrics scrape, and a
local Sentry that records the events it is sent."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import logging.config
import uuid

import pytest
import sentry_sdk
from django.conf import settings as django_settings
from django.core.cache import cache
from prometheus_client.parser import text_string_to_metric_families

from faceless_site.logging import configure_logging
from faceless_site.sentry import init_sentry
from tests.fakes.server import FakeHandler, FakeServer, Recorded

METRICS_TOKEN = "metrics-token-for-tests-0123456789"


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    """Breaker state and last failures in a cache no other test (or developer) shares.

    With REDIS_URL the real Redis is used under a unique key prefix, removed afterwards; never
    FLUSHDB, which would empty the database for everyone."""
    prefix = f"test-observability-{uuid.uuid4().hex[:10]}"
    if django_settings.REDIS_URL:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                       "LOCATION": django_settings.REDIS_URL, "KEY_PREFIX": prefix}}
    else:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                       "LOCATION": prefix}}
    yield prefix
    if django_settings.REDIS_URL:
        import redis

        client = redis.Redis.from_url(django_settings.REDIS_URL)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)
    else:
        # Local memory only; a test may have pointed the cache at a server that is not there.
        with contextlib.suppress(Exception):
            cache.clear()


class CapturedLogs:
    def __init__(self, stream: io.StringIO) -> None:
        self.stream = stream

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def lines(self) -> list[dict]:
        """Every line parsed as JSON (fails the test if one is not JSON)."""
        return [json.loads(line) for line in self.text.splitlines() if line.strip()]


def _capture(debug: bool) -> CapturedLogs:
    stream = io.StringIO()
    config = configure_logging(debug=debug, level="INFO")
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    return CapturedLogs(stream)


@pytest.fixture
def json_logs():
    """The production logging configuration (JSON), writing into a buffer."""
    yield _capture(debug=False)
    logging.config.dictConfig(configure_logging(debug=django_settings.DEBUG, level=django_settings.LOG_LEVEL))


@pytest.fixture
def console_logs():
    yield _capture(debug=True)
    logging.config.dictConfig(configure_logging(debug=django_settings.DEBUG, level=django_settings.LOG_LEVEL))


@pytest.fixture
def metrics_urls(settings):
    settings.ROOT_URLCONF = "tests.observability.urls"
    settings.METRICS_TOKEN = METRICS_TOKEN


class Scrape:
    def __init__(self, text: str) -> None:
        self.text = text
        self.samples = [s for family in text_string_to_metric_families(text) for s in family.samples]

    def value(self, name: str, **labels: str) -> float:
        """The sample's value, 0 when the series does not exist yet."""
        for sample in self.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
        return 0.0


@pytest.fixture
def scrape(client, metrics_urls):
    def get() -> Scrape:
        response = client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
        assert response.status_code == 200, response.content
        return Scrape(response.content.decode())
    return get


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
        # Breadcrumbs live on scopes that outlast a client: start each test without the last one's.
        for scope in (sentry_sdk.get_global_scope(), sentry_sdk.get_isolation_scope(), sentry_sdk.get_current_scope()):
            scope.clear_breadcrumbs()
        yield server
        sentry_sdk.get_client().close()
        sentry_sdk.get_global_scope().set_client(None)
