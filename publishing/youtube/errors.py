"""What can go wrong talking to YouTube, in terms a caller can act on."""

from __future__ import annotations

from datetime import datetime


class YouTubeError(Exception):
    """A call failed for good (a 4xx, or retries used up); `message` is shown to the user."""

    def __init__(self, message: str, *, status: int | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.reason = reason


class ReconnectNeeded(YouTubeError):
    """The grant was revoked or expired for good: the channel owner must connect YouTube again."""


class QuotaExhausted(YouTubeError):
    """Today's quota (ours or Google's answer) is spent; the call can run after `reset_at`."""

    def __init__(self, message: str, *, bucket: str, reset_at: datetime) -> None:
        super().__init__(message, status=403, reason="quotaExceeded")
        self.bucket = bucket
        self.reset_at = reset_at


class RateLimited(QuotaExhausted):
    """Google asked us to slow down (429, or 403 rateLimitExceeded / userRateLimitExceeded) and kept
    asking after our backoff: not a spent daily quota, so the call runs again after a short wait
    (`reset_at`, from Retry-After when given)."""

    def __init__(self, message: str, *, reset_at: datetime, status: int, reason: str) -> None:
        super().__init__(message, bucket="rate", reset_at=reset_at)
        self.status = status
        self.reason = reason
