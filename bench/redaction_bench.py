"""What redaction costs on the paths that run it most: a log line, a job's stored text, a Sentry event.

    DJANGO_DEBUG=1 .venv/bin/python bench/redaction_bench.py

Prints microseconds per call (median of 7 runs of 2,000 calls each). Nothing is asserted.
"""

from __future__ import annotations

import os
import statistics
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faceless_site.settings")
os.environ.setdefault("FACELESS_DOTENV", "0")

import django

django.setup()

from django.conf import settings  # noqa: E402

from faceless_site.logging import redact_secrets  # noqa: E402
from faceless_site.redaction import configured_secrets, redact, redact_text  # noqa: E402

settings.ANTHROPIC_API_KEY = "anthkey4f9a8b7c6d5e4f3a2b1c"
settings.PEXELS_API_KEY = "pexelskey0123456789abcdef"
LINE = {"event": "provider.call", "provider": "anthropic", "operation": "chat", "status": "401", "latency_ms": 12.5,
        "error": "Anthropic refused the API key (HTTP 401: invalid x-api-key anthkey4f9a8b7c6d5e4f3a2b1c)",
        "request": "GET /api/videos/12?page=2", "job_id": 7, "video_id": 12, "channel_id": 3}
JOB_ERROR = ("No writer could do this. anthropic: Anthropic refused the API key (HTTP 401: invalid x-api-key "
             "anthkey4f9a8b7c6d5e4f3a2b1c); check ANTHROPIC_API_KEY. " * 3)
EVENT = {"level": "error", "logentry": {"message": "job.crashed", "params": []},
         "exception": {"values": [{"type": "ValueError", "value": JOB_ERROR,
                                   "stacktrace": {"frames": [{"filename": "videos/services/jobs.py", "lineno": n,
                                                              "function": "job_run"} for n in range(30)]}}]},
         "breadcrumbs": {"values": [dict(LINE, message=f"crumb {n}") for n in range(20)]}}


def per_call_us(func, number: int = 2000) -> float:
    return statistics.median(timeit.repeat(func, number=number, repeat=7)) / number * 1e6


print(f"configured secrets found: {len(configured_secrets())}")
print(f"configured_secrets()             {per_call_us(configured_secrets):8.1f} us")
print(f"log line (redact_secrets)        {per_call_us(lambda: redact_secrets(None, 'info', dict(LINE))):8.1f} us")
print(f"job error text (redact_text)     {per_call_us(lambda: redact_text(JOB_ERROR)):8.1f} us")
print(f"Sentry event, 20 crumbs (redact) {per_call_us(lambda: redact(EVENT), number=200):8.1f} us")
