"""/api/videos, /api/scenes and /api/jobs: create a video from a topic or a source, run a step or the
whole pipeline, read and edit its script scene by scene, and follow jobs."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from channels.permissions import can_edit
from channels.selectors import channels_for_user, videos_for_user
from faceless_site.apitools import MAX_ID, BodyIn, ErrorOut, Id, Pagination, Text, resolve_hints
from faceless_site.redaction import redact, redact_text
from faceless_site.wording import for_reader
from videos.models import NARRATION_MAX_CHARS, ON_SCREEN_TEXT_MAX_CHARS, Job, Video
from videos.selectors import job_for_user, jobs_for_user, scene_for_user, video_list_for_user

router = Router(tags=["videos"])
scenes_router = Router(tags=["scripts and scenes"])
jobs_router = Router(tags=["jobs"])

Step = Literal["pipeline", "write_script", "match_footage", "narrate_render"]
Errors = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _for(context: Any, text: str) -> str:
    return for_reader(text, getattr((context or {}).get("request"), "user", None))


class VideoOut(Schema):
    id: int
    channel_id: int
    title: str
    topic: str
    status: str
    status_message: str
    scheduled_for: datetime | None
    published_at: datetime | None
    approved_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_title(obj: Video) -> str:
        return str(obj)

    @staticmethod
    def resolve_status_message(obj: Video, context) -> str:
        return _for(context, redact_text(obj.status_message))  # rows written before redaction was stored


class VideoIn(BodyIn):
    channel_id: Id
    topic: Text = ""
    source_text: Text = ""
    run_pipeline: bool = False


class VideoFilter(Schema):
    channel_id: Id | None = None
    status: Literal["draft", "scripted", "voiced", "rendered", "approved", "scheduled", "published",
                    "failed"] | None = None
    q: Text = Field("", max_length=200, description="Words in the video's topic or a script's title.")


class RunIn(BodyIn):
    step: Step
    replace_chosen: bool = Field(False, description='With "match_footage": match every scene, replacing footage a '
                                                    "person picked or uploaded (kept by default).")


class JobOut(Schema):
    id: int
    kind: str
    label: str = Field("", description='What it does: the kind\'s name, or "Update video" / "Draft preview" '
                                       "for a render asked for that way.")
    state: str
    percent: int
    stage: str
    message: str
    error: str
    warnings: list
    video_id: int | None
    channel_id: int | None
    attempts: int
    # Running, but its worker stopped (killed, or cut off from the database): POST .../retry runs it again now.
    interrupted: bool = Field(False, alias="is_interrupted")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    waiting_until: datetime | None = Field(None, description='For state "waiting": when its cause should clear '
                                                            "(a quota reset); null when it waits for a person.")

    # Stored redacted (videos.services.jobs); redacted again for rows written before that. Plain words
    # for creators, the whole text for staff (faceless_site.wording).
    @staticmethod
    def resolve_message(obj: Job, context) -> str:
        return _for(context, redact_text(obj.message))

    @staticmethod
    def resolve_error(obj: Job, context) -> str:
        return _for(context, redact_text(obj.error))

    @staticmethod
    def resolve_warnings(obj: Job, context) -> list:
        return [_for(context, warning) for warning in redact(list(obj.warnings))]


class RenderOut(Schema):
    id: int
    draft: bool = Field(description="A 480p preview marked DRAFT PREVIEW in the picture; never approved or published.")
    script_version: int | None
    width: int | None
    height: int | None
    duration_seconds: float | None
    size_bytes: int | None
    render_seconds: float | None
    warnings: list
    created_at: datetime
    file_url: str = Field(description="Where the signed-in studio serves the MP4.")
    download_url: str = Field(description="The MP4 for API clients (the same token; HTTP ranges work); "
                                          "`thumbnail` in place of `file` gives the thumbnail, if there is one.")
    current: bool = Field(description="Made from the script as it stands now (not edited since).")

    @staticmethod
    def resolve_file_url(obj) -> str:
        from django.urls import reverse

        return reverse("render_file", args=[obj.video_id, obj.pk, "file"])

    @staticmethod
    def resolve_download_url(obj) -> str:
        from django.urls import reverse

        return reverse("api:render_download", kwargs={"video_id": obj.video_id, "render_id": obj.pk, "what": "file"})

    @staticmethod
    def resolve_warnings(obj) -> list:
        return redact(list(obj.warnings))

    @staticmethod
    def resolve_current(obj) -> bool:
        return obj.video.shows_current_script(obj)


class SceneOut(Schema):
    id: int
    position: int
    narration: str
    visual_query: str
    on_screen_text: str
    asset_id: int | None
    footage_reason: str
    footage_candidates: list[dict[str, Any]]
    narration_seconds: float | None
    design_layout: str = Field(description='The design shown without usable footage: "auto" (chosen from the '
                                           "narration) or the layout a person chose.")
    design_text: str = Field(description="The design's words a person wrote, one item a line; \"\" for the "
                                         "narration's.")
    design: dict[str, Any] = Field(description="The design as it will be drawn: layout, headline, detail, items, "
                                               "stats (number, unit, context), place (name, kind), places (a "
                                               "map's places in order when it shows several; way: it draws the "
                                               "way from the first to the last), and "
                                               "for a scene of several sentences its parts in turn.")

    @staticmethod
    def resolve_design(obj) -> dict[str, Any]:
        from videos.selectors import scene_design

        def described(design) -> dict[str, Any]:
            return {"layout": design.layout, "headline": design.headline, "detail": design.detail,
                    "items": list(design.items),
                    "stats": [{"text": s.text, "unit": s.unit, "label": s.label, "prefix": s.prefix}
                              for s in design.stats],
                    "place": {"name": design.place.name, "kind": design.place.kind} if design.place else None,
                    "places": [place.name for place in design.places], "way": design.way,
                    # A scene of several sentences: a design per telling sentence, from `starts` seconds.
                    "parts": [described(part) for part in design.parts], "starts": list(design.starts)}

        return described(scene_design(obj))


class ScriptOut(Schema):
    id: int
    version: int
    title: str
    hook: str
    description: str
    tags: list
    approved_at: datetime | None
    scenes: list[SceneOut]

    @staticmethod
    def resolve_scenes(obj) -> list:
        return list(obj.scenes.all())


class ScenePatch(BodyIn):
    narration: Text = Field(..., max_length=NARRATION_MAX_CHARS, description="About a minute of speech at most.")
    visual_query: Text = Field("", max_length=200)
    on_screen_text: Text = Field("", max_length=ON_SCREEN_TEXT_MAX_CHARS, description="Two or three lines at most.")


class DesignIn(BodyIn):
    layout: Literal["auto", "number", "date", "map", "name", "list", "title", "quote"] = "auto"
    text: Text = Field("", max_length=400, description="The design's words, one item a line; \"\" to take them "
                                                       "from the narration.")


class RewriteIn(BodyIn):
    instruction: Text = Field(..., max_length=500, description='How to rewrite, e.g. "shorter"; "" for a fresh take.')


class FootageIn(BodyIn):
    candidate_index: int | None = None
    asset_id: Id | None = None


def _video(request: HttpRequest, video_id: int, *, edit: bool = False) -> Video:
    video = get_object_or_404(videos_for_user(request.user).prefetch_related("scripts", "renders"), pk=video_id)
    if edit and not can_edit(request.user, video.channel):
        raise PermissionDenied("Viewers cannot change videos; ask the channel's owner for the editor role.")
    return video


def _enqueue(request: HttpRequest, kind: str, video: Video, params: dict | None = None) -> Job:
    from videos.services.jobs import job_enqueue

    return job_enqueue(kind=kind, video=video, params=params or {}, user=request.user)


@router.get("", response=list[VideoOut])
@paginate(Pagination)
@resolve_hints
def list_videos(request: HttpRequest, filters: Query[VideoFilter]):
    """The videos you may see, most recently changed first, a page at a time (`limit`, `offset`)."""
    return video_list_for_user(request.user, channel_id=filters.channel_id,
                               statuses=[filters.status] if filters.status else (), query=filters.q.strip())


@router.post("", response={201: VideoOut, **Errors})
def create_video(request: HttpRequest, payload: VideoIn):
    """Create a video from a topic, a source text, or both; `run_pipeline` starts the whole pipeline."""
    from videos.services.video import video_create

    channel = get_object_or_404(channels_for_user(request.user), pk=payload.channel_id)
    if not can_edit(request.user, channel):
        raise PermissionDenied("Viewers cannot add videos; ask the channel's owner for the editor role.")
    video = video_create(channel=channel, topic=payload.topic, source_text=payload.source_text, user=request.user)
    if payload.run_pipeline:
        _enqueue(request, Job.Kind.PIPELINE, video)
    return Status(201, video)


@router.get("/{video_id}", response={200: VideoOut, 404: ErrorOut})
def get_video(request: HttpRequest, video_id: int = Path(..., ge=1, le=MAX_ID)):
    return _video(request, video_id)


@router.post("/{video_id}/run", response={202: JobOut, **Errors})
def run_step(request: HttpRequest, payload: RunIn, video_id: int = Path(..., ge=1, le=MAX_ID)):
    """Start one step, or the whole pipeline; follow it with GET /api/jobs/{id}. 409 if it already runs."""
    params = {"replace_chosen": True} if payload.step == "match_footage" and payload.replace_chosen else {}
    return Status(202, _enqueue(request, payload.step, _video(request, video_id, edit=True), params))


@router.post("/{video_id}/update", response={202: JobOut, **Errors})
def update_video(request: HttpRequest, video_id: int = Path(..., ge=1, le=MAX_ID)):
    """Render the current script and footage again, redoing only what changed since the last render
    (changed scenes are narrated again, unchanged pieces reused). Asking for it approves the current
    script as yours; approve the new render as usual. 400 for a published or scheduled video, 409 while
    a render of this video runs."""
    from videos.services.video import video_update

    return Status(202, video_update(video=_video(request, video_id, edit=True), user=request.user))


@router.post("/{video_id}/draft", response={202: JobOut, **Errors})
def draft_video(request: HttpRequest, video_id: int = Path(..., ge=1, le=MAX_ID)):
    """A draft preview: the whole video as the script and footage stand, at 480p with the fastest
    settings and DRAFT PREVIEW in every frame, to review before the full render. No approval needed;
    the video's state and render are left as they are, and a draft is never published. 400 for a
    published video, 409 while a render of this video runs. The result is listed by GET .../renders."""
    from videos.services.video import video_draft

    return Status(202, video_draft(video=_video(request, video_id, edit=True), user=request.user))


@router.get("/{video_id}/renders", response={200: list[RenderOut], 404: ErrorOut})
def list_renders(request: HttpRequest, video_id: int = Path(..., ge=1, le=MAX_ID)):
    """The video's finished renders and draft previews, newest first."""
    return [r for r in _video(request, video_id).renders.all() if r.is_complete]  # scripts prefetched too


BINARY = {"schema": {"type": "string", "format": "binary"}}
MEDIA_BODY = {"content": {"video/mp4": BINARY, "image/jpeg": BINARY}}


@router.get("/{video_id}/renders/{render_id}/{what}", response={404: ErrorOut}, url_name="render_download",
            openapi_extra={"responses": {
                200: {"description": "The whole file: the MP4 (`file`) or the JPEG (`thumbnail`).", **MEDIA_BODY},
                206: {"description": "The byte range a `Range: bytes=first-last` header asked for.", **MEDIA_BODY},
                416: {"description": "The range starts past the end of the file (`Content-Range: bytes */size`); "
                                     "a Range header that is not one byte range is ignored (200)."}}})
def download_render(request: HttpRequest, what: Literal["file", "thumbnail"],
                    video_id: int = Path(..., ge=1, le=MAX_ID), render_id: int = Path(..., ge=1, le=MAX_ID)):
    """A finished render's MP4 (`file`) or its thumbnail JPEG (`thumbnail`), with HTTP range requests,
    for the API's token holders; anyone who can see the video can download it."""
    from django.http import Http404

    from faceless_site.media import serve_file

    video = _video(request, video_id)
    render = next((r for r in video.renders.all() if r.pk == render_id and r.is_complete), None)
    relative = None if render is None else render.thumbnail if what == "thumbnail" else render.file
    if not relative:
        raise Http404("No such render, or it has no thumbnail.")
    return serve_file(request, relative)


class ThumbnailOut(Schema):
    layout: str = Field(description="frame (the best frame with bold words), panel (a colour panel beside the "
                                    "frame) or poster (a designed background, no footage).")
    label: str
    words: str = Field(description="The three to five words of the title it shows.")
    bytes: int
    type_px_at_168: float = Field(description="The words' type size in pixels at 168x94, YouTube's list size.")
    contrast_at_168: float = Field(description="The words' median contrast ratio with their surroundings at "
                                               "168x94 (WCAG: 4.5 reads, 7 reads well).")
    chosen: bool = Field(description="The one the YouTube upload sets and the export copies.")
    download_url: str


class ThumbnailChoice(BodyIn):
    layout: Literal["frame", "panel", "poster"]


def _thumbnails_out(video: Video, render) -> list[dict]:
    from django.urls import reverse

    from videos.services.thumbnails import thumbnail_variants

    return [{**variant, "download_url": reverse("api:thumbnail_download", kwargs={
        "video_id": video.pk, "layout": variant["layout"]})} for variant in thumbnail_variants(render)]


@router.get("/{video_id}/thumbnails", response={200: list[ThumbnailOut], 404: ErrorOut})
def list_thumbnails(request: HttpRequest, video_id: int = Path(..., ge=1, le=MAX_ID)):
    """The thumbnail variants of the video's latest full render (empty before the first render), with the
    one chosen for upload and export marked."""
    video = _video(request, video_id)
    return _thumbnails_out(video, video.latest_render)


@router.post("/{video_id}/thumbnails/choose", response={200: list[ThumbnailOut], **Errors})
def choose_thumbnail(request: HttpRequest, payload: ThumbnailChoice, video_id: int = Path(..., ge=1, le=MAX_ID)):
    """Choose the variant the YouTube upload sets and the export copies; later renders keep the choice.
    400 before the video has a render."""
    from videos.services.thumbnails import video_thumbnail_choose

    video = _video(request, video_id, edit=True)
    render = video_thumbnail_choose(video=video, layout=payload.layout, user=request.user)
    return _thumbnails_out(video, render)


@router.get("/{video_id}/thumbnails/{layout}", response={404: ErrorOut}, url_name="thumbnail_download")
def download_thumbnail(request: HttpRequest, layout: Literal["frame", "panel", "poster"],
                       video_id: int = Path(..., ge=1, le=MAX_ID)):
    """One thumbnail variant's JPEG (1280x720) of the latest full render."""
    from django.http import Http404

    from faceless_site.media import serve_file

    render = _video(request, video_id).latest_render
    files = [t.get("file") for t in (render.thumbnails if render else []) if t.get("layout") == layout]
    if not files:
        raise Http404("This video has no such thumbnail yet; render it first.")
    return serve_file(request, files[0])


@router.post("/{video_id}/approve", response={200: VideoOut, **Errors})
def approve_video(request: HttpRequest, video_id: int = Path(..., ge=1, le=MAX_ID)):
    from videos.services.video import video_approve

    return video_approve(video=_video(request, video_id, edit=True), user=request.user)


@router.get("/{video_id}/script", response={200: ScriptOut, 404: ErrorOut})
def get_script(request: HttpRequest, video_id: int = Path(..., ge=1, le=MAX_ID)):
    """The current script version with its scenes in order."""
    video = _video(request, video_id)
    script = video.scripts.order_by("-version").prefetch_related("scenes").first()
    if script is None:
        return Status(404, {"detail": "This video has no script yet; run the write_script step."})
    return script


@router.get("/{video_id}/jobs", response={200: list[JobOut], 404: ErrorOut})
@paginate(Pagination)
@resolve_hints
def video_jobs(request: HttpRequest, video_id: int = Path(..., ge=1, le=MAX_ID)):
    return jobs_for_user(request.user).filter(video=_video(request, video_id))


def _scene(request: HttpRequest, scene_id: int):
    scene = scene_for_user(request.user, scene_id)
    if not can_edit(request.user, scene.script.video.channel):
        raise PermissionDenied("Viewers cannot change scripts; ask the channel's owner for the editor role.")
    return scene


@scenes_router.get("/{scene_id}", response={200: SceneOut, 404: ErrorOut})
def get_scene(request: HttpRequest, scene_id: int = Path(..., ge=1, le=MAX_ID)):
    return scene_for_user(request.user, scene_id)


@scenes_router.patch("/{scene_id}", response={200: SceneOut, **Errors})
def update_scene(request: HttpRequest, payload: ScenePatch, scene_id: int = Path(..., ge=1, le=MAX_ID)):
    from videos.services.video import scene_update

    return scene_update(scene=_scene(request, scene_id), user=request.user, **payload.dict())


@scenes_router.put("/{scene_id}/design", response={200: SceneOut, **Errors})
def set_scene_design(request: HttpRequest, payload: DesignIn, scene_id: int = Path(..., ge=1, le=MAX_ID)):
    """Choose the design a scene shows when it has no usable footage (its layout, or "auto"), and
    optionally its words; then POST /api/videos/{id}/update redraws and encodes that scene only. 400
    says what to change (a place not in the map data, a number layout without a number)."""
    from videos.services.video import scene_set_design

    return scene_set_design(scene=_scene(request, scene_id), user=request.user, layout=payload.layout,
                            text=payload.text)


@scenes_router.post("/{scene_id}/rewrite", response={202: JobOut, **Errors})
def rewrite_scene(request: HttpRequest, payload: RewriteIn, scene_id: int = Path(..., ge=1, le=MAX_ID)):
    scene = _scene(request, scene_id)
    params = {"scene_id": scene.pk, "instruction": payload.instruction}
    return Status(202, _enqueue(request, Job.Kind.REWRITE_SCENE, scene.script.video, params))


@scenes_router.post("/{scene_id}/footage", response={200: SceneOut, **Errors})
def swap_footage(request: HttpRequest, payload: FootageIn, scene_id: int = Path(..., ge=1, le=MAX_ID)):
    """Put one of the scene's `footage_candidates` (by index) or any image or clip of the channel's
    library (its own items and the shared ones, by `asset_id`) on the scene; then POST
    /api/videos/{id}/update renders it. Another channel's asset answers 404, as a missing one does."""
    from videos.services.footage import NoSuchAsset, scene_choose_footage, scene_library_asset

    scene = _scene(request, scene_id)
    asset = None
    if payload.asset_id is not None:
        try:
            asset = scene_library_asset(scene=scene, asset_id=payload.asset_id)
        except NoSuchAsset:
            return Status(404, {"detail": "No such asset in this channel's library."})
    return scene_choose_footage(scene=scene, asset=asset, candidate_index=payload.candidate_index, user=request.user)


@scenes_router.post("/{scene_id}/footage/upload", response={200: SceneOut, **Errors})
@resolve_hints
def upload_footage(request: HttpRequest, file: File[UploadedFile], scene_id: int = Path(..., ge=1, le=MAX_ID)):
    """Upload an image or clip (multipart, field `file`) into the channel's library and put it on the
    scene. 400 when the file is not a readable image or clip, or too large."""
    from videos.services.footage import scene_upload_footage

    return scene_upload_footage(scene=_scene(request, scene_id), user=request.user, file=file)


class JobFilter(Schema):
    state: Literal["queued", "running", "succeeded", "failed", "cancelled", "waiting"] | None = None
    kind: Literal[tuple(Job.Kind.values)] | None = None  # type: ignore[valid-type]
    video_id: Id | None = None


@jobs_router.get("", response=list[JobOut])
@paginate(Pagination)
@resolve_hints
def list_jobs(request: HttpRequest, filters: Query[JobFilter]):
    jobs = jobs_for_user(request.user)
    for field in ("state", "kind", "video_id"):
        if getattr(filters, field) is not None:
            jobs = jobs.filter(**{field: getattr(filters, field)})
    return jobs


@jobs_router.get("/{job_id}", response={200: JobOut, 404: ErrorOut})
def get_job(request: HttpRequest, job_id: int = Path(..., ge=1, le=MAX_ID)):
    """A job's progress: poll until `state` is succeeded, failed, cancelled or waiting (ended without
    doing its work yet: `message` says why, `waiting_until` until when)."""
    return job_for_user(request.user, job_id)


def _job_to_change(request: HttpRequest, job_id: int) -> Job:
    job = job_for_user(request.user, job_id)
    if not can_edit(request.user, job.channel):
        raise PermissionDenied("Viewers cannot start or stop jobs.")
    return job


@jobs_router.post("/{job_id}/retry", response={202: JobOut, **Errors})
def retry_job(request: HttpRequest, job_id: int = Path(..., ge=1, le=MAX_ID)):
    """Start a finished job again as a new job (409 while it is still active), or an interrupted job
    (`interrupted`: its worker stopped) again as itself, at once."""
    from videos.services.jobs import job_retry

    return Status(202, job_retry(job=_job_to_change(request, job_id), user=request.user))


@jobs_router.post("/{job_id}/cancel", response={200: JobOut, **Errors})
def cancel_job(request: HttpRequest, job_id: int = Path(..., ge=1, le=MAX_ID)):
    from videos.services.jobs import job_cancel

    return job_cancel(job=_job_to_change(request, job_id))
