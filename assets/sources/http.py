"""The one way a stock source calls its API: cache first, then the shared rate budget, then one
request whose failures become messages that say what to do. URLs are never logged, because
Pixabay puts the key in the query string."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

import httpx
import structlog
from django.conf import settings

from assets import catalog
from assets.sources import ratelimit
from assets.sources.base import RateLimited, SourceError
from faceless_site.providers import BreakerOpen, provider_call
from faceless_site.ratelimits import is_rate_limited
from faceless_site.redaction import redact_text

log = structlog.get_logger(__name__)
TIMEOUT = httpx.Timeout(20.0, connect=5.0)


class RedactQueryKey(logging.Filter):
    """httpx logs every request URL at INFO, and Pixabay's key is in that URL's query string."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact_text(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


if not any(isinstance(f, RedactQueryKey) for f in logging.getLogger("httpx").filters):
    logging.getLogger("httpx").addFilter(RedactQueryKey())


@dataclass(frozen=True)
class Api:
    provider: str  # "pexels"
    label: str  # "Pexels"
    base_url: str
    api_key: str
    key_setting: str  # "PEXELS_API_KEY", named in messages
    limit: int
    window_seconds: int
    headers: dict[str, str]
    key_param: str = ""  # Pixabay: the key rides in the query as ?key=
    needs_key: bool = True  # False for the keyless archives (Wikimedia Commons, NASA, Openverse)
    # Raises Busy or SourceError for an error a 200 body carries (MediaWiki's maxlag, ratelimited).
    body_errors: Callable[[Any, httpx.Response], None] | None = None
    serial: bool = False  # one request at a time from this process (Wikimedia's API etiquette)


class Busy(Exception):
    """The server asked us to come back in `seconds`: MediaWiki's maxlag (wait a little and retry)
    or ratelimited (`retry=False`: the budget is spent, matching moves on)."""

    def __init__(self, seconds: float, status: int = 503, *, retry: bool = True) -> None:
        super().__init__(seconds)
        self.seconds, self.status, self.retry = seconds, status, retry


BUSY_RETRIES = 2  # then the source counts as rate-limited for this job and matching moves on
_serial_locks: dict[str, threading.Lock] = {}


def _serial(provider: str) -> threading.Lock:
    return _serial_locks.setdefault(provider, threading.Lock())


def get_json(api: Api, path: str, params: dict[str, Any], *, use_cache: bool = True) -> Any:
    if api.needs_key and not api.api_key:
        raise SourceError(api.provider, f"{api.label} is not set up on this server. Set {api.key_setting} to use it.")
    # The endpoint's address is part of the key: a cached answer's links belong to the server that gave them.
    key = catalog.search_key(api.provider, f"{api.base_url.rstrip('/')}{path}", params)
    if use_cache and (cached := catalog.cached_response(key)) is not None:
        return cached
    budget = _budget(api)
    for attempt in range(BUSY_RETRIES + 1):
        ratelimit.take(api.provider, api_key=budget, limit=api.limit, window_seconds=api.window_seconds)
        try:
            body = _request(api, path, params)
            break
        except Busy as exc:
            log.warning("stock.busy", provider=api.provider, seconds=round(exc.seconds, 1), attempt=attempt + 1)
            if not exc.retry or attempt == BUSY_RETRIES:
                seconds = max(exc.seconds, 60.0)
                ratelimit.mark_spent(api.provider, api_key=budget, seconds=seconds)
                raise RateLimited(api.provider, seconds) from None
            wait_max = float(getattr(settings, "ARCHIVE_BUSY_WAIT_SECONDS", 5.0))
            time.sleep(min(wait_max, max(0.0, exc.seconds)))
    if use_cache:
        catalog.store_response(key, provider=api.provider, endpoint=path, params=params, body=body)
    return body


def _budget(api: Api) -> str:
    # A keyless API's budget belongs to the endpoint this install calls.
    return api.api_key or f"anonymous@{api.base_url}"


def _request(api: Api, path: str, params: dict[str, Any]) -> Any:
    query = {**params, api.key_param: api.api_key} if api.key_param else params
    operation = path.strip("/").replace("/", ".") or "search"
    try:
        # provider_call logs the call, counts it, and feeds the circuit breaker.
        with provider_call(provider=api.provider, operation=operation) as call, \
                (_serial(api.provider) if api.serial else nullcontext()):
            with httpx.Client(base_url=api.base_url, timeout=TIMEOUT, headers=api.headers) as client:
                response = client.get(path, params=query)
            call.status = response.status_code
            body = _checked_body(api, response)
            if api.body_errors is not None:
                try:
                    api.body_errors(body, response)
                except Busy as exc:
                    call.status = exc.status  # an error in a 200 body is a failure for the breaker too
                    raise
    except BreakerOpen as exc:
        when = f"it is tried again at {exc.until:%H:%M} UTC" if exc.until else "another call is trying it now"
        raise SourceError(api.provider, f"{api.label} is skipped after repeated failures; {when}.") from None
    except httpx.HTTPError as exc:
        log.warning("stock.request_failed", provider=api.provider, error=type(exc).__name__)
        raise SourceError(api.provider, f"{api.label} could not be reached ({type(exc).__name__}); "
                                        "try again later.") from None
    return body


def _checked_body(api: Api, response: httpx.Response) -> Any:
    status = response.status_code
    log.info("stock.response", provider=api.provider, status=status, path=response.request.url.path)
    # A 429, or Unsplash's 403 with X-Ratelimit-Remaining: 0, is a spent budget, not a bad key.
    if is_rate_limited(status, response.headers, response.text):
        seconds = ratelimit.retry_after_seconds(response.headers, default=api.window_seconds)
        ratelimit.mark_spent(api.provider, api_key=_budget(api), seconds=seconds)
        log.warning("stock.rate_limited", provider=api.provider, status=status, seconds=round(seconds))
        raise RateLimited(api.provider, seconds)
    # Pixabay answers a bad key with 400 "[ERROR 400] Invalid or missing API key".
    if status in (401, 403) or (status == 400 and "api key" in response.text[:200].lower()):
        raise SourceError(api.provider, f"{api.label} refused the API key ({status}). Check {api.key_setting}.")
    if status >= 500:
        raise SourceError(api.provider, f"{api.label} had a server error ({status}); try again later.")
    if status != 200:
        raise SourceError(api.provider, f"{api.label} answered {status} to a search; try again later.")
    if response.headers.get("x-ratelimit-remaining") == "0":
        seconds = ratelimit.retry_after_seconds(response.headers, default=api.window_seconds)
        ratelimit.mark_spent(api.provider, api_key=_budget(api), seconds=seconds)
    try:
        body = response.json()
    except ValueError:
        raise SourceError(api.provider, f"{api.label} sent a response that is not valid JSON; "
                                        "try again later.") from None
    if not isinstance(body, dict):
        raise SourceError(api.provider, f"{api.label} sent an unexpected response; try again later.")
    return body


def host_of(url: str) -> str:
    return httpx.URL(url).host
