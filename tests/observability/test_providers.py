"""The circuit breaker against a local server that fails on purpose, and the last failure kept for
the health page."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from django.conf import settings as django_settings

from faceless_site.providers import (
    BreakerOpen,
    breaker_allows,
    integration_status,
    known_integrations,
    provider_call,
    providers_available,
)
from tests.fakes.server import FakeHandler, FakeServer, Recorded

KEY = "pixabay-key-0123456789abcdef"


class StockHandler(FakeHandler):
    """Answers 503 until told to recover."""

    def route(self, recorded: Recorded):
        if self.state.data.get("healthy"):
            return 200, {}, {"hits": [{"id": 1}]}
        return 503, {}, {"error": "overloaded"}


@pytest.fixture
def stock():
    with FakeServer(StockHandler) as server:
        yield server


@pytest.fixture(autouse=True)
def breaker_settings(settings):
    settings.BREAKER_FAILURE_THRESHOLD = 3
    settings.BREAKER_OPEN_SECONDS = 1


def search(server: FakeServer, provider: str = "pixabay") -> dict:
    """A provider module's call, written the way the integration guide asks."""
    with provider_call(provider=provider, operation="search") as call:
        response = httpx.get(f"{server.url}/api/", params={"key": KEY, "q": "moon"}, timeout=5)
        call.status = response.status_code
        response.raise_for_status()
    return response.json()


def fail(server: FakeServer, times: int, provider: str = "pixabay") -> None:
    for _ in range(times):
        with pytest.raises(httpx.HTTPStatusError):
            search(server, provider)


def test_the_breaker_opens_after_repeated_failures_and_skips_the_provider(stock):
    fail(stock, 2)
    assert breaker_allows("pixabay") and integration_status("pixabay")["consecutive_failures"] == 2
    fail(stock, 1)
    assert not breaker_allows("pixabay")
    with pytest.raises(BreakerOpen) as raised:
        search(stock)
    assert len(stock.requests) == 3  # the skipped call never reached the server
    status = integration_status("pixabay")
    assert status["breaker_state"] == "open"
    now = datetime.now(UTC)
    assert now < status["opens_until"] <= now + timedelta(seconds=1)
    assert raised.value.until == status["opens_until"]
    assert "pixabay is skipped" in str(raised.value)


def test_the_fallback_moves_to_the_next_choice_while_the_breaker_is_open(stock):
    fail(stock, 3)
    assert providers_available(["pixabay", "pexels", "unsplash"]) == ["pexels", "unsplash"]


def test_the_breaker_lets_one_trial_through_and_closes_when_it_succeeds(stock):
    fail(stock, 3)
    time.sleep(1.1)
    status = integration_status("pixabay")
    assert status["breaker_state"] == "half_open" and breaker_allows("pixabay")
    stock.state.data["healthy"] = True
    assert search(stock) == {"hits": [{"id": 1}]}
    assert integration_status("pixabay")["breaker_state"] == "closed"
    assert integration_status("pixabay")["opens_until"] is None
    assert search(stock) and len(stock.requests) == 5


def test_a_failed_trial_opens_the_breaker_again_at_once(stock):
    fail(stock, 3)
    time.sleep(1.1)
    fail(stock, 1)
    assert integration_status("pixabay")["breaker_state"] == "open"
    with pytest.raises(BreakerOpen):
        search(stock)


def test_connection_failures_count_and_a_4xx_does_not():
    dead = "http://127.0.0.1:9"  # discard port: nothing listens
    for _ in range(2):
        with pytest.raises(httpx.ConnectError), provider_call(provider="ollama", operation="generate"):
            httpx.get(dead, timeout=2)
    with provider_call(provider="ollama", operation="generate") as call:
        call.status = 404  # the service answered: the request was wrong, the provider is up
    assert integration_status("ollama")["consecutive_failures"] == 0
    assert integration_status("ollama")["last_failure"] == "generate: HTTP 404"


def test_the_last_failure_is_kept_with_its_time_and_without_the_key(stock):
    assert integration_status("pixabay")["last_failure_at"] is None
    before = datetime.now(UTC)
    fail(stock, 1)
    status = integration_status("pixabay")
    assert before <= status["last_failure_at"] <= datetime.now(UTC)
    assert status["last_failure"].startswith("search: HTTP 503: HTTPStatusError: Server error '503")
    assert KEY not in status["last_failure"]
    assert "pixabay" in known_integrations()
    stock.state.data["healthy"] = True
    search(stock)
    assert integration_status("pixabay")["last_failure_at"] is not None  # history survives a success


def test_an_unusable_answer_marked_by_the_caller_is_a_failure(stock):
    stock.state.data["healthy"] = True
    for _ in range(3):
        with provider_call(provider="pexels", operation="search") as call:
            call.status = 200
            call.error = "no footage in the answer"
    assert integration_status("pexels")["breaker_state"] == "open"
    assert integration_status("pexels")["last_failure"] == "search: HTTP 200: no footage in the answer"


def test_an_unreachable_cache_never_blocks_a_call(settings, stock):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:9/0"}}
    stock.state.data["healthy"] = True
    assert breaker_allows("pixabay")
    assert search(stock) == {"hits": [{"id": 1}]}
    assert integration_status("pixabay")["breaker_state"] == "closed"


@pytest.mark.skipif(not django_settings.REDIS_URL, reason="sharing needs REDIS_URL")
def test_with_redis_another_process_sees_the_open_breaker(stock, isolated_cache, settings):
    # Open for longer than a new process takes to start Django, even on a loaded machine (with the
    # one second the other tests use, a slow start saw the breaker half-open already).
    settings.BREAKER_OPEN_SECONDS = 120
    fail(stock, 3)
    code = ("import django; django.setup();"
            "from faceless_site.providers import breaker_allows;"
            "print('allows' if breaker_allows('pixabay') else 'skips')")
    env = {**os.environ, "CACHE_KEY_PREFIX": isolated_cache, "DJANGO_SETTINGS_MODULE": "faceless_site.settings"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                            cwd=Path(django_settings.BASE_DIR), timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "skips"


def test_a_failure_without_status_or_exception_is_labelled_error(json_logs):
    with provider_call(provider="gtts", operation="synthesize") as call:
        call.error = "empty audio"
    line = json_logs.lines()[-1]
    assert (line["status"], line["outcome"], line["error"]) == ("error", "error", "synthesize: empty audio")


@pytest.mark.parametrize(("header", "seconds"), [
    ("120", 120.0), ("0", 0.0), ("-5", 0.0), ("", None), (None, None), ("soon", None),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 60.0),  # an HTTP date, one minute after `now` below
    ("Wed, 21 Oct 2015 07:26:00 GMT", 0.0),  # already past
])
def test_retry_after_reads_seconds_and_http_dates(header, seconds):
    from faceless_site.providers import parse_retry_after

    now = datetime(2015, 10, 21, 7, 27, tzinfo=UTC).timestamp()
    assert parse_retry_after(header, now=now) == seconds
