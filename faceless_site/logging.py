"""Logging: structlog over the standard library, JSON outside DEBUG, a readable console in DEBUG.

Every record passes `redact_secrets`, so a token or key never reaches a log line, whatever the
caller passes.
"""

from __future__ import annotations

import re
from typing import Any

import structlog

SECRET_KEY_NAMES = re.compile(
    r"(pass(word)?|secret|token|api[_-]?key|authorization|auth|credential|cookie|session|dsn|private)",
    re.IGNORECASE,
)
# Values that look like credentials wherever they appear in a message.
SECRET_VALUE_PATTERNS = [
    re.compile(r"(?i)\b(bearer|client-id)\s+[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"\bsk-[A-Za-z0-9_-]{8,}"),
    re.compile(r"\bya29\.[A-Za-z0-9._-]+"),
    re.compile(r"\b1//[A-Za-z0-9._-]{10,}"),
    re.compile(r"(?i)([?&](key|api_key|access_token|refresh_token|client_secret|token)=)[^&\s\"']+"),
    re.compile(r"(?i)(mongodb(\+srv)?|postgres(ql)?|redis)://([^:/@\s]+):([^@\s]+)@"),
]
REDACTED = "[redacted]"


def _redact_text(text: str) -> str:
    for pattern in SECRET_VALUE_PATTERNS:
        if pattern.groups >= 5:  # URLs with user:password@
            text = pattern.sub(lambda m: f"{m.group(1)}://{m.group(4)}:{REDACTED}@", text)
        elif pattern.groups >= 2:
            text = pattern.sub(lambda m: f"{m.group(1)}{REDACTED}", text)
        else:
            text = pattern.sub(REDACTED, text)
    return text


def redact(value: Any, key: str = "") -> Any:
    is_secret_name = bool(key) and SECRET_KEY_NAMES.search(key) is not None
    if is_secret_name and value not in (None, "", 0, False) and not isinstance(value, (dict, list, tuple)):
        return REDACTED
    if isinstance(value, str):
        return _redact_text(value)
    if isinstance(value, dict):
        return {k: redact(v, str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redact(v) for v in value)
    return value


def redact_secrets(_logger: Any, _method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    return {key: (redact(value, key) if key != "event" else redact(value)) for key, value in event_dict.items()}


def shared_processors() -> list[Any]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),
        structlog.processors.format_exc_info,
        redact_secrets,
    ]


def configure_logging(*, debug: bool, level: str) -> dict[str, Any]:
    """Configure structlog and return the LOGGING dict for Django."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            structlog.stdlib.PositionalArgumentsFormatter(),
            *shared_processors(),
            structlog.processors.StackInfoRenderer(),
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
                "processors": [structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
                "foreign_pre_chain": shared_processors(),
            },
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "httpx": {"level": "WARNING"},
            "httpcore": {"level": "WARNING"},
            "googleapiclient.discovery_cache": {"level": "ERROR"},
            "django_structlog": {"level": "WARNING"},
        },
    }
