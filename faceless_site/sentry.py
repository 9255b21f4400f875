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

from faceless_site.logging import redact

log = structlog.get_logger(__name__)

# Context bound by django-structlog (request_id) and the job runner, copied onto events as tags.
CONTEXT_TAGS = ("request_id", "job_id", "job_kind", "video_id", "channel_id")


def _structlog_message(event: dict[str, Any], hint: dict[str, Any]) -> None:
    """A structlog record's msg is its event dict: show the event name as the message and the
    fields as extra data, instead of the dict's repr."""
    record = hint.get("log_record")
    fields = getattr(record, "msg", None)
    if not isinstance(fields, dict) or "event" not in fields:
        return
    event["logentry"] = {"message": str(fields["event"]), "params": []}
    extra = event.setdefault("extra", {})
    for key, value in fields.items():
        if key not in ("event", "exc_info", "stack_info") and not key.startswith("_"):
            extra.setdefault(key, value)


def before_send(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    _structlog_message(event, hint or {})
    context = structlog.contextvars.get_contextvars()
    tags = event.setdefault("tags", {})
    for name in CONTEXT_TAGS:
        if context.get(name) is not None:
            tags.setdefault(name, str(context[name]))
    return redact(event)


def before_breadcrumb(crumb: dict[str, Any], _hint: dict[str, Any]) -> dict[str, Any]:
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
        "send_default_pii": False,
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
