"""Publish targets behind one small protocol: the local export folder and YouTube.

The targets are named by dotted path, like the job steps: each target imports this module for the
protocol's types, so this module must not import them back (imports run targets -> here)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

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


TARGETS = {
    Publication.Target.YOUTUBE: "publishing.youtube.target.YouTubeTarget",
    Publication.Target.LOCAL: "publishing.export.LocalExportTarget",
}


def target_for(name: str) -> PublishTarget:
    if name not in TARGETS:
        raise PublishError(f"Unknown publish target {name!r}; use 'local' or 'youtube'.")
    return import_string(TARGETS[name])()


def publication_for_video(*, video: Any, target: str = "") -> Publication:
    """The video's Publication on its target (the channel's, else PUBLISH_DEFAULT_TARGET), created once."""
    target = target or video.channel.publish_target or settings.PUBLISH_DEFAULT_TARGET
    publication, _ = Publication.objects.get_or_create(video=video, target=target)
    return publication
