"""Real `manage.py qcluster` processes for tests, against the test database."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


# The clusters' heartbeat and stale time (production: 5 s and 15 s), short enough that a test waits
# little, with margin for a loaded machine. A test that judges a job interrupted in its own process
# sets its settings to the same.
HEARTBEAT_SECONDS, STALE_SECONDS = 0.5, 2.5


def start_cluster(log_dir: Path, *, control: bool = False, **env: str) -> subprocess.Popen:
    """A one-worker cluster with a fast heartbeat, sharing this test's database and MEDIA_ROOT: the job
    cluster, or with `control` the control cluster that runs recovery and the other housekeeping."""
    environment = {
        **os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "FACELESS_DOTENV": "0", "DJANGO_DEBUG": "1", "Q_WORKERS": "1", "Q_CONTROL_WORKERS": "1",
        "JOB_HEARTBEAT_SECONDS": str(HEARTBEAT_SECONDS), "JOB_STALE_SECONDS": str(STALE_SECONDS),
        "JOB_RECOVER_EVERY_SECONDS": "0.5", "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "Q_CLUSTER_NAME": settings.JOB_CONTROL_QUEUE if control else settings.JOB_QUEUE, **env,
    }
    log = open(log_dir / f"qcluster-{time.monotonic_ns()}.log", "wb")  # noqa: SIM115  (the child writes it)
    return subprocess.Popen([sys.executable, str(settings.BASE_DIR / "manage.py"), "qcluster"], env=environment,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def kill_all(process: subprocess.Popen) -> None:
    """kill -9 the cluster and every worker it forked: nothing gets to clean up."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def stop(process: subprocess.Popen) -> None:
    """Stop the cluster the way an operator does: SIGTERM to its main process only (a signal to the
    whole process group at once deadlocks django-q2's own shutdown), then make sure all are gone."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
    kill_all(process)


def fire_control_schedules() -> None:
    """One round of the control cluster's scheduler, from here: each due schedule of the control cluster
    becomes a task in its queue, which the control cluster then runs. Its own scheduler does the same,
    but its first round comes about 30 s after it starts (django-q2's guard loop), which a test would
    spend waiting."""
    from django_q.brokers import get_broker
    from django_q.conf import Conf
    from django_q.scheduler import scheduler

    name = Conf.CLUSTER_NAME
    Conf.CLUSTER_NAME = settings.JOB_CONTROL_QUEUE
    try:
        scheduler(broker=get_broker(settings.JOB_CONTROL_QUEUE))
    finally:
        Conf.CLUSTER_NAME = name


def wait_for(predicate: Callable[[], Any], timeout: float, what: str, *, every: float = 0.1) -> Any:
    """Poll `predicate` every `every` seconds until it returns something true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


def frame_checksums(path: Path) -> dict[str, list[str]]:
    """The MD5 of every decoded video frame and audio frame of a media file (ffmpeg's framemd5): two
    renders are the same video when these are equal, whatever their containers' metadata."""
    sums: dict[str, list[str]] = {}
    for stream, kind in (("0:v", "video"), ("0:a", "audio")):
        out = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-map", stream, "-f", "framemd5", "-"],
                             capture_output=True, text=True, check=True).stdout
        sums[kind] = [line.rsplit(",", 1)[1].strip() for line in out.splitlines() if line and not line.startswith("#")]
    return sums
