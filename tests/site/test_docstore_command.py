"""`manage.py docstore status` answers scripts by its exit status: the make targets use it to leave
a document store they did not start (`make up`'s) running."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parents[2]


def status(port: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", "docstore", "status", "--port", str(port)], cwd=BASE,
                          env={**os.environ, "DJANGO_ALLOWED_HOSTS": "localhost"}, capture_output=True, text=True,
                          timeout=60)


def test_status_exits_1_when_nothing_answers_and_0_when_the_store_does(docstore, settings):
    quiet = status(1)  # nothing listens on port 1
    assert quiet.returncode == 1 and "not answering" in quiet.stdout
    port = int(settings.MONGODB_URL.rsplit(":", 1)[1].split("/")[0])
    answering = status(port)
    assert answering.returncode == 0 and "answering" in answering.stdout
