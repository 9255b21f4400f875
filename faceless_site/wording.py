"""What a creator reads of a message written for whoever fixes the server.

Providers and steps write each message once: plain sentences first (what happened, and what the
reader can do about it), then the operator's sentences (the setting to check, `manage.py doctor`, a
server folder), with what a provider answered in parentheses, "(HTTP 401: ...)". The stored rows,
the admin, the logs and `doctor` keep all of it. Where a creator reads it (the studio's pages and the
API for anyone but staff), `for_creators` leaves out the operator's sentences and the raw answers
and, when it left something out, says who can fix it. As with the one redaction
(faceless_site/redaction.py), this is the one place that decides; templates use `|for_reader:user`.
"""

from __future__ import annotations

import re
from typing import Any

OPERATOR_NOTE = "The person who runs this studio can fix this; the details are in its log."
# What a provider answered, or which exception: "(401)", "(HTTP 401: {...})", "(ConnectError)", '({"error": ...})'.
RAW_ANSWER = re.compile(r"\s*\((?=HTTP \d{3}|\d{3}\)|[A-Z]\w*(?:Error|Exception|Timeout)\)|[^()]*[{}\"\[\]])[^()]*\)")
SETTING_NAME = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.")


def sentences(text: str) -> list[str]:
    """`text` cut after each ".", "!" or "?" that ends a sentence: not inside parentheses or quotes, nor
    after an abbreviation, nor inside a URL or a number ("127.0.0.1", "1.5 s")."""
    found, start, depth = [], 0, 0
    for index, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char in ".!?" and depth == 0 and (index + 1 == len(text) or text[index + 1] == " "):
            candidate = text[start:index + 1]
            if not candidate.rstrip().lower().endswith(ABBREVIATIONS):
                found.append(candidate.strip())
                start = index + 1
    if text[start:].strip():
        found.append(text[start:].strip())
    return found


def _server_folders() -> list[str]:
    from django.conf import settings

    folders = [getattr(settings, name, "") for name in ("BASE_DIR", "VAR_DIR", "MEDIA_ROOT", "EXPORT_ROOT",
                                                        "VOICES_DIR", "STATIC_ROOT")]
    return [str(folder).rstrip("/") for folder in folders if folder and str(folder) not in ("", "/")]


def _for_operators(sentence: str, folders: list[str]) -> bool:
    from django.conf import settings

    if "manage.py" in sentence or any(folder in sentence for folder in folders):
        return True
    return any(hasattr(settings, name) for name in SETTING_NAME.findall(sentence))


def for_creators(text: str) -> str:
    """`text` without the operator's sentences and the providers' raw answers; with OPERATOR_NOTE when
    a sentence was left out."""
    if not text:
        return text
    plain = RAW_ANSWER.sub("", text)
    folders = _server_folders()
    parts = sentences(plain)
    kept = [part for part in parts if not _for_operators(part, folders)]
    if len(kept) == len(parts):
        return plain
    return " ".join([*kept, OPERATOR_NOTE])


def for_reader(text: str, user: Any) -> str:
    """The whole text for staff (the operators), plain words for everyone else."""
    return text if getattr(user, "is_staff", False) else for_creators(text)
