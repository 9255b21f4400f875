"""Stock and library footage sources behind one small interface; `get_source(name)` picks one."""

from __future__ import annotations

from assets.sources.base import Candidate, FootageSource, RateLimited, SourceError

__all__ = ["SOURCE_NAMES", "Candidate", "FootageSource", "RateLimited", "SourceError", "get_source"]

SOURCE_NAMES = ("library", "pexels", "pixabay", "unsplash")


def get_source(name: str) -> FootageSource:
    # Imported here so that a vendor module is loaded only when its source is used.
    if name == "library":
        from assets.sources.library import LibrarySource
        return LibrarySource()
    if name == "pexels":
        from assets.sources.pexels import PexelsSource
        return PexelsSource()
    if name == "pixabay":
        from assets.sources.pixabay import PixabaySource
        return PixabaySource()
    if name == "unsplash":
        from assets.sources.unsplash import UnsplashSource
        return UnsplashSource()
    raise SourceError(name, f'Unknown footage source "{name}"; use one of: {", ".join(SOURCE_NAMES)}.')
