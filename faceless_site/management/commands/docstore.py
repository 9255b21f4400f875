"""Start or stop the embedded document store (SecantusDB, dev and test only) under var/."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from pymongo import MongoClient
from pymongo.errors import PyMongoError

HOST = "127.0.0.1"


def _answers(url: str, timeout_ms: int = 500) -> bool:
    client = MongoClient(url, serverSelectionTimeoutMS=timeout_ms, connectTimeoutMS=timeout_ms)
    try:
        client.admin.command("ping")
        return True
    except PyMongoError:
        return False
    finally:
        client.close()


class Command(BaseCommand):
    help = ("start: run the embedded MongoDB-wire-compatible document store (SecantusDB, a dev and test "
            "dependency) on 127.0.0.1:PORT with its data under var/docstore, and wait until it answers; "
            "stop: stop it cleanly; status: say whether it answers. Production sets MONGODB_URL instead.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "stop", "status"])
        parser.add_argument("--port", type=int, default=int(os.environ.get("DOCSTORE_PORT", "27117")))

    def handle(self, *args, action, port, **options):
        var = Path(settings.VAR_DIR)
        var.mkdir(exist_ok=True)
        pidfile, url = var / f"docstore-{port}.pid", f"mongodb://{HOST}:{port}"
        if action == "start":
            self._start(pidfile, url, port, var)
        elif action == "stop":
            self._stop(pidfile)
        else:  # exit status 1 when it does not answer, for scripts
            answering = _answers(url)
            self.stdout.write(f"{url}: {'answering' if answering else 'not answering'}")
            if not answering:
                sys.exit(1)

    def _start(self, pidfile: Path, url: str, port: int, var: Path) -> None:
        if _answers(url):
            self.stdout.write(f"document store already answering at {url}")
            return
        server = Path(sys.executable).with_name("secantusd-py")
        if not server.exists():
            raise CommandError("secantusd-py is not installed; run `make setup` (it installs requirements-dev.txt).")
        log = open(var / "docstore.log", "ab")  # noqa: SIM115  (handed to the child process)
        process = subprocess.Popen(
            [str(server), "--host", HOST, "--port", str(port), "--storage-path", str(var / "docstore"),
             "--log-level", "WARNING"],
            stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True,
        )
        pidfile.write_text(str(process.pid))
        for _ in range(100):
            if process.poll() is not None:
                raise CommandError(
                    f"the document store exited at start (code {process.returncode}); see var/docstore.log")
            if _answers(url, 300):
                self.stdout.write(f"document store answering at {url} (pid {process.pid})")
                return
            time.sleep(0.2)
        raise CommandError("the document store did not answer within 20 s; see var/docstore.log")

    def _stop(self, pidfile: Path) -> None:
        if not pidfile.exists():
            self.stdout.write("document store not started by us; nothing to stop")
            return
        pid = int(pidfile.read_text())
        try:
            os.kill(pid, signal.SIGTERM)
            for _ in range(50):
                os.kill(pid, 0)
                time.sleep(0.2)
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        pidfile.unlink(missing_ok=True)
        self.stdout.write("document store stopped")
