"""Pixabay videos and images (pixabay.com/api/). The key rides in the query string, so request URLs
are never logged; Pixabay requires responses to be cached for 24 hours (see assets.catalog)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from assets import catalog
from assets.sources.base import Candidate
from assets.sources.http import Api, get_json, host_of

MEDIA_HOSTS = ("cdn.pixabay.com", "pixabay.com")
LICENCE = "Pixabay Content License"
ORIENTATION = {"landscape": "horizontal", "portrait": "vertical", "square": "all"}
MAX_EDGE = 2160
# Pixabay search languages (API documentation, "lang" parameter).
LANGUAGES = frozenset([
    "cs", "da", "de", "en", "es", "fr", "id", "it", "hu", "nl", "no", "pl", "pt", "ro", "sk", "fi", "sv", "tr",
    "vi", "th", "bg", "ru", "el", "ja", "ko", "zh",
])


def _api() -> Api:
    return Api("pixabay", "Pixabay", settings.PIXABAY_BASE_URL, settings.PIXABAY_API_KEY, "PIXABAY_API_KEY",
               settings.PIXABAY_RATE_LIMIT_PER_MINUTE, 60, {}, key_param="key")


def _author(item: dict[str, Any]) -> tuple[str, str]:
    user, user_id = item.get("user") or "", item.get("user_id")
    return user, (f"https://pixabay.com/users/{user}-{user_id}/" if user and user_id else "")


def _tags(item: dict[str, Any]) -> tuple[str, ...]:
    return tuple(t.strip() for t in str(item.get("tags") or "").split(",") if t.strip())


def _video(item: dict[str, Any]) -> Candidate | None:
    renditions = [v for v in (item.get("videos") or {}).values()
                  if isinstance(v, dict) and v.get("url") and v.get("width") and v.get("height")]
    fitting = [v for v in renditions if max(v["width"], v["height"]) <= MAX_EDGE] or renditions
    if not fitting:
        return None
    chosen = max(fitting, key=lambda v: v["width"] * v["height"])
    author, author_url = _author(item)
    return Candidate(
        provider="pixabay", provider_id=str(item["id"]), kind="video", width=int(chosen["width"]),
        height=int(chosen["height"]), duration_seconds=float(item.get("duration") or 0),
        download_url=chosen["url"], preview_url=chosen.get("thumbnail") or "", page_url=item.get("pageURL") or "",
        author=author, author_url=author_url, licence=LICENCE, tags=_tags(item),
    )


def _image(item: dict[str, Any]) -> Candidate | None:
    url = item.get("largeImageURL") or item.get("webformatURL")
    if not url or not item.get("imageWidth"):
        return None
    author, author_url = _author(item)
    return Candidate(
        provider="pixabay", provider_id=str(item["id"]), kind="image", width=int(item["imageWidth"]),
        height=int(item["imageHeight"]), download_url=url, preview_url=item.get("previewURL") or "",
        page_url=item.get("pageURL") or "", author=author, author_url=author_url, licence=LICENCE,
        tags=_tags(item),
    )


class PixabaySource:
    name = "pixabay"
    unattended = True
    multilingual = True  # searches in the query's language (a locale or lang parameter, or multilingual text)

    def search(self, *, query: str, kind: str, orientation: str, per_page: int = 15, language: str = "",
               fresh: bool = False) -> list[Candidate]:
        path = "/api/videos/" if kind == "video" else "/api/"
        params: dict[str, Any] = {"q": query[:100], "per_page": max(3, min(per_page, 200)), "safesearch": "true"}
        base = language.split("-")[0].lower()
        if base in LANGUAGES and base != "en":
            params["lang"] = base  # the query's language (Pixabay's default is English)
        if kind == "image":
            params.update(image_type="photo", orientation=ORIENTATION.get(orientation, "all"))
        body = get_json(_api(), path, params, use_cache=not fresh)
        parse = _video if kind == "video" else _image
        items = body.get("hits") or []
        catalog.store_items(self.name, items)
        out = []
        for item in items:
            try:
                candidate = parse(item) if isinstance(item, dict) and item.get("id") is not None else None
            except (KeyError, TypeError, ValueError):
                candidate = None  # one malformed hit is skipped, not fatal
            if candidate is not None:
                out.append(candidate)
        return out

    def media_hosts(self) -> frozenset[str]:
        extra = getattr(settings, "PIXABAY_MEDIA_HOSTS", MEDIA_HOSTS)
        return frozenset(extra) | {host_of(settings.PIXABAY_BASE_URL)}

    def record_use(self, *, candidate: Candidate) -> None:
        return None
