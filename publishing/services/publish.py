"""Publishing a video: the job step, the service behind it, and `publish_due` that starts the
uploads whose time has come (a django-q2 schedule runs it every minute).

One Publication per video and target holds everything done so far, so a re-run (a retried job, or
the same job after its worker died) continues where the last run stopped. An upload must never run
twice at once: the run holds a lease on the Publication, renewed as it works; the same job re-run
after a crash takes it over, any other run leaves the upload alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import structlog
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils import timezone

from faceless_site.mediastore.errors import MediaStoreError
from faceless_site.redaction import redact_text
from publishing.models import Publication, YouTubeAccount
from publishing.services.schedule import publication_schedule
from publishing.services.targets import (
    Progress,
    PublishError,
    PublishResult,
    publication_for_video,
    target_for,
)
from publishing.youtube.accounts import account_mark_reconnect
from publishing.youtube.errors import QuotaExhausted, ReconnectNeeded, YouTubeError
from videos.models import Job, Video

log = structlog.get_logger(__name__)
LEASE = timedelta(minutes=5)


class PublishBusy(Exception):
    def __init__(self, owner: str) -> None:
        super().__init__(f"Another run ({owner}) is publishing this video right now; it continues there.")


@contextmanager
def publication_lease(publication: Publication, *, owner: str) -> Iterator[None]:
    now = timezone.now()
    claimed = Publication.objects.filter(
        Q(lock_owner="") | Q(lock_owner=owner) | Q(locked_until__lt=now), pk=publication.pk
    ).update(lock_owner=owner, locked_until=now + LEASE)
    if not claimed:
        holder = Publication.objects.filter(pk=publication.pk).values_list("lock_owner", flat=True).first()
        raise PublishBusy(holder or "another job")
    try:
        yield
    finally:
        Publication.objects.filter(pk=publication.pk, lock_owner=owner).update(lock_owner="", locked_until=None)


def _renewing(progress: Progress, publication: Publication, owner: str) -> Progress:
    def report(percent: float, stage: str, message: str = "") -> None:
        Publication.objects.filter(pk=publication.pk, lock_owner=owner).update(locked_until=timezone.now() + LEASE)
        progress(percent, stage, message)

    return report


def _check_publishable(video: Video) -> None:
    from videos.services.video import render_outdated_reason

    if video.latest_render is None:
        raise PublishError("There is no finished render to publish; run “Narrate and render” first.")
    if video.status not in (Video.Status.APPROVED, Video.Status.SCHEDULED) and video.approved_at is None:
        raise PublishError(f"This video is {video.get_status_display().lower()}; approve its render before publishing.")
    outdated = render_outdated_reason(video)
    if outdated:  # e.g. a scene edited after approval: publishing would send words no longer in the script
        raise PublishError(outdated)


def publication_publish(*, video: Video, owner: str, progress: Progress, target: str = "",
                        warn: Callable[[str], None] | None = None) -> Publication:
    """Publish (or continue publishing) the video now. Quota and reconnect waits end in the WAITING
    state with a message, not an error; other failures raise PublishError with what to do. What
    went wrong without stopping the publication (a refused thumbnail or caption track) is also
    handed to `warn`, for the job."""
    publication = publication_for_video(video=video, target=target)
    if publication.state == Publication.State.PUBLISHED:
        return publication
    _check_publishable(video)
    with publication_lease(publication, owner=owner):
        publication.refresh_from_db()
        if not publication.upload_uri and not publication.external_id:
            # Pinned once an upload session exists: a resumed session must get the same bytes.
            publication.render = video.latest_render
        if publication.render is not None and publication.render.draft:  # latest_render never is; a row set by hand
            raise PublishError("A draft preview is never published. Render the video in full (“Update video”), "
                               "approve it, then publish.")
        publication.state, publication.message = Publication.State.UPLOADING, "Publishing…"
        publication.save(update_fields=["render", "state", "message", "updated_at"])
        try:
            result = target_for(publication.target).publish(
                publication=publication, progress=_renewing(progress, publication, owner))
        except QuotaExhausted as exc:
            _wait(publication, until=exc.reset_at, message=exc.message)
        except ReconnectNeeded as exc:
            account = YouTubeAccount.objects.filter(channel=video.channel).first()
            if account is not None and not account.needs_reconnect:
                account_mark_reconnect(account=account, message=exc.message)
            _wait(publication, until=None, message=exc.message)
        except (PublishError, YouTubeError) as exc:
            _fail(publication, exc.message)
            raise PublishError(exc.message) from exc
        except ImproperlyConfigured as exc:  # e.g. no TOKEN_ENCRYPTION_KEYS: the operator must act
            _fail(publication, str(exc))
            raise PublishError(str(exc)) from exc
        except MediaStoreError as exc:  # a retryable one runs again (the job runner), the upload resuming
            if not exc.retryable:
                _fail(publication, exc.message)
            raise
        else:
            _published(publication, result)
            for warning in result.warnings:
                if warn is not None:
                    warn(warning)
    publication.refresh_from_db()
    return publication


def _wait(publication: Publication, *, until: datetime | None, message: str) -> None:
    message = redact_text(message)  # a provider's words, shown to every member of the channel
    Publication.objects.filter(pk=publication.pk).update(
        state=Publication.State.WAITING, not_before=until, message=message, updated_at=timezone.now(),
        due_at=publication.due_at or timezone.now())
    Video.objects.filter(pk=publication.video_id).update(status_message=message)
    log.warning("publication.waiting", publication_id=publication.pk, until=until.isoformat() if until else None)


def _fail(publication: Publication, message: str) -> None:
    message = redact_text(message)
    Publication.objects.filter(pk=publication.pk).update(
        state=Publication.State.FAILED, message=message, updated_at=timezone.now())
    log.warning("publication.failed", publication_id=publication.pk, error=message)


def _published(publication: Publication, result: PublishResult) -> None:
    now = timezone.now()
    message = redact_text(" ".join([result.message, *result.warnings]))
    Publication.objects.filter(pk=publication.pk).update(
        state=Publication.State.PUBLISHED, external_id=result.external_id, external_url=result.external_url,
        published_at=now, message=message, not_before=None, updated_at=now)
    Video.objects.filter(pk=publication.video_id).update(
        status=Video.Status.PUBLISHED, published_at=result.goes_public_at or now, status_message=message)
    log.info("publication.published", publication_id=publication.pk, target=publication.target,
             external_id=result.external_id)
    from videos.services.render_cache import video_cache_clear

    video_cache_clear(video_id=publication.video_id)  # a published video is not updated again


def step_publish(ctx: Any) -> None:
    """The job step (Job.Kind.PUBLISH, and the pipeline's last stage)."""
    from videos.services.jobs import StepFailed

    video = ctx.video
    if video is None:
        raise StepFailed("Publishing needs a video; this job has none.")
    video = Video.objects.select_related("channel").get(pk=video.pk)
    if ctx.job.kind == Job.Kind.PIPELINE and video.channel.cadence and not video.publications.exists():
        # The pipeline (and autopilot) queue finished videos into the channel's next free slot.
        publication = publication_schedule(video=video, user=None)
        ctx.progress(100, "Scheduled", f"Goes out {timezone.localtime(publication.scheduled_for):%a %d %b %H:%M}.")
        return
    try:
        publication = publication_publish(video=video, owner=f"job:{ctx.job.pk}", progress=ctx.progress,
                                          warn=ctx.warn)
    except PublishBusy as exc:
        ctx.warn(str(exc))
        return
    except PublishError as exc:
        raise StepFailed(exc.message) from exc
    if publication.state == Publication.State.WAITING:
        # Not done: the job reads "waiting", with why and until when; publish_due starts the next try.
        ctx.wait(publication.message, until=publication.not_before)
    else:
        ctx.progress(100, "Published", publication.message)


def publish_due(*, now: datetime | None = None) -> list[int]:
    """Enqueue a publish job for every publication whose time has come; return their ids.

    Publications of a channel whose YouTube access needs reconnecting are skipped (they wait with
    a message) until the owner connects again.
    """
    from videos.services.jobs import JobAlreadyActive, job_enqueue

    now = now or timezone.now()
    due = (Publication.objects.filter(state__in=Publication.DUE_STATES, due_at__lte=now)
           .filter(Q(not_before__isnull=True) | Q(not_before__lte=now))
           .select_related("video", "video__channel", "video__channel__youtube_account"))
    started = []
    for publication in due:
        if publication.target == Publication.Target.YOUTUBE and not _account_ready(publication):
            continue
        try:
            job_enqueue(kind=Job.Kind.PUBLISH, video=publication.video)
        except JobAlreadyActive:
            continue
        started.append(publication.pk)
    if started:
        log.info("publish_due.enqueued", publications=started)
    return started


def _account_ready(publication: Publication) -> bool:
    account = getattr(publication.video.channel, "youtube_account", None)
    if account is not None and not account.needs_reconnect:
        return True
    message = redact_text(account.last_error if account is not None and account.last_error else
                          "Waiting for YouTube to be connected again in the channel settings.")
    if publication.state != Publication.State.WAITING or publication.message != message:
        Publication.objects.filter(pk=publication.pk).update(state=Publication.State.WAITING, message=message)
    return False
