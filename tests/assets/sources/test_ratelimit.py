"""The shared request budget, counted in the Django cache (Redis when REDIS_URL is set)."""

from __future__ import annotations

import time
import uuid

import pytest
from django.core.cache import cache

from assets.sources import ratelimit
from assets.sources.base import RateLimited


@pytest.fixture
def key():
    return f"key-{uuid.uuid4().hex}"  # a fresh budget per test, even in a shared Redis


def test_the_budget_allows_the_limit_then_says_when_it_renews(key):
    for _ in range(3):
        ratelimit.take("pexels", api_key=key, limit=3, window_seconds=3600)
    with pytest.raises(RateLimited) as spent:
        ratelimit.take("pexels", api_key=key, limit=3, window_seconds=3600)
    assert 0 < spent.value.retry_after <= 3600
    ratelimit.take("pixabay", api_key=key, limit=3, window_seconds=60)  # another provider, another budget


def test_a_provider_429_blocks_the_key_until_the_reset(key):
    ratelimit.mark_spent("unsplash", api_key=key, seconds=30)
    with pytest.raises(RateLimited) as spent:
        ratelimit.take("unsplash", api_key=key, limit=50, window_seconds=3600)
    assert 25 < spent.value.retry_after <= 30


def test_the_key_itself_never_reaches_the_cache(key):
    ratelimit.take("pexels", api_key=key, limit=5, window_seconds=3600)
    ratelimit.mark_spent("pexels", api_key=key, seconds=5)
    window = int(time.time() // 3600)
    hashed = ratelimit._key_id(key)
    assert key not in hashed
    assert cache.get(f"stock-ratelimit:pexels:{hashed}:{window}") == 1


@pytest.mark.parametrize(("headers", "expected"), [
    ({"retry-after": "42"}, 42),
    ({"x-ratelimit-reset": "17"}, 17),
    ({"x-ratelimit-reset": "now+100"}, 100),  # an epoch time, made when the test runs
    ({"retry-after": "soon"}, 60),
    ({}, 60),
])
def test_retry_after_reads_seconds_or_an_epoch_time(headers, expected):
    headers = {k: str(int(time.time()) + 100) if v == "now+100" else v for k, v in headers.items()}
    assert ratelimit.retry_after_seconds(headers, default=60) == pytest.approx(expected, abs=2)
