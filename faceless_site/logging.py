"""Logging: structlog over the standard library, JSON outside DEBUG, a readable console in DEBUG.

Every line carries its context from `structlog.contextvars`: django-structlog's RequestMiddleware
binds `request_id` for a request, and the job runner binds `job_id`, `job_kind`, `video_id` and
`channel_id` while a step runs.

Every record passes `redact_secrets` twice: in the structlog chain (so the stdlib record that other
handlers such as Sentry's logging integration see is already clean) and in the formatter after the
traceback is rendered (so a secret inside an exception message or a third-party library's
`%s`-formatted line is removed too). A token or key never reaches a log line, whatever the caller
passes. The redaction itself is faceless_site/redaction.py, the same one Sentry, the job runner and the
API use.
"""

from __future__ import annotations

from typing import Any

import structlog

# The one redaction, shared with Sentry, the job runner and the stored rows; re-exported here.
from faceless_site.redaction import REDACTED, is_secret_name, redact, redact_text

__all__ = ["REDACTED", "configure_logging", "is_secret_name", "redact", "redact_secrets", "redact_text"]


# Structural fields of a log record: never secrets, and some (exc_info) must keep their type.
_PASS_THROUGH = frozenset({"_record", "_from_structlog", "exc_info", "stack_info", "level", "logger", "timestamp"})


def redact_secrets(_logger: Any, _method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    from faceless_site.redaction import configured_secrets

    secrets = configured_secrets()  # once per line, not once per field
    return {
        key: value if key in _PASS_THROUGH else redact(value, "" if key == "event" else key, secrets=secrets)
        for key, value in event_dict.items()
    }


def _context_processors() -> list[Any]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


def configure_logging(*, debug: bool, level: str) -> dict[str, Any]:
    """Configure structlog and return the LOGGING dict for Django."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_context_processors(),
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            redact_secrets,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    renderer = structlog.dev.ConsoleRenderer(colors=False) if debug else structlog.processors.JSONRenderer()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structured": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    # Rendered here rather than in the chain so the stdlib record keeps exc_info for
                    # Sentry; redacted again because a traceback can quote a secret.
                    structlog.processors.format_exc_info,
                    redact_secrets,
                    renderer,
                ],
                "foreign_pre_chain": [*_context_processors(), structlog.stdlib.ExtraAdder()],
            },
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "httpx": {"level": "WARNING"},
            "httpcore": {"level": "WARNING"},
            "googleapiclient.discovery_cache": {"level": "ERROR"},
            # request_started / request_finished (with request_id, status code) are the access log.
            "django_structlog": {"level": "INFO"},
            # Django's own DEFAULT_LOGGING, set up before this, gives "django" a console handler that
            # prints in DEBUG and "django.server" one that does not propagate: without handlers of their
            # own both reach the root's redacting formatter. (Handlers removed and propagation off sent
            # runserver's 4xx/5xx lines, query strings and all, to Python's last-resort handler, raw.)
            "django": {"level": "INFO", "handlers": [], "propagate": True},
            # runserver's own access lines repeat django-structlog's request_finished, without ids.
            "django.server": {"level": "WARNING", "handlers": [], "propagate": True},
        },
    }
