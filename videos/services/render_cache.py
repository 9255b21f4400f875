"""The render caches' disk: each video keeps its rendered pieces, soundtrack and narration under
MEDIA_ROOT/videos/<id>/cache/ so an edit redoes only what changed (videos.render.cache). A cache is
deleted when its video is published or deleted, and by the daily clean-up (`render_caches_clean`),
which also holds all caches under RENDER_CACHE_TOTAL_BYTES, dropping the least recently used
videos' caches first.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from videos.models import Video
from videos.render.cache import folder_size, locked

SCHEDULE_NAME = "faceless: clean render caches"


def _videos_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "videos"


def cache_folder(video_id: int) -> Path:
    return _videos_root() / str(video_id) / "cache"


def segments_folder(video_id: int) -> Path:
    return cache_folder(video_id) / "segments"


def _caches() -> list[tuple[int, Path]]:
    root = _videos_root()
    if not root.is_dir():
        return []
    return [(int(folder.parent.name), folder) for folder in root.glob("*/cache")
            if folder.parent.name.isdigit() and folder.is_dir()]


def _last_used(folder: Path) -> float:
    return max((p.stat().st_mtime for p in folder.rglob("*") if p.is_file()), default=folder.stat().st_mtime)


def video_cache_clear(*, video_id: int) -> int:
    """Delete the video's render cache (after any render of it that is running); returns the bytes freed."""
    folder = cache_folder(video_id)
    if not folder.is_dir():
        return 0
    size = folder_size(folder)
    with locked(segments_folder(video_id) if segments_folder(video_id).is_dir() else None):
        shutil.rmtree(folder, ignore_errors=True)
    return size


@dataclass(frozen=True)
class CleanReport:
    deleted_videos: int
    freed_bytes: int
    kept_bytes: int


def render_caches_clean(*, now: float | None = None) -> CleanReport:
    """The daily clean-up: caches of published or deleted videos, caches untouched for
    RENDER_CACHE_MAX_AGE_DAYS, then the least recently used until the total fits its budget."""
    now = time.time() if now is None else now
    caches = _caches()
    alive = dict(Video.objects.filter(pk__in=[video_id for video_id, _ in caches]).values_list("pk", "status"))
    max_age = settings.RENDER_CACHE_MAX_AGE_DAYS * 86400
    deleted = freed = 0
    remaining = []
    for video_id, folder in caches:
        used = _last_used(folder)
        if video_id not in alive or alive[video_id] == Video.Status.PUBLISHED or now - used > max_age:
            freed += video_cache_clear(video_id=video_id)
            deleted += 1
        else:
            remaining.append((used, video_id, folder_size(folder)))
    total = sum(size for _, _, size in remaining)
    for _, video_id, size in sorted(remaining):
        if total <= settings.RENDER_CACHE_TOTAL_BYTES:
            break
        freed += video_cache_clear(video_id=video_id)
        total -= size
        deleted += 1
    return CleanReport(deleted_videos=deleted, freed_bytes=freed, kept_bytes=total)


@dataclass(frozen=True)
class CacheUsage:
    videos: int
    bytes: int
    budget: int


def render_cache_usage() -> CacheUsage:
    caches = _caches()
    return CacheUsage(videos=len(caches), bytes=sum(folder_size(folder) for _, folder in caches),
                      budget=settings.RENDER_CACHE_TOTAL_BYTES)
