"""The local library as a footage source: uploaded items and stock already downloaded."""

from __future__ import annotations

from django.conf import settings

from assets.models import Asset
from assets.sources.base import Candidate


def asset_candidate(asset: Asset) -> Candidate:
    return Candidate(
        provider="library", provider_id=str(asset.pk), kind=asset.kind, width=asset.width or 0,
        height=asset.height or 0, duration_seconds=asset.duration_seconds,
        preview_url=f"{settings.MEDIA_URL}{asset.file}", page_url=asset.page_url, author=asset.author,
        author_url=asset.author_url, licence=asset.licence, description=asset.title or asset.description,
        tags=tuple(asset.tag_list), asset_id=asset.pk,
    )


class LibrarySource:
    name = "library"
    unattended = True
    multilingual = True  # the channel's own titles, in whatever language they were written

    def __init__(self, channel=None) -> None:
        self.channel = channel

    def search(self, *, query: str, kind: str, orientation: str, per_page: int = 15, language: str = "",
               fresh: bool = False) -> list[Candidate]:
        from assets.selectors import asset_search

        return [asset_candidate(a) for a in asset_search(query=query, kind=kind, channel=self.channel)[:per_page]]

    def media_hosts(self) -> frozenset[str]:
        return frozenset()  # nothing is downloaded: the file is already here

    def record_use(self, *, candidate: Candidate) -> None:
        return None
