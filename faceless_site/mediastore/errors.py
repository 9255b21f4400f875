"""What can go wrong with the media store, said so that the person who reads it knows what to do.

Every error carries `message` (shown in the job, the studio and `doctor`; never a key, a signature
or a presigned URL) and `retryable`: the store did not answer or asked to slow down, so the same
request may well work later. The job runner queues a step that failed with a retryable error again
(up to JOB_MAX_ATTEMPTS); the others fail the step with the message at once.
"""

from __future__ import annotations

import email.utils
import time
from typing import Any


class MediaStoreError(Exception):
    retryable = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreUnavailable(MediaStoreError):
    """No answer, a cut connection, a 5xx or 503 SlowDown, after every retry."""

    retryable = True


class StoreRefused(MediaStoreError):
    """The store refused the credentials."""


class BucketMissing(MediaStoreError):
    pass


class ClockSkew(MediaStoreError):
    """This machine's clock is so far from the store's that request signatures are refused."""


class MediaMissing(MediaStoreError, FileNotFoundError):
    """The named file is not in the store."""

    def __init__(self, name: str) -> None:
        super().__init__(f"The file {name} is missing from the media store.")
        self.name = name


class ScratchFull(MediaStoreError, OSError):
    """The machine's scratch folder has no room for what ffmpeg needs on disk."""


# S3 error codes (and bare HTTP statuses, which HEAD answers carry instead) that a later try may pass.
RETRYABLE_CODES = frozenset({
    "SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout", "RequestTimeoutException",
    "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequests", "BandwidthLimitExceeded",
    "500", "502", "503", "504", "429",
})
CREDENTIAL_CODES = frozenset({"InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "403",
                              "InvalidToken", "ExpiredToken", "AuthorizationHeaderMalformed"})
SKEW_CODES = frozenset({"RequestTimeTooSkewed", "RequestExpired"})
# A signature is refused by AWS (and SeaweedFS) beyond 15 minutes; a smaller offset is not the cause.
SKEW_SECONDS = 5 * 60


def error_code(exc: Any) -> str:
    response = getattr(exc, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


def http_status(exc: Any) -> int:
    response = getattr(exc, "response", None) or {}
    return int(response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)


def clock_offset(exc: Any) -> float | None:
    """Seconds this machine's clock is ahead of the store's (negative: behind), from the answer's Date."""
    response = getattr(exc, "response", None) or {}
    date = response.get("ResponseMetadata", {}).get("HTTPHeaders", {}).get("date")
    if not date:
        return None
    try:
        theirs = email.utils.parsedate_to_datetime(date).timestamp()
    except (TypeError, ValueError):
        return None
    return time.time() - theirs


def skew_message(offset: float | None, where: str, code: str) -> str:
    if offset is None:
        amount = "far from"
    else:
        minutes = abs(offset) / 60
        amount = f"{minutes:.0f} minutes {'ahead of' if offset > 0 else 'behind'}"
    return (f"This machine's clock is {amount} the media store's ({where}), so the store refuses its signed "
            f"requests ({code}). Set the clock right (NTP: `timedatectl set-ntp true`, or chrony), then retry; "
            "nothing made was lost.")
