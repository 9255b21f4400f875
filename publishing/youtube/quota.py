"""The quota ledger: API usage per Google project per Pacific day, counted before each call.

Google's current model (integrations.md): videos.insert has its own bucket of YOUTUBE_DAILY_UPLOADS
calls a day, every other method spends units from YOUTUBE_DAILY_QUOTA_UNITS. Costs live in
YOUTUBE_QUOTA_COSTS ({method: [bucket, cost]}) so the legacy model (videos.insert = 1600 units) is a
settings change. A call is charged before it is made, because Google charges invalid requests too.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from publishing.models import QuotaUsage
from publishing.youtube.errors import QuotaExhausted

PACIFIC = ZoneInfo("America/Los_Angeles")
UNITS, UPLOADS = "units", "uploads"
DEFAULT_COSTS: dict[str, tuple[str, int]] = {
    "videos.insert": (UPLOADS, 1),
    "videos.list": (UNITS, 1),
    "channels.list": (UNITS, 1),
    "thumbnails.set": (UNITS, 50),
    "playlistItems.insert": (UNITS, 50),
    "playlistItems.list": (UNITS, 1),
    "captions.insert": (UNITS, 400),
    "captions.list": (UNITS, 50),
}


def quota_day(now: datetime | None = None) -> date:
    # With no instant given, this reads the calendar (in Pacific time), through timezone like every calendar read.
    return timezone.localdate(now, timezone=PACIFIC)


def quota_reset_at(now: datetime | None = None) -> datetime:
    """The next midnight in Pacific time (23 or 25 hours away on DST days), in UTC."""
    tomorrow = quota_day(now) + timedelta(days=1)
    return datetime.combine(tomorrow, time.min, tzinfo=PACIFIC).astimezone(ZoneInfo("UTC"))


def operation_cost(operation: str) -> tuple[str, int]:
    costs = {**DEFAULT_COSTS, **getattr(settings, "YOUTUBE_QUOTA_COSTS", {})}
    bucket, cost = costs.get(operation, (UNITS, 1))
    return bucket, int(cost)


def bucket_limit(bucket: str) -> int:
    return settings.YOUTUBE_DAILY_UPLOADS if bucket == UPLOADS else settings.YOUTUBE_DAILY_QUOTA_UNITS


def _row(bucket: str, day: date) -> QuotaUsage:
    project = settings.YOUTUBE_PROJECT
    try:
        with transaction.atomic():
            row, _ = QuotaUsage.objects.get_or_create(project=project, day=day, bucket=bucket)
    except IntegrityError:  # another worker created it between our read and insert
        row = QuotaUsage.objects.get(project=project, day=day, bucket=bucket)
    return row


def _exhausted(bucket: str, now: datetime) -> QuotaExhausted:
    reset = quota_reset_at(now)
    what = "uploads (videos.insert)" if bucket == UPLOADS else "API units"
    local = timezone.localtime(reset)
    return QuotaExhausted(
        f"Today's YouTube quota of {what} for project {settings.YOUTUBE_PROJECT} is used up. "
        f"It resets at midnight Pacific time ({local:%Y-%m-%d %H:%M %Z}); the upload waits and continues then.",
        bucket=bucket, reset_at=reset,
    )


def quota_spend(*, operation: str, now: datetime | None = None) -> None:
    """Charge one call of `operation`, or raise QuotaExhausted if it would pass today's limit."""
    now = now or timezone.now()
    bucket, cost = operation_cost(operation)
    row = _row(bucket, quota_day(now))
    charged = QuotaUsage.objects.filter(pk=row.pk, exhausted=False, used__lte=bucket_limit(bucket) - cost).update(
        used=F("used") + cost, calls=F("calls") + 1, updated_at=now
    )
    if not charged:
        raise _exhausted(bucket, now)
    if bucket == UNITS:
        _record_metric(cost, operation)


def quota_check(*, operations: list[str], now: datetime | None = None) -> None:
    """Raise QuotaExhausted unless all these calls fit in what is left today (charges nothing)."""
    now = now or timezone.now()
    needed: dict[str, int] = {}
    for operation in operations:
        bucket, cost = operation_cost(operation)
        needed[bucket] = needed.get(bucket, 0) + cost
    for bucket, cost in needed.items():
        row = _row(bucket, quota_day(now))
        if row.exhausted or row.used + cost > bucket_limit(bucket):
            raise _exhausted(bucket, now)


def quota_mark_exhausted(*, operation: str, now: datetime | None = None) -> QuotaExhausted:
    """Google said quotaExceeded: trust it over our count until the reset."""
    now = now or timezone.now()
    bucket, _ = operation_cost(operation)
    QuotaUsage.objects.filter(pk=_row(bucket, quota_day(now)).pk).update(exhausted=True, updated_at=now)
    return _exhausted(bucket, now)


def quota_usage(*, day: date | None = None) -> dict[str, dict[str, int | bool]]:
    """Today's (or `day`'s) usage per bucket for the configured project: used, limit, exhausted."""
    day = day or quota_day()
    rows = {r.bucket: r for r in QuotaUsage.objects.filter(project=settings.YOUTUBE_PROJECT, day=day)}
    return {
        bucket: {"used": rows[bucket].used if bucket in rows else 0, "limit": bucket_limit(bucket),
                 "calls": rows[bucket].calls if bucket in rows else 0,
                 "exhausted": bool(rows.get(bucket) and rows[bucket].exhausted)}
        for bucket in (UPLOADS, UNITS)
    }


def _record_metric(units: int, operation: str) -> None:
    try:
        from faceless_site.metrics import record_youtube_quota
    except ImportError:
        return
    record_youtube_quota(units=units, operation=operation)
