"""Serving private media (renders, narration, library files) with HTTP Range support.

The caller checks permission first; this module only turns a path under MEDIA_ROOT into a response
that <video> and <audio> can seek in. Django's FileResponse ignores Range, and browsers (Chromium
in particular) need 206 responses to seek or even to report a duration for some files.
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse

from faceless_site.mediastore import files
from faceless_site.mediastore.responses import UNSATISFIABLE, parse_range, remote_response

CHUNK_BYTES = 64 * 1024


def media_path(relative: str, *, root: Path | None = None) -> Path:
    """The absolute path of a file under MEDIA_ROOT (or `root`); 404 for anything missing or outside it."""
    if not relative:
        raise Http404("No file.")
    root = Path(root or settings.MEDIA_ROOT).resolve()
    path = (root / relative).resolve()
    if root not in path.parents or not path.is_file():
        raise Http404("The file is missing.")
    return path


def _read_range(path: Path, start: int, length: int):
    with path.open("rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK_BYTES, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk


def serve_file(request: HttpRequest, relative: str, *, download_name: str = "",
               root: Path | None = None) -> HttpResponse:
    if root is None and not files.is_local():  # media in an object store: streamed from it, or redirected
        if not relative:
            raise Http404("No file.")
        return remote_response(request, relative, download_name=download_name)
    path = media_path(relative, root=root)
    size = path.stat().st_size
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    byte_range = parse_range(request.headers.get("Range", ""), size)
    if byte_range is None:
        response = FileResponse(path.open("rb"), content_type=content_type)
        if download_name:
            response["Content-Disposition"] = f'attachment; filename="{download_name}"'
    else:
        if byte_range == UNSATISFIABLE:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        start, end = byte_range
        response = StreamingHttpResponse(_read_range(path, start, end - start + 1), status=206,
                                         content_type=content_type)
        response["Content-Length"] = str(end - start + 1)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    # Private: a shared cache must never hand one user's render to another.
    response["Cache-Control"] = "private, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def file_exists(relative: str) -> bool:
    if not relative:
        return False
    if not files.is_local():
        return files.media_exists(relative)
    return os.path.isfile(Path(settings.MEDIA_ROOT) / relative)
