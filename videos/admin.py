"""The operators' admin for the pipeline: videos with their scenes and jobs, scripts with scenes
edited inline, renders, and jobs with progress, errors, retry and cancel.

Every action calls the same services the studio pages, the API and manage.py use.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from videos.models import Job, Render, Scene, Script, Video
from videos.selectors import titles_prefetch
from videos.services.jobs import JobAlreadyActive, job_cancel, job_enqueue, job_retry


class AutoRefresh:
    """Pages that show running jobs reload themselves while something is running."""

    class Media:
        js = ["faceless/admin_refresh.js"]


def progress_bar(job: Job) -> str:
    label = f"{job.percent}% {job.stage}".strip()
    active = ' data-job-active="1"' if job.is_active else ""
    return format_html(
        '<span class="faceless-progress"{}><progress max="100" value="{}" aria-label="{}"></progress> {}</span>',
        mark_safe(active), job.percent, label, label,
    )


def enqueue_for(modeladmin: admin.ModelAdmin, request: HttpRequest, videos: QuerySet, kind: str,
                params: dict | None = None) -> None:
    started, busy = [], []
    for video in videos.select_related("channel"):
        try:
            job = job_enqueue(kind=kind, video=video, user=request.user, params=params)
            started.append(f"#{job.pk}")
        except JobAlreadyActive as exc:
            busy.append(str(exc))
    label = Job.Kind(kind).label
    if started:
        modeladmin.message_user(request, f"{label}: started job {', '.join(started)}. Progress shows under Jobs.",
                                messages.SUCCESS)
    for message in busy:
        modeladmin.message_user(request, message, messages.WARNING)


class SceneInline(admin.TabularInline):
    model = Scene
    extra = 0
    fields = ["position", "narration", "visual_query", "on_screen_text", "asset", "narration_seconds", "rewrite"]
    readonly_fields = ["narration_seconds", "rewrite"]
    raw_id_fields = ["asset"]
    ordering = ["position"]

    def get_formset(self, request: HttpRequest, obj: Script | None = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and "asset" in formset.form.base_fields:
            # Footage from this video's channel's library (or the shared one) only; another channel's
            # id is refused as a missing one is (“Select a valid choice”).
            from videos.selectors import scene_footage_choices

            formset.form.base_fields["asset"].queryset = scene_footage_choices(channel=obj.video.channel)
        return formset

    @admin.display(description="Rewrite")
    def rewrite(self, scene: Scene) -> str:
        if not scene.pk:
            return ""
        url = reverse("admin:videos_script_rewrite_scene", args=[scene.script_id, scene.pk])
        # formaction posts the change form (with its CSRF token) to the rewrite view instead.
        return format_html('<button type="submit" class="button" formaction="{}" formmethod="post">'
                           "Rewrite this scene</button>", url)


@admin.register(Script)
class ScriptAdmin(admin.ModelAdmin):
    list_display = ["title", "video", "version", "provider", "model", "approved", "created_at"]
    list_filter = ["provider", ("approved_at", admin.EmptyFieldListFilter), "video__channel"]
    search_fields = ["title", "description", "video__topic"]
    list_select_related = ["video"]
    readonly_fields = ["video", "version", "provider", "model", "prompt_version", "input_tokens", "output_tokens",
                       "seconds_taken", "restored_from", "approved_at", "approved_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["video", "version", "title", "hook", "description", "tags", "language"]}),
        ("Review", {"fields": ["approved_at", "approved_by", "restored_from"]}),
        ("How it was written", {"classes": ["collapse"], "fields": [
            "provider", "model", "prompt_version", "input_tokens", "output_tokens", "seconds_taken", "created_at"]}),
    ]
    inlines = [SceneInline]
    actions = ["approve", "restore"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The video column shows the video's title, which comes from its current script.
        return super().get_queryset(request).prefetch_related(titles_prefetch("video__scripts"))

    @admin.display(boolean=True, description="Approved", ordering="approved_at")
    def approved(self, script: Script) -> bool:
        return script.is_approved

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # scripts are written by the "Write script" job, one version at a time

    @admin.action(description="Approve the selected scripts")
    def approve(self, request: HttpRequest, queryset: QuerySet) -> None:
        from videos.services.writing import script_approve

        for script in queryset:
            script_approve(script=script, user=request.user)
        self.message_user(request, f"Approved {queryset.count()} script(s).", messages.SUCCESS)

    @admin.action(description="Restore as a new version")
    def restore(self, request: HttpRequest, queryset: QuerySet) -> None:
        from videos.services.writing import script_restore

        for script in queryset:
            new = script_restore(script=script, user=request.user)
            self.message_user(request, f"Restored v{script.version} of “{script.title}” as v{new.version}.")

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Scene edits go through the services the studio and the API use, so that an edit or a
        footage change here withdraws the script's approval and offers “Update video” just the same."""
        if formset.model is not Scene:
            return super().save_formset(request, form, formset, change)
        from assets.services import FootageError
        from videos.services.footage import scene_choose_footage
        from videos.services.video import scene_update

        edited = [f for f in formset.initial_forms if f.has_changed() and f not in formset.deleted_forms]
        for scene_form in edited:
            scene = Scene.objects.select_related("script__video__channel", "asset").get(pk=scene_form.instance.pk)
            data = scene_form.cleaned_data
            try:
                scene_update(scene=scene, narration=data["narration"], visual_query=data["visual_query"] or "",
                             on_screen_text=data["on_screen_text"] or "", user=request.user)
                if data["asset"] is not None and data["asset"].pk != scene.asset_id:
                    scene_choose_footage(scene=scene, asset=data["asset"], user=request.user)
                elif data["asset"] is None and scene.asset_id is not None:
                    self.message_user(request, f"{scene}: footage is removed in the studio only; kept "
                                               f"“{scene.asset}”.", messages.WARNING)
                if data["position"] != scene.position:
                    Scene.objects.filter(pk=scene.pk).update(position=data["position"])
            except (ValidationError, FootageError) as exc:
                self.message_user(request, f"{scene}: not saved. {' '.join(getattr(exc, 'messages', [str(exc)]))}",
                                  messages.ERROR)
        # New and deleted scenes as the inline always handled them.
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for scene_form in formset.extra_forms:
            if scene_form.has_changed() and scene_form not in formset.deleted_forms:
                scene_form.instance.script = form.instance
                scene_form.instance.save()
        return None

    def get_urls(self) -> list:
        return [path("<int:script_id>/rewrite/<int:scene_id>/", self.admin_site.admin_view(self.rewrite_scene_view),
                     name="videos_script_rewrite_scene"), *super().get_urls()]

    def rewrite_scene_view(self, request: HttpRequest, script_id: int, scene_id: int) -> HttpResponseRedirect:
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        scene = get_object_or_404(Scene.objects.select_related("script__video"), pk=scene_id, script_id=script_id)
        try:
            job = job_enqueue(kind=Job.Kind.REWRITE_SCENE, video=scene.script.video,
                              params={"scene_id": scene.pk}, user=request.user)
            self.message_user(request, f"Rewriting scene {scene.position + 1} (job #{job.pk}).", messages.SUCCESS)
        except JobAlreadyActive as exc:
            self.message_user(request, str(exc), messages.WARNING)
        return HttpResponseRedirect(reverse("admin:videos_script_change", args=[script_id]))


class JobInline(admin.TabularInline):
    model = Job
    extra = 0
    fields = ["link", "kind", "state", "progress", "error", "created_at"]
    readonly_fields = fields
    ordering = ["-created_at"]
    can_delete = False
    max_num = 0
    verbose_name_plural = "Jobs (newest first)"

    @admin.display(description="Job")
    def link(self, job: Job) -> str:
        return format_html('<a href="{}">#{}</a>', reverse("admin:videos_job_change", args=[job.pk]), job.pk)

    @admin.display(description="Progress")
    def progress(self, job: Job) -> str:
        return progress_bar(job)


class RenderInline(admin.TabularInline):
    model = Render
    extra = 0
    fields = ["file", "draft", "resolution", "duration_seconds", "size_bytes", "created_at"]
    readonly_fields = fields
    can_delete = False
    max_num = 0


@admin.register(Video)
class VideoAdmin(AutoRefresh, admin.ModelAdmin):
    list_display = ["__str__", "channel", "status", "current_job", "scheduled_for", "updated_at"]
    list_filter = ["status", "channel"]
    search_fields = ["topic", "source_text", "scripts__title"]
    date_hierarchy = "created_at"
    list_select_related = ["channel"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["status", "status_message", "approved_at", "published_at", "created_at", "updated_at",
                       "script_link", "scenes_table"]
    fieldsets = [
        (None, {"fields": ["channel", "topic", "source_text", "created_by"]}),
        ("State", {"fields": ["status", "status_message", "approved_at", "scheduled_for", "published_at",
                              "created_at", "updated_at"]}),
        ("Script and scenes", {"fields": ["script_link", "scenes_table"]}),
    ]
    inlines = [JobInline, RenderInline]
    actions = ["write_script", "find_footage", "find_footage_replacing_chosen", "narrate_and_render", "update_video",
               "draft_preview", "approve",
               "publish", "run_pipeline"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        from channels.selectors import videos_for_user

        return videos_for_user(request.user).select_related("channel").prefetch_related("scripts", "jobs")

    @admin.display(description="Job")
    def current_job(self, video: Video) -> str:
        jobs = sorted(video.jobs.all(), key=lambda j: j.created_at, reverse=True)
        return progress_bar(jobs[0]) if jobs and jobs[0].is_active else (jobs[0].get_state_display() if jobs else "")

    @admin.display(description="Script")
    def script_link(self, video: Video) -> str:
        script = video.current_script
        if script is None:
            return "No script yet: use the “Write script” action."
        state = "approved" if script.is_approved else "waiting for review"
        url = reverse("admin:videos_script_change", args=[script.pk])
        return format_html('<a href="{}">v{}: {}</a> ({}; edit scenes there)', url, script.version, script.title, state)

    @admin.display(description="Scenes")
    def scenes_table(self, video: Video) -> str:
        script = video.current_script
        if script is None:
            return "—"
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", (
            (s.position + 1, s.narration, s.visual_query, s.asset or s.footage_reason or "designed scene",
             f"{s.narration_seconds:.1f} s" if s.narration_seconds else "")
            for s in script.scenes.select_related("asset")))
        return format_html('<table><thead><tr><th>#</th><th>Narration</th><th>Visual query</th><th>Footage</th>'
                           "<th>Spoken</th></tr></thead><tbody>{}</tbody></table>", rows)

    @admin.action(description="Write script")
    def write_script(self, request: HttpRequest, queryset: QuerySet) -> None:
        enqueue_for(self, request, queryset, Job.Kind.WRITE_SCRIPT)

    @admin.action(description="Find footage (keeps footage a person chose)")
    def find_footage(self, request: HttpRequest, queryset: QuerySet) -> None:
        enqueue_for(self, request, queryset, Job.Kind.MATCH_FOOTAGE)

    @admin.action(description="Find footage for every scene, replacing footage a person chose")
    def find_footage_replacing_chosen(self, request: HttpRequest, queryset: QuerySet) -> None:
        enqueue_for(self, request, queryset, Job.Kind.MATCH_FOOTAGE, {"replace_chosen": True})

    @admin.action(description="Narrate and render")
    def narrate_and_render(self, request: HttpRequest, queryset: QuerySet) -> None:
        enqueue_for(self, request, queryset, Job.Kind.NARRATE_RENDER)

    @admin.action(description="Update video (render the current script, redo only what changed)")
    def update_video(self, request: HttpRequest, queryset: QuerySet) -> None:
        from videos.services.video import video_update

        self._start_each(request, queryset, video_update, "updating (job #{job}); approve the new render when it ends.")

    @admin.action(description="Draft preview (480p, marked DRAFT, never published)")
    def draft_preview(self, request: HttpRequest, queryset: QuerySet) -> None:
        from videos.services.video import video_draft

        self._start_each(request, queryset, video_draft, "making a draft preview (job #{job}); it is listed under "
                                                         "Renders when it ends.")

    def _start_each(self, request: HttpRequest, queryset: QuerySet, start, done: str) -> None:
        for video in queryset.select_related("channel"):
            try:
                job = start(video=video, user=request.user)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, f"“{video}”: {' '.join(getattr(exc, 'messages', [str(exc)]))}",
                                  messages.WARNING)
            except JobAlreadyActive as exc:
                self.message_user(request, f"“{video}”: {exc}", messages.WARNING)
            else:
                self.message_user(request, f"“{video}”: " + done.format(job=job.pk), messages.SUCCESS)

    @admin.action(description="Approve the render for publishing")
    def approve(self, request: HttpRequest, queryset: QuerySet) -> None:
        from videos.services.video import video_approve

        for video in queryset:
            try:
                video_approve(video=video, user=request.user)
                self.message_user(request, f"Approved “{video}”.", messages.SUCCESS)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, f"“{video}”: {' '.join(getattr(exc, 'messages', [str(exc)]))}",
                                  messages.WARNING)

    @admin.action(description="Publish")
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        enqueue_for(self, request, queryset, Job.Kind.PUBLISH)

    @admin.action(description="Run whole pipeline")
    def run_pipeline(self, request: HttpRequest, queryset: QuerySet) -> None:
        enqueue_for(self, request, queryset, Job.Kind.PIPELINE)


@admin.register(Render)
class RenderAdmin(admin.ModelAdmin):
    list_display = ["video", "resolution", "duration_seconds", "size_bytes", "render_seconds", "created_at"]
    list_filter = ["video__channel", "height"]
    search_fields = ["video__topic", "file"]
    list_select_related = ["video"]
    readonly_fields = [f.name for f in Render._meta.fields]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related(titles_prefetch("video__scripts"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Job)
class JobAdmin(AutoRefresh, admin.ModelAdmin):
    list_display = ["__str__", "video", "channel", "state", "interrupted", "progress", "short_error", "created_at",
                    "took"]
    list_filter = ["state", "kind", "channel"]
    search_fields = ["error", "message", "video__topic", "task_id"]
    list_select_related = ["video", "channel"]
    date_hierarchy = "created_at"
    actions = ["retry", "cancel"]
    readonly_fields = ["kind", "video", "channel", "params", "state", "progress", "stage", "message", "error",
                       "warnings_list", "details_pretty", "interrupted", "attempts", "task_id", "retry_of",
                       "created_by", "created_at", "started_at", "heartbeat_at", "finished_at"]
    exclude = ["warnings", "details", "percent", "step_key", "cancel_requested"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        from videos.selectors import jobs_for_user

        return jobs_for_user(request.user).select_related("video", "channel").prefetch_related(
            titles_prefetch("video__scripts"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # jobs start from the video actions, the studio, the API or manage.py

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="Progress")
    def progress(self, job: Job) -> str:
        return progress_bar(job)

    @admin.display(description="Error, or why it waits")
    def short_error(self, job: Job) -> str:
        # Warnings of a job that succeeded are on its page, not here: this column is for what went wrong.
        text = job.error or (job.message if job.state == Job.State.WAITING else "")
        return (text[:120] + "…") if len(text) > 120 else text

    @admin.display(description="Took")
    def took(self, job: Job) -> str:
        seconds = job.duration_seconds
        return "" if seconds is None else f"{seconds:.0f} s"

    @admin.display(description="Warnings")
    def warnings_list(self, job: Job) -> str:
        return format_html_join("", "<li>{}</li>", ((w,) for w in job.warnings)) or "—"

    @admin.display(description="Details kept for inspection")
    def details_pretty(self, job: Job) -> str:
        if not job.details:
            return "—"
        return format_html("<pre>{}</pre>", json.dumps(job.details, indent=2, ensure_ascii=False))

    @admin.display(description="Interrupted", boolean=True)
    def interrupted(self, job: Job) -> bool:
        """Running, but its worker stopped: the Retry action runs it again at once."""
        return job.is_interrupted

    @admin.action(description="Retry the selected jobs")
    def retry(self, request: HttpRequest, queryset: QuerySet) -> None:
        for job in queryset.select_related("video", "channel"):
            try:
                new = job_retry(job=job, user=request.user)
                again = "restarted (it was interrupted)" if new.pk == job.pk else f"retrying as job #{new.pk}"
                self.message_user(request, f"{job}: {again}.", messages.SUCCESS)
            except JobAlreadyActive as exc:
                self.message_user(request, str(exc), messages.WARNING)

    @admin.action(description="Cancel the selected jobs")
    def cancel(self, request: HttpRequest, queryset: QuerySet) -> None:
        for job in queryset.filter(state__in=Job.ACTIVE_STATES):
            job_cancel(job=job)
        self.message_user(request, "Asked the selected running jobs to stop.")
