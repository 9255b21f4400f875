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


def start_cluster(log_dir: Path, *, control: bool = False, **env: str) -> subprocess.Popen:
    """A one-worker cluster with a fast heartbeat, sharing this test's database and MEDIA_ROOT: the job
    cluster, or with `control` the control cluster that runs recovery and the other housekeeping."""
    environment = {
        **os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "FACELESS_DOTENV": "0", "DJANGO_DEBUG": "1", "Q_WORKERS": "1", "Q_CONTROL_WORKERS": "1",
        "JOB_HEARTBEAT_SECONDS": "1", "JOB_STALE_SECONDS": "3", "DJANGO_SECRET_KEY": settings.SECRET_KEY,
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


def wait_for(predicate: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")
