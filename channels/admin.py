"""The operators' admin for channels and who may work on them."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from channels.models import Channel, ChannelMembership
from videos.models import Job
from videos.services.jobs import JobAlreadyActive, job_enqueue


class MembershipInline(admin.TabularInline):
    model = ChannelMembership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "owner", "niche", "language", "aspect_ratio", "voice_engine", "publish_target",
                    "video_count"]
    list_filter = ["aspect_ratio", "language", "voice_engine", "publish_target", "review_required"]
    search_fields = ["name", "slug", "niche", "owner__username"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["owner", "music", "watermark"]
    list_select_related = ["owner"]
    inlines = [MembershipInline]
    actions = ["suggest_topics"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "owner", "niche", "audience", "tone", "language", "timezone"]}),
        ("Script", {"fields": ["target_seconds", "writer_order", "llm_model", "prompt_template"],
                    "description": "Leave the prompt template blank to use the built-in one written for narration."}),
        ("Voice", {"fields": ["voice_engine", "voice_name", "voice_rate", "voice_fallback"]}),
        ("Look", {"fields": ["aspect_ratio", "subtitle_style", "karaoke", "font_name", "primary_color", "accent_color",
                             "intro_text", "outro_text", "watermark", "music", "music_volume_db", "render_preset",
                             "render_crf"]}),
        ("Footage", {"fields": ["footage_sources", "footage_restricted_licences", "avoid_reuse_videos"]}),
        ("Publishing", {"fields": ["publish_target", "default_privacy", "category_id", "made_for_kids",
                                   "synthetic_media", "playlist_id", "cadence", "review_required", "autopilot_ahead"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The same rule as the studio and the API (staff see every channel).
        from channels.selectors import channels_for_user

        return channels_for_user(request.user).select_related("owner").annotate(video_total=Count("videos"))

    @admin.display(description="Videos", ordering="video_total")
    def video_count(self, channel: Channel) -> int:
        return channel.video_total

    @admin.action(description="Suggest 5 topics (as draft videos)")
    def suggest_topics(self, request: HttpRequest, queryset: QuerySet) -> None:
        for channel in queryset:
            try:
                job = job_enqueue(kind=Job.Kind.SUGGEST_TOPICS, channel=channel, params={"count": 5}, user=request.user)
                self.message_user(request, f"{channel}: suggesting topics (job #{job.pk}).", messages.SUCCESS)
            except JobAlreadyActive as exc:
                self.message_user(request, str(exc), messages.WARNING)


@admin.register(ChannelMembership)
class ChannelMembershipAdmin(admin.ModelAdmin):
    list_display = ["channel", "user", "role"]
    list_filter = ["role", "channel"]
    search_fields = ["user__username", "channel__name"]
    raw_id_fields = ["user"]
