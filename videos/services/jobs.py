"""The one place that enqueues pipeline work, and the runner every django-q2 task goes through.

A Job row is created first and the django-q2 task is enqueued on commit, carrying only the job id.
The runner claims the job with a conditional UPDATE, so a task delivered twice (django-q2 re-hands
out a task whose worker died) runs the step once. While a step runs, a heartbeat thread touches the
row; `jobs_recover` re-enqueues jobs whose heartbeat stopped (a worker killed with -9), and every
step is idempotent, so the re-run ends in the state an uninterrupted run would have reached.

Each claim raises `attempts`, and that number fences the run: progress, heartbeat and the outcome
are written only while the row still carries it, so a run whose job was taken over (its heartbeat
looked dead) stops at its next checkpoint and records nothing. Housekeeping (`jobs_recover`,
`jobs_clean_leftovers`) runs on the control cluster (settings.JOB_CONTROL_QUEUE), never behind a render.
"""

from __future__ import annotations

import shutil
import threading
import time
import traceback
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import structlog
from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, close_old_connections, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from faceless_site.mediastore import files
from faceless_site.mediastore.errors import MediaStoreError
from faceless_site.redaction import redact, redact_line, redact_text
from videos.models import Job, Video

log = structlog.get_logger(__name__)
T = TypeVar("T")

# Job kind -> dotted path of the step function `step(ctx: JobContext) -> None`.
STEPS: dict[str, str] = {
    Job.Kind.WRITE_SCRIPT: "videos.services.writing.step_write_script",
    Job.Kind.REWRITE_SCENE: "videos.services.writing.step_rewrite_scene",
    Job.Kind.SUGGEST_TOPICS: "videos.services.writing.step_suggest_topics",
    Job.Kind.MATCH_FOOTAGE: "assets.services.matching.step_match_footage",
    Job.Kind.NARRATE_RENDER: "videos.services.production.step_narrate_render",
    Job.Kind.PUBLISH: "publishing.services.step_publish",
    Job.Kind.PIPELINE: "videos.services.pipeline.step_pipeline",
    Job.Kind.SYNC_ANALYTICS: "publishing.services.step_sync_analytics",
    Job.Kind.AUTOPILOT: "publishing.services.step_autopilot",
}
RUNNER = "videos.services.jobs.job_run"


class StepFailed(Exception):
    """A step failed for a reason the user can act on; `message` is shown as is."""

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class JobCancelled(Exception):
    pass


class JobAlreadyActive(Exception):
    def __init__(self, job: Job) -> None:
        super().__init__(f"{job.label} is already {job.state} for this video (job #{job.pk}).")
        self.job = job


def _step_key(kind: str, params: dict[str, Any]) -> str:
    return f"{kind}:{params['scene_id']}" if "scene_id" in params else kind


def job_enqueue(
    *,
    kind: str,
    video: Video | None = None,
    channel: Any = None,
    params: dict[str, Any] | None = None,
    user: Any = None,
    retry_of: Job | None = None,
) -> Job:
    """Create the Job row and enqueue its task after the transaction commits.

    Raises JobAlreadyActive when the same step of the same video (or channel) is queued or running,
    unless that job's worker is gone: then that job is queued again at once and returned.
    """
    if kind not in STEPS:
        raise ValueError(f"Unknown job kind {kind!r}")
    params = dict(params or {})
    channel = channel if channel is not None else (video.channel if video else None)
    step_key = _step_key(kind, params)
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind, video=video, channel=channel, params=params, step_key=step_key,
                created_by=user if getattr(user, "is_authenticated", False) else None,
                retry_of=retry_of, stage="Waiting for a worker", heartbeat_at=timezone.now(),
            )
    except IntegrityError:
        active = Job.objects.filter(
            Q(video=video) if video else Q(channel=channel, video__isnull=True),
            step_key=step_key, state__in=Job.ACTIVE_STATES,
        ).first()
        if active is None:
            raise
        if job_interrupted(active) and _requeue(active, stage=RESTARTED_STAGE):
            active.refresh_from_db()
            return active
        raise JobAlreadyActive(active) from None
    transaction.on_commit(lambda: _submit(job.pk))
    log.info("job.enqueued", job_id=job.pk, kind=kind, video_id=job.video_id, channel_id=job.channel_id)
    return job


def _submit(job_id: int) -> None:
    from django_q.tasks import async_task

    job = Job.objects.get(pk=job_id)
    # Always name the job cluster: this also runs on the control cluster (recovery, due publications),
    # where django-q2 would otherwise put the task in the control queue.
    task_id = async_task(RUNNER, job_id, task_name=f"{job.kind}-{job_id}-{job.attempts}",
                         timeout=settings.JOB_TIMEOUT, cluster=settings.JOB_QUEUE)
    Job.objects.filter(pk=job_id).update(task_id=str(task_id or ""))


RECOVERED_STAGE = "Recovered after its worker stopped; waiting for a worker"
RESTARTED_STAGE = "Restarted after its worker stopped; waiting for a worker"
INTERRUPTED_STAGE = "Interrupted; queued to run again"


def job_interrupted(job: Job) -> bool:
    """Running, but its worker stopped proving it is alive: killed, or cut off from the database."""
    return job.is_interrupted


def job_retry(*, job: Job, user: Any = None) -> Job:
    """Start a failed or cancelled job again as a new Job (the old one stays as history). An
    interrupted job (its worker is gone) is queued again at once as itself."""
    if job.is_active:
        if job_interrupted(job) and _requeue(job, stage=RESTARTED_STAGE):
            job.refresh_from_db()
            log.info("job.restarted", job_id=job.pk)
            return job
        raise JobAlreadyActive(job)
    return job_enqueue(kind=job.kind, video=job.video, channel=job.channel, params=job.params,
                       user=user, retry_of=job)


def job_cancel(*, job: Job) -> Job:
    """Ask a job to stop. A queued job stops at once; a running one at its next checkpoint."""
    now = timezone.now()
    Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
        state=Job.State.CANCELLED, finished_at=now, stage="Cancelled", cancel_requested=True
    )
    Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(cancel_requested=True)
    job.refresh_from_db()
    return job


def _stale_cutoff(stale_after: timedelta | None = None) -> Any:
    return timezone.now() - (stale_after or timedelta(seconds=settings.JOB_STALE_SECONDS))


def jobs_recover(*, stale_after: timedelta | None = None) -> list[int]:
    """Queue again every job whose worker is gone, whatever its old queue row looks like:
    running with a stopped heartbeat (JOB_STALE_SECONDS), or queued for JOB_HELD_SECONDS since it was
    submitted without a queue row that any free worker could take (the row is missing, or held by a
    cluster that is dead or busy). A queued job whose row still waits in the shared queue is left alone: a new row would
    wait just the same. The runner's claim makes a task delivered twice run once.

    Runs on the control cluster every few seconds (`jobs_watch`), and once when `make up` starts.
    """
    cutoff = _stale_cutoff(stale_after)
    # A cluster with a free worker starts a task within a second of taking its row; a queued job
    # whose row has been taken this long without starting is held by a busy (or dead) cluster.
    held_cutoff = max(cutoff, timezone.now() - timedelta(seconds=settings.JOB_HELD_SECONDS))
    # Oldest first: their new rows come first in the queue, so the job waiting longest runs first.
    candidates = list(Job.objects.filter(
        Q(state=Job.State.RUNNING, heartbeat_at__lt=cutoff)
        | Q(state=Job.State.QUEUED, heartbeat_at__lt=held_cutoff)
        | Q(state__in=Job.ACTIVE_STATES, heartbeat_at__isnull=True, created_at__lt=cutoff)
    ).order_by("created_at", "pk"))
    if not candidates:
        return []
    rows = _queue_rows()
    recovered = []
    for job in candidates:
        if job.cancel_requested:  # asked to stop before its worker died: it stops here
            Job.objects.filter(pk=job.pk, state=job.state, heartbeat_at=job.heartbeat_at).update(
                state=Job.State.CANCELLED, finished_at=timezone.now(), stage="Cancelled",
                message="Cancelled by request.")
            continue
        if job.state == Job.State.QUEUED and any(available for _, available in rows.get(job.pk, ())):
            continue
        if _requeue(job, stage=RECOVERED_STAGE, old_rows=[pk for pk, _ in rows.get(job.pk, ())]):
            recovered.append(job.pk)
            log.warning("job.recovered", job_id=job.pk, kind=job.kind, video_id=job.video_id,
                        was=job.state, attempts=job.attempts)
    return recovered


# The control cluster's recovery schedules (migrations 0007-0008) run this.
WATCH_FUNC = "videos.services.jobs.jobs_watch"
WATCH_MAX_SECONDS = 90.0


def jobs_watch(*, seconds: float | None = None, every: float | None = None,
               sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> list[int]:
    """`jobs_recover` every `every` seconds (JOB_RECOVER_EVERY_SECONDS) until the next recovery
    schedule fires, then hand over to the watch it starts: what the control cluster's two schedules,
    half a minute apart, run. django-q2's scheduler looks about every 30 s (a little more on a busy
    machine), so a watch of fixed length either leaves gaps or piles up; this one ends when a
    schedule's next run moves on, or after `seconds` (90 s at most, should schedules stop firing).
    A pass that loses its database connection reconnects at the next one. Returns the jobs recovered."""
    seconds = WATCH_MAX_SECONDS if seconds is None else seconds
    every = settings.JOB_RECOVER_EVERY_SECONDS if every is None else every
    started = clock()
    fired = _watch_schedules()
    recovered: list[int] = []
    while True:
        handed_over = False
        try:
            recovered += jobs_recover()
        except (OperationalError, InterfaceError) as exc:
            log.warning("jobs.watch_reconnect", error=str(exc).strip()[:200])
            connection.close()  # the next pass reconnects
        now = _watch_schedules()
        if fired is None:
            fired = now
        elif now is not None and now != fired:
            handed_over = True
        if handed_over or clock() - started + every > seconds:
            return recovered
        sleep(every)


def _watch_schedules() -> dict[int, Any] | None:
    """Each recovery schedule's next run; it moves on when the schedule fires (None: unreadable now)."""
    from django_q.models import Schedule

    try:
        return dict(Schedule.objects.filter(func=WATCH_FUNC).values_list("pk", "next_run"))
    except (OperationalError, InterfaceError):
        connection.close()
        return None


def _requeue(job: Job, *, stage: str, message: str = "", old_rows: list[int] | None = None) -> bool:
    """Queue `job` again if nobody changed it since it was read (another recovery, a new claim)."""
    updated = Job.objects.filter(pk=job.pk, state=job.state, attempts=job.attempts,
                                 heartbeat_at=job.heartbeat_at).update(
        state=Job.State.QUEUED, stage=stage, message=message, heartbeat_at=timezone.now())
    if not updated:
        return False
    if old_rows is None:
        old_rows = [pk for pk, _ in _queue_rows().get(job.pk, ())]
    if old_rows:
        from django_q.models import OrmQ

        # Rows held by a dead cluster would come back only after Q_CLUSTER["retry"] (over an hour).
        OrmQ.objects.filter(pk__in=old_rows).delete()
    _submit(job.pk)
    return True


def _queue_rows() -> dict[int, list[tuple[int, bool]]]:
    """Job id -> its rows in the ORM broker's queue, each (row id, free for any worker to take)."""
    from django_q.models import OrmQ
    from django_q.signing import SignedPackage

    now = timezone.now()
    rows: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for row in OrmQ.objects.filter(key=settings.JOB_QUEUE).order_by("pk")[:5000]:
        try:
            task = SignedPackage.loads(row.payload)
        except Exception:  # signed with another key or corrupt: not ours to judge
            log.warning("jobs.unreadable_queue_row", row_id=row.pk)
            continue
        if task.get("func") == RUNNER and task.get("args"):
            rows[int(task["args"][0])].append((row.pk, row.lock is None or row.lock <= now))
    return rows


def jobs_clean_leftovers() -> list[str]:
    """Remove what killed steps left in MEDIA_ROOT: render `*.work` folders and `*.partial*` files
    of videos no live job works on, and upload `.part` files older than a day. Returns the paths
    removed (relative to MEDIA_ROOT). Runs on the control cluster every ten minutes, and with a remote
    media store (where each machine has its own scratch folder) before each render on its machine."""
    media = files.work_folder("")  # where steps write: the media folder, or this machine's scratch folder
    removed: list[str] = []
    videos = media / "videos"
    busy = _videos_with_live_jobs()
    # Untouched for longer than a heartbeat may stay silent: not the work of a step that is just
    # starting (claimed after `busy` was read).
    quiet_since = timezone.now().timestamp() - settings.JOB_STALE_SECONDS
    for folder in sorted(videos.iterdir()) if videos.is_dir() else ():
        if not folder.name.isdigit() or int(folder.name) in busy:
            continue
        work = [p for p in folder.rglob("*.work") if p.stat().st_mtime < quiet_since]
        partial = [p for p in folder.rglob("*.partial*") if ".work" not in p.relative_to(folder).parent.as_posix()
                   and p.stat().st_mtime < quiet_since]
        removed += _remove(media, [*work, *partial])
    day_ago = timezone.now().timestamp() - 86400
    incoming = media / "assets" / ".incoming"
    if incoming.is_dir():
        removed += _remove(media, [p for p in incoming.glob("*.part") if p.stat().st_mtime < day_ago])
    # Multipart uploads to a remote media store that their killed workers never finished or aborted.
    try:
        removed += [f"upload of {name}" for name in files.media_clean_uploads(older_than_seconds=86400)]
    except MediaStoreError as exc:  # the store is out: the next clean-up tries again
        log.warning("jobs.uploads_not_cleaned", error=exc.message)
    if removed:
        log.info("jobs.leftovers_removed", count=len(removed))
    return removed


def _videos_with_live_jobs() -> set[int]:
    cutoff = _stale_cutoff()
    return set(Job.objects.filter(video__isnull=False).filter(
        Q(state=Job.State.QUEUED) | Q(state=Job.State.RUNNING, heartbeat_at__gte=cutoff)
    ).values_list("video_id", flat=True))


def _remove(media: Path, paths: list[Path]) -> list[str]:
    removed = []
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(str(path.relative_to(media)))
    return removed


def _with_db(operation: Callable[[], T]) -> T:
    """Run a single query; if the connection was lost (database restarted, backend terminated),
    reconnect and run it once more. Inside a transaction nothing can be retried, so it raises."""
    try:
        return operation()
    except (OperationalError, InterfaceError):
        if connection.in_atomic_block:
            raise
        log.warning("job.db_reconnect")
        connection.close()
        return operation()


def _lost_connection(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, OperationalError | InterfaceError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


@dataclass
class JobContext:
    """What a step sees: its job, progress reporting, warnings and cancellation."""

    job: Job
    _last_cancel_check: float = 0.0
    _warnings: list[str] = field(default_factory=list)
    waiting: tuple[str, Any] | None = None
    reported: bool = False
    superseded: threading.Event = field(default_factory=threading.Event)

    @property
    def video(self) -> Video | None:
        return self.job.video

    @property
    def channel(self) -> Any:
        return self.job.channel

    @property
    def params(self) -> dict[str, Any]:
        return self.job.params

    def _mine(self) -> Any:
        # This run's rows: a job taken over by a newer attempt is no longer written by this one.
        return Job.objects.filter(pk=self.job.pk, attempts=self.job.attempts, state=Job.State.RUNNING)

    def progress(self, percent: float, stage: str, message: str = "") -> None:
        percent = max(0, min(100, int(percent)))
        stage, message = redact_text(stage), redact_text(message)
        if not _with_db(lambda: self._mine().update(percent=percent, stage=stage[:100], message=message,
                                                    heartbeat_at=timezone.now())):
            self.superseded.set()
        self.job.percent, self.job.stage, self.job.message = percent, stage, message
        self.reported = True

    def warn(self, message: str) -> None:
        message = redact_text(message)
        if message in self._warnings or message in self.job.warnings:
            return  # said once: by this run, or by an earlier run of the same job
        self._warnings.append(message)
        _with_db(lambda: self._mine().update(warnings=list(self.job.warnings) + self._warnings))
        log.warning("job.warning", job_id=self.job.pk, warning=message)

    def wait(self, message: str, *, until: Any = None) -> None:
        """End the job as waiting, not succeeded: its work could not be done yet for an outside reason
        (`message`, e.g. the YouTube quota is used up) that clears by `until` if known. The step
        returns after calling this; whatever resumes the work starts a new job."""
        self.waiting = (message, until)

    def add_details(self, **details: Any) -> None:
        self.job.details = redact({**self.job.details, **details})
        _with_db(lambda: self._mine().update(details=self.job.details))

    def cancelled(self) -> bool:
        """True when the user asked to stop, or when this run no longer owns the job."""
        if self.superseded.is_set():
            return True
        row = _with_db(lambda: Job.objects.filter(pk=self.job.pk).values("cancel_requested", "attempts",
                                                                          "state").first())
        if row is None or row["attempts"] != self.job.attempts or row["state"] != Job.State.RUNNING:
            self.superseded.set()
            return True
        return bool(row["cancel_requested"])

    def raise_if_cancelled(self) -> None:
        if self.cancelled():
            raise JobCancelled()


class _Heartbeat:
    def __init__(self, ctx: JobContext, every: float) -> None:
        self.ctx, self.every = ctx, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"job-{ctx.job.pk}-heartbeat", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                if not self.ctx._mine().update(heartbeat_at=timezone.now()) and not self._stop.is_set():
                    self.ctx.superseded.set()
            except Exception:
                log.warning("job.heartbeat_failed", job_id=self.ctx.job.pk)
                connection.close()  # this thread's own connection; the next beat reconnects
            finally:
                close_old_connections()

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def _claim(job_id: int) -> Job | None:
    """Move the job to running unless it is done or another live worker has it."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.JOB_STALE_SECONDS)
    claimed = _with_db(lambda: Job.objects.filter(
        Q(state=Job.State.QUEUED) | Q(state=Job.State.RUNNING, heartbeat_at__lt=stale), pk=job_id,
        cancel_requested=False,
    ).update(state=Job.State.RUNNING, started_at=now, heartbeat_at=now, finished_at=None,
             attempts=F("attempts") + 1, error=""))
    if not claimed:
        # A job queued again (interrupted, recovered) after its cancel was asked for ends here.
        Job.objects.filter(pk=job_id, state=Job.State.QUEUED, cancel_requested=True).update(
            state=Job.State.CANCELLED, finished_at=now, stage="Cancelled", message="Cancelled by request.")
        return None
    return Job.objects.select_related("video", "video__channel", "channel").get(pk=job_id)


# The stages of a job queued again after it lost its worker (recovered, restarted by a person, or
# cut off from the database): it has waited once already, so it goes before the backlog.
AGAIN_STAGES = (RECOVERED_STAGE, RESTARTED_STAGE, INTERRUPTED_STAGE)


def _claim_first(job_id: int) -> Job | None:
    """Claim, with the task of job `job_id`, the job that has waited longest of that one and the jobs
    queued again after losing their worker; `job_id` then gets a fresh task of its own. Without this
    a recovered job waits behind every job queued after it (and behind the tasks busy clusters hold)
    once all workers are busy: the backlog the bench makes."""
    own = _with_db(lambda: Job.objects.filter(pk=job_id, state=Job.State.QUEUED, cancel_requested=False)
                   .values_list("created_at", flat=True).first())
    if own is not None:
        waiting = _with_db(lambda: list(Job.objects.filter(
            state=Job.State.QUEUED, stage__in=AGAIN_STAGES, cancel_requested=False, created_at__lt=own,
        ).order_by("created_at", "pk").values_list("pk", flat=True)[:5]))
        for other in waiting:
            job = _claim(other)
            if job is not None:
                # This task's row is acknowledged when it ends: the job it came for gets a new one.
                if Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(heartbeat_at=timezone.now()):
                    _submit(job_id)
                log.info("job.taken_first", job_id=other, task_of=job_id)
                return job
    return _claim(job_id)


def _finish(ctx: JobContext, state: str, **fields: Any) -> bool:
    """Record the outcome, reconnecting once if the connection was lost; False when the job was
    taken over by a newer attempt (that attempt records its own outcome). Every text a job keeps
    (message, error, details) is readable by the channel's members: redacted."""
    fields = redact(fields)
    return bool(_with_db(lambda: ctx._mine().update(state=state, finished_at=timezone.now(), **fields)))


def _failed_message(job: Job, error: str) -> str:
    """What failed, in one line: the step, where it stopped, and the start of the reason."""
    where = f" ({job.stage})" if job.stage and job.stage not in ("Waiting for a worker", INTERRUPTED_STAGE) else ""
    return redact_line(f"{job.label} failed{where}: {error}", 240)


def job_run(job_id: int) -> str:
    """The django-q2 task: claim the job, run its step, record the outcome. Never raises for step
    errors (they are recorded on the Job), so django-q2 does not re-run a step that failed cleanly.
    A job that lost its worker and waits again runs before the job this task was for (`_claim_first`)."""
    job = _claim_first(job_id)
    if job is None:
        return "skipped"
    ctx = JobContext(job=job)
    bound = structlog.contextvars.bound_contextvars(
        job_id=job.pk, job_kind=job.kind, video_id=job.video_id, channel_id=job.channel_id, attempt=job.attempts
    )
    with bound, _Heartbeat(ctx, settings.JOB_HEARTBEAT_SECONDS):
        log.info("job.started")
        started = timezone.now()
        try:
            step: Callable[[JobContext], None] = import_string(STEPS[job.kind])
            step(ctx)
        except Exception as exc:  # every outcome is recorded on the Job
            return _record_failure(ctx, exc)
        seconds = (timezone.now() - started).total_seconds()
        if ctx.waiting is not None:
            if not _finish_waiting(ctx, *ctx.waiting):
                log.warning("job.superseded")
                return "superseded"
            return "waiting"
        if not _finish(ctx, Job.State.SUCCEEDED, percent=100, stage="Done"):
            log.warning("job.superseded")
            return "superseded"
        _clear_video_failure(job)
        log.info("job.succeeded", seconds=round(seconds, 2))
        _observe(job.kind, seconds)
        return "succeeded"


def _failed_stage(ctx: JobContext) -> str:
    # The stage a step last reported says where it stopped; a step that failed before reporting any
    # still carries the queue's "Waiting for a worker", which a failed job is not.
    return f"Failed at: {ctx.job.stage}"[:100] if ctx.reported and ctx.job.stage else "Failed"


def _finish_waiting(ctx: JobContext, message: str, until: Any) -> bool:
    when = f"until {timezone.localtime(until):%a %d %b %H:%M %Z}" if until else "for you to act"
    details = {**ctx.job.details, "waiting_until": until.isoformat() if until else None}
    log.info("job.waiting", until=until.isoformat() if until else None, reason=message)
    return _finish(ctx, Job.State.WAITING, stage=f"Waiting {when}"[:100], message=message, details=details)


# Steps whose failure concerns the video itself (not topic ideas, analytics or a scene rewrite,
# whose failure shows on its scene), and how it reads.
_VIDEO_STEPS = (Job.Kind.WRITE_SCRIPT, Job.Kind.NARRATE_RENDER, Job.Kind.PUBLISH, Job.Kind.PIPELINE,
                Job.Kind.MATCH_FOOTAGE)


def _failure_note(job: Job) -> str:
    return f"{job.label} failed: "


def _record_failure(ctx: JobContext, exc: Exception) -> str:
    job = ctx.job
    if (ctx.superseded.is_set() and isinstance(exc, JobCancelled | StepFailed)) or not _still_mine(ctx):
        log.warning("job.superseded", error=str(exc)[:300])
        return "superseded"
    if isinstance(exc, JobCancelled):
        _finish(ctx, Job.State.CANCELLED, stage="Cancelled", message="Cancelled by request.")
        log.info("job.cancelled")
        return "cancelled"
    if _lost_connection(exc):
        return _interrupt(ctx, exc)
    if isinstance(exc, MediaStoreError) and exc.retryable:  # the media store was out: as for the database
        return _interrupt(ctx, exc, reason=exc.message, counter="store_interruptions", what="the media store")
    if isinstance(exc, StepFailed | MediaStoreError):
        message, details = exc.message, {**job.details, **getattr(exc, "details", {})}
        log.warning("job.failed", error=message)
    else:
        message = f"Unexpected error: {type(exc).__name__}: {exc}"
        details = {**job.details, "traceback": traceback.format_exc()[-8000:]}
        log.exception("job.crashed")
    if _finish(ctx, Job.State.FAILED, error=message, details=details, stage=_failed_stage(ctx),
               message=_failed_message(job, message)):
        _mark_video_failed(job, message)
    return "failed"


def _still_mine(ctx: JobContext) -> bool:
    try:
        return _with_db(lambda: ctx._mine().exists())
    except (OperationalError, InterfaceError):
        return True  # cannot tell; _interrupt or the stale heartbeat decides


def _interrupt(ctx: JobContext, exc: BaseException, *, reason: str = "", counter: str = "db_interruptions",
               what: str = "the database") -> str:
    """The step lost its database connection (or the media store did not answer) and could not go on:
    queue the job again at once with the reason, or fail it with the reason once that happened
    JOB_MAX_ATTEMPTS times (kills of its worker do not count: they are not the step's doing)."""
    job = ctx.job
    reason = reason or (f"The database connection was lost during the step ({type(exc).__name__}: "
                        f"{str(exc).strip()[:200]}).")
    if not connection.in_atomic_block:
        connection.close()  # the next query reconnects
    interruptions = int(job.details.get(counter, 0)) + 1
    details = {**job.details, counter: interruptions}
    try:
        if interruptions >= settings.JOB_MAX_ATTEMPTS:
            error = (f"{reason} That happened {interruptions} times; check that {what} is reachable, "
                     "then retry.")
            if _finish(ctx, Job.State.FAILED, error=error, details=details, stage="Failed",
                       message=_failed_message(job, error)):
                _mark_video_failed(job, error)
            log.error("job.interrupted_gave_up", error=reason)
            return "failed"
        if _with_db(lambda: ctx._mine().update(state=Job.State.QUEUED, stage=INTERRUPTED_STAGE, message=reason,
                                                details=details, heartbeat_at=timezone.now())):
            _submit(job.pk)
    except (OperationalError, InterfaceError):
        # The database is still unreachable: the heartbeat has stopped, so recovery queues it again.
        log.error("job.interrupted_unrecorded", error=reason)
        return "interrupted"
    log.warning("job.interrupted", error=reason)
    return "interrupted"


def _mark_video_failed(job: Job, message: str) -> None:
    """A failed step never takes away what the video has: its status stays its last good state and
    the failure is told beside it. Only a draft, with nothing made yet, becomes "failed"."""
    if job.video_id and job.kind in _VIDEO_STEPS:
        Video.objects.filter(pk=job.video_id).update(status_message=redact_text(_failure_note(job) + message))
        Video.objects.filter(pk=job.video_id, status=Video.Status.DRAFT).update(status=Video.Status.FAILED)


def _clear_video_failure(job: Job) -> None:
    # The same step succeeding later answers its own earlier failure.
    if job.video_id and job.kind in _VIDEO_STEPS:
        Video.objects.filter(pk=job.video_id, status_message__startswith=_failure_note(job)).update(
            status_message="")


def _observe(kind: str, seconds: float) -> None:
    try:
        from faceless_site.metrics import STEP_SECONDS
    except ImportError:
        return
    STEP_SECONDS.labels(kind=kind).observe(seconds)
