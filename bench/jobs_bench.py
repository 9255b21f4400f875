"""Crash recovery across machines, measured: two job clusters and two control clusters on one
PostgreSQL database, one Redis and one shared media folder (README "Many machines": Redis for locks
and the cache, RENDER_PARALLEL_SEGMENTS 2, one worker per job cluster, two control clusters), pipeline
jobs (short videos), a backlog of queued jobs, and faults.

    .venv/bin/python bench/jobs_bench.py                       # 8 kills, 2 connection cuts, backlog 2
    .venv/bin/python bench/jobs_bench.py --kills 3 --cuts 1    # a quicker look
    .venv/bin/python bench/jobs_bench.py --holding             # tasks a busy cluster holds (settings.py)

First one job renders with no fault: the reference. Then every job cluster's workers are kept busy
and `--backlog` more jobs wait in the queue, so a killed job comes back while every worker is busy.
Faults: `--kills` times, at random moments, a job cluster that is running a job (its own log says
so) gets SIGKILL on its whole process group (the cluster and every worker it forked; nothing cleans
up), and a supervisor starts it again 5-20 s later; a kill counts only with a job running on the
killed cluster. `--cuts` times, during a render, every database connection of the clusters is
terminated (pg_terminate_backend). Timings are production's defaults (heartbeat 5 s, interrupted
after 15 s, recovery every 5 s on the control clusters) unless given in the environment.

Tally: jobs finished, lost (ended failed or cancelled), stranded (still queued or running at the
end), run twice at once (two runs of one job overlapping in time, from the clusters' logs), half
files (temporary names left, renders whose file is missing or shorter than recorded), each killed
job's seconds from the kill to running again (with how many jobs were queued at the kill: the
backlog), and every render's frame checksums (ffmpeg framemd5, video and audio) against the
reference's: a recovered render must be the same video as an uninterrupted one.
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
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7",
                        help="REDIS_URL for the clusters (its database is emptied first); '' for none")
    parser.add_argument("--kills", type=int, default=8)
    parser.add_argument("--cuts", type=int, default=2)
    parser.add_argument("--backlog", type=int, default=2, help="jobs kept waiting beyond the busy workers")
    parser.add_argument("--workers", type=int, default=1, help="workers per job cluster")
    parser.add_argument("--parallel-segments", type=int, default=2, help="RENDER_PARALLEL_SEGMENTS")
    parser.add_argument("--voice", default="espeak", help="the channel's voice engine (espeak, piper)")
    parser.add_argument("--max-minutes", type=float, default=40)
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
        "DJANGO_ALLOWED_HOSTS": "localhost", "RENDER_PARALLEL_SEGMENTS": str(getattr(args, "parallel_segments", 2)),
        "PYTHONUNBUFFERED": "1", "Q_CONTROL_WORKERS": "2",
    }
    env.pop("REDIS_URL", None)
    if getattr(args, "redis", ""):
        import redis

        redis.Redis.from_url(args.redis).flushdb()
        env["REDIS_URL"] = args.redis
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

    def running_jobs(self) -> set[tuple[int, int]]:
        """(job id, attempt) of the runs this start of the cluster began and has not ended, from its log."""
        if not self.runs:
            return set()
        running: set[tuple[int, int]] = set()
        for record in _records(self.runs[-1][0]):
            key = (record.get("job_id"), record.get("attempt"))
            if record.get("event") == "job.started":
                running.add(key)
            elif record.get("event") in RUN_ENDS:
                running.discard(key)
        return running

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


RUN_ENDS = {"job.succeeded", "job.failed", "job.cancelled", "job.crashed", "job.interrupted", "job.superseded",
            "job.interrupted_gave_up", "job.interrupted_unrecorded"}


def _records(log_path: Path):
    for line in log_path.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            try:
                yield json.loads(line)
            except ValueError:
                continue


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

    channel = make_channel(footage_sources=["library"], review_required=True, target_seconds=20,
                           voice_engine=args.voice)
    clusters = [Cluster("a", settings.JOB_QUEUE, env, logs), Cluster("b", settings.JOB_QUEUE, env, logs)]
    controls = [Cluster("control1", settings.JOB_CONTROL_QUEUE, env, logs),
                Cluster("control2", settings.JOB_CONTROL_QUEUE, env, logs)]
    for cluster in [*clusters, *controls]:
        cluster.start()
    print(f"media {media}\nlogs {logs}", flush=True)
    started = time.time()
    reference_job = make_job(channel)
    while Job.objects.get(pk=reference_job).state not in Job.DONE_STATES:
        time.sleep(0.5)
    reference_seconds = time.time() - started
    print(f"{reference_seconds:6.0f}s reference render done", flush=True)
    busy = args.workers * len(clusters) + args.backlog
    job_ids = [make_job(channel) for _ in range(busy)]
    started = time.time()
    deadline = started + args.max_minutes * 60
    kills = cuts = 0
    next_fault = started + random.uniform(25, 45)
    restarts: dict[str, float] = {}
    victims: list[dict] = []   # one per job run killed, until it runs again
    cut_jobs: set[int] = set()
    max_held = 0
    try:
        while time.time() < deadline:
            now = time.time()
            jobs = {j["id"]: j for j in Job.objects.filter(pk__in=job_ids).values("id", "state", "attempts", "stage")}
            max_held = max(max_held, held_tasks())
            for victim in victims:
                job = jobs[victim["job"]]
                if "back_seconds" in victim or victim.get("ended_before_the_kill"):
                    continue
                if job["attempts"] > victim["attempt"]:
                    victim["back_seconds"] = now - victim["killed_at"]
                elif job["state"] in Job.DONE_STATES:  # it finished between the log read and the kill
                    victim["ended_before_the_kill"] = True
            for cluster in clusters:
                if cluster.name in restarts and now >= restarts[cluster.name]:
                    cluster.start()
                    del restarts[cluster.name]
            faults_left = kills < args.kills or cuts < args.cuts
            running = [j for j in jobs.values() if j["state"] == Job.State.RUNNING]
            if faults_left and now >= next_fault and running:
                rendering = [j for j in running if "render" in j["stage"].lower()]
                on = {c.name: c.running_jobs() for c in clusters if c.alive}
                targets = [c for c in clusters if on.get(c.name)]
                if cuts < args.cuts and rendering and (kills >= args.kills or random.random() < 0.3):
                    count = terminate_connections()
                    cuts += 1
                    cut_jobs.update(j["id"] for j in rendering)
                    print(f"{now - started:6.0f}s cut {count} connections; rendering {[j['id'] for j in rendering]}",
                          flush=True)
                    next_fault = time.time() + random.uniform(20, 50)
                elif kills < args.kills and targets:
                    cluster = random.choice(targets)
                    killed = on[cluster.name]
                    queued = sum(j["state"] == Job.State.QUEUED for j in jobs.values())
                    free = sum(args.workers - len(on[c.name]) for c in clusters if c is not cluster and c.name in on)
                    killed_at = cluster.kill()
                    kills += 1
                    restarts[cluster.name] = killed_at + random.uniform(5, 20)
                    victims += [{"job": job_id, "attempt": attempt, "killed_at": killed_at, "queued_at_kill": queued,
                                 "workers_free_elsewhere": free} for job_id, attempt in sorted(killed)]
                    print(f"{now - started:6.0f}s kill -9 cluster {cluster.name} (kill {kills}) running "
                          f"{sorted(killed)}; {queued} queued, {free} worker(s) free elsewhere", flush=True)
                    next_fault = time.time() + random.uniform(20, 50)
            active = [j for j in jobs.values() if j["state"] in Job.ACTIVE_STATES]
            if faults_left and len(active) < busy:
                job_ids.append(make_job(channel))
            waiting_back = [v for v in victims if "back_seconds" not in v and not v.get("ended_before_the_kill")]
            if not faults_left and not active and not waiting_back:
                break
            time.sleep(0.5)
    finally:
        for cluster in [*clusters, *controls]:
            cluster.stop()
    return tally(job_ids, reference_job, victims, clusters, cut_jobs, media, kills, cuts, max_held,
                 time.time() - started, reference_seconds, args)


def runs_from_logs(clusters: list[Cluster]) -> dict[int, list[tuple[float, float, int]]]:
    """Job id -> [(start, end, attempt)] of every run the job clusters' logs show."""
    runs: dict[int, list[tuple[float, float, int]]] = {}
    for cluster in clusters:
        for log_path, killed_at in cluster.runs:
            open_runs: dict[tuple[int, int], float] = {}
            last = 0.0
            for record in _records(log_path):
                stamp = datetime.fromisoformat(record["timestamp"].replace("Z", "+00:00")).timestamp()
                last = max(last, stamp)
                key = (record.get("job_id"), record.get("attempt"))
                if record.get("event") == "job.started":
                    open_runs[key] = stamp
                elif record.get("event") in RUN_ENDS and key in open_runs:
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


def tally(job_ids, reference_job, victims, clusters, cut_jobs, media, kills, cuts, max_held, seconds,
          reference_seconds, args) -> dict:
    from tests.cluster import frame_checksums
    from videos.models import Job, Video
    from videos.services.jobs import jobs_clean_leftovers

    states = dict(Job.objects.filter(pk__in=job_ids).values_list("id", "state"))
    temps_before, broken = half_files(media)
    removed = jobs_clean_leftovers()
    temps_after, _ = half_files(media)
    back = [v for v in victims if "back_seconds" in v]
    with_backlog = sorted(round(v["back_seconds"], 1) for v in back if v["queued_at_kill"])
    without = sorted(round(v["back_seconds"], 1) for v in back if not v["queued_at_kill"])

    def sums(job_id: int):
        render = Video.objects.get(jobs__pk=job_id).latest_render
        return frame_checksums(media / str(render.file)) if render else None

    reference = sums(reference_job)
    killed_jobs = {v["job"] for v in victims}
    same, differ = [], []
    for job_id in sorted(j for j, s in states.items() if s == "succeeded"):
        checked = sums(job_id)
        if checked == reference:
            same.append(job_id)
        else:
            differ.append({"job": job_id, "killed": job_id in killed_jobs, "cut": job_id in cut_jobs,
                           "video_frames_same": checked is not None and checked["video"] == reference["video"],
                           "audio_frames_same": checked is not None and checked["audio"] == reference["audio"]})
    load = os.getloadavg()
    return {
        "settings": {"job_clusters": len(clusters), "workers_each": args.workers, "control_clusters": 2,
                     "backlog": args.backlog, "render_parallel_segments": args.parallel_segments,
                     "redis": bool(args.redis), "voice": args.voice},
        "seconds": round(seconds), "reference_render_seconds": round(reference_seconds),
        "load_average_at_end": [round(x, 2) for x in load],
        "kills_counted": kills, "connection_cuts": cuts, "jobs": len(job_ids),
        "finished": sum(s == "succeeded" for s in states.values()),
        "lost": sorted(j for j, s in states.items() if s in ("failed", "cancelled")),
        "stranded": sorted(j for j, s in states.items() if s in Job.ACTIVE_STATES),
        "run_twice_at_once": doubles(runs_from_logs(clusters)),
        "half_files": broken, "temp_names_left_after_jobs": temps_before, "removed_by_clean_up": len(removed),
        "temp_names_left_after_clean_up": temps_after,
        "killed_runs": len(victims),
        "seconds_kill_to_running_again_with_a_backlog": with_backlog,
        "seconds_kill_to_running_again_without": without,
        "worst_seconds_back": max([*with_backlog, *without], default=None),
        "killed_runs_never_back": [v["job"] for v in victims if "back_seconds" not in v
                                   and not v.get("ended_before_the_kill")],
        "victims": victims,
        "jobs_rendering_at_a_cut": sorted(cut_jobs),
        "cut_jobs_succeeded": sorted(j for j in cut_jobs if states.get(j) == "succeeded"),
        "most_tasks_held_for_jobs_not_running": max_held,
        "renders_identical_to_the_reference": len(same),
        "renders_different": differ,
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
