"""GET /metrics: Prometheus exposition for staff sessions or `Authorization: Bearer <METRICS_TOKEN>`.

Activity counts (jobs, uploads, providers used) say what the operator is doing, so the endpoint is
not public. A scraper sends the token; a signed-in staff member can look in a browser. See
`faceless_site.metrics` for where the numbers come from.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterator

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import REGISTRY, CollectorRegistry
from prometheus_client.core import Metric
from prometheus_client.exposition import choose_encoder
from prometheus_client.multiprocess import MultiProcessCollector

from faceless_site.metrics import StateCollector


class _Scrape:
    """One scrape's sources, in the shape the exposition functions expect (`collect()`)."""

    def __init__(self, *sources: object) -> None:
        self.sources = sources

    def collect(self) -> Iterator[Metric]:
        for source in self.sources:
            yield from source.collect()  # type: ignore[attr-defined]


def _token_ok(request: HttpRequest) -> bool:
    expected = settings.METRICS_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return bool(expected) and scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), expected)


def _sources() -> _Scrape:
    multiproc_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if multiproc_dir:
        # Every process (web and workers) writes its counters there; merge them all.
        registry = CollectorRegistry(auto_describe=True)
        MultiProcessCollector(registry, path=multiproc_dir)
        return _Scrape(registry, StateCollector())
    return _Scrape(REGISTRY, StateCollector())


@never_cache
@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    user = getattr(request, "user", None)
    if not (_token_ok(request) or (user is not None and user.is_active and user.is_staff)):
        status = 403 if user is not None and user.is_authenticated else 401
        response = HttpResponse("Staff sign-in or a metrics token is required.\n", status=status,
                                content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    encoder, content_type = choose_encoder(request.headers.get("Accept", ""))
    return HttpResponse(encoder(_sources()), content_type=content_type)
