"""The render caches' disk: each video keeps its rendered pieces, soundtrack and narration under
MEDIA_ROOT/videos/<id>/cache/ so an edit redoes only what changed (videos.render.cache). A cache is
deleted when its video is published or deleted, and by the daily clean-up (`render_caches_clean`),
which also holds all caches under RENDER_CACHE_TOTAL_BYTES, dropping the least recently used
videos' caches first.

With a remote media store the pieces are made in this machine's scratch folder
(MEDIA_SCRATCH_DIR/render-cache/videos/<id>/cache/) and, with RENDER_CACHE_SHARED (the default), kept
in the store too (videos/<id>/cache/segments/), so an update that runs on another machine fetches the
pieces it keeps instead of encoding them again (README "Many machines" has the measurements). The
narration cache is in the store (videos/<id>/cache/narration/, videos.services.production).
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import structlog
from django.conf import settings

from faceless_site.mediastore import files, scratch
from faceless_site.mediastore.errors import MediaStoreError
from videos.models import Video
from videos.render.cache import RenderCache, folder_size, locked

log = structlog.get_logger(__name__)

SCHEDULE_NAME = "faceless: clean render caches"


def _videos_root() -> Path:
    """This machine's caches: in the media folder, or with a remote store in the scratch folder."""
    return Path(settings.MEDIA_ROOT) / "videos" if files.is_local() else scratch.root() / "render-cache" / "videos"


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


def render_cache_for(video_id: int) -> RenderCache | None:
    """The cache a render of the video uses beside its folder: with a remote store and RENDER_CACHE_SHARED,
    one that keeps its entries in the store too; None: the plain cache of segments_folder()."""
    if files.is_local() or not settings.RENDER_CACHE_SHARED:
        return None
    return SharedRenderCache(segments_folder(video_id), prefix=f"videos/{video_id}/cache/segments/")


@dataclass(frozen=True)
class SharedRenderCache(RenderCache):
    """A render cache whose entries are also kept in the media store, for every machine. An entry not
    on this machine is fetched (whole, checked against its record as any entry is); a new one is
    stored as soon as it is made. A store that fails costs only encoding: it is never the render's
    failure (the render's own upload says what is wrong)."""

    prefix: str = ""

    def lookup(self, key: str, suffix: str, frames: int | None = None) -> Path | None:
        found = super().lookup(key, suffix, frames)
        if found is not None:
            # an entry this machine made, whose sharing a killed worker cut short (its file stored, not yet
            # its record, which goes last): stored whole now, or no other machine ever finds it
            try:
                shared = files.media_exists(f"{self.prefix}{key}.json")
            except MediaStoreError:
                shared = True  # (the store is not answering: the render goes on, as a failed store() does)
            if not shared:
                self._share(key, found, suffix)
            return found
        try:
            record = files.media_read(f"{self.prefix}{key}.json")
            copy = files.media_local(f"{self.prefix}{key}{suffix}")
        except MediaStoreError as exc:
            if exc.retryable:
                log.warning("render_cache.fetch_failed", key=key, error=exc.message)
            return None
        media, record_path = self._paths(key, suffix)
        self.folder.mkdir(parents=True, exist_ok=True)
        for target, write in ((media, lambda path: _link_or_copy(copy, path)),
                              (record_path, lambda path: path.write_bytes(record))):
            partial = self.folder / f".{key}.{uuid.uuid4().hex[:8]}.tmp"
            write(partial)
            partial.replace(target)
        return super().lookup(key, suffix, frames)

    def store(self, key: str, source: Path, suffix: str, frames: int | None = None) -> Path:
        path = super().store(key, source, suffix, frames)
        self._share(key, path, suffix)
        return path

    def _share(self, key: str, path: Path, suffix: str) -> None:
        upload = scratch.work(f".cache-upload/{uuid.uuid4().hex}{suffix}")
        try:
            upload.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(path, upload)
            files.media_save(upload, f"{self.prefix}{key}{suffix}")
            files.media_write(f"{self.prefix}{key}.json", self._paths(key, suffix)[1].read_bytes())
        except (MediaStoreError, OSError) as exc:
            log.warning("render_cache.not_shared", key=key, error=getattr(exc, "message", str(exc)))
        finally:
            upload.unlink(missing_ok=True)

    def trim(self, *, keep: set[str], budget: int) -> None:
        super().trim(keep=keep, budget=budget)
        try:
            entries = files.media_list(self.prefix)
            records = {e.name for e in entries if e.name.endswith(".json")}
            media = [e for e in entries if not e.name.endswith(".json")]
            total = sum(e.size for e in media)
            for entry in sorted(media, key=lambda e: e.modified):
                stem = entry.name[len(self.prefix):].rsplit(".", 1)[0]
                if total <= budget:
                    break
                if stem in keep:
                    continue
                files.media_delete(entry.name)
                if f"{self.prefix}{stem}.json" in records:
                    files.media_delete(f"{self.prefix}{stem}.json")
                total -= entry.size
        except MediaStoreError as exc:
            log.warning("render_cache.trim_failed", error=exc.message)
        _trim_machine()


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _trim_machine() -> None:
    """This machine's copies of shared caches stay within RENDER_CACHE_TOTAL_BYTES (least recently used
    videos first): the store keeps them for whoever needs them next."""
    caches = sorted(((_last_used(folder), folder_size(folder), folder) for _, folder in _caches()), key=lambda c: c[0])
    total = sum(size for _, size, _ in caches)
    for _, size, folder in caches:
        if total <= settings.RENDER_CACHE_TOTAL_BYTES:
            return
        with locked(folder / "segments" if (folder / "segments").is_dir() else None):
            shutil.rmtree(folder, ignore_errors=True)
        total -= size


def _store_caches() -> dict[int, tuple[int, float]]:
    """Video id -> (bytes, last modified) of the caches kept in a remote media store."""
    if files.is_local():
        return {}
    found: dict[int, tuple[int, float]] = {}
    for entry in files.media_list("videos/"):
        parts = entry.name.split("/")
        if len(parts) > 3 and parts[1].isdigit() and parts[2] == "cache":
            size, modified = found.get(int(parts[1]), (0, 0.0))
            found[int(parts[1])] = (size + entry.size, max(modified, entry.modified))
    return found


def video_cache_clear(*, video_id: int) -> int:
    """Delete the video's render cache (after any render of it that is running on this machine), here and
    in a remote media store; returns the bytes freed."""
    freed = 0
    folder = cache_folder(video_id)
    if folder.is_dir():
        freed = folder_size(folder)
        with locked(segments_folder(video_id) if segments_folder(video_id).is_dir() else None):
            shutil.rmtree(folder, ignore_errors=True)
    if not files.is_local():
        prefix = f"videos/{video_id}/cache/"
        freed += sum(entry.size for entry in files.media_list(prefix))
        files.media_delete_prefix(prefix)
    return freed


@dataclass(frozen=True)
class CleanReport:
    deleted_videos: int
    freed_bytes: int
    kept_bytes: int


def render_caches_clean(*, now: float | None = None) -> CleanReport:
    """The daily clean-up: caches of published or deleted videos, caches untouched for
    RENDER_CACHE_MAX_AGE_DAYS, then the least recently used until the total fits its budget."""
    now = time.time() if now is None else now
    caches = {video_id: (folder_size(folder), _last_used(folder)) for video_id, folder in _caches()}
    for video_id, (size, modified) in _store_caches().items():  # a remote store's: shared by every machine
        here = caches.get(video_id, (0, 0.0))
        caches[video_id] = (here[0] + size, max(here[1], modified))
    alive = dict(Video.objects.filter(pk__in=list(caches)).values_list("pk", "status"))
    max_age = settings.RENDER_CACHE_MAX_AGE_DAYS * 86400
    deleted = freed = 0
    remaining = []
    for video_id, (size, used) in caches.items():
        if video_id not in alive or alive[video_id] == Video.Status.PUBLISHED or now - used > max_age:
            freed += video_cache_clear(video_id=video_id)
            deleted += 1
        else:
            remaining.append((used, video_id, size))
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
    """Caches on this machine and, with a remote store, in the store."""
    caches = _caches()
    stored = _store_caches()
    return CacheUsage(videos=len({video_id for video_id, _ in caches} | set(stored)),
                      bytes=sum(folder_size(folder) for _, folder in caches) + sum(s for s, _ in stored.values()),
                      budget=settings.RENDER_CACHE_TOTAL_BYTES)
