"""The pipeline's records: a Video, its Script versions and Scenes, its Renders, and the Jobs that
move it along."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Video(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCRIPTED = "scripted", "Scripted"
        VOICED = "voiced", "Voiced"
        RENDERED = "rendered", "Rendered"
        APPROVED = "approved", "Approved"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        FAILED = "failed", "Failed"

    channel = models.ForeignKey("faceless_channels.Channel", on_delete=models.CASCADE, related_name="videos")
    topic = models.CharField(max_length=300, blank=True)
    source_text = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    status_message = models.TextField(blank=True, help_text="Why the video failed, or what it waits for.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    scheduled_for = models.DateTimeField(null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    script_changed_at = models.DateTimeField(
        null=True, blank=True, editable=False,
        help_text="When the current script was last changed in place (a scene's words or footage).")
    thumbnail_layout = models.CharField(
        max_length=20, blank=True,
        help_text="The thumbnail variant a person chose (frame, panel, poster); blank: the first. Every render "
                  "makes all of them; this one is uploaded and exported.")

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["channel", "status"]),
            # The dashboard and GET /api/videos: newest change first, per channel, per board column.
            models.Index(fields=["channel", "status", "updated_at"], name="video_channel_status_recent"),
            models.Index(fields=["channel", "updated_at"], name="video_channel_recent"),
            models.Index(fields=["updated_at"], name="video_recent"),
        ]

    def __str__(self) -> str:
        script = self.current_script
        return (script.title if script else "") or self.topic or f"Video {self.pk}"

    @property
    def current_script(self) -> Script | None:
        # Uses the prefetch cache when the caller prefetched `scripts`.
        scripts = list(self.scripts.all())
        return max(scripts, key=lambda s: s.version) if scripts else None

    @property
    def latest_render(self) -> Render | None:
        """The newest finished full render: what is approved, scheduled and published (never a draft)."""
        renders = [r for r in self.renders.all() if r.is_complete and not r.draft]
        return max(renders, key=lambda r: r.created_at) if renders else None

    def shows_current_script(self, render: Render) -> bool:
        """Whether a render (or draft) was made from the script as it stands now: the current version,
        not edited in place since."""
        script = self.current_script
        if script is None or render.script_version != script.version:
            return False
        return self.script_changed_at is None or render.created_at >= self.script_changed_at

    @property
    def latest_draft(self) -> Render | None:
        """The newest draft preview, if it is newer than the newest full render (else it shows less)."""
        drafts = [r for r in self.renders.all() if r.is_complete and r.draft]
        draft = max(drafts, key=lambda r: r.created_at) if drafts else None
        full = self.latest_render
        return draft if draft is not None and (full is None or draft.created_at > full.created_at) else None


class Script(models.Model):
    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="scripts")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=100)
    hook = models.TextField(blank=True)
    description = models.TextField(max_length=5000, blank=True)
    tags = models.JSONField(default=list, blank=True)
    language = models.CharField(max_length=12, default="en")

    provider = models.CharField(max_length=40, blank=True)
    model = models.CharField(max_length=100, blank=True)
    prompt_version = models.CharField(max_length=40, blank=True)
    input_tokens = models.PositiveIntegerField(default=0)
    output_tokens = models.PositiveIntegerField(default=0)
    seconds_taken = models.FloatField(default=0)
    restored_from = models.PositiveIntegerField(null=True, blank=True)

    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["video", "-version"]
        constraints = [models.UniqueConstraint(fields=["video", "version"], name="one_script_per_version")]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def narration_text(self) -> str:
        return "\n\n".join(scene.narration for scene in self.scenes.all())


# What a scene may hold, wherever it is written (studio, API, admin, writers): about a minute of speech,
# and two or three lines on screen (more covers the picture and meets the subtitles).
NARRATION_MAX_CHARS = 1000
ON_SCREEN_TEXT_MAX_CHARS = 100
DESIGN_LAYOUTS = [("auto", "Automatic"), ("number", "Number"), ("date", "Date or timeline"), ("map", "Map"),
                  ("name", "Name card"), ("list", "List"), ("title", "Title card"), ("quote", "Quote card")]


class Scene(models.Model):
    # For templates ({{ scene.NARRATION_MAX_CHARS }}).
    NARRATION_MAX_CHARS = NARRATION_MAX_CHARS
    ON_SCREEN_TEXT_MAX_CHARS = ON_SCREEN_TEXT_MAX_CHARS

    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="scenes")
    position = models.PositiveIntegerField()
    narration = models.TextField()
    visual_query = models.CharField(max_length=200, blank=True)
    on_screen_text = models.CharField(max_length=200, blank=True)
    # What should be on screen, and searches for it from strict to broad ("lighthouse storm waves",
    # "lighthouse", "stormy sea"): from the writer, or derived from the scene's own words.
    visual_brief = models.CharField(max_length=300, blank=True)
    footage_queries = models.JSONField(default=list, blank=True)
    queries_language = models.CharField(
        max_length=12, blank=True, help_text="The language the footage queries are in (a model writes them in "
                                             "English; derived ones are in the script's language).")
    # The same searches in English when footage_queries are in another language: most catalogues
    # describe their items in English (a model's queries, or derived from a list of filmable nouns).
    english_queries = models.JSONField(default=list, blank=True)

    # Footage: the chosen asset, why, and the runner-ups a person can swap to.
    asset = models.ForeignKey("assets.Asset", null=True, blank=True, on_delete=models.SET_NULL, related_name="scenes")
    footage_reason = models.CharField(max_length=300, blank=True)
    footage_candidates = models.JSONField(default=list, blank=True)
    footage_chosen = models.BooleanField(
        default=False, help_text="A person picked or uploaded this footage: Find footage keeps it unless asked "
                                 "to replace chosen footage too.")

    # The designed scene shown when there is no usable footage: "auto" lets the renderer choose from
    # the narration (videos.render.designs.chooser); a person may pick the layout and write its words.
    design_layout = models.CharField(max_length=12, default="auto", blank=True, choices=DESIGN_LAYOUTS)
    design_text = models.TextField(blank=True, default="", help_text="The design's words, one item a line.")

    # Narration, measured from the synthesised audio.
    narration_file = models.CharField(max_length=500, blank=True)
    narration_seconds = models.FloatField(null=True, blank=True)
    word_timings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["script", "position"]
        constraints = [models.UniqueConstraint(fields=["script", "position"], name="one_scene_per_position")]

    def __str__(self) -> str:
        return f"Scene {self.position + 1}"


class Render(models.Model):
    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="renders")
    script_version = models.PositiveIntegerField(null=True, blank=True)
    file = models.CharField(max_length=500, blank=True, help_text="Path under MEDIA_ROOT.")
    thumbnail = models.CharField(
        max_length=500, blank=True,
        help_text="Path under MEDIA_ROOT of the chosen thumbnail: what is uploaded and exported.")
    thumbnails = models.JSONField(
        default=list, blank=True,
        help_text="Every thumbnail variant: layout, label, words, bytes, file (under MEDIA_ROOT) and its legibility "
                  "at 168x94 (type size in pixels, contrast ratio).")
    duration_seconds = models.FloatField(null=True, blank=True)
    size_bytes = models.BigIntegerField(null=True, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    fps = models.FloatField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)
    command = models.TextField(blank=True, help_text="The exact ffmpeg commands run.")
    log = models.TextField(blank=True)
    warnings = models.JSONField(default=list, blank=True)
    draft = models.BooleanField(
        default=False, help_text="A fast low-resolution preview for review, marked DRAFT in the picture; never "
                                 "approved, scheduled or published.")
    captions = models.CharField(max_length=500, blank=True,
                                help_text="The narration's captions (SubRip) under MEDIA_ROOT, for YouTube.")
    # Each narrated scene as it lies in the video: {"start", "end" (seconds), "title"}; chapters come from it.
    timeline = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{'Draft preview' if self.draft else 'Render'} {self.pk} of {self.video_id}"

    @property
    def is_complete(self) -> bool:
        return bool(self.file) and self.duration_seconds is not None

    def thumbnail_for(self, layout: str) -> str:
        """The file of the variant with that layout; the first variant's when there is none."""
        files = [t.get("file", "") for t in self.thumbnails or [] if t.get("layout") == layout]
        first = (self.thumbnails or [{}])[0].get("file", "")
        return (files[0] if files else first) or self.thumbnail

    @property
    def resolution(self) -> str:
        return f"{self.width}x{self.height}" if self.width else ""


class Job(models.Model):
    class Kind(models.TextChoices):
        WRITE_SCRIPT = "write_script", "Write script"
        REWRITE_SCENE = "rewrite_scene", "Rewrite scene"
        SUGGEST_TOPICS = "suggest_topics", "Suggest topics"
        MATCH_FOOTAGE = "match_footage", "Find footage"
        NARRATE_RENDER = "narrate_render", "Narrate and render"
        PUBLISH = "publish", "Publish"
        PIPELINE = "pipeline", "Whole pipeline"
        SYNC_ANALYTICS = "sync_analytics", "Sync analytics"
        AUTOPILOT = "autopilot", "Autopilot"

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"
        # Ended without doing its work, waiting on the outside (YouTube quota, a reconnect); a later
        # job picks it up. `message` says why, details["waiting_until"] when (if known).
        WAITING = "waiting", "Waiting"

    ACTIVE_STATES = (State.QUEUED, State.RUNNING)
    DONE_STATES = (State.SUCCEEDED, State.FAILED, State.CANCELLED, State.WAITING)

    kind = models.CharField(max_length=20, choices=Kind.choices)
    video = models.ForeignKey(Video, null=True, blank=True, on_delete=models.CASCADE, related_name="jobs")
    channel = models.ForeignKey(
        "faceless_channels.Channel", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    # What the step needs beyond the video (a scene id, a count); only plain values.
    params = models.JSONField(default=dict, blank=True)
    # A key that makes "one active job per step" exact, e.g. "rewrite_scene:42" (default: the kind).
    step_key = models.CharField(max_length=60)

    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED, db_index=True)
    percent = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=100, blank=True)
    message = models.TextField(blank=True)
    error = models.TextField(blank=True)
    warnings = models.JSONField(default=list, blank=True)
    # Kept for inspection when a provider misbehaves (e.g. the model's malformed output).
    details = models.JSONField(default=dict, blank=True)
    cancel_requested = models.BooleanField(default=False)

    task_id = models.CharField(max_length=64, blank=True, help_text="django-q2 task id")
    attempts = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    retry_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="retries")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "heartbeat_at"])]
        constraints = [
            # Two jobs never work on the same step of the same video at once.
            models.UniqueConstraint(
                fields=["video", "step_key"],
                condition=Q(state__in=["queued", "running"]) & Q(video__isnull=False),
                name="one_active_job_per_video_step",
            ),
            models.UniqueConstraint(
                fields=["channel", "step_key"],
                condition=Q(state__in=["queued", "running"]) & Q(video__isnull=True),
                name="one_active_job_per_channel_step",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} #{self.pk}"

    @property
    def label(self) -> str:
        """What the job does, as a person asked for it: a render job may be a draft preview or an
        update of the video."""
        if self.kind == Job.Kind.NARRATE_RENDER and isinstance(self.params, dict):
            if self.params.get("draft"):
                return "Draft preview"
            if self.params.get("update"):
                return "Update video"
        return self.get_kind_display()

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES

    @property
    def is_interrupted(self) -> bool:
        """Running, but its worker stopped proving it is alive (killed, or cut off from the database):
        it can be retried at once."""
        from datetime import timedelta

        last_sign = self.heartbeat_at or self.created_at
        stale = timezone.now() - timedelta(seconds=settings.JOB_STALE_SECONDS)
        return self.state == self.State.RUNNING and last_sign is not None and last_sign < stale

    @property
    def duration_seconds(self) -> float | None:
        if not self.started_at:
            return None
        return ((self.finished_at or timezone.now()) - self.started_at).total_seconds()

    @property
    def waiting_until(self) -> datetime | None:
        """When a waiting job's cause should clear (a quota reset), or None if unknown or not waiting."""
        value = (self.details or {}).get("waiting_until") if self.state == self.State.WAITING else None
        return datetime.fromisoformat(value) if value else None
