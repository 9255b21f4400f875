"""The footage source interface: search, which hosts its media may come from, and the call its terms
ask for when an item is used. Results are frozen `Candidate`s that can be stored on a scene as JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Protocol


class SourceError(Exception):
    """A source failed in a way the user can act on; `message` says what to do (never a secret)."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(message)
        self.source, self.message = source, message


class RateLimited(SourceError):
    """The source's request budget for this key is spent for `retry_after` more seconds."""

    def __init__(self, source: str, retry_after: float) -> None:
        self.retry_after = max(0.0, retry_after)
        super().__init__(source, f"The {source.capitalize()} request budget is spent; it renews in "
                                 f"{int(self.retry_after) + 1} s.")


@dataclass(frozen=True)
class Candidate:
    provider: str  # "pexels" | "pixabay" | "unsplash" | "wikimedia" | "nasa" | "openverse" | "library"
    provider_id: str
    kind: str  # Asset.Kind: "video" | "image"
    width: int
    height: int
    duration_seconds: float | None = None
    download_url: str = ""  # from the provider's own response; never from user input
    preview_url: str = ""  # hotlinked for display (Unsplash requires its photo.urls.*)
    page_url: str = ""
    author: str = ""
    author_url: str = ""
    licence: str = ""
    licence_url: str = ""
    attribution: str = ""  # the credit line the licence asks for, as the source words it
    description: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    tracking_url: str = ""  # Unsplash links.download_location, called when the photo is used
    asset_id: int | None = None  # set for library candidates

    @property
    def key(self) -> tuple[str, str]:
        return self.provider, self.provider_id

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["tags"] = list(self.tags)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Candidate:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["tags"] = tuple(values.get("tags") or ())
        return cls(**values)


class FootageSource(Protocol):
    name: str
    unattended: bool  # False: offered only to a person choosing footage (Unsplash guidelines)
    multilingual: bool  # searches in other languages than English (Pexels locale, Pixabay lang, Commons text)

    def search(self, *, query: str, kind: str, orientation: str, per_page: int = 15, language: str = "",
               fresh: bool = False) -> list[Candidate]:
        """Candidates for `query` ("video" or "image"; orientation "landscape"|"portrait"|"square"),
        written in `language` (ISO 639-1; "" or "en": English). `fresh`: skip the cached search (its
        download links may have expired)."""
        ...

    def record_use(self, *, candidate: Candidate) -> None:
        """Tell the provider the candidate was used, where its terms ask for it (Unsplash)."""
        ...

    def media_hosts(self) -> frozenset[str]:
        """Hosts this source serves media from; downloads from any other host are refused."""
        ...
