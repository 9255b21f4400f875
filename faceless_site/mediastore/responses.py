"""Downloads of media kept in a remote store, for the permission-checked views
(faceless_site.media.serve_file sends local files itself)."""

from __future__ import annotations

import mimetypes
import re

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse

from faceless_site.mediastore.errors import MediaMissing, MediaStoreError
from faceless_site.mediastore.files import _s3, _storage, kind

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$", re.IGNORECASE)
UNSATISFIABLE = "unsatisfiable"


def parse_range(header: str, size: int) -> tuple[int, int] | str | None:
    """(first, last) byte positions of a single byte range; UNSATISFIABLE when it starts past the end;
    None when the header is not one this server understands (malformed, another unit, several ranges),
    which RFC 9110 (section 14.2) has the server ignore: the whole file is sent."""
    match = _RANGE.match(header.strip())
    if not match:
        return None
    first, last = match.groups()
    if first == "":
        if last == "":
            return None  # "bytes=-": no range at all
        length = min(int(last), size)  # "bytes=-500": the last 500 bytes
        return (size - length, size - 1) if length else UNSATISFIABLE
    start = int(first)
    if last and int(last) < start:
        return None  # "bytes=9-3" is invalid, not unsatisfiable (section 14.1.1)
    if start >= size:
        return UNSATISFIABLE
    return start, min(int(last), size - 1) if last else size - 1


def remote_response(request: HttpRequest, name: str, *, download_name: str = "") -> HttpResponse:
    """A file of a remote store for a browser or an API client, after the caller checked its permission
    (faceless_site.media.serve_file sends local files itself): streamed with HTTP Range, or with
    MEDIA_DOWNLOADS=redirect a redirect to a presigned URL valid MEDIA_PRESIGN_SECONDS. No page ever
    shows the store's address, bucket or credentials. 404 for a missing file, 503 when the store fails."""
    try:
        if kind() == "s3":
            return _s3_response(request, name, download_name)
        handle = _storage().open(name, "rb")
    except (MediaMissing, FileNotFoundError):
        raise Http404("The file is missing.") from None
    except MediaStoreError as exc:
        return HttpResponse(exc.message, status=503, content_type="text/plain; charset=utf-8")
    response = FileResponse(handle, content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")
    return _private(response, download_name)


def _private(response: HttpResponse, download_name: str) -> HttpResponse:
    if download_name:
        response["Content-Disposition"] = f'attachment; filename="{download_name}"'
    response["Cache-Control"] = "private, max-age=300"  # a shared cache must never hand one user's file to another
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _s3_response(request: HttpRequest, name: str, download_name: str) -> HttpResponse:
    store = _s3()
    if settings.MEDIA_DOWNLOADS == "redirect":
        store.head(name)  # a missing file is the studio's 404, not the store's
        response = HttpResponseRedirect(store.presign(name, seconds=settings.MEDIA_PRESIGN_SECONDS,
                                                      download_name=download_name))
        response["Cache-Control"] = "no-store"
        return response
    wanted = ""
    if header := request.headers.get("Range", "").strip():  # read as a local file's is (RFC 9110 section 14)
        size = int(store.head(name)["ContentLength"])
        byte_range = parse_range(header, size)
        if byte_range == UNSATISFIABLE:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        if byte_range is not None:
            wanted = f"bytes={byte_range[0]}-{byte_range[1]}"
    answer = store.get(name, byte_range=wanted)
    status = 206 if answer.get("ContentRange") else 200
    response = StreamingHttpResponse(store.stream(answer["Body"], name), status=status,
                                     content_type=answer.get("ContentType") or "application/octet-stream")
    response["Content-Length"] = str(answer["ContentLength"])
    if answer.get("ContentRange"):
        response["Content-Range"] = answer["ContentRange"]
    response["Accept-Ranges"] = "bytes"
    return _private(response, download_name)
