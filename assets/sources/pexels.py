"""Pexels videos and photos (api.pexels.com; `Authorization: <key>` without "Bearer")."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings

from assets import catalog
from assets.sources.base import Candidate
from assets.sources.http import Api, get_json, host_of

MEDIA_HOSTS = ("videos.pexels.com", "images.pexels.com", "player.vimeo.com")
LICENCE = "Pexels License (free to use, no attribution required)"
MAX_EDGE = 2160  # a 4K file is wasted on a 1080p render and slow to fetch
# Pexels search locales (API documentation, "locale" parameter), by language.
LOCALES = {"pt": "pt-BR", "es": "es-ES", "ca": "ca-ES", "de": "de-DE", "it": "it-IT", "fr": "fr-FR", "sv": "sv-SE",
           "id": "id-ID", "pl": "pl-PL", "ja": "ja-JP", "zh": "zh-CN", "ko": "ko-KR", "th": "th-TH", "nl": "nl-NL",
           "hu": "hu-HU", "vi": "vi-VN", "cs": "cs-CZ", "da": "da-DK", "fi": "fi-FI", "uk": "uk-UA", "el": "el-GR",
           "ro": "ro-RO", "nb": "nb-NO", "no": "nb-NO", "sk": "sk-SK", "tr": "tr-TR", "ru": "ru-RU"}


def _api() -> Api:
    key = settings.PEXELS_API_KEY
    return Api("pexels", "Pexels", settings.PEXELS_BASE_URL, key, "PEXELS_API_KEY",
               settings.PEXELS_RATE_LIMIT_PER_HOUR, 3600, {"Authorization": key})


def _slug_words(page_url: str) -> str:
    # Pexels has no tags; its page URL carries a descriptive slug: /video/lighthouse-in-a-storm-123/
    match = re.search(r"/(?:video|photo)/([a-z0-9-]+?)-?\d*/?$", page_url or "")
    return match.group(1).replace("-", " ") if match else ""


def _best_file(files: list[dict[str, Any]]) -> dict[str, Any] | None:
    usable = [f for f in files if isinstance(f, dict) and f.get("link") and f.get("file_type") == "video/mp4"
              and f.get("width") and f.get("height")]
    fitting = [f for f in usable if max(f["width"], f["height"]) <= MAX_EDGE]
    pool = fitting or usable
    return max(pool, key=lambda f: f["width"] * f["height"]) if pool else None


def _video(item: dict[str, Any]) -> Candidate | None:
    chosen = _best_file(item.get("video_files") or [])
    if chosen is None:
        return None
    user = item.get("user") or {}
    return Candidate(
        provider="pexels", provider_id=str(item["id"]), kind="video",
        width=int(chosen["width"]), height=int(chosen["height"]), duration_seconds=float(item.get("duration") or 0),
        download_url=chosen["link"], preview_url=item.get("image") or "", page_url=item.get("url") or "",
        author=user.get("name") or "", author_url=user.get("url") or "", licence=LICENCE,
        description=_slug_words(item.get("url") or ""),
    )


def _photo(item: dict[str, Any]) -> Candidate | None:
    src = item.get("src") or {}
    if not src.get("original") or not item.get("width"):
        return None
    return Candidate(
        provider="pexels", provider_id=str(item["id"]), kind="image",
        width=int(item["width"]), height=int(item["height"]),
        download_url=src.get("large2x") or src["original"], preview_url=src.get("medium") or "",
        page_url=item.get("url") or "", author=item.get("photographer") or "",
        author_url=item.get("photographer_url") or "", licence=LICENCE,
        description=item.get("alt") or _slug_words(item.get("url") or ""),
    )


class PexelsSource:
    name = "pexels"
    unattended = True
    multilingual = True  # searches in the query's language (a locale or lang parameter, or multilingual text)

    def search(self, *, query: str, kind: str, orientation: str, per_page: int = 15, language: str = "",
               fresh: bool = False) -> list[Candidate]:
        path = "/videos/search" if kind == "video" else "/v1/search"
        params: dict[str, Any] = {"query": query, "orientation": orientation, "per_page": min(per_page, 80), "page": 1}
        if locale := LOCALES.get(language.split("-")[0].lower()):
            params["locale"] = locale  # the query's language; English needs none
        body = get_json(_api(), path, params, use_cache=not fresh)
        items = body.get("videos" if kind == "video" else "photos") or []
        catalog.store_items(self.name, items)
        parse = _video if kind == "video" else _photo
        return [c for c in (_safe(parse, item) for item in items) if c is not None]

    def media_hosts(self) -> frozenset[str]:
        extra = getattr(settings, "PEXELS_MEDIA_HOSTS", MEDIA_HOSTS)
        return frozenset(extra) | {host_of(settings.PEXELS_BASE_URL)}

    def record_use(self, *, candidate: Candidate) -> None:
        return None  # Pexels asks for credit, not a tracking call


def _safe(parse: Any, item: Any) -> Candidate | None:
    # One malformed item in a page of results is skipped, not fatal.
    try:
        return parse(item) if isinstance(item, dict) and item.get("id") is not None else None
    except (KeyError, TypeError, ValueError):
        return None
