"""Stock and library footage sources behind one small interface; `get_source(name)` picks one."""

from __future__ import annotations

from assets.sources.base import Candidate, FootageSource, RateLimited, SourceError

__all__ = ["SOURCE_NAMES", "Candidate", "FootageSource", "RateLimited", "SourceError", "get_source"]

SOURCE_NAMES = ("library", "pexels", "pixabay", "unsplash", "wikimedia", "nasa", "openverse")
KEYLESS = ("wikimedia", "nasa", "openverse")  # need no key: on by default for new channels


def get_source(name: str, *, channel=None) -> FootageSource:
    """The source called `name`; `channel` decides which licences the keyless archives accept."""
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
    if name in KEYLESS:
        from assets.sources.licences import accepted_licences

        allowed = accepted_licences(restricted=bool(getattr(channel, "footage_restricted_licences", False)))
        if name == "wikimedia":
            from assets.sources.wikimedia import WikimediaSource
            return WikimediaSource(allowed=allowed)
        if name == "nasa":
            from assets.sources.nasa import NasaSource
            return NasaSource()
        from assets.sources.openverse import OpenverseSource
        return OpenverseSource(allowed=allowed)
    raise SourceError(name, f'Unknown footage source "{name}"; use one of: {", ".join(SOURCE_NAMES)}.')
