"""Error reports to Sentry, only when SENTRY_DSN is set.

Call `init_sentry()` once per process (web and job workers); it reads settings at call time.
Personal data stays off (no IPs, cookies, users, request bodies, local variables), and every event
and breadcrumb goes through the same redaction as the logs. sentry-sdk has no django-q2
integration: job failures reach Sentry through the logging integration, because the job runner
logs a crashed step with `log.exception` (an ERROR record carrying the traceback); `before_send`
tags those events with the job, video and channel ids bound in structlog's context.
"""

from __future__ import annotations

from typing import Any

import structlog
from django.conf import settings

from faceless_site.redaction import redact

log = structlog.get_logger(__name__)

# Context bound by django-structlog (request_id) and the job runner, copied onto events as tags.
CONTEXT_TAGS = ("request_id", "job_id", "job_kind", "video_id", "channel_id")


# Bound by django-structlog on every request line; personal data, which Sentry gets only when
# send_default_pii is on (it never is here).
PERSONAL_FIELDS = frozenset({"ip", "user_id", "user_agent", "email", "username"})


def _log_fields(hint: dict[str, Any]) -> dict[str, Any] | None:
    """A structlog record's fields (its msg is the event dict), without personal data."""
    fields = getattr(hint.get("log_record"), "msg", None)
    if not isinstance(fields, dict) or "event" not in fields:
        return None
    return {key: value for key, value in fields.items()
            if key not in PERSONAL_FIELDS and key not in ("exc_info", "stack_info") and not key.startswith("_")}


def before_send(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    fields = _log_fields(hint or {})
    if fields is not None:
        # The event name as the message and the fields as extra data, instead of the dict's repr.
        event["logentry"] = {"message": str(fields.pop("event")), "params": []}
        event.setdefault("extra", {}).update(fields)
    context = structlog.contextvars.get_contextvars()
    tags = event.setdefault("tags", {})
    for name in CONTEXT_TAGS:
        if context.get(name) is not None:
            tags.setdefault(name, str(context[name]))
    for crumb in event.get("breadcrumbs", {}).get("values", []):
        for name in PERSONAL_FIELDS:
            crumb.get("data", {}).pop(name, None)
    return redact(event)


def before_breadcrumb(crumb: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    fields = _log_fields(hint or {})
    if fields is not None:
        crumb["message"] = str(fields.pop("event"))
        crumb["data"] = {**crumb.get("data", {}), **fields}
    return redact(crumb)


def init_sentry(*, dsn: str | None = None, **overrides: Any) -> bool:
    """Start the Sentry client when a DSN is configured; returns whether it did."""
    dsn = settings.SENTRY_DSN if dsn is None else dsn
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    options: dict[str, Any] = {
        "dsn": dsn,
        "integrations": [DjangoIntegration(), LoggingIntegration()],
        # Personal data stays off: send_default_pii defaults to False (passing it is deprecated in
        # favour of data_collection, whose default follows it).
        "include_local_variables": False,
        "max_request_body_size": "never",
        "before_send": before_send,
        "before_breadcrumb": before_breadcrumb,
        "environment": "development" if settings.DEBUG else "production",
        "traces_sample_rate": 0.0,
    }
    options.update(overrides)
    sentry_sdk.init(**options)
    log.info("sentry.enabled")
    return True
