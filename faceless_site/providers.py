"""Calls to outside services: one context manager around each call, a circuit breaker per provider,
and the last failure of each integration for the health page and `manage.py doctor`.

    with provider_call(provider="pexels", operation="search") as call:
        response = client.get(...)
        call.status = response.status_code
        call.retries = attempts - 1

`provider_call` logs provider, operation, status, latency and retries; counts calls and errors in
Prometheus; feeds the breaker; and keeps the last failure (time and a short, redacted message).
It raises `BreakerOpen` before the call when the provider's breaker is open, so a fallback chain
catches it and moves to the next choice; `breaker_allows(name)` answers the same without calling.

The breaker: after BREAKER_FAILURE_THRESHOLD failures in a row (exceptions, timeouts, 408, 429 and
5xx; a 4xx is the caller's mistake and does not count) it opens for BREAKER_OPEN_SECONDS. Then one
trial call is let through (half-open): success closes it, failure opens it again. Its state lives in
the Django cache, so with REDIS_URL every web process and worker shares it. When the cache cannot
be reached the breaker stays closed: observability must never stop a call that could succeed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Literal

import structlog
from django.conf import settings
from django.core.cache import cache
from prometheus_client import Counter, Histogram

from faceless_site.logging import redact_text

log = structlog.get_logger(__name__)

BreakerState = Literal["closed", "open", "half_open"]
KNOWN_KEY = "integrations:known"
LAST_FAILURE_SECONDS = 30 * 86400
# How long one process holds the half-open trial before another may try (a trial that crashed).
TRIAL_SECONDS = 60
MESSAGE_CHARS = 300

# The metrics view reads the breakers through this module, so the instruments live here too
# (imports run metrics -> providers).
PROVIDER_CALLS = Counter(
    "faceless_provider_calls", "Calls to outside services by outcome (ok, error, skipped by an open breaker).",
    ["provider", "operation", "outcome"],
)
PROVIDER_ERRORS = Counter(
    "faceless_provider_errors", "Failed calls to outside services, by HTTP status or exception type.",
    ["provider", "status"],
)
PROVIDER_SECONDS = Histogram(
    "faceless_provider_call_seconds", "Latency of calls to outside services, retries included.",
    ["provider", "operation"], buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, float("inf")),
)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delay-seconds or an HTTP date (RFC 9110 10.2.3);
    None when absent or unreadable (the caller's own backoff applies)."""
    if value in (None, ""):
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class BreakerOpen(Exception):
    """The provider failed repeatedly and is skipped until `until`; try the next choice."""

    def __init__(self, provider: str, until: datetime | None) -> None:
        when = f" until {until:%H:%M:%S} UTC" if until else " while another call tries it"
        super().__init__(f"{provider} is skipped after repeated failures{when}.")
        self.provider = provider
        self.until = until


@dataclass
class ProviderCall:
    """What the caller tells `provider_call` about the call it made."""

    provider: str
    operation: str
    status: int | None = None
    retries: int = 0
    # Set to mark a failure that raised nothing (e.g. a 200 whose body was unusable).
    error: str = ""


def _keys(provider: str) -> dict[str, str]:
    return {
        "failures": f"breaker:{provider}:failures",
        "open_until": f"breaker:{provider}:open_until",
        "trial": f"breaker:{provider}:trial",
        "last_failure": f"integration:{provider}:last_failure",
    }


def _to_datetime(epoch: float | None) -> datetime | None:
    return datetime.fromtimestamp(epoch, UTC) if epoch else None


def _cache_call(action: str, default: Any, function: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return function(*args, **kwargs)
    except Exception as exc:
        log.warning("breaker.cache_unavailable", action=action, error=type(exc).__name__)
        return default


# --- Breaker state -------------------------------------------------------------------------------

def breaker_state(provider: str) -> tuple[BreakerState, datetime | None]:
    """The breaker's state and, when it has opened, the time it lets a trial call through."""
    open_until = _cache_call("read", None, cache.get, _keys(provider)["open_until"])
    if open_until is None:
        return "closed", None
    return ("open" if time.time() < open_until else "half_open"), _to_datetime(open_until)


def breaker_allows(provider: str) -> bool:
    """False while the provider's breaker is open; a fallback skips to its next choice."""
    return breaker_state(provider)[0] != "open"


def providers_available(names: Iterable[str]) -> list[str]:
    """`names` in the same order, without those whose breaker is open."""
    return [name for name in names if breaker_allows(name)]


def _enter(provider: str) -> None:
    state, until = breaker_state(provider)
    if state == "open":
        raise BreakerOpen(provider, until)
    # Half-open: one trial at a time across all processes; the others keep skipping.
    if state == "half_open" and not _cache_call("trial", True, cache.add, _keys(provider)["trial"], 1, TRIAL_SECONDS):
        raise BreakerOpen(provider, None)


def _open(provider: str, *, failures: int) -> None:
    keys = _keys(provider)
    until = time.time() + settings.BREAKER_OPEN_SECONDS
    # The key outlives the open window so that the half-open state (one trial) follows it.
    _cache_call("open", None, cache.set, keys["open_until"], until, settings.BREAKER_OPEN_SECONDS + 86400)
    _cache_call("open", None, cache.delete_many, [keys["failures"], keys["trial"]])
    log.warning("breaker.opened", provider=provider, failures=failures, opens_until=_to_datetime(until).isoformat())


def _record_failure(provider: str) -> None:
    keys = _keys(provider)
    state, _until = breaker_state(provider)
    if state == "half_open":
        _open(provider, failures=1)
        return
    # A run of failures counts only if it happens within one open window's time.
    _cache_call("count", None, cache.add, keys["failures"], 0, max(60, settings.BREAKER_OPEN_SECONDS))
    failures = _cache_call("count", 0, cache.incr, keys["failures"])
    if failures >= settings.BREAKER_FAILURE_THRESHOLD:
        _open(provider, failures=failures)


def _record_success(provider: str) -> None:
    keys = _keys(provider)
    found = _cache_call("read", {}, cache.get_many, [keys["failures"], keys["open_until"]])
    if not found:
        return
    _cache_call("close", None, cache.delete_many, [keys["failures"], keys["open_until"], keys["trial"]])
    if keys["open_until"] in found:
        log.info("breaker.closed", provider=provider)


# --- Last failures and known integrations ---------------------------------------------------------

def _remember(provider: str) -> None:
    # Read-modify-write: two first calls at once may lose a name, which the next call adds back.
    known = _cache_call("known", None, cache.get, KNOWN_KEY)
    if known is not None and provider in known:
        return
    _cache_call("known", None, cache.set, KNOWN_KEY, sorted({*(known or []), provider}), None)


def _store_failure(call: ProviderCall, message: str) -> None:
    record = {"at": time.time(), "operation": call.operation, "status": call.status, "message": message}
    _cache_call("last_failure", None, cache.set, _keys(call.provider)["last_failure"], record, LAST_FAILURE_SECONDS)


def known_integrations() -> list[str]:
    """Every provider name `provider_call` has seen (shared through the cache)."""
    return list(_cache_call("known", None, cache.get, KNOWN_KEY) or [])


def integration_status(name: str) -> dict[str, Any]:
    """Breaker state, when an open breaker lets a trial through, and the last failure, for health."""
    state, until = breaker_state(name)
    keys = _keys(name)
    found = _cache_call("read", {}, cache.get_many, [keys["last_failure"], keys["failures"]])
    last = found.get(keys["last_failure"]) or {}
    return {
        "breaker_state": state,
        "opens_until": until,
        "last_failure_at": _to_datetime(last.get("at")),
        "last_failure": last.get("message", ""),
        "consecutive_failures": int(found.get(keys["failures"]) or 0),
    }


# --- The wrapper ---------------------------------------------------------------------------------

def _failure_message(call: ProviderCall, exc: BaseException | None) -> str:
    parts = [call.operation]
    if call.status is not None:
        parts.append(f"HTTP {call.status}")
    if exc is not None:
        parts.append(f"{type(exc).__name__}: {exc}")
    if call.error:
        parts.append(call.error)
    return redact_text(": ".join(parts))[:MESSAGE_CHARS]


def _counts_against_breaker(status: int | None) -> bool:
    return status is None or status in (408, 429) or status >= 500


def _finish(call: ProviderCall, seconds: float, exc: BaseException | None) -> None:
    failed = exc is not None or bool(call.error) or (call.status is not None and call.status >= 400)
    status_label = (str(call.status) if call.status is not None
                    else type(exc).__name__ if exc else "error" if failed else "ok")
    PROVIDER_CALLS.labels(provider=call.provider, operation=call.operation,
                          outcome="error" if failed else "ok").inc()
    PROVIDER_SECONDS.labels(provider=call.provider, operation=call.operation).observe(seconds)
    fields = {"provider": call.provider, "operation": call.operation, "status": status_label,
              "latency_ms": round(seconds * 1000, 1), "retries": call.retries}
    _remember(call.provider)
    if not failed:
        log.info("provider.call", outcome="ok", **fields)
        _record_success(call.provider)
        return
    message = _failure_message(call, exc)
    PROVIDER_ERRORS.labels(provider=call.provider, status=status_label).inc()
    log.warning("provider.call", outcome="error", error=message, **fields)
    _store_failure(call, message)
    if _counts_against_breaker(call.status) or bool(call.error):
        _record_failure(call.provider)
    else:
        _record_success(call.provider)  # the service answered; a 4xx is about the request


@contextmanager
def provider_call(*, provider: str, operation: str) -> Iterator[ProviderCall]:
    """Wrap one call to an outside service (see the module docstring). Raises BreakerOpen before
    the call while the provider's breaker is open; re-raises whatever the call raises."""
    try:
        _enter(provider)
    except BreakerOpen as exc:
        PROVIDER_CALLS.labels(provider=provider, operation=operation, outcome="skipped").inc()
        log.info("provider.skipped", provider=provider, operation=operation,
                 opens_until=exc.until.isoformat() if exc.until else None)
        raise
    call = ProviderCall(provider=provider, operation=operation)
    started = time.monotonic()
    try:
        yield call
    except Exception as exc:
        _finish(call, time.monotonic() - started, exc)
        raise
    _finish(call, time.monotonic() - started, None)
