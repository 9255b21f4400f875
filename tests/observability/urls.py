"""Routes for the observability tests: the metrics view where the site will route it, and a view
that fails with a secret in its error."""

from __future__ import annotations

import structlog
from django.http import HttpResponse
from django.urls import path

from faceless_site.views_metrics import metrics_view

PLANTED_SECRET = "sk-planted0123456789abcdef"

log = structlog.get_logger(__name__)


def hello(request):
    log.info("hello.viewed", api_key=PLANTED_SECRET)
    return HttpResponse("hello")


def boom(request):
    api_key = PLANTED_SECRET  # a local variable Sentry must not ship
    raise RuntimeError(f"the provider refused api_key={api_key}")


urlpatterns = [
    path("metrics", metrics_view, name="metrics"),
    path("hello", hello),
    path("boom", boom),
]
