"""Prometheus metrics for /metrics (faceless_site.views_metrics), exposed with prometheus-client.

django-q2 workers are separate processes, often on other machines, so the numbers come from two
places:

* State that must be right whichever process is scraped is computed at scrape time by
  `StateCollector`: jobs by kind and state and the queue depth from the database (Job rows and the
  django-q2 broker), YouTube quota used today and the open breakers from the shared cache (Redis
  when REDIS_URL is set). These are correct across any number of machines.
* Events that happen inside a step (step durations, render speed, provider calls and errors
  (counted in `faceless_site.providers`, beside the calls),
  rate-limit waits, quota spent) are counters and histograms recorded by the process that sees
  them. To make a worker's counters visible to the web process, run web and workers with the same
  `PROMETHEUS_MULTIPROC_DIR` (an empty directory, cleared at start): prometheus-client then keeps
  every process's values in files there and the view merges them. That works on one machine; with
  workers on several machines, each machine's directory must be scraped by its own exporter (the
  same view behind that machine's web process). Without the variable each process exposes only
  its own counters, which is right for tests and a single-process setup.

Django's request metrics come from django-prometheus (its middlewares are in MIDDLEWARE).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import structlog
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from prometheus_client import Counter, Histogram
from prometheus_client.core import GaugeMetricFamily, Metric

from faceless_site import providers

log = structlog.get_logger(__name__)

STEP_SECONDS = Histogram(
    "faceless_step_seconds", "Wall time of a successful job step, by job kind.", ["kind"],
    buckets=(1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, float("inf")),
)
RENDER_REALTIME_FACTOR = Histogram(
    "faceless_render_realtime_factor",
    "Seconds spent rendering per second of finished video (below 1 renders faster than real time).",
    buckets=(0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 4, 8, 16, float("inf")),
)
RATE_LIMIT_WAITS = Counter("faceless_rate_limit_waits", "Times a call waited for a rate limit.", ["provider"])
RATE_LIMIT_WAIT_SECONDS = Counter(
    "faceless_rate_limit_wait_seconds", "Seconds spent waiting for rate limits.", ["provider"]
)
YOUTUBE_QUOTA_UNITS = Counter(
    "faceless_youtube_quota_units", "YouTube Data API quota units spent, by operation.", ["operation"]
)

# YouTube's daily quota resets at midnight Pacific time.
QUOTA_TIMEZONE = ZoneInfo("America/Los_Angeles")
QUOTA_KEY = "metrics:youtube_quota:{day}"


def observe_render(*, render_seconds: float, video_seconds: float) -> None:
    """Record how long a render took relative to the length of the video it produced."""
    if video_seconds > 0 and render_seconds >= 0:
        RENDER_REALTIME_FACTOR.observe(render_seconds / video_seconds)


def record_rate_limit_wait(*, provider: str, seconds: float) -> None:
    RATE_LIMIT_WAITS.labels(provider=provider).inc()
    RATE_LIMIT_WAIT_SECONDS.labels(provider=provider).inc(max(0.0, seconds))
    log.info("provider.rate_limit_wait", provider=provider, seconds=round(seconds, 3))


def quota_day(now: float | None = None) -> str:
    if now is None:
        return timezone.localdate(timezone=QUOTA_TIMEZONE).isoformat()
    return datetime.fromtimestamp(now, QUOTA_TIMEZONE).date().isoformat()


def record_youtube_quota(*, units: int, operation: str) -> None:
    """Count quota units spent; the per-day total lives in the shared cache so every process sees it."""
    YOUTUBE_QUOTA_UNITS.labels(operation=operation).inc(units)
    key = QUOTA_KEY.format(day=quota_day())
    try:
        cache.add(key, 0, timeout=2 * 86400)
        cache.incr(key, units)
    except Exception as exc:  # the counter above still moved; the daily gauge is best effort
        log.warning("metrics.quota_cache_failed", error=type(exc).__name__)


def youtube_quota_used_today() -> int:
    return int(cache.get(QUOTA_KEY.format(day=quota_day())) or 0)


class StateCollector:
    """Gauges computed from the database and the shared cache when /metrics is scraped."""

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("faceless_metrics_database_up", "1 if the database answered this scrape.")
        try:
            yield from self._jobs()
            up.add_metric([], 1)
        except Exception as exc:
            log.warning("metrics.database_failed", error=type(exc).__name__)
            up.add_metric([], 0)
        yield up
        yield from self._broker()
        yield from self._quota()
        yield from self._breakers()

    def _jobs(self) -> Iterator[Metric]:
        from django.db.models import Count, Min

        from videos.models import Job

        rows = Job.objects.order_by().values_list("kind", "state").annotate(n=Count("id"))
        counts = {(kind, state): n for kind, state, n in rows}
        jobs = GaugeMetricFamily("faceless_jobs", "Jobs by kind and state.", labels=["kind", "state"])
        for kind in Job.Kind.values:
            for state in Job.State.values:
                jobs.add_metric([kind, state], counts.get((kind, state), 0))
        yield jobs
        waiting = sum(n for (_kind, state), n in counts.items() if state == Job.State.QUEUED)
        yield GaugeMetricFamily("faceless_queue_depth", "Jobs waiting for a worker.", value=waiting)
        oldest = Job.objects.filter(state=Job.State.QUEUED).aggregate(oldest=Min("created_at"))["oldest"]
        age = max(0.0, time.time() - oldest.timestamp()) if oldest else 0.0
        yield GaugeMetricFamily("faceless_queue_oldest_seconds", "Age of the oldest waiting job.", value=age)

    def _broker(self) -> Iterator[Metric]:
        from django_q.brokers import get_broker

        try:
            size = get_broker().queue_size()
        except Exception as exc:
            log.warning("metrics.broker_failed", error=type(exc).__name__)
            return
        yield GaugeMetricFamily("faceless_broker_queue_depth", "Tasks waiting in the django-q2 broker.", value=size)

    def _quota(self) -> Iterator[Metric]:
        try:
            used = youtube_quota_used_today()
        except Exception as exc:
            log.warning("metrics.quota_cache_failed", error=type(exc).__name__)
            return
        gauge = GaugeMetricFamily("faceless_youtube_quota_used_units", "YouTube quota units used today (Pacific).",
                                  labels=["day"])
        gauge.add_metric([quota_day()], used)
        yield gauge
        yield GaugeMetricFamily("faceless_youtube_quota_limit_units", "YouTube daily quota units allowed.",
                                value=settings.YOUTUBE_DAILY_QUOTA_UNITS)

    def _breakers(self) -> Iterator[Metric]:
        try:
            names = providers.known_integrations()
            statuses = {name: providers.integration_status(name) for name in names}
        except Exception as exc:
            log.warning("metrics.breaker_cache_failed", error=type(exc).__name__)
            return
        is_open = GaugeMetricFamily("faceless_breaker_open", "1 while the provider's circuit breaker is open.",
                                    labels=["provider"])
        until = GaugeMetricFamily("faceless_breaker_open_until_seconds",
                                  "Unix time the open breaker lets a trial call through (0 when closed).",
                                  labels=["provider"])
        for name, status in statuses.items():
            is_open.add_metric([name], 1 if status["breaker_state"] == "open" else 0)
            until.add_metric([name], status["opens_until"].timestamp() if status["opens_until"] else 0)
        yield is_open
        yield until
