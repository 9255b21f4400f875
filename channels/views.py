"""Channel pages: the dashboard board, creating a channel, and its settings."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from channels.forms import SETTINGS_SECTIONS, ChannelCreateForm, ChannelSettingsForm
from channels.models import Channel
from channels.selectors import can_edit, can_manage, channel_for_user, channels_for_user
from videos.selectors import (
    BOARD_COLUMNS,
    active_jobs_prefetch,
    board_for_user,
    column_statuses,
    upcoming_for_user,
    video_list_for_user,
)

LIST_PAGE_SIZE = 25


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Each channel's board (column counts and the newest cards) and the paged list of every video,
    filtered by channel and status and searched by title or topic. An htmx request for the list
    (filtering, paging) gets the list alone."""
    channels = list(channels_for_user(request.user))
    chosen = next((c for c in channels if c.slug == request.GET.get("channel")), None)
    status = request.GET.get("status", "")
    status = status if status in dict(BOARD_COLUMNS) else ""
    query = request.GET.get("q", "").strip()[:200]
    videos = video_list_for_user(request.user, channels=channels, channel_id=chosen.pk if chosen else None,
                                 statuses=column_statuses(status) if status else (), query=query
                                 ).prefetch_related(active_jobs_prefetch())
    filters = {"q": query, "status": status, "channel": chosen.slug if chosen else ""}
    context = {"page": Paginator(videos, LIST_PAGE_SIZE).get_page(request.GET.get("page")), "channels": channels,
               "filters": filters, "columns": BOARD_COLUMNS, "chosen": chosen,
               "filter_query": urlencode({k: v for k, v in filters.items() if v})}
    if request.htmx and request.htmx.target == "videos":
        return TemplateResponse(request, "channels/_videos.html", context)
    context.update(boards=board_for_user(request.user, channels), upcoming=upcoming_for_user(request.user))
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
            # The settings page has no New video button: the message says where the next step is.
            messages.success(request, f"Created “{channel.name}”. Check its voice, footage sources and publishing "
                                      "slots below and save; then add its first video with “New video” on the "
                                      "dashboard.")
            _warn_about_voice(request, channel)
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
                _warn_about_voice(request, Channel.objects.get(pk=channel.pk))
                return redirect("channel_settings", slug=channel.slug)
    context = {"channel": channel, "form": form, "editable": editable, "youtube": _youtube_state(channel),
               "can_preview_voice": can_edit(request.user, channel),
               "preview": _preview(channel, channel.aspect_ratio, channel.subtitle_style),
               "sections": [(title, [form[name] for name in names]) for title, names in SETTINGS_SECTIONS]}
    return TemplateResponse(request, "channels/settings.html", context, status=400 if form.errors else 200)


def _warn_about_voice(request: HttpRequest, channel: Channel) -> None:
    from channels.selectors import channel_voice_warning

    warning = channel_voice_warning(channel)
    if warning:
        messages.warning(request, f"Voice: {warning}")


def _youtube_state(channel: Channel) -> dict[str, object]:
    from publishing.selectors import youtube_state

    return youtube_state(channel)


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


def _voice_choice(data, channel: Channel) -> dict[str, object]:
    """The voice fields from the form (saved or not), each kept to what the channel could save."""
    from videos.voice import ENGINES

    engine = data.get("voice_engine", channel.voice_engine)
    rate = data.get("voice_rate", "")
    return {"voice_engine": engine if engine in ENGINES else channel.voice_engine,
            "voice_name": data.get("voice_name", channel.voice_name)[:64],
            "voice_rate": int(rate) if rate.isdigit() and 80 <= int(rate) <= 400 else channel.voice_rate}


@login_required
@require_POST
def voice_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The <audio> player for a sample of the chosen voice, or why it cannot speak (htmx swaps it in).
    A POST: making a sample may spend a cloud voice's credit."""
    from channels.services import voice_sample_create

    channel = channel_for_user(request.user, slug, edit=True)
    choice = _voice_choice(request.POST, channel)
    sample = voice_sample_create(channel=channel, user=request.user, **choice)
    return TemplateResponse(request, "channels/_voice_sample.html",
                            {"channel": channel, "query": urlencode(choice), "error": sample.error,
                             "warning": sample.warning, "engine": choice["voice_engine"],
                             "voice": choice["voice_name"]})


@login_required
@require_GET
def voice_sample(request: HttpRequest, slug: str) -> HttpResponse:
    """The sample voice_preview made; never makes one (a GET spends nothing)."""
    from channels.services import voice_sample_find
    from faceless_site.media import serve_file

    channel = channel_for_user(request.user, slug, edit=True)
    relative = voice_sample_find(channel=channel, user=request.user, **_voice_choice(request.GET, channel))
    if not relative:
        return HttpResponse("This sample is no longer kept. Load the sample again.", status=404,
                            content_type="text/plain; charset=utf-8")
    return serve_file(request, relative)


@login_required
@require_POST
def suggest_topics(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask the channel's writers for five new topic ideas, as draft videos (a job)."""
    channel = channel_for_user(request.user, slug, edit=True)
    from videos.models import Job
    from videos.services.jobs import JobAlreadyActive, job_enqueue

    try:
        job_enqueue(kind=Job.Kind.SUGGEST_TOPICS, channel=channel, params={"count": 5}, user=request.user)
        messages.success(request, f"Suggesting topics for “{channel.name}”: they appear as drafts when the job "
                                  "ends (see Jobs).")
    except JobAlreadyActive:
        messages.warning(request, f"Topics are already being suggested for “{channel.name}”.")
    return redirect("dashboard")
