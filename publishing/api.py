"""/api/publications: where each video went or will go, and publishing a video now."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from channels.permissions import can_edit
from channels.selectors import videos_for_user
from faceless_site.apitools import MAX_ID, BodyIn, ErrorOut, Id, Pagination, resolve_hints
from publishing.models import Publication

router = Router(tags=["publications"])


class PublicationOut(Schema):
    id: int
    video_id: int
    target: str
    state: str
    scheduled_for: datetime | None
    external_id: str
    external_url: str
    message: str
    published_at: datetime | None
    created_at: datetime


class PublicationFilter(Schema):
    video_id: Id | None = None
    state: Literal["pending", "scheduled", "uploading", "waiting", "published", "failed"] | None = None


def _publications(request: HttpRequest):
    return Publication.objects.filter(video__in=videos_for_user(request.user).values("pk"))


@router.get("", response=list[PublicationOut])
@paginate(Pagination)
@resolve_hints
def list_publications(request: HttpRequest, filters: Query[PublicationFilter]):
    publications = _publications(request)
    if filters.video_id is not None:
        publications = publications.filter(video_id=filters.video_id)
    if filters.state:
        publications = publications.filter(state=filters.state)
    return publications


class PublishIn(BodyIn):
    video_id: Id


@router.post("/publish", response={202: dict, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut})
def publish_now(request: HttpRequest, payload: PublishIn):
    """Publish an approved video now, as a job; follow it with GET /api/jobs/{job_id}."""
    from videos.models import Job, Video
    from videos.services.jobs import job_enqueue

    video = get_object_or_404(videos_for_user(request.user), pk=payload.video_id)
    if not can_edit(request.user, video.channel):
        raise PermissionDenied("Viewers cannot publish; ask the channel's owner for the editor role.")
    if video.status not in (Video.Status.APPROVED, Video.Status.SCHEDULED):
        return Status(400, {"detail": f"The video is {video.get_status_display().lower()}; approve its render first."})
    job = job_enqueue(kind=Job.Kind.PUBLISH, video=video, user=request.user)
    return Status(202, {"job_id": job.pk, "state": job.state})


@router.get("/{publication_id}", response={200: PublicationOut, 404: ErrorOut})
def get_publication(request: HttpRequest, publication_id: int = Path(..., ge=1, le=MAX_ID)):
    return get_object_or_404(_publications(request), pk=publication_id)
