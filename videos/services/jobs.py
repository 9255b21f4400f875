"""The one place that enqueues pipeline work, and the runner every django-q2 task goes through.

A Job row is created first and the django-q2 task is enqueued on commit, carrying only the job id.
The runner claims the job with a conditional UPDATE, so a task delivered twice (django-q2 re-hands
out a task whose worker died) runs the step once. While a step runs, a heartbeat thread touches the
row; `jobs_recover` re-enqueues jobs whose heartbeat stopped (a worker killed with -9), and every
step is idempotent, so the re-run ends in the state an uninterrupted run would have reached.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import structlog
from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from faceless_site.redaction import redact, redact_line, redact_text
from videos.models import Job, Video

log = structlog.get_logger(__name__)

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
        super().__init__(f"{job.get_kind_display()} is already {job.state} for this video (job #{job.pk}).")
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

    Raises JobAlreadyActive when the same step of the same video (or channel) is queued or running.
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
                retry_of=retry_of, stage="Waiting for a worker",
            )
    except IntegrityError:
        active = Job.objects.filter(
            Q(video=video) if video else Q(channel=channel, video__isnull=True),
            step_key=step_key, state__in=Job.ACTIVE_STATES,
        ).first()
        if active is None:
            raise
        raise JobAlreadyActive(active) from None
    transaction.on_commit(lambda: _submit(job.pk))
    log.info("job.enqueued", job_id=job.pk, kind=kind, video_id=job.video_id, channel_id=job.channel_id)
    return job


def _submit(job_id: int) -> None:
    from django_q.tasks import async_task

    job = Job.objects.get(pk=job_id)
    task_id = async_task(
        RUNNER, job_id, task_name=f"{job.kind}-{job_id}-{job.attempts}", timeout=settings.JOB_TIMEOUT
    )
    Job.objects.filter(pk=job_id).update(task_id=str(task_id or ""))


def job_retry(*, job: Job, user: Any = None) -> Job:
    """Start a failed or cancelled job again as a new Job (the old one stays as history)."""
    if job.is_active:
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


def jobs_recover(*, stale_after: timedelta | None = None) -> list[int]:
    """Re-enqueue running jobs whose worker died (heartbeat stopped) and queued jobs never handed out.

    Run every minute by a django-q2 schedule and once when `make up` starts.
    """
    stale_after = stale_after or timedelta(seconds=settings.JOB_STALE_SECONDS)
    cutoff = timezone.now() - stale_after
    recovered = []
    stale = Job.objects.filter(
        Q(state=Job.State.RUNNING, heartbeat_at__lt=cutoff)
        | Q(state=Job.State.QUEUED, created_at__lt=cutoff, started_at__isnull=True)
    )
    for job in stale:
        if job.state == Job.State.QUEUED and _task_still_queued(job):
            continue
        updated = Job.objects.filter(pk=job.pk, state=job.state, heartbeat_at=job.heartbeat_at).update(
            state=Job.State.QUEUED, stage="Recovered after a worker stopped; waiting for a worker",
        )
        if updated:
            recovered.append(job.pk)
            _submit(job.pk)
            log.warning("job.recovered", job_id=job.pk, kind=job.kind, video_id=job.video_id)
    return recovered


def _task_still_queued(job: Job) -> bool:
    from django_q.models import OrmQ

    if not job.task_id:
        return False
    return any(item.task_id() == job.task_id for item in OrmQ.objects.all()[:1000])


@dataclass
class JobContext:
    """What a step sees: its job, progress reporting, warnings and cancellation."""

    job: Job
    _last_cancel_check: float = 0.0
    _warnings: list[str] = field(default_factory=list)
    waiting: tuple[str, Any] | None = None
    reported: bool = False

    @property
    def video(self) -> Video | None:
        return self.job.video

    @property
    def channel(self) -> Any:
        return self.job.channel

    @property
    def params(self) -> dict[str, Any]:
        return self.job.params

    def progress(self, percent: float, stage: str, message: str = "") -> None:
        percent = max(0, min(100, int(percent)))
        stage, message = redact_text(stage), redact_text(message)
        Job.objects.filter(pk=self.job.pk).update(
            percent=percent, stage=stage[:100], message=message, heartbeat_at=timezone.now()
        )
        self.job.percent, self.job.stage, self.job.message = percent, stage, message
        self.reported = True

    def warn(self, message: str) -> None:
        message = redact_text(message)
        self._warnings.append(message)
        Job.objects.filter(pk=self.job.pk).update(warnings=list(self.job.warnings) + self._warnings)
        log.warning("job.warning", job_id=self.job.pk, warning=message)

    def wait(self, message: str, *, until: Any = None) -> None:
        """End the job as waiting, not succeeded: its work could not be done yet for an outside reason
        (`message`, e.g. the YouTube quota is used up) that clears by `until` if known. The step
        returns after calling this; whatever resumes the work starts a new job."""
        self.waiting = (message, until)

    def add_details(self, **details: Any) -> None:
        self.job.details = redact({**self.job.details, **details})
        Job.objects.filter(pk=self.job.pk).update(details=self.job.details)

    def cancelled(self) -> bool:
        return Job.objects.filter(pk=self.job.pk, cancel_requested=True).exists()

    def raise_if_cancelled(self) -> None:
        if self.cancelled():
            raise JobCancelled()


class _Heartbeat:
    def __init__(self, job_id: int, every: float) -> None:
        self.job_id, self.every = job_id, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"job-{job_id}-heartbeat", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                Job.objects.filter(pk=self.job_id, state=Job.State.RUNNING).update(heartbeat_at=timezone.now())
            except Exception:
                log.warning("job.heartbeat_failed", job_id=self.job_id)
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
    claimed = Job.objects.filter(
        Q(state=Job.State.QUEUED) | Q(state=Job.State.RUNNING, heartbeat_at__lt=stale), pk=job_id,
        cancel_requested=False,
    ).update(state=Job.State.RUNNING, started_at=now, heartbeat_at=now, finished_at=None,
             attempts=F("attempts") + 1, error="")
    if not claimed:
        return None
    return Job.objects.select_related("video", "video__channel", "channel").get(pk=job_id)


def _finish(job: Job, state: str, **fields: Any) -> None:
    # Every text a job keeps (message, error, details) is readable by the channel's members: redacted.
    Job.objects.filter(pk=job.pk).update(state=state, finished_at=timezone.now(), **redact(fields))


def _failed_message(job: Job, error: str) -> str:
    """What failed, in one line: the step, where it stopped, and the start of the reason."""
    where = f" ({job.stage})" if job.stage and job.stage != "Waiting for a worker" else ""
    return redact_line(f"{job.get_kind_display()} failed{where}: {error}", 240)


def job_run(job_id: int) -> str:
    """The django-q2 task: claim the job, run its step, record the outcome. Never raises for step
    errors (they are recorded on the Job), so django-q2 does not re-run a step that failed cleanly."""
    job = _claim(job_id)
    if job is None:
        return "skipped"
    ctx = JobContext(job=job)
    bound = structlog.contextvars.bound_contextvars(
        job_id=job.pk, job_kind=job.kind, video_id=job.video_id, channel_id=job.channel_id
    )
    with bound, _Heartbeat(job.pk, settings.JOB_HEARTBEAT_SECONDS):
        log.info("job.started", attempt=job.attempts)
        started = timezone.now()
        try:
            step: Callable[[JobContext], None] = import_string(STEPS[job.kind])
            step(ctx)
        except JobCancelled:
            _finish(job, Job.State.CANCELLED, stage="Cancelled", message="Cancelled by request.")
            log.info("job.cancelled")
            return "cancelled"
        except StepFailed as exc:
            _finish(job, Job.State.FAILED, error=exc.message, details={**job.details, **exc.details},
                    stage=_failed_stage(ctx), message=_failed_message(job, exc.message))
            _mark_video_failed(job, exc.message)
            log.warning("job.failed", error=exc.message)
            return "failed"
        except Exception as exc:
            message = f"Unexpected error: {type(exc).__name__}: {exc}"
            _finish(job, Job.State.FAILED, error=message, stage=_failed_stage(ctx),
                    message=_failed_message(job, message),
                    details={**job.details, "traceback": traceback.format_exc()[-8000:]})
            _mark_video_failed(job, message)
            log.exception("job.crashed")
            return "failed"
        seconds = (timezone.now() - started).total_seconds()
        if ctx.waiting is not None:
            _finish_waiting(ctx, *ctx.waiting)
            return "waiting"
        _finish(job, Job.State.SUCCEEDED, percent=100, stage="Done")
        _clear_video_failure(job)
        log.info("job.succeeded", seconds=round(seconds, 2))
        _observe(job.kind, seconds)
        return "succeeded"


def _failed_stage(ctx: JobContext) -> str:
    # The stage a step last reported says where it stopped; a step that failed before reporting any
    # still carries the queue's "Waiting for a worker", which a failed job is not.
    return f"Failed at: {ctx.job.stage}"[:100] if ctx.reported and ctx.job.stage else "Failed"


def _finish_waiting(ctx: JobContext, message: str, until: Any) -> None:
    when = f"until {timezone.localtime(until):%a %d %b %H:%M %Z}" if until else "for you to act"
    details = {**ctx.job.details, "waiting_until": until.isoformat() if until else None}
    _finish(ctx.job, Job.State.WAITING, stage=f"Waiting {when}"[:100], message=message, details=details)
    log.info("job.waiting", until=until.isoformat() if until else None, reason=message)


# Steps whose failure concerns the video itself (not topic ideas, analytics or a scene rewrite,
# whose failure shows on its scene), and how it reads.
_VIDEO_STEPS = (Job.Kind.WRITE_SCRIPT, Job.Kind.NARRATE_RENDER, Job.Kind.PUBLISH, Job.Kind.PIPELINE,
                Job.Kind.MATCH_FOOTAGE)


def _failure_note(job: Job) -> str:
    return f"{job.get_kind_display()} failed: "


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
