"""The video studio: create a video, edit its script scene by scene, swap footage, listen, watch,
approve, schedule and publish; and the jobs that do the long work."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from channels.selectors import can_edit, channel_for_user, videos_for_user
from faceless_site.media import serve_file
from videos.forms import RewriteForm, SceneDesignForm, SceneForm, ScheduleForm, VideoCreateForm
from videos.models import Job, Video
from videos.selectors import job_for_user, jobs_for_user, scene_for_user, video_for_user
from videos.services.video import render_outdated_reason

# The steps a person may start from the studio (the rest are started by the pipeline or schedules).
RUNNABLE = {Job.Kind.PIPELINE, Job.Kind.WRITE_SCRIPT, Job.Kind.MATCH_FOOTAGE, Job.Kind.NARRATE_RENDER}


def _require_edit(user, channel) -> None:
    if not can_edit(user, channel):
        raise PermissionDenied("Viewers can watch and read; ask the channel's owner for the editor role.")


def _messages_of(exc: Exception) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(getattr(exc, "message", exc))


def _enqueue(request: HttpRequest, **kwargs) -> Job | None:
    from videos.services.jobs import JobAlreadyActive, job_enqueue

    try:
        return job_enqueue(user=request.user, **kwargs)
    except JobAlreadyActive as exc:
        messages.warning(request, f"{exc} Its progress is shown below.")
        return exc.job


@login_required
@require_http_methods(["GET", "POST"])
def video_new(request: HttpRequest, slug: str) -> HttpResponse:
    channel = channel_for_user(request.user, slug)
    _require_edit(request.user, channel)
    form = VideoCreateForm(request.POST or None, initial={"run_pipeline": True})
    if request.method == "POST" and form.is_valid():
        from videos.services.video import video_create

        try:
            video = video_create(channel=channel, topic=form.cleaned_data["topic"],
                                 source_text=form.cleaned_data["source_text"], user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if form.cleaned_data["run_pipeline"]:
                _enqueue(request, kind=Job.Kind.PIPELINE, video=video)
            return redirect("video_studio", pk=video.pk)
    return TemplateResponse(request, "videos/new.html", {"channel": channel, "form": form},
                            status=400 if form.errors else 200)


@login_required
@require_GET
def video_studio(request: HttpRequest, pk: int) -> HttpResponse:
    video = video_for_user(request.user, pk)
    return TemplateResponse(request, "videos/studio.html", _studio_context(request, video))


def _studio_context(request: HttpRequest, video: Video) -> dict:
    script = video.current_script
    scenes = list(script.scenes.all()) if script else []
    render = video.latest_render
    publication = max(video.publications.all(), key=lambda p: p.created_at, default=None)
    outdated = render_outdated_reason(video)
    editable = can_edit(request.user, video.channel)
    rendering = any(j.kind in (Job.Kind.NARRATE_RENDER, Job.Kind.PIPELINE) for j in video.all_jobs if j.is_active)
    return {
        "video": video, "channel": video.channel, "script": script, "scenes": scenes, "render": render,
        "versions": sorted(video.scripts.all(), key=lambda s: -s.version),
        "editable": editable, "jobs": video.all_jobs[:8],
        "active_jobs": [j for j in video.all_jobs if j.is_active], "publication": publication,
        "runnable": [(k, Job.Kind(k).label) for k in (Job.Kind.PIPELINE, Job.Kind.WRITE_SCRIPT,
                                                      Job.Kind.MATCH_FOOTAGE, Job.Kind.NARRATE_RENDER)],
        "schedule_form": ScheduleForm(), "rewrite_form": RewriteForm(),
        "can_approve": not outdated and video.status in (Video.Status.RENDERED, Video.Status.FAILED),
        "render_outdated": _for_reader(outdated, editable) if render is not None else "",
        "status_note": _for_reader(video.status_message, editable),
        "can_update": bool(render is not None and outdated and script is not None
                           and video.status not in (Video.Status.PUBLISHED, Video.Status.SCHEDULED)
                           and not rendering),
        "draft": video.latest_draft,
        "thumbnails": _thumbnail_variants(render),
        "draft_outdated": bool(video.latest_draft and not video.shows_current_script(video.latest_draft)),
        "can_draft": bool(script is not None and not rendering and video.status != Video.Status.PUBLISHED
                          and (render is None or outdated)),
        "failed_job": _failure_beside(video),
        "can_schedule": video.status == Video.Status.APPROVED,
        "can_publish": video.status in (Video.Status.APPROVED, Video.Status.SCHEDULED),
        "stats": _youtube_stats(video, publication),
        "publication_note": _without_server_paths(getattr(publication, "message", "")),
    }


def _thumbnail_variants(render) -> list[dict]:
    from videos.services.thumbnails import thumbnail_variants

    return thumbnail_variants(render)


# What the notes ask an editor to do, said to a viewer, who has no such button.
_EDITOR_STEPS = re.compile(r"(press “Update video”[^.]*|Render again \(“Update video”\), then approve)\.")


def _for_reader(text: str, editable: bool) -> str:
    if editable or not text:
        return text
    return _EDITOR_STEPS.sub("an editor of this channel can update the video.", text).replace(
        ". an editor", ". An editor")


def _without_server_paths(text: str) -> str:
    """A creator never sees where files live on the server (exports made before this showed it)."""
    from django.conf import settings

    for root, name in ((settings.EXPORT_ROOT, "the export folder"), (settings.MEDIA_ROOT, "the media folder")):
        text = text.replace(str(root).rstrip("/"), name)
    return text


def _failure_beside(video: Video) -> Job | None:
    """The newest failed step that no later run of the same step answered: shown beside the video's
    own state, which a failed step leaves as it was (jobs.py clears the note the same way)."""
    answered: set[str] = set()
    for job in video.all_jobs:  # newest first
        if job.is_active or job.kind in answered or job.kind == Job.Kind.SUGGEST_TOPICS:
            continue
        if job.state == Job.State.FAILED:
            return job
        answered.add(job.kind)
    return None


def _youtube_stats(video: Video, publication: object) -> object:
    if getattr(publication, "target", "") != "youtube":
        return None
    from publishing.selectors import video_stats

    return video_stats(video)


@login_required
@require_POST
def video_run(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    video = video_for_user(request.user, pk)
    _require_edit(request.user, video.channel)
    if kind not in RUNNABLE:
        raise Http404("No such step.")
    # "Find footage" keeps a person's picks unless they ask to replace those too.
    params = {"replace_chosen": True} if kind == Job.Kind.MATCH_FOOTAGE and request.POST.get("replace_chosen") \
        else {}
    job = _enqueue(request, kind=kind, video=video, params=params)
    if job is not None and job.state == Job.State.QUEUED and job.created_by_id == request.user.pk:
        messages.info(request, f"Started “{job.label}”. Progress shows below; "
                               "the page updates when it ends.")
    return redirect("video_studio", pk=video.pk)


@login_required
@require_POST
def video_update(request: HttpRequest, pk: int) -> HttpResponse:
    """“Update video”: render the current script and footage, redoing only what changed."""
    from videos.services.video import video_update as update

    return _start_render(request, pk, update, "Updating the video: only the changed scenes are narrated and "
                                              "rendered again. Progress shows below; approve the new render when "
                                              "it ends.")


@login_required
@require_POST
def video_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """“Draft preview”: the whole video fast at 480 lines, marked DRAFT, never published."""
    from videos.services.video import video_draft as draft

    return _start_render(request, pk, draft, "Making a draft preview: the whole video at 480p, marked DRAFT. It "
                                             "shows above the render when it is ready; it is never published.")


def _start_render(request: HttpRequest, pk: int, start, started: str) -> HttpResponse:
    video = video_for_user(request.user, pk)
    _require_edit(request.user, video.channel)
    from videos.services.jobs import JobAlreadyActive

    try:
        start(video=video, user=request.user)
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    except JobAlreadyActive as exc:
        messages.warning(request, f"{exc} Its progress is shown below.")
    else:
        messages.info(request, started)
    return redirect("video_studio", pk=video.pk)


@login_required
@require_POST
def video_approve(request: HttpRequest, pk: int) -> HttpResponse:
    video = video_for_user(request.user, pk)
    _require_edit(request.user, video.channel)
    from videos.services.video import video_approve as approve

    try:
        approve(video=video, user=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _messages_of(exc) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, "Approved. Schedule it or publish it now.")
    return redirect("video_studio", pk=video.pk)


@login_required
@require_POST
def video_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    video = video_for_user(request.user, pk)
    _require_edit(request.user, video.channel)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter the time as a date and time, or leave it blank for the next slot.")
        return redirect("video_studio", pk=video.pk)
    from publishing.services import publication_schedule

    extra = {"when": form.cleaned_data["when"]} if form.cleaned_data["when"] else {}
    try:
        publication = publication_schedule(video=video, user=request.user, **extra)
    except (ValidationError, ValueError) as exc:
        messages.error(request, _messages_of(exc))
    else:
        when = getattr(publication, "scheduled_for", None)
        messages.success(request, f"Scheduled for {when:%a %d %b %Y, %H:%M %Z}." if when else "Scheduled.")
    return redirect("video_studio", pk=video.pk)


@login_required
@require_POST
def video_unschedule(request: HttpRequest, pk: int) -> HttpResponse:
    video = video_for_user(request.user, pk)
    _require_edit(request.user, video.channel)
    from publishing.services import publication_unschedule

    publication_unschedule(video=video)
    messages.success(request, "Taken off the calendar; the video stays approved.")
    return redirect("video_studio", pk=video.pk)


@login_required
@require_POST
def video_publish(request: HttpRequest, pk: int) -> HttpResponse:
    video = video_for_user(request.user, pk)
    _require_edit(request.user, video.channel)
    if video.status not in (Video.Status.APPROVED, Video.Status.SCHEDULED):
        messages.error(request, "Approve the render before publishing it.")
    else:
        _enqueue(request, kind=Job.Kind.PUBLISH, video=video)
    return redirect("video_studio", pk=video.pk)


@login_required
@require_POST
def script_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Approve the current script, or restore an older version as a new current one."""
    from videos.models import Script

    script = Script.objects.filter(pk=pk, video__in=videos_for_user(request.user).values("pk")).first()
    if script is None or action not in ("approve", "restore"):
        raise Http404("No such script.")
    video = video_for_user(request.user, script.video_id)
    _require_edit(request.user, video.channel)
    from videos.services.writing import script_approve, script_restore

    if action == "approve":
        script_approve(script=script, user=request.user)
        messages.success(request, f"Script v{script.version} approved for narration and rendering.")
    else:
        restored = script_restore(script=script, user=request.user)
        messages.success(request, f"Restored v{script.version} as v{restored.version}. Render again to use it.")
    return redirect("video_studio", pk=video.pk)


# --- Scenes ------------------------------------------------------------------------------------

def _scene_response(request: HttpRequest, scene, *, error: str = "", saved: str = "", job: Job | None = None):
    video = video_for_user(request.user, scene.script.video_id)
    fresh = next((s for s in (video.current_script.scenes.all() if video.current_script else [])
                  if s.pk == scene.pk), scene)
    context = {"scene": fresh, "video": video, "editable": can_edit(request.user, video.channel),
               "is_current": fresh.script_id == getattr(video.current_script, "pk", None),
               "scene_error": error, "scene_saved": saved, "scene_job": job, "rewrite_form": RewriteForm()}
    if request.htmx:
        if saved:  # the video's state may have moved (an edit sends it back to scripted): its actions follow
            context = {**_studio_context(request, video), **context, "oob_actions": True}
        return TemplateResponse(request, "videos/_scene.html", context)
    if error:
        messages.error(request, error)
    elif saved:
        messages.success(request, saved)
    return redirect(f"/videos/{video.pk}/#scene-{scene.pk}")


@login_required
@require_POST
def scene_save(request: HttpRequest, pk: int) -> HttpResponse:
    scene = scene_for_user(request.user, pk)
    _require_edit(request.user, scene.script.video.channel)
    form = SceneForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[f].label or f}: {' '.join(e)}" for f, e in form.errors.items())
        return _scene_response(request, scene, error=f"Not saved. {errors}")
    from videos.services.video import scene_update

    try:
        scene_update(scene=scene, user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _scene_response(request, scene, error=f"Not saved. {_messages_of(exc)}")
    return _scene_response(request, scene, saved="Saved. Press “Update video” to hear and see the change.")


@login_required
@require_POST
def scene_rewrite(request: HttpRequest, pk: int) -> HttpResponse:
    scene = scene_for_user(request.user, pk)
    video = scene.script.video
    _require_edit(request.user, video.channel)
    form = RewriteForm(request.POST)
    instruction = form.cleaned_data["instruction"] if form.is_valid() else ""
    from videos.services.jobs import JobAlreadyActive, job_enqueue

    try:
        job = job_enqueue(kind=Job.Kind.REWRITE_SCENE, video=video, user=request.user,
                          params={"scene_id": scene.pk, "instruction": instruction})
    except JobAlreadyActive as exc:
        return _scene_response(request, scene, error="This scene is already being rewritten; wait for it to finish.",
                               job=exc.job)
    return _scene_response(request, scene, saved="Rewriting this scene; the page updates when it is done.", job=job)


@login_required
@require_POST
def scene_swap(request: HttpRequest, pk: int) -> HttpResponse:
    """Put one of the scene's candidates or any library item of the channel on the scene."""
    scene = scene_for_user(request.user, pk)
    _require_edit(request.user, scene.script.video.channel)
    from assets.services import FootageError
    from videos.services.footage import NoSuchAsset, scene_choose_footage, scene_library_asset

    kwargs: dict = {}
    try:
        if request.POST.get("asset_id"):
            # The channel's own and the shared library only: another channel's item reads as missing.
            kwargs["asset"] = scene_library_asset(scene=scene, asset_id=int(request.POST["asset_id"]))
        else:
            kwargs["candidate_index"] = int(request.POST.get("candidate_index", ""))
    except (ValueError, NoSuchAsset):  # not a number, or nothing this scene may use
        return _scene_response(request, scene, error="Pick one of the listed candidates or a library item.")
    before = scene.asset_id
    try:
        scene = scene_choose_footage(scene=scene, user=request.user, **kwargs)
    except FootageError as exc:
        return _scene_response(request, scene, error=_messages_of(exc))
    if scene.asset_id == before:
        return _scene_response(request, scene, saved=f"The scene already shows “{scene.asset}”.")
    return _scene_response(request, scene, saved=f"Footage swapped for “{scene.asset}”. Press “Update video” to "
                                                 "use it.")


@login_required
@require_POST
def scene_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload an image or clip into the channel's library and use it for this scene."""
    scene = scene_for_user(request.user, pk)
    _require_edit(request.user, scene.script.video.channel)
    from assets.services import AssetRejected, FootageError
    from videos.services.footage import scene_upload_footage

    upload = request.FILES.get("file")
    if upload is None:
        from faceless_site.uploads import upload_refusal

        refusal = upload_refusal(request)
        return _scene_response(request, scene, error=refusal or "Choose an image or a video clip to upload.")
    try:
        scene = scene_upload_footage(scene=scene, user=request.user, file=upload)
    except (AssetRejected, FootageError) as exc:
        return _scene_response(request, scene, error=f"{upload.name}: {_messages_of(exc)}")
    return _scene_response(request, scene, saved=f"Uploaded “{scene.asset}” to the channel's library and put it "
                                                 "on this scene. Press “Update video” to use it.")


@login_required
@require_GET
def scene_library(request: HttpRequest, pk: int) -> HttpResponse:
    """Search the channel's library (its own items and the shared ones) for footage for this scene."""
    scene = scene_for_user(request.user, pk)
    video = scene.script.video
    _require_edit(request.user, video.channel)
    from videos.selectors import scene_library_search

    query = request.GET.get("q", "").strip()[:200]
    context = {"scene": scene, "video": video, "query": query,
               "results": scene_library_search(scene=scene, query=query)}
    template = "videos/_scene_library.html" if request.htmx else "videos/scene_library.html"
    return TemplateResponse(request, template, context)


@login_required
@require_POST
def scene_design(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the layout (or automatic) and the words of the design a scene shows without footage."""
    scene = scene_for_user(request.user, pk)
    _require_edit(request.user, scene.script.video.channel)
    form = SceneDesignForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[f].label or f}: {' '.join(e)}" for f, e in form.errors.items())
        return _scene_response(request, scene, error=f"Design not saved. {errors}")
    from videos.services.video import scene_set_design

    try:
        scene_set_design(scene=scene, user=request.user, layout=form.cleaned_data["design_layout"],
                         text=form.cleaned_data["design_text"])
    except ValidationError as exc:
        return _scene_response(request, scene, error=f"Design not saved. {_messages_of(exc)}")
    return _scene_response(request, scene, saved="Design saved. Press “Update video” to see it; only this scene "
                                                 "is drawn again.")


@login_required
@require_GET
def scene_design_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """A still of the scene's design, in the channel's look and shape, as the video will show it."""
    from videos.services.designs import scene_design_png

    scene = scene_for_user(request.user, pk)
    response = HttpResponse(scene_design_png(scene=scene), content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_GET
def scene_narration(request: HttpRequest, pk: int) -> HttpResponse:
    scene = scene_for_user(request.user, pk)
    return serve_file(request, scene.narration_file)


@login_required
@require_GET
def render_file(request: HttpRequest, pk: int, render_pk: int, what: str) -> HttpResponse:
    video = video_for_user(request.user, pk)
    render = next((r for r in video.renders.all() if r.pk == render_pk), None)
    if render is None:
        raise Http404("No such render.")
    if what.startswith("thumbnail-"):  # one variant, e.g. thumbnail-panel
        return serve_file(request, render.thumbnail_for(what.removeprefix("thumbnail-")))
    return serve_file(request, render.thumbnail if what == "thumbnail" else render.file)


@login_required
@require_http_methods(["GET", "POST"])
def video_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    """The thumbnail variants (the studio's partial), and choosing one (POST `layout`)."""
    from videos.services.thumbnails import thumbnail_variants, video_thumbnail_choose

    video = video_for_user(request.user, pk)
    render, error = video.latest_render, ""
    if request.method == "POST":
        _require_edit(request.user, video.channel)
        try:
            render = video_thumbnail_choose(video=video, layout=request.POST.get("layout", ""), user=request.user)
        except ValidationError as exc:
            error = _messages_of(exc)
        else:
            if not request.htmx:
                messages.success(request, "Thumbnail chosen: it is the one uploaded and exported.")
                return redirect("video_studio", pk=video.pk)
    context = {"video": video, "render": render, "thumbnails": thumbnail_variants(render),
               "editable": can_edit(request.user, video.channel), "thumbnail_error": error}
    return TemplateResponse(request, "videos/_thumbnails.html", context, status=400 if error else 200)


def _back(request: HttpRequest) -> HttpResponse:
    back = request.POST.get("back", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("jobs")


# --- Jobs --------------------------------------------------------------------------------------

@login_required
@require_GET
def jobs_page(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    jobs = jobs_for_user(request.user).prefetch_related("video__scripts")
    if state in Job.State.values:
        jobs = jobs.filter(state=state)
    if request.GET.get("job", "").isdigit():
        jobs = jobs.filter(pk=int(request.GET["job"]))
    page = Paginator(jobs, 50).get_page(request.GET.get("page"))
    context = {"jobs": page, "page": page, "state": state, "states": Job.State.choices}
    return TemplateResponse(request, "jobs/list.html", context)


@login_required
@require_GET
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_for_user(request.user, pk)
    # An interrupted job offers Retry right where it is shown; it goes back to the page it was polled from.
    response = TemplateResponse(request, "videos/_job.html", {
        "job": job, "editable": can_edit(request.user, job.channel),
        "back": request.headers.get("HX-Current-URL", "") or None})
    if not job.is_active:
        trigger_client_event(response, "jobDone", {"id": job.pk, "state": job.state})
    return response


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_for_user(request.user, pk)
    _require_edit(request.user, job.channel)
    from videos.services.jobs import JobAlreadyActive
    from videos.services.jobs import job_retry as retry

    try:
        new = retry(job=job, user=request.user)
    except JobAlreadyActive as exc:
        messages.warning(request, str(exc))
    else:
        if new.pk == job.pk:  # an interrupted job runs again as itself
            messages.success(request, f"Restarted {new.label.lower()} (job #{new.pk}).")
        else:
            messages.success(request, f"Started {new.label.lower()} again as job #{new.pk}.")
    return _back(request)


@login_required
@require_POST
def job_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_for_user(request.user, pk)
    _require_edit(request.user, job.channel)
    from videos.services.jobs import job_cancel as cancel

    cancel(job=job)
    messages.info(request, "Asked the job to stop; a running step stops at its next checkpoint.")
    return _back(request)
