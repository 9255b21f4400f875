"""Fetch a chosen candidate's file: only over http(s), only from a host the source serves media
from (every redirect hop is checked too), streamed under the size cap into a temporary file, and
checked by content before anything is kept."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import structlog
from django.conf import settings

from assets.probe import MediaInfo, NotMedia, check_decodes, probe_file
from assets.sources.base import Candidate, FootageSource, SourceError
from assets.storage import TempFile, TooLarge, discard, write_temp

log = structlog.get_logger(__name__)
MAX_REDIRECTS = 5
ACCEPTED_TYPES = {"video": ("video/", "application/ogg", "application/octet-stream", "binary/octet-stream"),
                  "image": ("image/", "application/octet-stream", "binary/octet-stream")}


class DownloadFailed(SourceError):
    pass


def _failed(source: FootageSource, text: str) -> DownloadFailed:
    return DownloadFailed(source.name, f"The {source.name.capitalize()} {text}")


@dataclass(frozen=True)
class Downloaded:
    temp: TempFile
    info: MediaInfo


def check_url(url: str, *, source: FootageSource) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        raise DownloadFailed(source.name, "The download link is not a valid URL; pick another candidate.") from None
    if parsed.scheme not in ("http", "https") or parsed.host not in source.media_hosts():
        raise DownloadFailed(source.name, f"Refused to download from {parsed.host or 'an unknown host'}: "
                                          f"{source.name} does not serve media from there.")
    return parsed


def download_candidate(*, candidate: Candidate, source: FootageSource) -> Downloaded:
    """Download and verify; the caller commits `temp` into the library or discards it."""
    url = check_url(candidate.download_url, source=source)
    read_timeout = getattr(settings, "STOCK_DOWNLOAD_READ_TIMEOUT", 30.0)
    with httpx.Client(timeout=httpx.Timeout(read_timeout, connect=5.0), follow_redirects=False) as client:
        temp = _stream(client, url, candidate=candidate, source=source)
    try:
        info = probe_file(temp.path)
        if info.kind == "video":
            check_decodes(temp.path)
    except NotMedia as exc:
        discard(temp)
        raise _failed(source, f"file is not a usable {candidate.kind}: {exc}") from None
    if info.kind != candidate.kind:
        discard(temp)
        raise _failed(source, f"file is {info.kind}, not the {candidate.kind} "
                                          "its listing promised; skipped it.")
    return Downloaded(temp, info)


def _stream(client: httpx.Client, url: httpx.URL, *, candidate: Candidate, source: FootageSource) -> TempFile:
    cap = settings.STOCK_DOWNLOAD_MAX_BYTES
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            with client.stream("GET", url) as response:
                if response.is_redirect:
                    url = check_url(str(url.join(response.headers.get("location", ""))), source=source)
                    continue
                _check_response(response, candidate=candidate, source=source, cap=cap)
                temp = write_temp(_chunks(response), max_bytes=cap)
                _check_complete(response, temp, source=source)
                return temp
    except TooLarge as exc:
        raise _failed(source, f"file was skipped: {exc}") from None
    except httpx.HTTPError as exc:
        log.warning("stock.download_failed", provider=source.name, error=type(exc).__name__)
        raise _failed(source, f"download stopped part way ({type(exc).__name__}); "
                                          "nothing was kept.") from None
    raise _failed(source, "download redirected too many times.")


def _check_response(response: httpx.Response, *, candidate: Candidate, source: FootageSource, cap: int) -> None:
    if response.status_code != 200:
        raise _failed(source, f"download failed ({response.status_code}).")
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and not content_type.startswith(ACCEPTED_TYPES[candidate.kind]):
        raise _failed(source, f"download is {content_type}, not a {candidate.kind}.")
    length = response.headers.get("content-length")
    if length and length.isdigit() and int(length) > cap:
        raise TooLarge(f"the file is larger than the {cap // (1024 * 1024)} MB limit")


def _chunks(response: httpx.Response) -> Iterator[bytes]:
    deadline = time.monotonic() + getattr(settings, "STOCK_DOWNLOAD_TOTAL_TIMEOUT", 600.0)
    for chunk in response.iter_bytes(64 * 1024):
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the whole download took too long")
        yield chunk


def _check_complete(response: httpx.Response, temp: TempFile, *, source: FootageSource) -> None:
    length = response.headers.get("content-length")
    if length and length.isdigit() and int(length) != temp.size_bytes:
        discard(temp)
        raise _failed(source, "download stopped part way; nothing was kept.")
