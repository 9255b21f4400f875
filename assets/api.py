"""/api/assets: search the library, read one item, upload a file (checked by its content)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import File, Form, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from assets.models import Asset
from channels.permissions import can_edit, can_view
from channels.selectors import channels_for_user
from faceless_site.apitools import MAX_ID, ErrorOut, Id, Pagination, Text, resolve_hints

router = Router(tags=["assets"])


class AssetOut(Schema):
    id: int
    kind: str
    source: str
    channel_id: int | None
    title: str
    tags: str
    original_name: str
    mime_type: str
    width: int | None
    height: int | None
    duration_seconds: float | None
    size_bytes: int
    author: str
    licence: str
    page_url: str
    credit: str
    created_at: datetime


class AssetFilter(Schema):
    q: Text = ""
    kind: Literal["image", "video", "audio"] | None = None
    channel_id: Id | None = None


def _channel(request: HttpRequest, channel_id: int | None):
    if channel_id is None:
        return None
    channel = channels_for_user(request.user).filter(pk=channel_id).first()
    if channel is None:
        from django.http import Http404

        raise Http404("No such channel.")
    return channel


@router.get("", response=list[AssetOut])
@paginate(Pagination)
@resolve_hints
def list_assets(request: HttpRequest, filters: Query[AssetFilter]):
    """Search the shared library, plus one channel's own items when `channel_id` is given. A channel you
    cannot see finds nothing (an empty list, as `GET /api/videos?channel_id=` answers), never a 404."""
    from assets.selectors import asset_search

    channel = None
    if filters.channel_id is not None:
        channel = channels_for_user(request.user).filter(pk=filters.channel_id).first()
        if channel is None:
            return Asset.objects.none()
    return asset_search(query=filters.q[:200], kind=filters.kind, channel=channel)


@router.get("/{asset_id}", response={200: AssetOut, 404: ErrorOut})
def get_asset(request: HttpRequest, asset_id: int = Path(..., ge=1, le=MAX_ID)):
    asset = Asset.objects.select_related("channel__owner").filter(pk=asset_id).first()
    if asset is None or (asset.channel is not None and not can_view(request.user, asset.channel)):
        return Status(404, {"detail": "No such asset."})
    return asset


@router.post("", response={201: AssetOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
@resolve_hints
def upload_asset(request: HttpRequest, file: File[UploadedFile], channel_id: Form[Id | None] = None,
                 tags: Form[str] = "", title: Form[str] = ""):
    """Upload an image, clip or audio file. Without `channel_id` it goes to the shared library (staff only)."""
    from assets.services import asset_upload

    channel = _channel(request, channel_id)
    if channel is None and not request.user.is_staff:
        raise PermissionDenied("Give a channel_id: only operators add to the shared library.")
    if channel is not None and not can_edit(request.user, channel):
        raise PermissionDenied("Viewers cannot upload; ask the channel's owner for the editor role.")
    # PostgreSQL text cannot hold NUL; it carries no meaning in a tag or a title.
    tags, title = tags.replace("\x00", "")[:1000], title.replace("\x00", "")[:300]
    return Status(201, asset_upload(file=file, user=request.user, channel=channel, tags=tags, title=title))
