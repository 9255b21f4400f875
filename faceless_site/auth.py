"""API authentication (personal token or the studio session), API token services, and the
sign-in rate limit."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from faceless_site.models import ApiToken

TOKEN_PREFIX = "fls_"  # noqa: S105  (a public marker, not a secret)
# last_used_at is written at most this often, so a busy script does not turn reads into writes.
LAST_USED_GRANULARITY = timedelta(minutes=1)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("Name the token after what will use it, e.g. 'backup script'.")
    if len(name) > 100:
        raise ValidationError("Keep the token name under 100 characters.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:12], key_hash=_hash(raw))
    return token, raw


def api_token_revoke(*, token: ApiToken, user: Any) -> ApiToken:
    if token.user_id != user.pk and not user.is_staff:
        raise ValidationError("This is not your token.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_user(raw: str) -> Any | None:
    """The active user behind a raw token, or None."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(raw), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer fls_…`, a personal token from the studio's API tokens page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


class StudioSessionAuth(SessionAuth):
    """The studio's session cookie; ninja enforces CSRF for it."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


# --- Sign-in rate limit ----------------------------------------------------------------------

_UNITS = {"s": 1, "m": 60, "h": 3600}


def parse_rate(rate: str, *, name: str = "LOGIN_RATE_LIMIT") -> tuple[int, int]:
    """"10/15m" -> (10 attempts, 900 seconds)."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smh])\s*", rate or "")
    if not match:
        raise ValueError(f"{name} {rate!r} is not like '10/15m'.")
    count, amount, unit = match.groups()
    return int(count), int(amount or 1) * _UNITS[unit]


def _login_key(ip: str, username: str) -> str:
    return "login-failures:" + _hash(f"{ip}|{username.strip().lower()}")


def login_blocked(ip: str, username: str) -> bool:
    limit, _window = parse_rate(settings.LOGIN_RATE_LIMIT)
    return (cache.get(_login_key(ip, username)) or 0) >= limit


def login_failed(ip: str, username: str) -> None:
    _limit, window = parse_rate(settings.LOGIN_RATE_LIMIT)
    key = _login_key(ip, username)
    # add() starts the window on the first failure; incr() keeps its expiry.
    if not cache.add(key, 1, timeout=window):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window)


def login_succeeded(ip: str, username: str) -> None:
    cache.delete(_login_key(ip, username))


def login_window_minutes() -> int:
    return max(1, parse_rate(settings.LOGIN_RATE_LIMIT)[1] // 60)
