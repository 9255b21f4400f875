"""Wikimedia Commons pictures and clips, without a key (commons.wikimedia.org/w/api.php).

One search request returns each file's sizes, MIME type and `extmetadata` (LicenseShortName,
LicenseUrl, Artist as HTML, Credit, AttributionRequired, ImageDescription, Categories). The API's
etiquette is followed: a descriptive User-Agent with a contact (WIKIMEDIA_CONTACT), one request at a
time, `maxlag=5` with a short wait and retry when the servers lag, and a spent budget on
`ratelimited`; both errors arrive in a 200 body.

Stills come as the server's scaled rendition (`iiurlwidth`), so a TIFF or a 200-megapixel scan
arrives as a 1920-pixel JPEG; SVG drawings are not footage and are skipped. Clips are WebM or Ogg
(checked to decode before use). Files whose licence is missing or outside the channel's allowed
list are skipped, each with its reason logged.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

import httpx
import structlog
from django.conf import settings

from assets import catalog
from assets.sources.base import Candidate, SourceError
from assets.sources.http import Api, Busy, get_json, host_of
from assets.sources.licences import NEEDS_CREDIT, credit_line, licence_code, licence_label

log = structlog.get_logger(__name__)
MEDIA_HOSTS = ("upload.wikimedia.org",)
VIDEO_MIME = ("video/webm", "video/ogg", "application/ogg")
STILL_MIME = ("image/jpeg", "image/png", "image/webp", "image/tiff", "image/gif")
WIDTH = 1920
METADATA = "LicenseShortName|LicenseUrl|Artist|Credit|AttributionRequired|UsageTerms|ImageDescription|ObjectName|" \
           "Categories"


def user_agent() -> str:
    contact = getattr(settings, "WIKIMEDIA_CONTACT", "").strip()
    if not contact:
        raise SourceError("wikimedia", "Wikimedia Commons asks every program for a contact: set WIKIMEDIA_CONTACT "
                                       "to an e-mail address or web page where its operators can reach you.")
    return f"FacelessStudio/1.0 ({contact}) httpx/{httpx.__version__}"


def _body_errors(body: Any, response: httpx.Response) -> None:
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return
    code = str(error.get("code") or "")
    retry = response.headers.get("retry-after", "")
    seconds = float(retry) if retry.replace(".", "", 1).isdigit() else 5.0
    if code == "maxlag":
        raise Busy(seconds, status=503)
    if code == "ratelimited":
        raise Busy(max(seconds, 60.0), status=429, retry=False)
    raise SourceError("wikimedia", f"Wikimedia Commons refused the search ({code or 'error'}); try again later.")


def _endpoint() -> tuple[str, str]:
    """("https://commons.wikimedia.org", "/w/api.php"): httpx joins paths onto a base URL."""
    url = urlsplit(settings.WIKIMEDIA_API_URL)
    return f"{url.scheme}://{url.netloc}", url.path or "/w/api.php"


def _api() -> Api:
    return Api("wikimedia", "Wikimedia Commons", _endpoint()[0], "", "WIKIMEDIA_CONTACT",
               settings.WIKIMEDIA_RATE_LIMIT_PER_MINUTE, 60, {"User-Agent": user_agent()}, needs_key=False,
               body_errors=_body_errors, serial=True)


def _meta(info: dict[str, Any], name: str) -> str:
    value = ((info.get("extmetadata") or {}).get(name) or {}).get("value")
    return _plain(str(value)) if value not in (None, "") else ""


def _plain(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _title(page: dict[str, Any]) -> str:
    name = str(page.get("title") or "").removeprefix("File:")
    return re.sub(r"\.[A-Za-z0-9]{2,5}$", "", name).replace("_", " ")


class WikimediaSource:
    name = "wikimedia"
    unattended = True
    multilingual = True  # searches in the query's language (a locale or lang parameter, or multilingual text)

    def __init__(self, allowed: frozenset[str]) -> None:
        self.allowed = allowed

    def search(self, *, query: str, kind: str, orientation: str, per_page: int = 15, language: str = "",
               fresh: bool = False) -> list[Candidate]:
        filetype = "video" if kind == "video" else "bitmap"
        params = {"action": "query", "format": "json", "formatversion": "2", "generator": "search",
                  "gsrnamespace": "6", "gsrsearch": f"{query[:200]} filetype:{filetype}", "gsrlimit": min(per_page, 20),
                  "prop": "imageinfo", "iiprop": "url|size|mime|extmetadata", "iiurlwidth": WIDTH,
                  "iiextmetadatafilter": METADATA, "iiextmetadatalanguage": (language or "en").split("-")[0],
                  "maxlag": "5"}
        body = get_json(_api(), _endpoint()[1], params, use_cache=not fresh)
        pages = ((body.get("query") or {}).get("pages") or []) if isinstance(body, dict) else []
        if isinstance(pages, dict):  # formatversion 1 answers a dict keyed by page id
            pages = list(pages.values())
        pages = sorted((p for p in pages if isinstance(p, dict)), key=lambda p: p.get("index", 0))
        catalog.store_items(self.name, [{**p, "id": p.get("pageid")} for p in pages])
        found = []
        for page in pages:
            candidate, problem = self._candidate(page, kind)
            if candidate is not None:
                found.append(candidate)
            elif problem:
                log.info("wikimedia.skipped", title=page.get("title"), reason=problem)
        return found

    def _candidate(self, page: dict[str, Any], kind: str) -> tuple[Candidate | None, str]:
        infos = page.get("imageinfo") or []
        info = infos[0] if infos and isinstance(infos[0], dict) else None
        if info is None or not page.get("pageid"):
            return None, "no file information"
        mime = str(info.get("mime") or "")
        if kind == "video" and mime not in VIDEO_MIME:
            return None, f"{mime or 'unknown type'} is not a clip"
        if kind == "image" and mime not in STILL_MIME:
            return None, f"{mime or 'unknown type'} is not a photograph (drawings and documents are skipped)"
        if not info.get("extmetadata"):
            return None, "no licence information"
        code = licence_code(_meta(info, "LicenseShortName") or _meta(info, "UsageTerms"))
        if code not in self.allowed:
            return None, f"licence {_meta(info, 'LicenseShortName') or 'unknown'} is not allowed for this channel"
        if kind == "image":
            url, width, height = info.get("thumburl"), info.get("thumbwidth"), info.get("thumbheight")
        else:
            url, width, height = info.get("url"), info.get("width"), info.get("height")
        if not url or not width or not height:
            return None, "no usable rendition"
        title = _meta(info, "ObjectName") or _title(page)
        author = _meta(info, "Artist")[:200]
        licence = licence_label(code, re.sub(r"[^0-9.]", "", _meta(info, "LicenseShortName")))
        page_url = str(info.get("descriptionurl") or "")
        categories = [c.strip() for c in _meta(info, "Categories").split("|") if c.strip()]
        about = _meta(info, "ImageDescription")[:300]
        description = title if not about or about.lower().startswith(title.lower()) else f"{title}. {about}"
        needs_credit = code in NEEDS_CREDIT or _meta(info, "AttributionRequired") == "true"
        return Candidate(
            provider=self.name, provider_id=str(page["pageid"]), kind=kind, width=int(width), height=int(height),
            duration_seconds=float(info.get("duration") or 0) or None, download_url=str(url),
            preview_url=str(info.get("thumburl") or ""), page_url=page_url, author=author,
            licence=licence, licence_url=_meta(info, "LicenseUrl"), description=description,
            tags=tuple(categories[:12]),
            attribution=credit_line(title=title, author=author, licence=licence, licence_url=_meta(info, "LicenseUrl"),
                                    page_url=page_url, source="Wikimedia Commons") if needs_credit else "",
        ), ""

    def media_hosts(self) -> frozenset[str]:
        return frozenset(settings.WIKIMEDIA_MEDIA_HOSTS) | {host_of(settings.WIKIMEDIA_API_URL)}

    def record_use(self, *, candidate: Candidate) -> None:
        return None  # credit goes into the description (assets.services.credits)
