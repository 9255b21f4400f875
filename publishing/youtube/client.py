"""Authorised YouTube clients: credentials from a stored grant, endpoints from settings, and every
call made through `YouTubeClient.call` so quota, retries and errors are handled in one place.

Retries follow Google's upload guide: 500/502/503/504 and connection errors are retried with
exponential backoff and full jitter (sleep random() * base * 2**attempt, capped), up to
YOUTUBE_MAX_RETRIES times. A rate limit (429, or 403 rateLimitExceeded / userRateLimitExceeded) is
retried after Retry-After or the same backoff, YOUTUBE_RATE_LIMIT_RETRIES times, then the call gives
up with RateLimited: the publication waits a few minutes instead of holding a worker. Another 4xx is
the request's fault and is not retried; a spent daily quota waits for the Pacific-time reset.
"""

from __future__ import annotations

import http.client
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import google.auth.exceptions
import google_auth_httplib2
import httplib2
from django.conf import settings
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from faceless_site.providers import BreakerOpen, parse_retry_after, provider_call
from publishing.youtube import quota
from publishing.youtube.errors import RateLimited, ReconnectNeeded, YouTubeError

T = TypeVar("T")
RETRY_STATUSES = (500, 502, 503, 504)
# Daily: wait for the reset. Short-term: slow down and try again (Google's "Errors" reference).
QUOTA_REASONS = ("quotaExceeded", "dailyLimitExceeded", "uploadLimitExceeded")
RATE_LIMIT_REASONS = ("rateLimitExceeded", "userRateLimitExceeded")
RATE_LIMIT_WAIT = timedelta(minutes=15)  # when Google gives no Retry-After
RECONNECT_MESSAGE = (
    "Google no longer accepts this channel's YouTube access (the grant was revoked or has expired). "
    "Connect YouTube again in the channel settings; scheduled uploads wait until then."
)


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 10
    base_seconds: float = 1.0
    max_seconds: float = 64.0
    rate_limit_retries: int = 3

    @classmethod
    def from_settings(cls) -> RetryPolicy:
        return cls(max_retries=getattr(settings, "YOUTUBE_MAX_RETRIES", 10),
                   base_seconds=getattr(settings, "YOUTUBE_RETRY_BASE_SECONDS", 1.0),
                   max_seconds=getattr(settings, "YOUTUBE_RETRY_MAX_SECONDS", 64.0),
                   rate_limit_retries=getattr(settings, "YOUTUBE_RATE_LIMIT_RETRIES", 3))

    def delay(self, attempt: int) -> float:
        return random.random() * min(self.max_seconds, self.base_seconds * 2**attempt)


class Backoff:
    """One call's retries: `after(exc)` sleeps before the next attempt, or raises the error the
    caller can act on when `exc` is final (not retryable, retries used up, a rate limit that stays)."""

    def __init__(self, client: YouTubeClient, operation: str) -> None:
        self.client, self.operation = client, operation
        self.attempt = 0
        self.rate_limited = 0

    def after(self, exc: BaseException) -> None:
        policy = self.client.policy
        if is_rate_limited(exc):
            wait = parse_retry_after(_header(exc, "retry-after"))
            if self.rate_limited >= policy.rate_limit_retries:
                raise rate_limited(exc, self.operation, wait) from exc
            self.rate_limited += 1
            if wait is not None and wait > policy.max_seconds:  # not worth holding a worker for
                raise rate_limited(exc, self.operation, wait) from exc
            self.client.sleep(wait if wait is not None else policy.delay(self.attempt))
            self.attempt += 1
            return
        if not is_retryable(exc) or self.attempt >= policy.max_retries:
            raise translate(exc, self.operation) from exc
        self.client.sleep(policy.delay(self.attempt))
        self.attempt += 1

    def succeeded(self) -> None:
        """A step of a longer exchange went through (an upload chunk): the next failure starts afresh."""
        self.attempt = self.rate_limited = 0


def _header(exc: BaseException, name: str) -> str | None:
    response = getattr(exc, "resp", None)
    return response.get(name) if response is not None else None


def is_rate_limited(exc: BaseException) -> bool:
    if not isinstance(exc, HttpError):
        return False
    status = exc.resp.status
    return status == 429 or (status == 403 and http_error_reason(exc) in RATE_LIMIT_REASONS)


def rate_limited(exc: HttpError, operation: str, wait: float | None) -> RateLimited:
    delay = timedelta(seconds=wait) if wait is not None else RATE_LIMIT_WAIT
    until = datetime.now(UTC) + max(delay, timedelta(seconds=1))
    reason = http_error_reason(exc) or "rateLimitExceeded"
    minutes = max(1, round(delay.total_seconds() / 60))
    return RateLimited(
        f"YouTube asked Faceless to slow down ({operation}: HTTP {exc.resp.status}, {reason}). "
        f"{_WHAT_WAITS.get(operation.split('.')[0], 'This step')} waits about {minutes} min and continues then; "
        "nothing is lost.", reset_at=until, status=exc.resp.status, reason=reason)


# Which part of the work a slowed-down call holds up, by the API resource it calls.
_WHAT_WAITS = {"videos": "The upload", "thumbnails": "Setting the thumbnail", "playlistItems": "Adding it to the "
               "playlist", "reports": "The analytics sync", "channels": "Reading the channel",
               "captions": "Uploading the captions"}


def build_http() -> httplib2.Http:
    # YOUTUBE_CA_CERTS lets a self-hosted gateway (or the test server) use its own CA.
    ca_certs = getattr(settings, "YOUTUBE_CA_CERTS", "") or None
    http = httplib2.Http(ca_certs=ca_certs, timeout=getattr(settings, "YOUTUBE_HTTP_TIMEOUT", 120))
    # A 308 is the resumable protocol's "resume incomplete", not a redirect (as googleapiclient's build_http).
    http.redirect_codes = http.redirect_codes - {308}
    return http


def credentials_from_dict(data: dict[str, Any]) -> Credentials:
    """The client id and secret come from settings, never from what is stored with the account."""
    expiry = data.get("expiry")
    return Credentials(
        token=data.get("token"), refresh_token=data.get("refresh_token"),
        token_uri=settings.GOOGLE_OAUTH_TOKEN_URL, client_id=settings.GOOGLE_OAUTH_CLIENT_ID,
        client_secret=settings.GOOGLE_OAUTH_CLIENT_SECRET, scopes=data.get("scopes") or None,
        # google-auth compares expiry as naive UTC.
        expiry=datetime.fromisoformat(expiry).astimezone(UTC).replace(tzinfo=None) if expiry else None,
    )


def credentials_to_dict(credentials: Credentials) -> dict[str, Any]:
    expiry = credentials.expiry.replace(tzinfo=UTC).isoformat() if credentials.expiry else None
    return {"token": credentials.token, "refresh_token": credentials.refresh_token, "expiry": expiry,
            "scopes": list(credentials.scopes or [])}


def is_retryable(exc: BaseException) -> bool:
    if isinstance(exc, HttpError):
        return exc.resp.status in RETRY_STATUSES
    if isinstance(exc, ssl.SSLCertVerificationError):
        return False  # a wrong certificate does not fix itself
    if isinstance(exc, google.auth.exceptions.RefreshError):
        return bool(getattr(exc, "retryable", False))
    return isinstance(exc, (httplib2.HttpLib2Error, http.client.HTTPException, OSError,
                            google.auth.exceptions.TransportError))


def http_error_reason(exc: HttpError) -> str:
    details = exc.error_details if isinstance(exc.error_details, list) else []
    for detail in details:
        if isinstance(detail, dict) and detail.get("reason"):
            return str(detail["reason"])
    return ""


def oauth_error(exc: google.auth.exceptions.RefreshError) -> str:
    """The OAuth error code ("invalid_grant") from the token endpoint's answer, if any."""
    for arg in exc.args:
        if isinstance(arg, dict) and arg.get("error"):
            return str(arg["error"])
    return ""


def translate(exc: BaseException, operation: str) -> YouTubeError:
    """Turn a client or transport error into one the publish step knows how to handle."""
    if isinstance(exc, google.auth.exceptions.RefreshError):
        error = oauth_error(exc)
        if error == "invalid_client":
            return YouTubeError("Google refused this server's OAuth client (invalid_client): check "
                                "GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET.", reason=error)
        return ReconnectNeeded(RECONNECT_MESSAGE, reason=error or "refresh_failed")
    if isinstance(exc, HttpError):
        status, reason = exc.resp.status, http_error_reason(exc)
        if status == 403 and reason in QUOTA_REASONS:
            return quota.quota_mark_exhausted(operation=operation)
        if status == 401:
            return ReconnectNeeded(RECONNECT_MESSAGE, status=401, reason=reason)
        text = exc.reason or reason or "no reason given"
        return YouTubeError(f"YouTube refused {operation} (HTTP {status}{', ' + reason if reason else ''}): {text}",
                            status=status, reason=reason)
    return YouTubeError(f"YouTube could not be reached for {operation} after retries: {type(exc).__name__}: {exc}")


class YouTubeClient:
    """One account's authorised connection. `on_refresh` is called with the new credentials dict
    whenever google-auth refreshed the access token, so it can be stored again (encrypted)."""

    def __init__(self, credentials: Credentials, *, on_refresh: Callable[[dict[str, Any]], None] | None = None,
                 policy: RetryPolicy | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.credentials = credentials
        self.http = google_auth_httplib2.AuthorizedHttp(credentials, http=build_http())
        self.policy = policy or RetryPolicy.from_settings()
        self.sleep = sleep
        self._on_refresh = on_refresh
        self._token = credentials.token
        self._services: dict[str, Any] = {}

    def service(self, name: str = "youtube") -> Any:
        if name not in self._services:
            if name == "youtube":
                version, endpoint = "v3", settings.YOUTUBE_API_ENDPOINT
            else:
                version, endpoint = "v2", settings.YOUTUBE_ANALYTICS_API_ENDPOINT
            options = {"api_endpoint": endpoint} if endpoint else None
            self._services[name] = build(name, version, http=self.http, client_options=options,
                                         static_discovery=True, cache_discovery=False)
        return self._services[name]

    def save_if_refreshed(self) -> None:
        if self.credentials.token != self._token:
            self._token = self.credentials.token
            if self._on_refresh is not None:
                self._on_refresh(credentials_to_dict(self.credentials))

    def call(self, operation: str, make_request: Callable[[Any], Any], *, charge: bool = True) -> Any:
        """Charge the quota, execute the request with retries, translate failures.

        `make_request(service)` builds a fresh request each attempt (a request object keeps state).
        """
        service = self.service("youtubeAnalytics" if operation.startswith("reports.") else "youtube")
        try:
            # provider_call logs the call (status, latency, retries), counts it and feeds the breaker.
            with provider_call(provider="youtube", operation=operation) as record:
                return self._call_with_retries(operation, service, make_request, charge, record)
        except BreakerOpen as exc:
            raise YouTubeError(f"YouTube calls are paused after repeated failures ({exc}); "
                               "retry the job later.") from exc

    def _call_with_retries(self, operation: str, service: Any, make_request: Callable[[Any], Any], charge: bool,
                           record: Any) -> Any:
        backoff = Backoff(self, operation)
        while True:
            record.retries = backoff.attempt
            if charge:
                quota.quota_spend(operation=operation)
            try:
                result = make_request(service).execute()
            except Exception as exc:
                self.save_if_refreshed()
                record.status = getattr(getattr(exc, "resp", None), "status", None)
                try:
                    backoff.after(exc)
                except ReconnectNeeded:
                    record.status = 401  # one account's grant, not YouTube failing: no breaker
                    raise
                continue
            self.save_if_refreshed()
            record.status = 200
            return result
