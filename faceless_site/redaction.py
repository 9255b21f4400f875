"""The one redaction every exit goes through: rows a tenant can read (Job, Video, Publication,
YouTubeAccount), API responses, pages, log lines and Sentry events.

`redact(value)` returns a copy of any value with secrets replaced by "[redacted]":

- the literal value of every configured secret (each setting or environment variable named like a
  key, token, password or secret, and the database passwords), read at each call, so a key changed at run time
  or in a test is covered; a Pixabay key is plain hex, which no pattern could tell from an id;
- anything shaped like a credential (bearer/basic tokens, sk-..., Google keys and tokens, JWTs);
- the value of `name=value` / `"name": "value"` pairs whose name is a secret's (query strings,
  form bodies, JSON text), OAuth's `code` and `state` in query strings and form bodies, and the
  password in `scheme://user:password@host`;
- by key name at any depth of a dict (`api_key`, `Authorization`, `access_token`, ...).

It looks into strings, bytes, dicts, lists, exceptions, request objects and any other object whose
text holds a secret (which it then replaces by its redacted text).
"""

from __future__ import annotations

import os
import re
from typing import Any

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
SECRET_SCHEME = re.compile(r"(?i)\b(bearer|basic|client-id)\s+[A-Za-z0-9._~+/=-]{8,}")
SECRET_SHAPES = re.compile(
    r"\bsk-[A-Za-z0-9_-]{8,}"
    r"|\bAIza[0-9A-Za-z_-]{20,}"
    r"|\bya29\.[A-Za-z0-9._-]+"
    r"|\b1//[A-Za-z0-9._-]{10,}"
    r"|\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+"  # JWTs
)
# `name=value` in query strings, form bodies and "name: value" text: the name stays, the value goes when
# the name is a secret's (`SECRET_PARAM_WORDS` as the name or its last part: `x_api_key`, `client_secret`,
# `api_token`, `db_password`; not `monkey` or `input_tokens`). Names start after a separator only, so the
# scan stays linear.
ASSIGNMENT = re.compile(r"""(?:^|(?<=[?&;,\s"'{(]))([\w.-]+)(["']?\s*[=:]\s*["']?)(?!\[redacted\])([^&\s"',;})]+)""")
SECRET_PARAM_WORDS = ("apikey", "key", "token", "secret", "password", "passwd", "pwd", "signature", "sig", "auth")
# OAuth's authorization code and state (and PKCE's verifier) in a query string or a form body: names too
# common to be secrets anywhere else (`status_code`, "Job state: running"), so only right after ?, & or
# at the start of a query string.
OAUTH_PARAMS = re.compile(r"(?:^|(?<=[?&]))(code|state|code_verifier)=(?!\[redacted\])([^&\s#\"']+)")
URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)([^:/@\s]+):([^@\s]+)@")
# Settings whose values are secrets: their literal values are removed from any text, whatever shape
# they have.
SECRET_SETTING = re.compile(
    r"(^|_)(SECRET|SECRET_KEY|PASSWORD|API_KEY|APIKEY|ACCESS_KEY|TOKEN|DSN|ENCRYPTION_KEYS?|CLIENT_SECRET)$"
)
MIN_SECRET_CHARS = 6
REDACTED = "[redacted]"
_PLAIN = (int, float, bool, type(None))


_secret_names: tuple[Any, list[str]] = (None, [])


def _secret_setting_names(settings: Any) -> list[str]:
    """The names of secret settings; listed again whenever settings are replaced (override_settings)."""
    global _secret_names
    holder = settings._wrapped  # kept referenced, so a new holder is never mistaken for it
    if _secret_names[0] is not holder:
        _secret_names = (holder, [n for n in dir(settings) if n.isupper() and SECRET_SETTING.search(n)])
    return _secret_names[1]


_env_names: tuple[int, list[str]] = (-1, [])


def _secret_env_names() -> list[str]:
    """Environment variables named like secrets; listed again when variables are added or removed."""
    global _env_names
    if _env_names[0] != len(os.environ):
        _env_names = (len(os.environ), [n for n in os.environ if SECRET_SETTING.search(n.upper())])
    return _env_names[1]


def configured_secrets() -> list[str]:
    """Every configured secret value, longest first, read from settings now (not at import)."""
    from django.conf import settings

    if not settings.configured:
        return []
    values: list[Any] = []
    for name in _secret_setting_names(settings):
        value = getattr(settings, name, "")
        values.extend(value if isinstance(value, (list, tuple)) else [value])
    values.extend(db.get("PASSWORD", "") for db in getattr(settings, "DATABASES", {}).values())
    # Vendor clients also read keys straight from the environment (the ollama client: OLLAMA_API_KEY).
    values.extend(os.environ.get(name, "") for name in _secret_env_names())
    secrets = {v for v in values if isinstance(v, str) and len(v) >= MIN_SECRET_CHARS}
    return sorted(secrets, key=len, reverse=True)


def is_secret_name(key: str) -> bool:
    if not key:
        return False
    words = re.split(r"[^a-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", key).lower())
    return key.lower() == "key" or any(word in SECRET_WORDS for word in words) or bool(SECRET_NAME_PATTERN.search(key))


def redact_text(text: str, secrets: list[str] | None = None) -> str:
    for secret in configured_secrets() if secrets is None else secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    if len(text) < MIN_SECRET_CHARS:
        return text  # shorter than any key or token the patterns below look for
    text = SECRET_SCHEME.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    text = SECRET_SHAPES.sub(REDACTED, text)
    if "=" in text or ":" in text:
        text = ASSIGNMENT.sub(_assignment, text)
    if "=" in text:
        text = OAUTH_PARAMS.sub(lambda m: f"{m.group(1)}={REDACTED}", text)
    if "@" in text:
        text = URL_CREDENTIALS.sub(lambda m: f"{m.group(1)}{m.group(2)}:{REDACTED}@", text)
    return text


def is_secret_param(name: str) -> bool:
    name = name.lower()
    return any(name == word or (name.endswith(word) and name[-len(word) - 1] in "_.-") for word in SECRET_PARAM_WORDS)


def _assignment(match: re.Match[str]) -> str:
    name, between, value = match.groups()
    if is_secret_param(name):
        return f"{name}{between}{REDACTED}"
    # Not a secret's name, but its value may hold one (`url=https://host/?key=...`): look inside.
    return f"{name}{between}{ASSIGNMENT.sub(_assignment, value)}"


def _request_text(request: Any) -> str:
    """An HttpRequest as "GET /path?query" (what django-structlog logs), never its repr with cookies."""
    try:
        return f"{request.method} {request.get_full_path()}"
    except Exception:
        return type(request).__name__


def redact(value: Any, key: str = "", *, secrets: list[str] | None = None) -> Any:
    """A copy of `value` with secrets replaced: by key name at any depth, and by value in text."""
    if secrets is None:
        secrets = configured_secrets()
    if is_secret_name(key) and value not in (None, "", False) and not isinstance(value, (dict, list, tuple)):
        return REDACTED
    if isinstance(value, str):
        return redact_text(value, secrets)
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, (bytes, bytearray)):
        return redact_text(bytes(value).decode("utf-8", "replace"), secrets)
    if isinstance(value, dict):
        return {k: redact(v, str(k), secrets=secrets) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(redact(v, secrets=secrets) for v in value)
    if isinstance(value, (list, set, frozenset)):
        return [redact(v, secrets=secrets) for v in value]
    if isinstance(value, BaseException):
        return redact_text(f"{type(value).__name__}: {value}", secrets)
    if hasattr(value, "get_full_path") and hasattr(value, "method"):  # an HttpRequest
        return redact_text(_request_text(value), secrets)
    try:
        text = str(value)
    except Exception:
        return f"<{type(value).__name__}>"
    cleaned = redact_text(text, secrets)
    # Any other object (a date, a path, a response) is kept as it is unless its text holds a secret.
    return value if cleaned == text else cleaned


def redact_line(text: str, limit: int = 300) -> str:
    """The first line of `text`, redacted and cut to `limit` characters: a one-line message."""
    line = next((part.strip() for part in str(text).splitlines() if part.strip()), "")
    line = redact_text(line)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
