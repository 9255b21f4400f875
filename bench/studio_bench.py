"""The studio with 10,000 videos: p50/p95 time, SQL queries and bytes per page.

    .venv/bin/python bench/studio_bench.py                     # a throwaway SQLite database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/faceless_bench .venv/bin/python bench/studio_bench.py
    .venv/bin/python bench/studio_bench.py --videos 1000 --rounds 10

Fills one channel with --videos videos (bulk_create: statuses spread over the board, a script for
every other video, 2,000 jobs of which 20 are running), then requests each page --rounds times through
Django's whole stack (middleware, session, templates) with the test client, after 3 warm-up
requests, and prints the median and 95th percentile wall time, the median CPU time of this process,
the queries of one request and the size of the answer. DEBUG is off, as in production. On a busy
machine the wall times include waiting for a CPU; the load average is printed with them.

With DATABASE_URL the database is created when missing and emptied first, so point it only at a
database kept for this (its name must contain "bench").
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faceless_site.settings")
os.environ.setdefault("FACELESS_DOTENV", "0")
os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(48))
_workdir = tempfile.TemporaryDirectory(prefix="studio-bench-")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{_workdir.name}/bench.sqlite3"
os.environ.setdefault("MEDIA_ROOT", f"{_workdir.name}/media")


def _ensure_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not parts.scheme.startswith("postgres"):
        return
    if "bench" not in name:
        sys.exit(f"Refusing to empty {name!r}: use a database kept for benchmarks (its name must contain 'bench').")
    import psycopg

    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


_ensure_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

logging.disable(logging.INFO)  # one log line per request would be most of the output
settings.ALLOWED_HOSTS = ["testserver"]
settings.STORAGES = {**settings.STORAGES,
                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

STATUSES = ["draft", "draft", "scripted", "voiced", "rendered", "approved", "scheduled", "published", "failed"]
WORDS = ["lighthouse", "storm", "fresnel", "keeper", "coast", "signal", "tower", "beacon", "harbour", "fog"]


def fill(videos: int) -> dict[str, object]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from channels.models import Channel, ChannelMembership
    from faceless_site.auth import api_token_create
    from videos.models import Job, Script, Video

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    users = get_user_model().objects
    owner = users.create_user("creator")
    staff = users.create_superuser("operator", email="", password=None)
    channel = Channel.objects.create(name="Lighthouse Lore", slug="lighthouse-lore", niche="lighthouses", owner=owner)
    ChannelMembership.objects.create(channel=channel, user=owner, role="owner")
    now = timezone.now()
    rows = []
    for n in range(videos):
        status = STATUSES[n % len(STATUSES)]
        rows.append(Video(
            channel=channel, topic=f"The {WORDS[n % 10]} of {WORDS[(n // 10) % 10]} number {n}", status=status,
            source_text="Notes " * 50,
            scheduled_for=now + timezone.timedelta(hours=n) if status == "scheduled" else None,
            published_at=now - timezone.timedelta(hours=n) if status == "published" else None,
        ))
    Video.objects.bulk_create(rows, batch_size=2000)
    ids = list(Video.objects.order_by("pk").values_list("pk", flat=True))
    Script.objects.bulk_create([
        Script(video_id=pk, version=1, title=f"Why the {WORDS[i % 10]} matters, part {i}", hook="It began at dusk.",
               description="A long description. " * 40, tags=["lighthouse", "history"])
        for i, pk in enumerate(ids) if i % 2
    ], batch_size=2000)
    Job.objects.bulk_create([
        # 7919 is prime: the running jobs land on 20 different videos (one active job per video and step).
        Job(kind="pipeline", video_id=ids[i * 7919 % len(ids)], channel=channel, step_key="pipeline",
            state="running" if i < 20 else "succeeded", percent=40 if i < 20 else 100, stage="Rendering")
        for i in range(min(2000, len(ids)))
    ], batch_size=2000)
    token = api_token_create(user=owner, name="bench")[1]
    if connection.vendor == "postgresql":
        # Autovacuum would gather the planner's statistics soon after a bulk load; do not wait for it.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"owner": owner, "staff": staff, "token": token}


def measure(client: Client, url: str, rounds: int, headers: dict[str, str]) -> tuple[float, float, float, int, int]:
    """p50 and p95 wall ms, p50 CPU ms of this process, queries, bytes."""
    for _ in range(3):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.status_code)
    times, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, statistics.median(cpu), len(captured), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--videos", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    started = time.perf_counter()
    made = fill(args.videos)
    filled = time.perf_counter() - started
    print(f"{connection.vendor}: {args.videos:,} videos in one channel, filled in {filled:.1f} s; {args.rounds} rounds")
    creator, operator = Client(), Client()
    creator.force_login(made["owner"])
    operator.force_login(made["staff"])
    api = Client(headers={"Authorization": f"Bearer {made['token']}"})
    htmx = {"HX-Request": "true", "HX-Target": "videos"}
    pages = [
        ("dashboard", creator, "/", {}),
        ("dashboard page 2", creator, "/?page=2", {}),
        ("dashboard filtered (draft)", creator, "/?status=draft", {}),
        ("dashboard search", creator, "/?q=fresnel", {}),
        ("dashboard list, htmx page 3", creator, "/?page=3", htmx),
        ("API list", api, "/api/videos", {}),
        ("API list, search + offset", api, "/api/videos?q=storm&offset=100", {}),
        ("admin video changelist", operator, "/admin/videos/video/", {}),
        ("admin job changelist", operator, "/admin/videos/job/", {}),
    ]
    print(f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms':>8} {'queries':>8} {'kB':>8}")
    for name, client, url, headers in pages:
        p50, p95, cpu, queries, size = measure(client, url, args.rounds, headers)
        print(f"{name:32} {p50:8.1f} {p95:8.1f} {cpu:8.1f} {queries:8d} {size / 1024:8.1f}")
    print("load average (1, 5, 15 min): {:.1f} {:.1f} {:.1f} on {} CPUs; CPU ms is this process only "
          "(the database server's work is in the wall time)".format(*os.getloadavg(), os.cpu_count()))


if __name__ == "__main__":
    main()
