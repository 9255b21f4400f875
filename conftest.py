"""Root fixtures: a temporary MEDIA_ROOT for every test, and small factories."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def clear_cache():
    """Breaker states, rate budgets and login counters never leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    # Tests run with DEBUG off, as production does, but without a collectstatic manifest.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    settings.EXPORT_ROOT = tmp_path / "export"
    return settings.MEDIA_ROOT


@pytest.fixture
def docstore(settings):
    """A fresh database in the document store the make targets start (MONGODB_URL)."""
    import uuid

    from faceless_site import docstore as store

    if not settings.MONGODB_URL:
        pytest.fail("MONGODB_URL is not set: run the tests through `make test`, which starts the document store.")
    settings.MONGODB_DB = f"faceless_test_{uuid.uuid4().hex[:12]}"
    store.ping()
    yield store
    store.get_client().drop_database(settings.MONGODB_DB)


@pytest.fixture
def alice(db):
    from tests.factories import make_user

    return make_user(username="alice")


@pytest.fixture
def bob(db):
    from tests.factories import make_user

    return make_user(username="bob")


@pytest.fixture
def channel(alice):
    """Alice's channel; she is its owner."""
    from tests.factories import make_channel

    return make_channel(owner=alice, name="Lighthouses", slug="lighthouses")
