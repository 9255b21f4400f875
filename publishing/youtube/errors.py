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
