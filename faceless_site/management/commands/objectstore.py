"""Start or stop the embedded object store (SeaweedFS `weed mini`, dev and test only) under var/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from faceless_site import objectstore


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # it starts a dev server; the site's own checks are not its business
    help = ("start: run SeaweedFS's S3 gateway on 127.0.0.1:PORT (every other port it opens is picked free and "
            "bound to 127.0.0.1 too) with its data under var/objectstore-PORT, the credentials "
            "AWS_S3_ACCESS_KEY_ID / AWS_S3_SECRET_ACCESS_KEY and the bucket AWS_STORAGE_BUCKET_NAME, and wait "
            "until it answers; stop: stop it and wait until it has exited; status: say whether it answers. "
            "For development and tests; production points AWS_S3_ENDPOINT_URL at a real store.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "stop", "status"])
        parser.add_argument("--port", type=int, default=int(os.environ.get("OBJECTSTORE_PORT", "18433")))
        parser.add_argument("--fresh", action="store_true", help="start with no data (the test runs do)")

    def handle(self, *args, action, port, fresh, **options):
        var = Path(settings.VAR_DIR)
        var.mkdir(exist_ok=True)
        pidfile, data = var / f"objectstore-{port}.pid", var / f"objectstore-{port}"
        endpoint = f"http://{objectstore.HOST}:{port}"
        if action == "stop":
            self._stop(pidfile, port)
            return
        key, secret, bucket = (settings.AWS_S3_ACCESS_KEY_ID, settings.AWS_S3_SECRET_ACCESS_KEY,
                               settings.AWS_STORAGE_BUCKET_NAME)
        if not (key and secret and bucket):
            raise CommandError("Set AWS_S3_ACCESS_KEY_ID, AWS_S3_SECRET_ACCESS_KEY and AWS_STORAGE_BUCKET_NAME "
                               "first (in .env, or the environment; `make test` sets its own): the store is "
                               "started with them.")
        if action == "status":
            answering = objectstore.answers(endpoint, key, secret, bucket)
            self.stdout.write(f"{endpoint}: {'answering' if answering else 'not answering'}")
            return
        if objectstore.answers(endpoint, key, secret, bucket):
            self.stdout.write(f"object store already answering at {endpoint} (bucket {bucket})")
            return
        self._stop(pidfile, port, quiet=True)  # one of ours that no longer answers: gone before the next
        if fresh:
            shutil.rmtree(data, ignore_errors=True)
        try:
            server = objectstore.start(data, access_key=key, secret_key=secret, s3_port=port, buckets=(bucket,),
                                       log_path=var / f"objectstore-{port}.log")
        except objectstore.ObjectStoreError as exc:
            raise CommandError(str(exc)) from exc
        pidfile.write_text(str(server.process.pid))
        self.stdout.write(f"object store answering at {endpoint}, bucket {bucket} (SeaweedFS, pid "
                          f"{server.process.pid})")

    def _stop(self, pidfile: Path, port: int, *, quiet: bool = False) -> None:
        if not pidfile.exists():
            if not quiet:
                self.stdout.write("object store not started by us; nothing to stop")
            return
        objectstore.stop(int(pidfile.read_text()))
        pidfile.unlink(missing_ok=True)
        try:
            objectstore.wait_port_free(port, 20)
        except objectstore.ObjectStoreError as exc:
            raise CommandError(str(exc)) from exc
        if not quiet:
            self.stdout.write("object store stopped")
