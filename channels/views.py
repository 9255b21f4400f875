"""Channel pages: the dashboard board, creating a channel, and its settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from channels.forms import SETTINGS_SECTIONS, ChannelCreateForm, ChannelSettingsForm
from channels.models import Channel
from channels.selectors import can_manage, channel_for_user


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    from videos.selectors import board_for_user, upcoming_for_user

    context = {"boards": board_for_user(request.user), "upcoming": upcoming_for_user(request.user)}
    return TemplateResponse(request, "channels/dashboard.html", context)


def _add_service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
@require_http_methods(["GET", "POST"])
def channel_new(request: HttpRequest) -> HttpResponse:
    form = ChannelCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from channels.services import channel_create

        try:
            channel = channel_create(owner=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, f"Created “{channel.name}”. Add your first video below.")
            return redirect("channel_settings", slug=channel.slug)
    return TemplateResponse(request, "channels/new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def channel_settings(request: HttpRequest, slug: str) -> HttpResponse:
    channel = channel_for_user(request.user, slug)
    editable = can_manage(request.user, channel)
    form = ChannelSettingsForm(request.POST or None, instance=channel)
    if request.method == "POST":
        if not editable:
            messages.error(request, "Only the channel's owner can change its settings.")
            return redirect("channel_settings", slug=channel.slug)
        if form.is_valid():
            from channels.services import channel_update

            try:
                channel_update(channel=Channel.objects.get(pk=channel.pk), user=request.user,
                               **form.service_fields())
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(request, "Settings saved. New videos use them; re-render a video to apply them.")
                return redirect("channel_settings", slug=channel.slug)
    context = {"channel": channel, "form": form, "editable": editable, "youtube": _youtube_state(channel),
               "preview": _preview(channel, channel.aspect_ratio, channel.subtitle_style),
               "sections": [(title, [form[name] for name in names]) for title, names in SETTINGS_SECTIONS]}
    return TemplateResponse(request, "channels/settings.html", context, status=400 if form.errors else 200)


def _youtube_state(channel: Channel) -> dict[str, object]:
    from django.conf import settings

    from publishing.models import YouTubeAccount

    return {"configured": bool(settings.GOOGLE_OAUTH_CLIENT_ID),
            "account": YouTubeAccount.objects.filter(channel=channel).first()}


@login_required
@require_POST
def youtube_disconnect(request: HttpRequest, slug: str) -> HttpResponse:
    channel = channel_for_user(request.user, slug, manage=True)
    from publishing.services import youtube_account_disconnect

    youtube_account_disconnect(channel=channel)
    messages.success(request, "YouTube disconnected. Scheduled videos wait until you connect again.")
    return redirect("channel_settings", slug=channel.slug)


@login_required
def subtitle_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The preview frame, redrawn by htmx as the look fields change (before saving)."""
    channel = channel_for_user(request.user, slug)
    aspect = request.GET.get("aspect_ratio", channel.aspect_ratio)
    style = request.GET.get("subtitle_style", channel.subtitle_style)
    if aspect not in Channel.AspectRatio.values:
        aspect = channel.aspect_ratio
    if style not in Channel.SubtitleStyle.values:
        style = channel.subtitle_style
    return TemplateResponse(request, "channels/_subtitle_preview.html", _preview(channel, aspect, style))


def _preview(channel: Channel, aspect: str, style: str) -> dict[str, str]:
    return {"aspect_class": "r" + aspect.replace(":", "x"), "style": style,
            "sample": channel.intro_text or "Every scene gets its words on screen."}
