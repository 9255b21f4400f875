"""The media library: every image, clip and music bed, where it came from, and its licence."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Asset(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", "Image"
        VIDEO = "video", "Video clip"
        AUDIO = "audio", "Audio / music"

    class Source(models.TextChoices):
        LIBRARY = "library", "Local library"
        PEXELS = "pexels", "Pexels"
        PIXABAY = "pixabay", "Pixabay"
        UNSPLASH = "unsplash", "Unsplash"
        WIKIMEDIA = "wikimedia", "Wikimedia Commons"
        NASA = "nasa", "NASA"
        OPENVERSE = "openverse", "Openverse"
        GENERATED = "generated", "Generated"

    kind = models.CharField(max_length=10, choices=Kind.choices, db_index=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.LIBRARY, db_index=True)
    provider_id = models.CharField(max_length=100, blank=True, help_text="The id at the source.")
    channel = models.ForeignKey(
        "faceless_channels.Channel", null=True, blank=True, on_delete=models.CASCADE, related_name="assets",
        help_text="Set for a channel's own items (e.g. its music beds); blank for the shared library.",
    )
    file = models.CharField(max_length=500, help_text="Path under MEDIA_ROOT, named by content hash.")
    sha256 = models.CharField(max_length=64, db_index=True)
    original_name = models.CharField(max_length=255, blank=True)
    mime_type = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=300, blank=True)
    tags = models.CharField(max_length=1000, blank=True, help_text="Space- or comma-separated keywords.")
    description = models.TextField(blank=True, help_text="The provider's description, or your own notes.")
    preview_url = models.URLField(
        max_length=1000, blank=True, help_text="The provider's hotlinked preview (Unsplash requires hotlinking).",
    )
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    duration_seconds = models.FloatField(null=True, blank=True)
    size_bytes = models.BigIntegerField(default=0)

    author = models.CharField(max_length=200, blank=True)
    author_url = models.URLField(max_length=500, blank=True)
    page_url = models.URLField(max_length=500, blank=True)
    licence = models.CharField(max_length=200, blank=True)
    attribution = models.CharField(
        max_length=500, blank=True, help_text="The credit line the licence asks for, put into the video's description.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["source", "provider_id"])]
        # One item per content in each channel's library and one in the shared library; two channels
        # with the same file each have their own item (their tags and titles are theirs), one file on disk.
        constraints = [
            models.UniqueConstraint(fields=["channel", "sha256"], condition=models.Q(channel__isnull=False),
                                    name="asset_content_once_per_channel"),
            models.UniqueConstraint(fields=["sha256"], condition=models.Q(channel__isnull=True),
                                    name="asset_content_once_in_shared_library"),
        ]

    def __str__(self) -> str:
        return self.title or self.original_name or f"Asset {self.pk}"

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.replace(",", " ").split() if t]

    @property
    def credit(self) -> str:
        if self.source in (self.Source.LIBRARY, self.Source.GENERATED) and not self.author:
            return ""
        by = f" by {self.author}" if self.author else ""
        return f"{self.get_kind_display()}{by} on {self.get_source_display()}" + (
            f" ({self.page_url})" if self.page_url else ""
        )
