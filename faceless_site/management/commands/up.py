"""`make up`: the web server, the job cluster, the control cluster (recovery and other housekeeping,
so a long render never holds them up) and (when MONGODB_URL is unset) the document store, together,
until Ctrl-C stops all of them."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Run Faceless on one machine: the web server on 127.0.0.1:8000 (--addr to change), the django-q2 "
            "job cluster and control cluster, and the embedded document store when MONGODB_URL is unset. "
            "Creates the first admin login once. Ctrl-C stops everything.")

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args, addr, **options):
        env = dict(os.environ)
        # Web and workers share one folder for Prometheus counters, cleared at start (see metrics.py).
        metrics_dir = settings.VAR_DIR / "prometheus"
        shutil.rmtree(metrics_dir, ignore_errors=True)
        metrics_dir.mkdir(parents=True)
        env.setdefault("PROMETHEUS_MULTIPROC_DIR", str(metrics_dir))
        started_docstore = False
        if not settings.MONGODB_URL:
            from faceless_site.management.commands.docstore import _answers

            url = f"mongodb://127.0.0.1:{os.environ.get('DOCSTORE_PORT', '27117')}"
            started_docstore = not _answers(url)  # one already running (another `make up`'s) is left running
            call_command("docstore", "start", stdout=self.stdout)
            env["MONGODB_URL"] = url
        call_command("ensure_admin", stdout=self.stdout)
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        subprocess.run([*manage, "jobs_recover"], env=env, check=False)
        web = [*manage, "runserver", addr] if settings.DEBUG else [
            str(settings.BASE_DIR / ".venv" / "bin" / "gunicorn"), "faceless_site.wsgi", "-b", addr, "-w", "2"]
        processes = [
            subprocess.Popen(web, env=env, start_new_session=True),
            subprocess.Popen([*manage, "qcluster"], env={**env, "Q_CLUSTER_NAME": settings.JOB_QUEUE},
                             start_new_session=True),
            subprocess.Popen([*manage, "qcluster"], env={**env, "Q_CLUSTER_NAME": settings.JOB_CONTROL_QUEUE},
                             start_new_session=True),
        ]
        self.stdout.write(self.style.SUCCESS(f"Faceless is up: http://{addr}/  (admin at /admin/). Ctrl-C stops."))
        try:
            while all(p.poll() is None for p in processes):
                time.sleep(0.5)
            self.stderr.write("a process exited; stopping the others")
        except KeyboardInterrupt:
            self.stdout.write("\nstopping…")
        finally:
            # Signal each main process only: django-q2's cluster deadlocks in its signal handler when
            # its children get the signal at the same moment (as a process-group signal does).
            for p in processes:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in processes:
                try:
                    p.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
            if started_docstore:
                call_command("docstore", "stop", stdout=self.stdout)
