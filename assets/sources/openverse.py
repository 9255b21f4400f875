"""Openverse openly licensed images (api.openverse.org/v1/images/), anonymously: 20 requests a
minute and 200 a day, at most 20 results a page. Each result carries its licence, creator and the
attribution line Openverse composes, which goes into the video's credits as it is. Openverse has no
clips; its files live on the original hosts (Flickr, Wikimedia...), downloaded only from the hosts
in OPENVERSE_MEDIA_HOSTS."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from assets import catalog
from assets.sources.base import Candidate
from assets.sources.http import Api, get_json, host_of
from assets.sources.licences import licence_code, licence_label

# The licence filter Openverse understands, by our codes.
OPENVERSE_LICENCES = {"pd": "pdm", "cc0": "cc0", "by": "by", "by-sa": "by-sa", "by-nc": "by-nc", "by-nd": "by-nd",
                      "by-nc-sa": "by-nc-sa", "by-nc-nd": "by-nc-nd"}


def _api() -> Api:
    return Api("openverse", "Openverse", settings.OPENVERSE_BASE_URL, "", "OPENVERSE_BASE_URL",
               settings.OPENVERSE_RATE_LIMIT_PER_MINUTE, 60, {"User-Agent": "FacelessStudio/1.0"}, needs_key=False)


class OpenverseSource:
    name = "openverse"
    unattended = True
    multilingual = False  # its catalogue is described in English only: a query in another language finds little

    def __init__(self, allowed: frozenset[str]) -> None:
        self.allowed = allowed

    def search(self, *, query: str, kind: str, orientation: str, per_page: int = 15, language: str = "",
               fresh: bool = False) -> list[Candidate]:
        if kind != "image":
            return []  # Openverse has images and audio, no clips
        licences = ",".join(sorted(OPENVERSE_LICENCES[c] for c in self.allowed if c in OPENVERSE_LICENCES))
        params = {"q": query[:200], "license": licences, "page_size": max(1, min(per_page, 20)), "mature": "false"}
        body = get_json(_api(), "/v1/images/", params, use_cache=not fresh)
        items = (body.get("results") or []) if isinstance(body, dict) else []
        catalog.store_items(self.name, [i for i in items if isinstance(i, dict)])
        hosts = self.media_hosts()
        found = []
        for item in items:
            candidate = self._candidate(item) if isinstance(item, dict) else None
            if candidate is not None and host_of(candidate.download_url) in hosts:
                found.append(candidate)
        return found

    def _candidate(self, item: dict[str, Any]) -> Candidate | None:
        code = licence_code(f"cc {item.get('license') or ''}" if item.get("license") not in ("pdm", "cc0")
                            else str(item.get("license")))
        if code not in self.allowed or not item.get("url") or not item.get("id"):
            return None
        if not item.get("width") or not item.get("height"):
            return None
        tags = [str(t.get("name")) for t in item.get("tags") or [] if isinstance(t, dict) and t.get("name")]
        licence = licence_label(code, str(item.get("license_version") or ""))
        return Candidate(
            provider=self.name, provider_id=str(item["id"]), kind="image", width=int(item["width"]),
            height=int(item["height"]), download_url=str(item["url"]), preview_url=str(item.get("thumbnail") or ""),
            page_url=str(item.get("foreign_landing_url") or ""), author=str(item.get("creator") or "")[:200],
            author_url=str(item.get("creator_url") or "")[:500], licence=licence,
            licence_url=str(item.get("license_url") or ""), description=str(item.get("title") or ""),
            tags=tuple(tags[:15]), attribution=str(item.get("attribution") or "")[:500],
        )

    def media_hosts(self) -> frozenset[str]:
        return frozenset(settings.OPENVERSE_MEDIA_HOSTS) | {host_of(settings.OPENVERSE_BASE_URL)}

    def record_use(self, *, candidate: Candidate) -> None:
        return None
