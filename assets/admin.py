"""The library in the admin: every item with its source, author, licence and credit; uploads are
checked by content through the same `asset_upload` service the studio pages use."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from assets.models import Asset
from assets.services import AssetRejected, asset_upload
from assets.services.credits import asset_credit_line

METADATA = ["title", "tags", "description", "channel", "author", "author_url", "page_url", "licence"]


class AssetUploadForm(forms.ModelForm):
    upload = forms.FileField(help_text="An image (JPEG, PNG, WebP, GIF), a clip (MP4, WebM) or music "
                                       "(MP3, WAV, OGG, FLAC, M4A). Checked by its content, not its name.")
    user: Any = None  # set per request by AssetAdmin.get_form

    class Meta:
        model = Asset
        fields = ["upload", *METADATA]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload is not None and not self.errors:
            try:
                self.uploaded = asset_upload(file=upload, user=self.user, channel=cleaned.get("channel"),
                                             tags=cleaned.get("tags", ""), title=cleaned.get("title", ""))
            except AssetRejected as exc:
                raise forms.ValidationError({"upload": str(exc)}) from None
        return cleaned

    def save(self, commit: bool = True) -> Asset:
        # The service made the row (or found the same content already kept); add what the form says.
        asset = self.uploaded
        for name in METADATA:
            value = self.cleaned_data.get(name)
            if value and name != "tags":
                setattr(asset, name, value)
        if commit:
            asset.save()
        return asset

    def save_m2m(self) -> None:
        pass


@admin.register(Asset)
class AssetAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "kind", "source", "channel", "dimensions", "duration", "size", "credit_link",
                    "created_at"]
    list_filter = ["kind", "source", "channel", "created_at"]
    search_fields = ["title", "tags", "description", "author", "original_name", "provider_id", "sha256"]
    list_select_related = ["channel"]
    date_hierarchy = "created_at"
    readonly_fields = ["preview", "credit", "source", "provider_id", "file", "sha256", "original_name", "mime_type",
                       "width", "height", "duration_seconds", "size_bytes", "preview_url", "uploaded_by",
                       "created_at"]
    fieldsets = [
        (None, {"fields": ["preview", "title", "tags", "description", "channel"]}),
        ("Source and licence", {"fields": ["credit", "source", "provider_id", "author", "author_url", "page_url",
                                           "licence", "preview_url"]}),
        ("File", {"fields": ["file", "original_name", "mime_type", "width", "height", "duration_seconds",
                             "size_bytes", "sha256", "uploaded_by", "created_at"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["upload", "title", "tags", "description", "channel"]}),
        ("Credit (for items from elsewhere)", {"fields": ["author", "author_url", "page_url", "licence"]}),
    ]

    def get_fieldsets(self, request: HttpRequest, obj: Asset | None = None):
        return self.add_fieldsets if obj is None else self.fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Asset | None = None):
        return [] if obj is None else self.readonly_fields

    def get_form(self, request: HttpRequest, obj: Asset | None = None, change: bool = False, **kwargs: Any):
        if obj is None:
            kwargs["form"] = AssetUploadForm
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    @admin.display(description="Size")
    def dimensions(self, asset: Asset) -> str:
        return f"{asset.width}×{asset.height}" if asset.width and asset.height else "—"

    @admin.display(description="Length", ordering="duration_seconds")
    def duration(self, asset: Asset) -> str:
        return f"{asset.duration_seconds:.1f} s" if asset.duration_seconds else "—"

    @admin.display(description="Bytes", ordering="size_bytes")
    def size(self, asset: Asset) -> str:
        return f"{asset.size_bytes / (1024 * 1024):.1f} MB" if asset.size_bytes >= 1024 * 1024 \
            else f"{asset.size_bytes / 1024:.0f} kB"

    @admin.display(description="Credit")
    def credit_link(self, asset: Asset) -> str:
        if not asset.page_url:
            return asset.author or "—"
        return format_html('<a href="{}" rel="noopener" target="_blank">{}</a>', asset.page_url,
                           asset.author or asset.get_source_display())

    @admin.display(description="Credit line (as in video descriptions)")
    def credit(self, asset: Asset) -> str:
        line = asset_credit_line(asset)
        if not line:
            return "No credit needed (your own upload without an author)."
        author = format_html(' · <a href="{}" rel="noopener" target="_blank">Author</a>', asset.author_url) \
            if asset.author_url else ""
        page = format_html(' · <a href="{}" rel="noopener" target="_blank">Source page</a>', asset.page_url) \
            if asset.page_url else ""
        return format_html("{}{}{}", line, author, page)

    @admin.display(description="Preview")
    def preview(self, asset: Asset) -> str:
        # Unsplash asks that its own URLs be shown; everything else is served from our library (through
        # the permission-checked view: /media/ has no route, and with an object store no file there).
        url = asset.preview_url if asset.source == Asset.Source.UNSPLASH and asset.preview_url \
            else reverse("asset_file", args=[asset.pk])
        if asset.kind == Asset.Kind.IMAGE:
            return format_html('<img src="{}" alt="{}" style="max-width:320px;max-height:240px">', url, str(asset))
        if asset.kind == Asset.Kind.VIDEO:
            return format_html('<video src="{}" controls muted preload="metadata" style="max-width:320px"></video>',
                               url)
        return format_html('<audio src="{}" controls preload="none"></audio>', url)
