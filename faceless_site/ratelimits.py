"""Telling a spent request budget from a refused key, for every provider.

Vendors do not agree on the status: most answer 429, but Unsplash answers 403 with
`X-Ratelimit-Remaining: 0` (and the text "Rate Limit Exceeded"), and some gateways do the same. A
403 that carries a rate-limit signal is a budget to wait for, never a key to check.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# "X-Ratelimit-Remaining" (Pexels, Pixabay, Unsplash), "RateLimit-Remaining" (IETF draft),
# "x-ratelimit-remaining-requests" / "-tokens" (OpenAI, xAI, Groq), "anthropic-ratelimit-requests-remaining".
_REMAINING = re.compile(r"(?i)^(?:x-|anthropic-)?ratelimit-(?:[a-z-]*-)?remaining(?:-[a-z-]+)?$")
_WORDS = re.compile(r"(?i)rate[ _-]?limit|too many requests|requests? per (?:second|minute|hour)")


def budget_spent_headers(headers: Mapping[str, str]) -> bool:
    """A header says no requests are left (a remaining count of 0, or a Retry-After)."""
    for name, value in headers.items():
        if name.lower() == "retry-after" and str(value).strip():
            return True
        if _REMAINING.match(name) and str(value).strip() in ("0", "0.0"):
            return True
    return False


def is_rate_limited(status: int, headers: Mapping[str, str], text: str = "") -> bool:
    """A 429, or a 403 with a rate-limit header or a body that says so."""
    if status == 429:
        return True
    return status == 403 and (budget_spent_headers(headers) or bool(_WORDS.search(text[:500])))
