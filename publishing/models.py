"""Where a video goes: local export or YouTube, when, and what came back."""

from __future__ import annotations

from django.db import models


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

    video = models.ForeignKey("videos.Video", on_delete=models.CASCADE, related_name="publications")
    render = models.ForeignKey("videos.Render", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    target = models.CharField(max_length=10, choices=Target.choices, default=Target.LOCAL)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    scheduled_for = models.DateTimeField(null=True, blank=True, db_index=True)
    external_id = models.CharField(max_length=100, blank=True, help_text="YouTube video id or export folder.")
    external_url = models.CharField(max_length=500, blank=True)
    # Resumable upload: the session URI and the last byte the server confirmed.
    upload_uri = models.TextField(blank=True)
    bytes_confirmed = models.BigIntegerField(default=0)
    message = models.TextField(blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_target_display()} of {self.video_id} ({self.state})"
