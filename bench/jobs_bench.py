"""Crash recovery across two machines, measured: two job clusters and a control cluster on one
PostgreSQL database and one shared media folder, pipeline jobs (short videos), and faults.

    .venv/bin/python bench/jobs_bench.py                       # 10 kills, 3 connection cuts
    .venv/bin/python bench/jobs_bench.py --kills 3 --cuts 1    # a quicker look
    .venv/bin/python bench/jobs_bench.py --holding             # tasks a busy cluster holds (settings.py)

Faults: `--kills` times, at random moments, one job cluster's whole process group gets SIGKILL (the
cluster and every worker it forked; nothing cleans up), and a supervisor starts it again 5-20 s
later. `--cuts` times, during a render, every database connection of the clusters is terminated
(pg_terminate_backend). The settings are production's defaults (heartbeat, stale time, recovery
every 5 s on the control cluster) unless given in the environment.

Tally: jobs finished, lost (ended failed or cancelled), stranded (still queued or running at the
end), run twice at once (two runs of one job overlapping in time, from the clusters' logs), half
files (temporary names left, renders whose file is missing or shorter than recorded), seconds from
a kill to the killed job running again (and how many of those seconds a job cluster had a worker
free: the 90 s target applies to those), and the most tasks held (locked in the queue table) by
clusters for jobs that were not running.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SOURCE = (
    "Lighthouses guided sailors for centuries. The first great tower stood at Alexandria.\n\n"
    "In 1822 Augustin Fresnel designed a lens of rings and prisms. Its beam reached thirty kilometres.\n\n"
    "Keepers polished the glass every morning and kept the lamp burning through every storm."
)
TEMP_MARKS = (".work", ".partial", ".part")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="faceless_jobsbench")
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--cuts", type=int, default=3)
    parser.add_argument("--active", type=int, default=3, help="pipeline jobs kept going while faults remain")
    parser.add_argument("--workers", type=int, default=2, help="workers per job cluster")
    parser.add_argument("--max-minutes", type=float, default=35)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--holding", action="store_true",
                        help="only measure how many queue rows a busy 2-worker cluster takes, with our "
                             "bulk/queue_limit and with django-q2's defaults")
    return parser.parse_args()


def prepare_environment(args: argparse.Namespace, media: Path) -> dict[str, str]:
    env = {
        **os.environ, "DATABASE_URL": f"{PG}/{args.db}", "MEDIA_ROOT": str(media), "FACELESS_DOTENV": "0",
        "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "bench-only-" + "k" * 50, "Q_WORKERS": str(args.workers),
        "MONGODB_URL": os.environ.get("MONGODB_URL", "mongodb://127.0.0.1:27117"), "MONGODB_DB": args.db,
        "DJANGO_ALLOWED_HOSTS": "localhost", "RENDER_PARALLEL_SEGMENTS": "1", "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    os.environ.clear()
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "faceless_site.settings"
    subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)',
                    "-c", f'CREATE DATABASE "{args.db}"'], check=True)
    subprocess.run([sys.executable, str(BASE / "manage.py"), "migrate", "-v0"], env=env, check=True)
    return env


class Cluster:
    """One `manage.py qcluster`; each start writes its own log, kept with the time it was killed."""

    def __init__(self, name: str, queue: str, env: dict[str, str], logs: Path) -> None:
        self.name, self.queue, self.env, self.logs = name, queue, env, logs
        self.process: subprocess.Popen | None = None
        self.runs: list[tuple[Path, float | None]] = []  # (log, killed at)

    def start(self) -> None:
        log_path = self.logs / f"{self.name}-{len(self.runs)}.log"
        with open(log_path, "wb") as log:
            self.process = subprocess.Popen([sys.executable, str(BASE / "manage.py"), "qcluster"],
                                            env={**self.env, "Q_CLUSTER_NAME": self.queue}, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        self.runs.append((log_path, None))

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> float:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        killed_at = time.time()
        self.runs[-1] = (self.runs[-1][0], killed_at)
        return killed_at

    def stop(self) -> None:
        if self.alive:
            self.process.send_signal(signal.SIGTERM)  # the main pid only (a group signal deadlocks it)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=40)
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)


def make_job(channel) -> int:
    from videos.models import Job
    from videos.services.jobs import job_enqueue
    from videos.services.video import video_create

    return job_enqueue(kind=Job.Kind.PIPELINE, video=video_create(channel=channel, source_text=SOURCE)).pk


def terminate_connections() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        return cursor.fetchone()[0]


def held_tasks() -> int:
    """Queue rows locked by a cluster for jobs that are not running (held, waiting in its hands)."""
    from videos.models import Job
    from videos.services.jobs import _queue_rows

    rows = _queue_rows()
    queued = set(Job.objects.filter(pk__in=list(rows), state=Job.State.QUEUED).values_list("pk", flat=True))
    return sum(1 for job_id, items in rows.items() if job_id in queued for _, free in items if not free)


def run(args: argparse.Namespace) -> dict:
    random.seed(args.seed)
    media = Path(tempfile.mkdtemp(prefix="jobs-bench-media-"))
    logs = Path(tempfile.mkdtemp(prefix="jobs-bench-logs-"))
    env = prepare_environment(args, media)
    import django

    django.setup()
    from django.conf import settings

    from tests.factories import make_channel
    from videos.models import Job

    channel = make_channel(footage_sources=["library"], review_required=True, target_seconds=20)
    clusters = [Cluster("a", settings.JOB_QUEUE, env, logs), Cluster("b", settings.JOB_QUEUE, env, logs)]
    control = Cluster("control", settings.JOB_CONTROL_QUEUE, env, logs)
    for cluster in [*clusters, control]:
        cluster.start()
    job_ids = [make_job(channel) for _ in range(args.active)]
    started = time.time()
    deadline = started + args.max_minutes * 60
    kills = cuts = 0
    next_fault = started + random.uniform(25, 45)
    restarts: dict[str, float] = {}
    suspects: list[dict] = []   # jobs running at a kill, until we know whether they died with it
    victims: list[dict] = []
    cut_jobs: set[int] = set()
    max_held = 0
    last_sample = time.time()
    print(f"media {media}\nlogs {logs}", flush=True)
    try:
        while time.time() < deadline:
            now = time.time()
            jobs = {j["id"]: j for j in Job.objects.filter(pk__in=job_ids).values("id", "state", "attempts",
                                                                                  "stage", "heartbeat_at")}
            max_held = max(max_held, held_tasks())
            fresh = 3 * settings.JOB_HEARTBEAT_SECONDS
            # Running with a fresh heartbeat: a job whose worker is already dead is not killed again.
            running = [j for j in jobs.values() if j["state"] == Job.State.RUNNING and j["heartbeat_at"]
                       and now - j["heartbeat_at"].timestamp() < fresh]
            free_workers = args.workers * sum(c.alive for c in clusters) - len(running)
            for suspect in suspects:
                if free_workers > 0:
                    suspect["free_wait"] = suspect.get("free_wait", 0.0) + (now - last_sample)
            last_sample = now
            _follow_victims(jobs, suspects, victims, now, settings.JOB_HEARTBEAT_SECONDS)
            for cluster in clusters:
                if cluster.name in restarts and now >= restarts[cluster.name]:
                    cluster.start()
                    del restarts[cluster.name]
            faults_left = kills < args.kills or cuts < args.cuts
            if faults_left and now >= next_fault and running:
                rendering = [j for j in running if "render" in j["stage"].lower()]
                if cuts < args.cuts and rendering and (kills >= args.kills or random.random() < 0.35):
                    count = terminate_connections()
                    cuts += 1
                    cut_jobs.update(j["id"] for j in rendering)
                    print(f"{now - started:6.0f}s cut {count} connections; rendering {[j['id'] for j in rendering]}",
                          flush=True)
                elif kills < args.kills:
                    live = [c for c in clusters if c.alive]
                    if live:
                        cluster = random.choice(live)
                        killed_at = cluster.kill()
                        kills += 1
                        restarts[cluster.name] = killed_at + random.uniform(5, 20)
                        suspects += [{"job": j["id"], "attempts": j["attempts"], "killed_at": killed_at}
                                     for j in running]
                        print(f"{now - started:6.0f}s kill -9 cluster {cluster.name} (kill {kills}); running "
                              f"{[j['id'] for j in running]}", flush=True)
                next_fault = time.time() + random.uniform(20, 50)
            active = [j for j in jobs.values() if j["state"] in Job.ACTIVE_STATES]
            if faults_left and len(active) < args.active:
                job_ids.append(make_job(channel))
            if not faults_left and not active and not suspects:
                break
            time.sleep(0.5)
    finally:
        for cluster in [*clusters, control]:
            cluster.stop()
    return tally(job_ids, victims, suspects, clusters, cut_jobs, media, kills, cuts, max_held,
                 time.time() - started)


def _follow_victims(jobs: dict, suspects: list, victims: list, now: float, heartbeat: float) -> None:
    """A job running at a kill died with it if its heartbeat did not move in the 3 beats after the
    kill (else it ran on the other cluster); it is back when a new attempt claims it."""
    for suspect in list(suspects):
        job = jobs[suspect["job"]]
        same_attempt = job["attempts"] == suspect["attempts"]
        if not suspect.get("died"):
            beat = job["heartbeat_at"]
            if same_attempt and (job["state"] != "running" or (beat and beat.timestamp() > suspect["killed_at"] + 1)):
                suspects.remove(suspect)
            elif now - suspect["killed_at"] > 3 * heartbeat + 2:
                suspect["died"] = True
            continue
        if not same_attempt:
            suspects.remove(suspect)
            victims.append({**suspect, "back_seconds": now - suspect["killed_at"]})


def runs_from_logs(clusters: list[Cluster]) -> dict[int, list[tuple[float, float, int]]]:
    """Job id -> [(start, end, attempt)] of every run the job clusters' logs show."""
    ends = {"job.succeeded", "job.failed", "job.cancelled", "job.crashed", "job.interrupted", "job.superseded",
            "job.interrupted_gave_up", "job.interrupted_unrecorded"}
    runs: dict[int, list[tuple[float, float, int]]] = {}
    for cluster in clusters:
        for log_path, killed_at in cluster.runs:
            open_runs: dict[tuple[int, int], float] = {}
            last = 0.0
            for line in log_path.read_text(errors="replace").splitlines():
                if not line.startswith("{"):
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                stamp = datetime.fromisoformat(record["timestamp"].replace("Z", "+00:00")).timestamp()
                last = max(last, stamp)
                key = (record.get("job_id"), record.get("attempt"))
                if record.get("event") == "job.started":
                    open_runs[key] = stamp
                elif record.get("event") in ends and key in open_runs:
                    runs.setdefault(key[0], []).append((open_runs.pop(key), stamp, key[1]))
            for (job_id, attempt), start in open_runs.items():
                runs.setdefault(job_id, []).append((start, killed_at or last, attempt))
    return runs


def doubles(runs: dict[int, list[tuple[float, float, int]]]) -> list[str]:
    found = []
    for job_id, items in runs.items():
        items.sort()
        latest_end, latest_attempt = 0.0, None
        for start, end, attempt in items:
            if start < latest_end - 0.05:
                found.append(f"job {job_id}: attempt {attempt} started {latest_end - start:.1f}s before "
                             f"attempt {latest_attempt} ended")
            if end > latest_end:
                latest_end, latest_attempt = end, attempt
    return found


def half_files(media: Path) -> tuple[list[str], list[str]]:
    """(temporary names left in MEDIA_ROOT, renders whose file is missing or shorter than recorded)."""
    import ffmpeg

    from videos.models import Render

    temps = [str(p.relative_to(media)) for p in media.rglob("*") if any(m in p.name for m in TEMP_MARKS)]
    broken = []
    for render in Render.objects.all():
        path = media / str(render.file)
        try:
            seconds = float(ffmpeg.probe(str(path))["format"]["duration"])
        except (ffmpeg.Error, KeyError, ValueError):
            broken.append(f"{render.file}: unreadable")
            continue
        if seconds < render.duration_seconds - 0.1:
            broken.append(f"{render.file}: {seconds:.2f}s, recorded {render.duration_seconds:.2f}s")
    return temps, broken


def tally(job_ids, victims, suspects, clusters, cut_jobs, media, kills, cuts, max_held, seconds) -> dict:
    from videos.models import Job
    from videos.services.jobs import jobs_clean_leftovers

    states = dict(Job.objects.filter(pk__in=job_ids).values_list("id", "state"))
    temps_before, broken = half_files(media)
    removed = jobs_clean_leftovers()
    temps_after, _ = half_files(media)
    back = sorted(round(v["back_seconds"], 1) for v in victims)
    # Of the time from the kill to running again, how long a job cluster had a worker free.
    free_wait = sorted((round(v["back_seconds"], 1), round(v.get("free_wait", 0.0), 1)) for v in victims)
    return {
        "seconds": round(seconds), "kills": kills, "connection_cuts": cuts, "jobs": len(job_ids),
        "finished": sum(s == "succeeded" for s in states.values()),
        "lost": sorted(j for j, s in states.items() if s in ("failed", "cancelled")),
        "stranded": sorted(j for j, s in states.items() if s in Job.ACTIVE_STATES),
        "run_twice_at_once": doubles(runs_from_logs(clusters)),
        "half_files": broken, "temp_names_left_after_jobs": temps_before, "removed_by_clean_up": len(removed),
        "temp_names_left_after_clean_up": temps_after,
        "jobs_killed": len(victims), "seconds_kill_to_running_again": back,
        "worst_seconds_back": max(back) if back else None, "back_seconds_and_seconds_a_worker_was_free": free_wait,
        "killed_jobs_never_back": [s["job"] for s in suspects],
        "jobs_rendering_at_a_cut": sorted(cut_jobs),
        "cut_jobs_succeeded": sorted(j for j in cut_jobs if states.get(j) == "succeeded"),
        "most_tasks_held_for_jobs_not_running": max_held,
    }


HOLDING_SETTINGS = """
import os
from faceless_site.settings import *  # noqa: F403
Q_CLUSTER = dict(Q_CLUSTER)  # noqa: F405
if os.environ.get("BENCH_Q_DEFAULTS"):
    del Q_CLUSTER["bulk"], Q_CLUSTER["queue_limit"]
"""


def measure_holding(args: argparse.Namespace) -> dict:
    """Ten 25-second tasks, one cluster of 2 workers: the most queue rows it locks at once (2 run,
    the rest are held in its own queue where no other cluster can take them)."""
    media = Path(tempfile.mkdtemp(prefix="jobs-bench-media-"))
    env = prepare_environment(args, media)
    settings_dir = Path(tempfile.mkdtemp(prefix="jobs-bench-settings-"))
    (settings_dir / "holding_settings.py").write_text(HOLDING_SETTINGS)
    import django

    django.setup()
    from django.utils import timezone
    from django_q.models import OrmQ
    from django_q.tasks import async_task

    result = {}
    for label, extra in (("bulk 1, queue_limit 1", {}), ("django-q2 defaults", {"BENCH_Q_DEFAULTS": "1"})):
        OrmQ.objects.all().delete()
        for _ in range(10):
            async_task("time.sleep", 25)
        cluster_env = {**env, **extra, "Q_WORKERS": "2", "DJANGO_SETTINGS_MODULE": "holding_settings",
                       "PYTHONPATH": f"{settings_dir}:{BASE}"}
        process = subprocess.Popen([sys.executable, str(BASE / "manage.py"), "qcluster"], env=cluster_env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        most = 0
        for _ in range(40):
            time.sleep(0.5)
            most = max(most, OrmQ.objects.filter(lock__gt=timezone.now()).count())
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        result[label] = {"rows_taken": most, "running": 2, "held_not_running": most - 2}
    OrmQ.objects.all().delete()
    return result


if __name__ == "__main__":
    arguments = parse_args()
    result = measure_holding(arguments) if arguments.holding else run(arguments)
    print(json.dumps(result, indent=2))
