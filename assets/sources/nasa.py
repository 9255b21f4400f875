"""NASA Image and Video Library (images-api.nasa.gov), without a key: a search, then each chosen
item's asset manifest for its files. NASA's media are generally not copyrighted in the United
States; its guidelines ask that NASA be credited and that nothing implies NASA endorses the video,
so the credit line says where the picture comes from and nothing more."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from assets import catalog
from assets.sources.base import Candidate
from assets.sources.http import Api, get_json, host_of

MEDIA_HOSTS = ("images-assets.nasa.gov",)
LICENCE = "Public domain (NASA media guidelines)"
MANIFESTS_PER_SEARCH = 6  # each costs a request: only the first results get their files looked up
# Renditions in the asset manifest, best first: big enough for 1080p, smaller than the original.
VIDEO_RENDITIONS = ("~large.mp4", "~medium.mp4", "~orig.mp4", "~small.mp4")
IMAGE_RENDITIONS = ("~large.jpg", "~orig.jpg", "~medium.jpg", "~large.png", "~orig.png")


def _api() -> Api:
    return Api("nasa", "NASA Image and Video Library", settings.NASA_IMAGES_BASE_URL, "", "NASA_IMAGES_BASE_URL",
               settings.NASA_RATE_LIMIT_PER_MINUTE, 60, {"User-Agent": "FacelessStudio/1.0"}, needs_key=False)


def _file(manifest: Any, endings: tuple[str, ...]) -> str:
    items = ((manifest or {}).get("collection") or {}).get("items") or [] if isinstance(manifest, dict) else []
    hrefs = [str(i.get("href") or "") for i in items if isinstance(i, dict)]
    for ending in endings:
        for href in hrefs:
            if href.lower().endswith(ending):
                return href.replace("http://", "https://", 1) if href.startswith("http://images-assets") else href
    return ""


class NasaSource:
    name = "nasa"
    unattended = True
    multilingual = False  # its catalogue is described in English only: a query in another language finds little

    def search(self, *, query: str, kind: str, orientation: str, per_page: int = 15, language: str = "",
               fresh: bool = False) -> list[Candidate]:
        params = {"q": query[:200], "media_type": kind, "page_size": max(1, min(per_page, 100)), "page": 1}
        body = get_json(_api(), "/search", params, use_cache=not fresh)
        items = ((body.get("collection") or {}).get("items") or []) if isinstance(body, dict) else []
        found = []
        for item in items[:MANIFESTS_PER_SEARCH]:
            data = (item.get("data") or [{}])[0] if isinstance(item, dict) else {}
            nasa_id = str(data.get("nasa_id") or "") if isinstance(data, dict) else ""
            if not nasa_id or data.get("media_type") != kind:
                continue
            manifest = get_json(_api(), f"/asset/{nasa_id}", {}, use_cache=not fresh)
            url = _file(manifest, VIDEO_RENDITIONS if kind == "video" else IMAGE_RENDITIONS)
            if not url:
                continue
            catalog.store_items(self.name, [{"id": nasa_id, **data}])
            found.append(self._candidate(item, data, nasa_id, url, kind))
        return found

    def _candidate(self, item: dict[str, Any], data: dict[str, Any], nasa_id: str, url: str, kind: str) -> Candidate:
        preview = next((str(link.get("href")) for link in item.get("links") or []
                        if isinstance(link, dict) and link.get("rel") == "preview"), "")
        author = str(data.get("photographer") or data.get("secondary_creator") or data.get("center") or "NASA")
        keywords = [str(k) for k in data.get("keywords") or [] if isinstance(k, str)]
        description = " ".join(p for p in (str(data.get("title") or ""), str(data.get("description") or "")[:300]) if p)
        return Candidate(
            provider=self.name, provider_id=nasa_id, kind=kind, width=0, height=0, download_url=url,
            preview_url=preview, page_url=f"https://images.nasa.gov/details/{nasa_id}", author=author[:200],
            licence=LICENCE, description=description, tags=tuple(keywords[:12]),
            attribution=f"\u201c{data.get('title') or nasa_id}\u201d, courtesy NASA ({author})"[:300],
        )

    def media_hosts(self) -> frozenset[str]:
        return frozenset(settings.NASA_MEDIA_HOSTS) | {host_of(settings.NASA_IMAGES_BASE_URL)}

    def record_use(self, *, candidate: Candidate) -> None:
        return None
