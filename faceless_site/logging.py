"""Logging: structlog over the standard library, JSON outside DEBUG, a readable console in DEBUG.

Every line carries its context from `structlog.contextvars`: django-structlog's RequestMiddleware
binds `request_id` for a request, and the job runner binds `job_id`, `job_kind`, `video_id` and
`channel_id` while a step runs.

Every record passes `redact_secrets` twice: in the structlog chain (so the stdlib record that other
handlers such as Sentry's logging integration see is already clean) and in the formatter after the
traceback is rendered (so a secret inside an exception message or a third-party library's
`%s`-formatted line is removed too). A token or key never reaches a log line, whatever the caller
passes.
"""

from __future__ import annotations

import re
from typing import Any

import structlog
from django.core.signals import setting_changed

# Key names whose values are secrets whatever they look like. Matched on the key's words, so that
# `input_tokens` (a count) or `cache_key` stay readable while `access_token` and `X-Api-Key` do not.
SECRET_WORDS = frozenset({
    "password", "passwd", "pwd", "passphrase", "secret", "token", "auth", "authorization", "credential",
    "credentials", "cookie", "cookies", "dsn", "apikey", "sessionid", "signature", "sig",
})
SECRET_NAME_PATTERN = re.compile(
    r"(?i)(api[_-]?key|access[_-]?key|private[_-]?key|secret[_-]?key|client[_-]?secret|session[_-]?key"
    r"|csrf|set[_-]cookie)"
)
# Values that look like credentials wherever they appear in free text.
SECRET_VALUE_PATTERNS = [
    re.compile(r"(?i)\b(bearer|basic|client-id)\s+[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"\bsk-[A-Za-z0-9_-]{8,}"),
    re.compile(r"\bAIza[0-9A-Za-z_-]{20,}"),
    re.compile(r"\bya29\.[A-Za-z0-9._-]+"),
    re.compile(r"\b1//[A-Za-z0-9._-]{10,}"),
    re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+"),  # JWTs
]
# `name=value` in query strings, form bodies and "key: value" text: the name stays, the value goes.
SECRET_ASSIGNMENT = re.compile(
    r"(?i)((?:^|[?&;,\s\"'{])(?:key|api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|id[_-]?token|token"
    r"|client[_-]?secret|secret|password|passwd|signature|sig|auth)[\"']?\s*[=:]\s*[\"']?)[^&\s\"',;}]+"
)
URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)([^:/@\s]+):([^@\s]+)@")
# Settings whose values are secrets: their literal values are removed from any text, whatever shape
# they have (a Pixabay key is plain hex, which no pattern above could tell from an id).
SECRET_SETTING = re.compile(r"(^|_)(SECRET|SECRET_KEY|PASSWORD|API_KEY|ACCESS_KEY|TOKEN|DSN|ENCRYPTION_KEYS?)$")
MIN_SECRET_CHARS = 6
REDACTED = "[redacted]"
_configured_secrets: list[str] | None = None


def _settings_secrets() -> list[str]:
    """The configured secret values, longest first; read once, and again after a settings change."""
    global _configured_secrets
    if _configured_secrets is None:
        from django.conf import settings

        if not settings.configured:
            return []
        values: list[str] = []
        for name in dir(settings):
            if name.isupper() and SECRET_SETTING.search(name):
                value = getattr(settings, name, "")
                values.extend(value if isinstance(value, (list, tuple)) else [value])
        values.extend(db.get("PASSWORD", "") for db in settings.DATABASES.values())
        _configured_secrets = sorted(
            {v for v in values if isinstance(v, str) and len(v) >= MIN_SECRET_CHARS}, key=len, reverse=True
        )
    return _configured_secrets


def forget_settings_secrets(**_kwargs: Any) -> None:
    global _configured_secrets
    _configured_secrets = None


def is_secret_name(key: str) -> bool:
    if not key:
        return False
    words = re.split(r"[^a-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", key).lower())
    return key.lower() == "key" or any(word in SECRET_WORDS for word in words) or bool(SECRET_NAME_PATTERN.search(key))


def redact_text(text: str) -> str:
    for secret in _settings_secrets():
        text = text.replace(secret, REDACTED)
    for pattern in SECRET_VALUE_PATTERNS:
        text = pattern.sub(lambda m: f"{m.group(1)} {REDACTED}" if m.groups() else REDACTED, text)
    text = SECRET_ASSIGNMENT.sub(lambda m: f"{m.group(1)}{REDACTED}", text)
    return URL_CREDENTIALS.sub(lambda m: f"{m.group(1)}{m.group(2)}:{REDACTED}@", text)


def redact(value: Any, key: str = "") -> Any:
    """A copy of `value` with secrets replaced: by key name at any depth, and by shape in text."""
    if is_secret_name(key) and value not in (None, "", False) and not isinstance(value, (dict, list, tuple)):
        return REDACTED
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, bytes):
        return redact_text(value.decode("utf-8", "replace"))
    if isinstance(value, dict):
        return {k: redact(v, str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [redact(v) for v in value] if not isinstance(value, tuple) else tuple(redact(v) for v in value)
    if isinstance(value, BaseException):
        return redact_text(f"{type(value).__name__}: {value}")
    return value


# Structural fields of a log record: never secrets, and some (exc_info) must keep their type.
_PASS_THROUGH = frozenset({"_record", "_from_structlog", "exc_info", "stack_info", "level", "logger", "timestamp"})


def redact_secrets(_logger: Any, _method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value if key in _PASS_THROUGH else (redact(value) if key == "event" else redact(value, key))
        for key, value in event_dict.items()
    }


def _context_processors() -> list[Any]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


setting_changed.connect(forget_settings_secrets, dispatch_uid="faceless-logging-secrets")


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
            # runserver's own access lines repeat django-structlog's request_finished, without ids.
            "django.server": {"level": "WARNING"},
        },
    }
