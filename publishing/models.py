"""Where a video goes: local export or YouTube, when, and what came back; the YouTube account each
channel publishes through; and the quota ledger that keeps uploads inside Google's daily limits."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Publication(models.Model):
    class Target(models.TextChoices):
        LOCAL = "local", "Local export"
        YOUTUBE = "youtube", "YouTube"

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SCHEDULED = "scheduled", "Scheduled"
        UPLOADING = "uploading", "Uploading"
        WAITING = "waiting", "Waiting (quota or reconnect)"
        PUBLISHED = "published", "Published"
        FAILED = "failed", "Failed"

    # States publish_due picks up once their time has come.
    DUE_STATES = (State.SCHEDULED, State.WAITING)

    video = models.ForeignKey("videos.Video", on_delete=models.CASCADE, related_name="publications")
    render = models.ForeignKey("videos.Render", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    target = models.CharField(max_length=10, choices=Target.choices, default=Target.LOCAL)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    scheduled_for = models.DateTimeField(null=True, blank=True, db_index=True,
                                         help_text="When the video goes public.")
    # A YouTube upload may start before the slot (private with publishAt); local export runs at the slot.
    due_at = models.DateTimeField(null=True, blank=True, db_index=True, help_text="When the upload starts.")
    not_before = models.DateTimeField(null=True, blank=True, help_text="Waiting for the quota reset until then.")
    external_id = models.CharField(max_length=100, blank=True, help_text="YouTube video id or export folder.")
    external_url = models.CharField(max_length=500, blank=True)
    # Resumable upload: the session URI and the last byte the server confirmed.
    upload_uri = models.TextField(blank=True)
    bytes_confirmed = models.BigIntegerField(default=0)
    bytes_total = models.BigIntegerField(default=0)
    thumbnail_set_at = models.DateTimeField(null=True, blank=True)
    captions_id = models.CharField(max_length=100, blank=True, help_text="The YouTube caption track uploaded.")
    playlist_item_id = models.CharField(max_length=100, blank=True)
    # Who may upload now: one job holds the lease and renews it while it works.
    lock_owner = models.CharField(max_length=60, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    message = models.TextField(blank=True)
    # The exact metadata sent (or to be sent) to the target, frozen when the upload starts.
    metadata = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One publication per video and target: a retried job finds the earlier upload.
            models.UniqueConstraint(fields=["video", "target"], name="one_publication_per_video_target"),
        ]

    def __str__(self) -> str:
        return f"{self.get_target_display()} of {self.video_id} ({self.state})"


class YouTubeAccount(models.Model):
    """The YouTube channel a Faceless channel uploads to, with its OAuth tokens encrypted at rest."""

    class State(models.TextChoices):
        CONNECTED = "connected", "Connected"
        RECONNECT = "reconnect", "Reconnect needed"

    channel = models.OneToOneField("faceless_channels.Channel", on_delete=models.CASCADE,
                                   related_name="youtube_account")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="youtube_accounts", help_text="Who granted access.")
    youtube_channel_id = models.CharField(max_length=64, unique=True)
    title = models.CharField(max_length=200, blank=True)
    # MultiFernet token over the JSON of the OAuth credentials (publishing.crypto).
    encrypted_credentials = models.TextField()
    scopes = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.CONNECTED, db_index=True)
    last_error = models.TextField(blank=True)
    connected_at = models.DateTimeField(auto_now_add=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "YouTube account"

    def __str__(self) -> str:
        return f"{self.title or self.youtube_channel_id} → {self.channel_id}"

    @property
    def needs_reconnect(self) -> bool:
        return self.state == self.State.RECONNECT


class QuotaUsage(models.Model):
    """Units spent per Google project, per Pacific day, per quota bucket ("units" or "uploads")."""

    project = models.CharField(max_length=100)
    day = models.DateField(help_text="The day in America/Los_Angeles, when Google's quota resets.")
    bucket = models.CharField(max_length=20)
    used = models.PositiveIntegerField(default=0)
    calls = models.PositiveIntegerField(default=0)
    # Set when Google answered quotaExceeded: the bucket is spent whatever our count says.
    exhausted = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day", "project", "bucket"]
        constraints = [
            models.UniqueConstraint(fields=["project", "day", "bucket"], name="one_quota_row_per_day_bucket"),
            models.CheckConstraint(condition=Q(used__gte=0), name="quota_used_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.day} {self.bucket}: {self.used}"
