"""Fake stock servers wired into settings, and a fresh document store, for every footage test."""

from __future__ import annotations

import uuid

import pytest

from tests.fakes.server import FakeServer
from tests.fakes.stock_servers import PexelsHandler, PixabayHandler, StockServers, UnsplashHandler


@pytest.fixture
def stock(settings, docstore):
    """Pexels, Pixabay and Unsplash on 127.0.0.1. Keys are unique per test, so rate budgets counted
    in a shared cache (Redis) never leak from one test into another."""
    with FakeServer(PexelsHandler) as pexels, FakeServer(PixabayHandler) as pixabay, \
            FakeServer(UnsplashHandler) as unsplash:
        keys = {name: f"{name}-key-{uuid.uuid4().hex}" for name in ("pexels", "pixabay", "unsplash")}
        for name, server in (("pexels", pexels), ("pixabay", pixabay), ("unsplash", unsplash)):
            server.state.data["key"] = keys[name]
            server.state.data["items"] = []
        settings.PEXELS_BASE_URL, settings.PEXELS_API_KEY = pexels.url, keys["pexels"]
        settings.PIXABAY_BASE_URL, settings.PIXABAY_API_KEY = pixabay.url, keys["pixabay"]
        settings.UNSPLASH_BASE_URL, settings.UNSPLASH_ACCESS_KEY = unsplash.url, keys["unsplash"]
        settings.UNSPLASH_APP_NAME = "faceless_test"
        # Long enough for a loaded CI machine; the test of a stalled download shortens it.
        settings.STOCK_DOWNLOAD_READ_TIMEOUT = 5.0
        settings.FOOTAGE_MAX_WAIT_SECONDS = 0
        yield StockServers(pexels, pixabay, unsplash)
