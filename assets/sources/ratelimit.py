"""One request budget per provider key, counted in the Django cache.

With Redis configured (REDIS_URL) every worker and web process shares the budget. With the default
local-memory cache each process counts on its own, so N processes may together spend N budgets:
configure Redis when more than one worker fetches footage.

A fixed window keeps it to two atomic cache calls (`add`, then `incr`). A 429 from the provider
marks the budget spent until the reset it names, whatever our own count says.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache

from assets.sources.base import RateLimited


def _key_id(api_key: str) -> str:
    # The budget belongs to the key, but the key itself must not appear in the cache.
    return hashlib.sha256(api_key.encode()).hexdigest()[:16]


def _blocked_key(provider: str, api_key: str) -> str:
    return f"stock-ratelimit:blocked:{provider}:{_key_id(api_key)}"


def take(provider: str, *, api_key: str, limit: int, window_seconds: int) -> None:
    """Spend one request of the budget, or raise RateLimited with the seconds until it renews."""
    now = time.time()
    blocked_until = cache.get(_blocked_key(provider, api_key))
    if blocked_until and blocked_until > now:
        raise RateLimited(provider, blocked_until - now)
    window = int(now // window_seconds)
    counter = f"stock-ratelimit:{provider}:{_key_id(api_key)}:{window}"
    cache.add(counter, 0, timeout=window_seconds + 5)
    try:
        used = cache.incr(counter)
    except ValueError:  # evicted between add and incr: start the window again
        cache.add(counter, 1, timeout=window_seconds + 5)
        used = 1
    if used > limit:
        raise RateLimited(provider, (window + 1) * window_seconds - now)


def mark_spent(provider: str, *, api_key: str, seconds: float) -> None:
    """The provider said no more requests for `seconds` (a 429): honour that across workers."""
    seconds = max(1.0, min(seconds, 24 * 3600))
    cache.set(_blocked_key(provider, api_key), time.time() + seconds, timeout=int(seconds) + 1)


def retry_after_seconds(headers: dict[str, str] | object, *, default: float) -> float:
    """Seconds to wait from Retry-After or X-Ratelimit-Reset (seconds, or a Unix time)."""
    for name in ("retry-after", "x-ratelimit-reset"):
        value = headers.get(name)  # type: ignore[attr-defined]
        if not value:
            continue
        try:
            number = float(value)
        except ValueError:
            continue
        # Some providers send an absolute epoch time in the reset header.
        return number - time.time() if number > 1_000_000_000 else number
    return default
