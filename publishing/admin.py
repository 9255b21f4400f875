"""Operators' admin for publishing: publications with publish/schedule actions, the YouTube
accounts (tokens never shown), and the quota ledger. Actions call the same services the pages and
manage.py commands use."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html

from publishing.models import Publication, QuotaUsage, YouTubeAccount
from publishing.services import publication_schedule, publication_unschedule
from videos.models import Job
from videos.selectors import titles_prefetch
from videos.services.jobs import JobAlreadyActive, job_enqueue


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["video", "target", "state", "scheduled_for", "due_at", "upload_progress", "link", "updated_at"]
    list_filter = ["target", "state", "video__channel"]
    search_fields = ["video__topic", "external_id", "message"]
    date_hierarchy = "scheduled_for"
    list_select_related = ["video"]
    readonly_fields = ["video", "render", "external_id", "external_url", "upload_uri", "bytes_confirmed",
                       "bytes_total", "thumbnail_set_at", "playlist_item_id", "lock_owner", "locked_until",
                       "metadata", "published_at", "scheduled_by", "created_at", "updated_at"]
    fields = ["video", "target", "state", "scheduled_for", "due_at", "not_before", "message", *readonly_fields[1:]]
    actions = ["publish_now", "schedule_next_slot", "unschedule"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The video column shows the video's title, which comes from its current script.
        return super().get_queryset(request).prefetch_related(titles_prefetch("video__scripts"))

    @admin.display(description="Uploaded")
    def upload_progress(self, publication: Publication) -> str:
        if not publication.bytes_total:
            return "—"
        return f"{100 * publication.bytes_confirmed // publication.bytes_total}%"

    @admin.display(description="Link")
    def link(self, publication: Publication) -> str:
        if publication.external_url.startswith("https://"):
            return format_html('<a href="{}" rel="noopener">{}</a>', publication.external_url, publication.external_id)
        return publication.external_url or "—"

    @admin.action(description="Publish now (or continue publishing)")
    def publish_now(self, request: HttpRequest, queryset: QuerySet[Publication]) -> None:
        for publication in queryset.select_related("video"):
            try:
                job_enqueue(kind=Job.Kind.PUBLISH, video=publication.video, user=request.user)
            except JobAlreadyActive as exc:
                self.message_user(request, str(exc), messages.WARNING)
        self.message_user(request, "Publish jobs started; progress shows on the jobs page.")

    @admin.action(description="Schedule in the channel's next free slot")
    def schedule_next_slot(self, request: HttpRequest, queryset: QuerySet[Publication]) -> None:
        for publication in queryset.select_related("video"):
            try:
                scheduled = publication_schedule(video=publication.video, user=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{publication.video}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                when = scheduled.scheduled_for
                self.message_user(request, f"{publication.video}: scheduled for {when:%Y-%m-%d %H:%M %Z}.")

    @admin.action(description="Take off the calendar")
    def unschedule(self, request: HttpRequest, queryset: QuerySet[Publication]) -> None:
        for publication in queryset.select_related("video"):
            publication_unschedule(video=publication.video)


@admin.register(YouTubeAccount)
class YouTubeAccountAdmin(admin.ModelAdmin):
    list_display = ["channel", "title", "youtube_channel_id", "state", "user", "refreshed_at", "last_error"]
    list_filter = ["state"]
    search_fields = ["title", "youtube_channel_id", "channel__name"]
    list_select_related = ["channel", "user"]  # user may be empty, which a bare select_related() skips
    # The encrypted grant is never shown or editable here.
    fields = ["channel", "title", "youtube_channel_id", "user", "state", "last_error", "scopes", "connected_at",
              "refreshed_at"]
    readonly_fields = ["channel", "title", "youtube_channel_id", "user", "scopes", "connected_at", "refreshed_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # accounts come from the Google sign-in, never typed in


@admin.register(QuotaUsage)
class QuotaUsageAdmin(admin.ModelAdmin):
    list_display = ["day", "project", "bucket", "used", "calls", "exhausted", "updated_at"]
    list_filter = ["project", "bucket", "exhausted"]
    date_hierarchy = "day"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: QuotaUsage | None = None) -> bool:
        return False
