"""The asset library page (search and upload) and the permission-checked file view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_http_methods

from assets.models import Asset
from channels.selectors import can_edit, can_view, channels_for_user
from faceless_site.media import serve_file
from faceless_site.uploads import limit_text, upload_refusal

PAGE_SIZE = 48


def _scope(request: HttpRequest, channels: list) -> object | None:
    slug = request.GET.get("channel") or request.POST.get("channel") or ""
    return next((c for c in channels if c.slug == slug), None)


@login_required
@require_http_methods(["GET", "POST"])
def asset_library(request: HttpRequest) -> HttpResponse:
    channels = list(channels_for_user(request.user))
    channel = _scope(request, channels)
    if request.method == "POST":
        return _upload(request, channel)
    from assets.selectors import asset_search

    kind = request.GET.get("kind", "")
    query = request.GET.get("q", "").strip()[:200]
    results = asset_search(query=query, kind=kind if kind in Asset.Kind.values else None, channel=channel)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "kind": kind, "kinds": Asset.Kind.choices, "channels": channels,
               "channel": channel, "upload_channels": [c for c in channels if can_edit(request.user, c)],
               "upload_limit": limit_text()}
    template = "assets/_results.html" if request.htmx and request.htmx.target == "results" else "assets/library.html"
    return TemplateResponse(request, template, context)


def _upload(request: HttpRequest, channel) -> HttpResponse:
    from assets.services import AssetRejected, asset_upload

    back = f"{request.path}?channel={channel.slug}" if channel else request.path
    upload = request.FILES.get("file")
    if upload is None:
        refusal = upload_refusal(request)
        messages.error(request, refusal or "Choose a file to upload (an image, a video clip or an audio file).")
        return redirect(back)
    if channel is None and not request.user.is_staff:
        messages.error(request, "Pick one of your channels: only operators add to the shared library.")
        return redirect(back)
    if channel is not None and not can_edit(request.user, channel):
        messages.error(request, "Viewers cannot upload; ask the channel's owner for the editor role.")
        return redirect(back)
    try:
        asset = asset_upload(file=upload, user=request.user, channel=channel,
                             tags=request.POST.get("tags", "")[:1000], title=request.POST.get("title", "")[:300])
    except AssetRejected as exc:
        messages.error(request, f"{upload.name}: {exc}")
    else:
        messages.success(request, f"Added “{asset}” ({asset.get_kind_display().lower()}).")
    return redirect(back)


@login_required
@require_GET
def asset_file(request: HttpRequest, pk: int) -> HttpResponse:
    asset = Asset.objects.select_related("channel__owner").filter(pk=pk).first()
    if asset is None or (asset.channel is not None and not can_view(request.user, asset.channel)):
        raise Http404("No such asset.")
    return serve_file(request, asset.file)
