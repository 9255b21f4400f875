"""Two machines that share no disk (issue 28): media in an object store, measured under kills.

    .venv/bin/python bench/storage_drill.py                               # 4 videos, 2 + 1 + 2 kills
    .venv/bin/python bench/storage_drill.py --videos 2 --render-kills 1 --store-kills 1 --upload-kills 1

Machines A and B are two job clusters, each with its own scratch folder (MEDIA_SCRATCH_DIR) and its
own media folder that nothing uses; A also runs the control cluster (recovery, clean-up). They share
only PostgreSQL (database `--db`, made afresh), Redis (`--redis`) and SeaweedFS (started here, on
127.0.0.1, bucket faceless-drill). Media is MEDIA_STORAGE=s3 with the render cache shared.

1. Reference: one video made on A alone, undisturbed; its render's frame checksums are the reference.
2. Render: `--videos` pipeline jobs (`--seconds` videos, review required, so each stops at its render) on
   A and B together; `--render-kills` times a cluster that is rendering, and `--store-kills` times one
   whose render is going up to the store, gets SIGKILL on its whole process group (nothing cleans up)
   and is started again 5-20 s later. The clusters reach the store through a proxy that holds each
   part of a multipart upload `--slow-store` seconds (a slow link), so such a kill lands mid-upload.
3. Publish: every video approved and uploaded to a local fake YouTube (HTTPS, the real
   google-api-python-client, resumable 256 KiB chunks, each slowed to 50 ms) by the machine that did
   not render it: the videos A rendered with only B running, then those B rendered with only A
   running; `--upload-kills` times the uploading cluster is killed mid-upload and started again.

Tally: jobs lost (failed, cancelled), stranded (still queued or running), run twice at once (from the
clusters' logs), half objects (a render's object missing, short or unreadable; an object whose bytes
differ from the SHA-256 it was stored with; multipart uploads never finished or aborted), renders whose
frame checksums differ from the reference, YouTube videos per video and whether their bytes are the
stored render's. Reuses jobs_bench.py's clusters and log reading.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
sys.path.insert(0, str(BASE / "bench"))

from jobs_bench import Cluster, doubles, runs_from_logs  # noqa: E402

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
BUCKET = "faceless-drill"
# Long enough for a minute of narration (the offline writer keeps the text's own sentences).
SOURCE = (BASE / "bench" / "texts" / "story_lighthouse_keeper.md").read_text(encoding="utf-8")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="faceless_storage")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--videos", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=60, help="the videos' target length (60 s: about 6 MB, "
                        "so a render goes up to the store as a multipart upload of 5 MiB parts)")
    parser.add_argument("--render-kills", type=int, default=2)
    parser.add_argument("--store-kills", type=int, default=1, help="kills while a render goes up to the store")
    parser.add_argument("--upload-kills", type=int, default=2, help="kills during YouTube uploads")
    parser.add_argument("--slow-store", type=float, default=2.0,
                        help="seconds each part of a multipart upload waits at the store (a slow link)")
    parser.add_argument("--workers", type=int, default=1, help="workers per job cluster")
    parser.add_argument("--stale-seconds", type=int, default=20, help="JOB_STALE_SECONDS of every cluster")
    parser.add_argument("--max-minutes", type=float, default=60)
    parser.add_argument("--seed", type=int, default=28)
    return parser.parse_args()


def prepare(args: argparse.Namespace, root: Path) -> tuple[dict[str, str], dict[str, dict[str, str]], object]:
    """The shared environment (database, Redis, object store, YouTube fake) and each machine's own."""
    from faceless_site import objectstore

    key, secret = "drill-" + secrets.token_hex(4), secrets.token_urlsafe(24)
    store = objectstore.start(root / "objectstore", access_key=key, secret_key=secret, buckets=(BUCKET,))
    from cryptography.fernet import Fernet

    common = {
        **os.environ, "DATABASE_URL": f"{PG}/{args.db}", "REDIS_URL": args.redis, "FACELESS_DOTENV": "0",
        "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "drill-only-" + "k" * 50, "DJANGO_ALLOWED_HOSTS": "localhost",
        "MONGODB_URL": os.environ.get("MONGODB_URL", "mongodb://127.0.0.1:27117"), "MONGODB_DB": args.db,
        "Q_WORKERS": str(args.workers), "Q_CONTROL_WORKERS": "1", "RENDER_PARALLEL_SEGMENTS": "1",
        "VOICE_PARALLEL_SCENES": "1", "JOB_STALE_SECONDS": str(args.stale_seconds), "PYTHONUNBUFFERED": "1",
        "MEDIA_STORAGE": "s3", "AWS_S3_ENDPOINT_URL": store.endpoint, "AWS_S3_ACCESS_KEY_ID": key,
        "AWS_S3_SECRET_ACCESS_KEY": secret, "AWS_STORAGE_BUCKET_NAME": BUCKET, "RENDER_CACHE_SHARED": "1",
        "TOKEN_ENCRYPTION_KEYS": Fernet.generate_key().decode(), "YOUTUBE_DAILY_QUOTA_UNITS": "1000000",
        "YOUTUBE_DAILY_UPLOADS": "1000", "YOUTUBE_UPLOAD_CHUNK_BYTES": str(256 * 1024),
        "YOUTUBE_RETRY_BASE_SECONDS": "0.2", "YOUTUBE_HTTP_TIMEOUT": "20",
    }
    from tests.fakes.s3_proxy import S3FaultProxy

    # The clusters reach the store through a slow link: each part of a multipart upload waits, so a kill
    # can land while a render goes up. This process checks the store directly.
    proxy = S3FaultProxy(store.endpoint).__enter__()
    proxy.fail(lambda seen: seen.method == "PUT" and "partNumber=" in seen.query_string, f"delay:{args.slow_store}",
               times=-1)
    machines = {}
    for name in ("a", "b", "drill"):
        folder = root / f"machine-{name}"
        machines[name] = {"MEDIA_SCRATCH_DIR": str(folder / "scratch"), "MEDIA_ROOT": str(folder / "media"),
                          "EXPORT_ROOT": str(folder / "export"), "MEDIA_UPLOAD_PART_BYTES": str(5 * 1024**2)}
        if name != "drill":
            machines[name]["AWS_S3_ENDPOINT_URL"] = proxy.endpoint
    subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)',
                    "-c", f'CREATE DATABASE "{args.db}"'], check=True)
    subprocess.run([sys.executable, "-c", f"import redis; redis.Redis.from_url({args.redis!r}).flushdb()"], check=True)
    subprocess.run([sys.executable, str(BASE / "manage.py"), "migrate", "-v0"], env={**common, **machines["drill"]},
                   check=True)
    os.environ.clear()
    os.environ.update({**common, **machines["drill"], "DJANGO_SETTINGS_MODULE": "faceless_site.settings"})
    import django

    django.setup()
    return common, machines, store


def youtube_fake(root: Path, common: dict[str, str]):
    """The fake YouTube of the tests, over HTTPS with its own CA, for the clusters and this process."""
    import trustme

    from tests.fakes.youtube_server import YouTubeServer
    from tests.publishing.conftest import CLIENT, SCOPES

    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(root / "ca.pem"))
    server = YouTubeServer(tls=ca, client=CLIENT, scopes=SCOPES).__enter__()
    server.state.data["chunk_delay"] = 0.05
    settings = {"YOUTUBE_API_ENDPOINT": server.url + "/", "YOUTUBE_ANALYTICS_API_ENDPOINT": server.url + "/",
                "GOOGLE_OAUTH_TOKEN_URL": server.url + "/token", "GOOGLE_OAUTH_CLIENT_ID": CLIENT[0],
                "GOOGLE_OAUTH_CLIENT_SECRET": CLIENT[1], "YOUTUBE_CA_CERTS": str(root / "ca.pem")}
    common.update(settings)
    os.environ.update(settings)
    return server


def jobs_of(job_ids: list[int]) -> dict[int, dict]:
    from videos.models import Job

    return {j["id"]: j for j in Job.objects.filter(pk__in=job_ids).values("id", "state", "stage", "percent",
                                                                          "heartbeat_at", "attempts", "kind")}


def supervise(clusters: dict[str, Cluster], job_ids: list[int], *, faults: dict[str, tuple[int, object]],
              deadline: float, log: list[str]) -> dict[str, int]:
    """Until every job is done: for each fault `name: (times, when)`, kill (SIGKILL to the process group)
    the cluster running a job that `when(job)` picks, that many times, each restarted 5-20 s later.
    Returns the kills made of each kind."""
    from videos.models import Job

    made, restarts, started = dict.fromkeys(faults, 0), {}, time.time()
    while time.time() < deadline:
        now = time.time()
        for name, at in list(restarts.items()):
            if now >= at:
                clusters[name].start()
                del restarts[name]
        jobs = jobs_of(job_ids)
        for fault, (times, when) in faults.items():
            if made[fault] >= times or restarts:
                continue
            for job in [j for j in jobs.values() if j["state"] == Job.State.RUNNING and when(j)
                        and j["heartbeat_at"] and now - j["heartbeat_at"].timestamp() < 10]:
                owner = _running_on(clusters, job["id"])
                if owner and clusters[owner].alive:
                    clusters[owner].kill()
                    made[fault] += 1
                    restarts[owner] = time.time() + random.uniform(5, 20)
                    log.append(f"{now - started:6.0f}s kill -9 machine {owner.upper()} {fault}: job {job['id']} "
                               f"({job['stage']}, {job['percent']}%)")
                    print(log[-1], flush=True)
                    break
        if all(j["state"] not in Job.ACTIVE_STATES for j in jobs.values()) and not restarts:
            return made
        time.sleep(0.3)
    return made


def _running_on(clusters: dict[str, Cluster], job_id: int) -> str | None:
    """The machine whose current cluster process logged the job's latest start."""
    latest, where = 0.0, None
    for name, cluster in clusters.items():
        if not cluster.alive or not cluster.runs:
            continue
        for line in cluster.runs[-1][0].read_text(errors="replace").splitlines():
            if line.startswith("{") and '"job.started"' in line:
                record = json.loads(line)
                if record.get("job_id") == job_id:
                    stamp = time.mktime(time.strptime(record["timestamp"][:19], "%Y-%m-%dT%H:%M:%S"))
                    if stamp >= latest:
                        latest, where = stamp, name
    return where


def finished_on(clusters: dict[str, Cluster], job_id: int) -> str | None:
    for name, cluster in clusters.items():
        for path, _ in cluster.runs:
            for line in path.read_text(errors="replace").splitlines():
                if line.startswith("{") and '"job.succeeded"' in line and json.loads(line).get("job_id") == job_id:
                    return name
    return None


def frame_checksums(name: str) -> str:
    from faceless_site.mediastore.files import media_local

    out = subprocess.run(["ffmpeg", "-v", "error", "-i", str(media_local(name)), "-map", "0:v", "-f", "framemd5",
                          "-"], capture_output=True, text=True, check=True).stdout
    frames = [line.rsplit(",", 1)[1].strip() for line in out.splitlines() if line and not line.startswith("#")]
    return hashlib.sha256("\n".join(frames).encode()).hexdigest()[:16] + f" ({len(frames)} frames)"


def scratch_leftovers() -> dict:
    """What killed steps left in each machine's scratch folder (render folders, partial files), and what
    is still there once each machine ran the clean-up (as before its next render)."""
    from django.test.utils import override_settings

    from videos.services.jobs import jobs_clean_leftovers

    marks = (".work", ".partial", ".part", ".tmp")
    found, left = [], []
    for name in ("a", "b"):
        scratch = Path(os.environ["MEDIA_SCRATCH_DIR"]).parent.parent / f"machine-{name}" / "scratch"
        work = scratch / "work"
        before = [str(p.relative_to(scratch)) for p in work.rglob("*") if any(m in p.name for m in marks)]
        with override_settings(MEDIA_SCRATCH_DIR=scratch):
            jobs_clean_leftovers()
        after = [str(p.relative_to(scratch)) for p in work.rglob("*") if any(m in p.name for m in marks)]
        found += [f"{name.upper()}: {p}" for p in before]
        left += [f"{name.upper()}: {p}" for p in after]
    return {"scratch_leftovers_of_killed_steps": found, "scratch_leftovers_after_the_clean_up": left}


def half_objects() -> dict:
    from faceless_site.mediastore import files
    from videos.models import Render

    store = files._s3()
    broken = []
    for render in Render.objects.all():
        try:
            size = files.media_size(render.file)
            local = str(files.media_local(render.file))
            seconds = float(json.loads(subprocess.run(
                ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", local],
                capture_output=True, text=True, check=True).stdout)["format"]["duration"])
        except Exception as exc:  # any failure is a finding
            broken.append(f"{render.file}: {type(exc).__name__}")
            continue
        if size != render.size_bytes or seconds < render.duration_seconds - 0.1:
            broken.append(f"{render.file}: {size} bytes, {seconds:.2f} s")
    mismatched = []
    for entry in files.media_list("videos/"):
        head = store.head(entry.name)
        recorded = head.get("Metadata", {}).get("sha256")
        if recorded and hashlib.sha256(files.media_read(entry.name)).hexdigest() != recorded:
            mismatched.append(entry.name)
    pending = [name for name, _, _ in store.pending_uploads()]
    return {"renders_missing_short_or_unreadable": broken, "objects_not_matching_their_sha256": mismatched,
            **scratch_leftovers(),
            "objects_checked": len(files.media_list("")), "multipart_uploads_left_by_killed_workers": pending,
            "aborted_by_the_clean_up": files.media_clean_uploads(older_than_seconds=0)}


def run(args: argparse.Namespace) -> dict:
    random.seed(args.seed)
    root = Path(tempfile.mkdtemp(prefix="storage-drill-"))
    logs = root / "logs"
    logs.mkdir()
    common, machines, store = prepare(args, root)
    try:
        return _drill(args, root, logs, common, machines, store)
    finally:
        from faceless_site import objectstore

        objectstore.stop(store.process.pid)


def _drill(args, root, logs, common, machines, store) -> dict:
    youtube = youtube_fake(root, common)
    from django.conf import settings

    from tests.factories import make_channel
    from tests.publishing.conftest import link_account
    from videos.models import Job, Video
    from videos.services.jobs import job_enqueue
    from videos.services.video import video_approve, video_create

    clusters = {name: Cluster(name, settings.JOB_QUEUE, {**common, **machines[name]}, logs) for name in ("a", "b")}
    control = Cluster("control", settings.JOB_CONTROL_QUEUE, {**common, **machines["a"]}, logs)
    # CRF 14: renders of about 8 MB, so each goes up to the store as a multipart upload of two parts.
    channel = make_channel(footage_sources=["library"], review_required=True, target_seconds=args.seconds,
                           render_crf=14, publish_target="youtube", default_privacy="public", language="en")
    link_account(youtube, channel)
    deadline = time.time() + args.max_minutes * 60
    events: list[str] = []
    started = time.time()
    print(f"drill folder {root}; SeaweedFS {store.endpoint}", flush=True)
    try:
        control.start()
        clusters["a"].start()
        reference = job_enqueue(kind=Job.Kind.PIPELINE, video=video_create(channel=channel, source_text=SOURCE)).pk
        supervise({"a": clusters["a"]}, [reference], faults={}, deadline=deadline, log=events)
        reference_video = Job.objects.get(pk=reference).video
        timings = {"reference_render_seconds": round(time.time() - started)}
        clusters["b"].start()
        phase = time.time()
        renders = [job_enqueue(kind=Job.Kind.PIPELINE, video=video_create(channel=channel, source_text=SOURCE)).pk
                   for _ in range(args.videos)]
        kills = supervise(clusters, renders, deadline=deadline, log=events, faults={
            "mid-render": (args.render_kills, lambda j: "Rendering" in (j["stage"] or "") and 30 <= j["percent"] <= 85),
            "mid-store-upload": (args.store_kills, lambda j: (j["stage"] or "").endswith("Storing the video"))})
        timings["render_phase_seconds"] = round(time.time() - phase)
        rendered_on = {job_id: finished_on(clusters, job_id) for job_id in renders}
        publishes, published_on = [], {}
        phase = time.time()
        for turn, (renderer, publisher) in enumerate((("a", "b"), ("b", "a"))):
            clusters[renderer].stop()
            if not clusters[publisher].alive:
                clusters[publisher].start()
            batch = []
            for job_id in [j for j, where in rendered_on.items() if where == renderer]:
                video = Video.objects.get(pk=Job.objects.get(pk=job_id).video_id)
                video_approve(video=video, user=channel.owner)
                batch.append(job_enqueue(kind=Job.Kind.PUBLISH, video=video).pk)
            share = args.upload_kills // 2 + (args.upload_kills % 2 if turn == 0 else 0)
            made = supervise({publisher: clusters[publisher]}, batch, deadline=deadline, log=events, faults={
                "mid-youtube-upload": (share, lambda j: (j["stage"] or "").startswith("Uploading")
                                       and 15 <= j["percent"] <= 75)})
            kills["mid-youtube-upload"] = kills.get("mid-youtube-upload", 0) + made["mid-youtube-upload"]
            published_on.update({job_id: publisher for job_id in batch})
            publishes += batch
            clusters[renderer].start()
        timings["publish_phase_seconds"] = round(time.time() - phase)
    finally:
        for cluster in [*clusters.values(), control]:
            cluster.stop()
    return tally(reference, reference_video, renders, publishes, rendered_on, published_on, clusters, youtube,
                 kills, events, timings, args)


def tally(reference, reference_video, renders, publishes, rendered_on, published_on, clusters, youtube,
          kills, events, timings, args) -> dict:
    from faceless_site.mediastore.files import media_read
    from videos.models import Job, Video

    all_jobs = [reference, *renders, *publishes]
    states = dict(Job.objects.filter(pk__in=all_jobs).values_list("id", "state"))
    expected = frame_checksums(reference_video.latest_render.file)
    videos = []
    for job_id in renders:
        video = Video.objects.get(pk=Job.objects.get(pk=job_id).video_id)
        render = video.latest_render
        publication = video.publications.first()
        uploads = [vid for vid, meta in youtube.videos.items()
                   if publication is not None and vid == publication.external_id]
        videos.append({
            "video": video.pk, "rendered_on": (rendered_on.get(job_id) or "?").upper(),
            "published_on": next((p.upper() for j, p in published_on.items()
                                  if Job.objects.get(pk=j).video_id == video.pk), "?"),
            "status": video.status, "frames_match_reference": frame_checksums(render.file) == expected,
            "youtube_bytes_match_render": bool(uploads)
            and youtube.videos[uploads[0]]["bytes"] == media_read(render.file),
            "attempts": dict(Job.objects.filter(video=video).values_list("kind", "attempts")),
        })
    uploaded_titles = len(youtube.videos)
    return {
        "settings": {"videos": args.videos, "target_seconds": args.seconds, "render_crf": 14,
                     "workers_per_cluster": args.workers, "RENDER_PARALLEL_SEGMENTS": 1,
                     "JOB_STALE_SECONDS": args.stale_seconds, "JOB_HEARTBEAT_SECONDS": 5, "MEDIA_STORAGE": "s3",
                     "RENDER_CACHE_SHARED": True, "MEDIA_UPLOAD_PART_BYTES": 5 * 1024**2,
                     "store_part_delay_seconds": args.slow_store, "YOUTUBE_UPLOAD_CHUNK_BYTES": 256 * 1024,
                     "youtube_chunk_delay_seconds": 0.05, "database": args.db, "redis": args.redis},
        **timings, "kills": kills, "events": events,
        "jobs": len(all_jobs), "finished": sum(s == Job.State.SUCCEEDED for s in states.values()),
        "lost": sorted(j for j, s in states.items() if s in (Job.State.FAILED, Job.State.CANCELLED)),
        "stranded": sorted(j for j, s in states.items() if s in Job.ACTIVE_STATES),
        "run_twice_at_once": doubles(runs_from_logs(list(clusters.values()))),
        "reference_frames": expected, "videos": videos,
        "rendered_on_one_published_by_the_other": sum(v["rendered_on"] != v["published_on"] != "?" for v in videos),
        "youtube_videos": uploaded_titles, "youtube_videos_expected": len(renders),
        **half_objects(),
    }


if __name__ == "__main__":
    print(json.dumps(run(parse_args()), indent=2, default=str))
