"""Putting files into the library: creators' uploads and chosen stock items. Either way the file is
checked by content, capped in size, named by its SHA-256 and kept once however often it arrives."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import get_valid_filename
from PIL import Image

from assets import catalog
from assets.models import Asset
from assets.probe import MediaInfo, NotMedia, probe_file
from assets.sources.base import Candidate, FootageSource
from assets.sources.download import download_candidate
from assets.storage import TempFile, TooLarge, commit_temp, discard, write_temp
from faceless_site.mediastore import files
from faceless_site.uploads import too_large_message


class AssetRejected(ValueError):
    """The upload cannot go into the library; the message says why and what to do."""


def _chunks(file: Any) -> Iterator[bytes]:
    if hasattr(file, "chunks"):
        yield from file.chunks()
        return
    while chunk := file.read(1024 * 1024):
        yield chunk


def safe_name(name: str) -> str:
    # Only for display: the stored file is named by its hash, so no name can reach the file system.
    base = PurePath(str(name).replace("\\", "/")).name
    return (get_valid_filename(base) if base.strip(" .") else "upload")[:255]


def asset_upload(*, file: Any, user: Any, channel: Any = None, tags: str = "", title: str = "") -> Asset:
    """Add an uploaded image, clip or music file to the library (the channel's own when given).

    The same content uploaded twice returns the existing item, with the new tags added."""
    cap = settings.UPLOAD_MAX_BYTES
    if getattr(file, "size", None) and file.size > cap:
        raise AssetRejected(too_large_message(cap))
    try:
        temp = write_temp(_chunks(file), max_bytes=cap)
    except TooLarge:
        raise AssetRejected(too_large_message(cap)) from None
    if temp.size_bytes == 0:
        discard(temp)
        raise AssetRejected("The file is empty; choose the file again.")
    try:
        info = probe_file(temp.path)
        temp, info = _fit_image(temp, info)
    except NotMedia as exc:
        discard(temp)
        raise AssetRejected(str(exc)) from None
    name = safe_name(getattr(file, "name", "") or "upload")
    fields = {"source": Asset.Source.LIBRARY, "channel": channel, "original_name": name,
              "title": title or PurePath(name).stem.replace("_", " ")[:300], "tags": tags.strip()[:1000],
              "uploaded_by": user if getattr(user, "pk", None) else None}
    return _keep(temp, info, fields)


def _fit_image(temp: TempFile, info: MediaInfo) -> tuple[TempFile, MediaInfo]:
    """An image larger than a render uses is kept at IMAGE_MAX_SIDE pixels on its long side, in its own
    format and orientation, so that no render decodes more pixels than it shows. JPEGs are decoded at a
    fraction of their size (Pillow's draft), so even a 50-megapixel photo costs little memory here."""
    side = settings.IMAGE_MAX_SIDE
    if info.kind != "image" or max(info.width or 0, info.height or 0) <= side:
        return temp, info
    with Image.open(temp.path) as image:
        if getattr(image, "is_animated", False):
            return temp, info  # an animated GIF's frames are not worth re-encoding; a render takes its first
        fmt, exif = image.format, image.getexif()
        image.thumbnail((side, side), Image.Resampling.LANCZOS, reducing_gap=3.0)
        buffer = io.BytesIO()
        options = {"quality": 90} if fmt in ("JPEG", "WEBP") else {}
        image.save(buffer, fmt, exif=exif, **options) if exif else image.save(buffer, fmt, **options)
    scaled = write_temp([buffer.getvalue()], max_bytes=settings.UPLOAD_MAX_BYTES)
    discard(temp)
    return scaled, probe_file(scaled.path)


def _same_content(sha256: str, channel: Any) -> Any:
    """Items with this content in the same library (the channel's own, or the shared one): another
    channel's copy is never returned or changed, nor is its existence told."""
    items = Asset.objects.filter(sha256=sha256)
    return items.filter(channel=channel) if channel is not None else items.filter(channel__isnull=True)


def _keep(temp: TempFile, info: MediaInfo, fields: dict[str, Any]) -> Asset:
    """Create the Asset for a checked temp file, or return the one of the same library that already
    has this content. The file itself is kept once, by its content hash, whoever uses it."""
    existing = _same_content(temp.sha256, fields.get("channel")).first()
    if existing is not None:
        if files.media_exists(existing.file):
            discard(temp)
        else:  # the kept file was lost (a restore without media): the same content brings it back
            commit_temp(temp, extension=PurePath(existing.file).suffix)
        return _merge_tags(existing, fields.get("tags", ""))
    relative = commit_temp(temp, extension=info.extension)
    try:
        with transaction.atomic():
            return Asset.objects.create(
                file=relative, sha256=temp.sha256, size_bytes=temp.size_bytes, kind=info.kind,
                mime_type=info.mime_type, width=info.width, height=info.height,
                duration_seconds=info.duration_seconds, **fields,
            )
    except IntegrityError:  # another worker kept the same content a moment ago
        return _merge_tags(_same_content(temp.sha256, fields.get("channel")).get(), fields.get("tags", ""))


def _merge_tags(asset: Asset, tags: str) -> Asset:
    new = [t for t in tags.replace(",", " ").split() if t and t not in asset.tag_list]
    if new:
        asset.tags = " ".join([*asset.tag_list, *new])[:1000]
        asset.save(update_fields=["tags"])
    return asset


def asset_download(*, candidate: Candidate, source: FootageSource) -> Asset:
    """Keep a stock candidate in the library, with its source, author, page and licence.

    An item downloaded before is reused without a new download. Raises SourceError (with a message
    for the user) when the download or the check fails; nothing half-made is kept."""
    if candidate.asset_id:
        return Asset.objects.get(pk=candidate.asset_id)
    existing = Asset.objects.filter(source=candidate.provider, provider_id=candidate.provider_id).first()
    if existing is not None and candidate.provider != "unsplash":
        return existing
    source.record_use(candidate=candidate)  # Unsplash: every use is reported, even of a kept photo
    if existing is not None:
        return existing
    downloaded = download_candidate(candidate=candidate, source=source)
    fields = {"source": candidate.provider, "provider_id": candidate.provider_id, "channel": None,
              "title": (candidate.description or ", ".join(candidate.tags[:5]))[:300],
              "tags": " ".join(candidate.tags)[:1000], "description": candidate.description,
              "author": candidate.author[:200], "author_url": candidate.author_url[:500],
              "page_url": candidate.page_url[:500], "licence": candidate.licence[:200],
              "attribution": candidate.attribution[:500],
              "preview_url": candidate.preview_url[:1000],
              "original_name": PurePath(candidate.download_url.split("?")[0]).name[:255]}
    asset = _keep(downloaded.temp, downloaded.info, fields)
    catalog.store_item(candidate.provider, candidate.provider_id, candidate=candidate.to_json(), asset_id=asset.pk)
    return asset
