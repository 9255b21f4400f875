"""Fake stock servers and keyless archives wired into settings, and a fresh document store, for
every footage test."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from tests.fakes.archive_servers import NasaHandler, OpenverseHandler, WikimediaHandler
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


@dataclass
class ArchiveServers:
    wikimedia: FakeServer
    nasa: FakeServer
    openverse: FakeServer


@pytest.fixture
def archives(settings, docstore):
    """Wikimedia Commons, NASA and Openverse on 127.0.0.1; each test's ports make its own budgets."""
    with FakeServer(WikimediaHandler) as commons, FakeServer(NasaHandler) as nasa, \
            FakeServer(OpenverseHandler) as openverse:
        settings.WIKIMEDIA_API_URL = f"{commons.url}/w/api.php"
        settings.WIKIMEDIA_CONTACT = "ops@example.org"
        settings.NASA_IMAGES_BASE_URL, settings.OPENVERSE_BASE_URL = nasa.url, openverse.url
        settings.WIKIMEDIA_MEDIA_HOSTS = settings.NASA_MEDIA_HOSTS = settings.OPENVERSE_MEDIA_HOSTS = []
        settings.ARCHIVE_BUSY_WAIT_SECONDS = 0.05
        settings.STOCK_DOWNLOAD_READ_TIMEOUT = 5.0
        settings.FOOTAGE_MAX_WAIT_SECONDS = 0
        for server in (commons, nasa, openverse):
            server.state.data["items"] = []
        yield ArchiveServers(commons, nasa, openverse)
