"""Which answers are a spent budget rather than a refused key, for every vendor's headers."""

from __future__ import annotations

import pytest

from faceless_site.ratelimits import is_rate_limited


@pytest.mark.parametrize(("status", "headers", "text", "limited"), [
    (429, {}, "Too Many Requests", True),  # Pexels: a bare 429
    (429, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "37"}, "[ERROR 429]", True),  # Pixabay
    (403, {"X-Ratelimit-Limit": "50", "X-Ratelimit-Remaining": "0"}, "Rate Limit Exceeded", True),  # Unsplash
    (403, {}, "Rate Limit Exceeded", True),  # the body alone says so
    (403, {"x-ratelimit-remaining-requests": "0"}, "{}", True),  # OpenAI-style gateways
    (403, {"anthropic-ratelimit-requests-remaining": "0"}, "{}", True),
    (403, {"Retry-After": "30"}, "", True),
    (403, {"X-Ratelimit-Remaining": "49"}, "OAuth error: The access token is invalid", False),
    (401, {"X-Ratelimit-Remaining": "0"}, "Unauthorized", False),  # a refused key stays a refused key
    (403, {}, "Forbidden", False),
])
def test_rate_limit_signals(status, headers, text, limited):
    assert is_rate_limited(status, headers, text) is limited
