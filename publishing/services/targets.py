"""Publish targets behind one small protocol: the local export folder and YouTube."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from publishing.models import Publication

Progress = Callable[[float, str, str], None]  # (percent, stage, message), as JobContext.progress


class PublishError(Exception):
    """Publishing failed for a reason the user can act on; `message` says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PublishResult:
    external_id: str
    external_url: str
    message: str
    goes_public_at: datetime | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


class PublishTarget(Protocol):
    def publish(self, *, publication: Publication, progress: Progress) -> PublishResult: ...


def target_for(name: str) -> PublishTarget:
    if name == Publication.Target.YOUTUBE:
        from publishing.youtube.target import YouTubeTarget

        return YouTubeTarget()
    if name == Publication.Target.LOCAL:
        from publishing.export import LocalExportTarget

        return LocalExportTarget()
    raise PublishError(f"Unknown publish target {name!r}; use 'local' or 'youtube'.")
