"""Unsplash photos, under its API guidelines: offered only to a person choosing footage in the
studio (`unattended = False`: the guidelines ask for non-automated use), previews hotlinked from
`photo.urls.*`, `links.download_location` called when a photo is used, and credit that links to
the photographer and Unsplash with utm parameters (see `credit_links`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings

from assets import catalog
from assets.sources.base import Candidate, SourceError
from assets.sources.http import Api, get_json, host_of

MEDIA_HOSTS = ("images.unsplash.com",)
LICENCE = "Unsplash License"
ORIENTATION = {"landscape": "landscape", "portrait": "portrait", "square": "squarish"}


def _api() -> Api:
    key = settings.UNSPLASH_ACCESS_KEY
    return Api("unsplash", "Unsplash", settings.UNSPLASH_BASE_URL, key, "UNSPLASH_ACCESS_KEY",
               settings.UNSPLASH_RATE_LIMIT_PER_HOUR, 3600,
               {"Authorization": f"Client-ID {key}", "Accept-Version": "v1"})


def with_utm(url: str) -> str:
    if not url:
        return ""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(utm_source=settings.UNSPLASH_APP_NAME, utm_medium="referral")
    return parts._replace(query=urlencode(query)).geturl()


def _photo(item: dict[str, Any]) -> Candidate | None:
    urls, links, user = item.get("urls") or {}, item.get("links") or {}, item.get("user") or {}
    if not urls.get("regular") or not item.get("width"):
        return None
    tags = tuple(t.get("title", "") for t in item.get("tags") or [] if isinstance(t, dict) and t.get("title"))
    return Candidate(
        provider="unsplash", provider_id=str(item["id"]), kind="image", width=int(item["width"]),
        height=int(item["height"]), download_url=urls.get("full") or urls["regular"],
        preview_url=urls.get("small") or urls["regular"], page_url=with_utm(links.get("html") or ""),
        author=user.get("name") or "", author_url=with_utm((user.get("links") or {}).get("html") or ""),
        licence=LICENCE, description=item.get("description") or item.get("alt_description") or "",
        tags=tags, tracking_url=links.get("download_location") or "",
    )


class UnsplashSource:
    name = "unsplash"
    unattended = False
    multilingual = False  # its catalogue is described in English only: a query in another language finds little

    def search(self, *, query: str, kind: str, orientation: str, per_page: int = 15, language: str = "",
               fresh: bool = False) -> list[Candidate]:
        if kind != "image":
            return []  # Unsplash has photos only
        params = {"query": query, "per_page": min(per_page, 30), "page": 1,
                  "orientation": ORIENTATION.get(orientation, "landscape")}
        body = get_json(_api(), "/search/photos", params, use_cache=not fresh)
        items = body.get("results") or []
        catalog.store_items(self.name, items)
        out = []
        for item in items:
            try:
                candidate = _photo(item) if isinstance(item, dict) and item.get("id") else None
            except (KeyError, TypeError, ValueError):
                candidate = None
            if candidate is not None:
                out.append(candidate)
        return out

    def media_hosts(self) -> frozenset[str]:
        extra = getattr(settings, "UNSPLASH_MEDIA_HOSTS", MEDIA_HOSTS)
        return frozenset(extra) | {host_of(settings.UNSPLASH_BASE_URL)}

    def record_use(self, *, candidate: Candidate) -> None:
        """Call `download_location`, as the guidelines require when a photo is used. Only its path
        and query are kept, so the access key goes to the configured API host and nowhere else."""
        if not candidate.tracking_url:
            raise SourceError("unsplash", "This Unsplash photo has no download-tracking link; search again.")
        parts = urlsplit(candidate.tracking_url)
        get_json(_api(), parts.path, dict(parse_qsl(parts.query)), use_cache=False)
