"""A video's render cache: finished segments (and its soundtrack) kept by a key of everything that
determines their content, so a render after an edit encodes only what changed.

An entry is `<key>.<ext>` with a `<key>.json` beside it holding its size, SHA-256 and frame count,
written after the media file, each under a temporary name and renamed: an entry is either whole or
absent, and one whose bytes no longer match its record (cut short, damaged, deleted) is not used,
and is made again. Only one render at a time uses a cache folder (`locked`).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from videos.render.errors import RenderCancelled

# Bump when a change to the renderer changes the frames or samples it makes for the same command:
# every cached entry made before is then missed, and made again.
RENDERER_VERSION = "4"
LOCK_NAME = ".lock"


# Folders whose files are named by their content (a remote media store's copies on this machine,
# `<folder>/<h[:2]>/<hash><ext>`): a file there is keyed by that name, not by where this machine
# keeps it or when it was fetched, so machines that share a render cache share its keys.
_content_folders: ContextVar[tuple[str, ...]] = ContextVar("content_folders", default=())


@contextlib.contextmanager
def content_named(*folders: Path) -> Iterator[None]:
    token = _content_folders.set(tuple(str(folder).rstrip("/") + "/" for folder in folders))
    try:
        yield
    finally:
        _content_folders.reset(token)


def file_fingerprint(path: Path | str | None) -> str:
    """A file outside the render's own folder, by name, size and modification time (a footage file
    replaced in place changes its mtime); hashing every clip's bytes on each render would cost more
    than the encode it saves. A file named by its content is keyed by that name (`content_named`)."""
    if path is None:
        return "-"
    for folder in _content_folders.get():
        if str(path).startswith(folder):
            return "content:" + str(path)[len(folder):]
    try:
        stat = os.stat(path)
    except OSError:
        return f"{path}:missing"
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def command_key(argv: list[str], *, work_dir: Path, out: Path, inputs: Iterable[str | Path | None],
                replacements: dict[str, str] | None = None) -> str:
    """The key of one command's output: the command with its own output and the render's temporary
    folder taken out, the bytes of every file it reads from that folder (subtitles, text), the
    fingerprints of its other inputs, the ffmpeg binary and the renderer's version."""
    text = "\x00".join(argv).replace(str(out), "<out>")
    for folder in _content_folders.get():
        text = text.replace(folder, "<content>/")
    for old, new in (replacements or {}).items():
        text = text.replace(old, new)
    prefix = re.escape(str(work_dir).rstrip("/")) + r"/([\w.\-]+)"

    def local(match: re.Match) -> str:
        path = work_dir / match.group(1)
        return f"<{digest(path)}>" if path.is_file() else f"<{match.group(1)}>"

    text = re.sub(prefix, local, text)
    binary = shutil.which(argv[0]) or argv[0]
    parts = [RENDERER_VERSION, file_fingerprint(binary), text, *(file_fingerprint(p) for p in inputs)]
    return hashlib.sha256("\x01".join(parts).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class RenderCache:
    folder: Path

    def _paths(self, key: str, suffix: str) -> tuple[Path, Path]:
        return self.folder / f"{key}{suffix}", self.folder / f"{key}.json"

    def lookup(self, key: str, suffix: str, frames: int | None = None) -> Path | None:
        """The entry's file if it is whole and matches its record; else None (and the remains go)."""
        media, record_path = self._paths(key, suffix)
        try:
            record = json.loads(record_path.read_text(encoding="utf-8"))
            valid = (media.stat().st_size == record["bytes"] and (frames is None or record["frames"] == frames)
                     and digest(media) == record["sha256"])
        except (OSError, ValueError, KeyError, TypeError):
            valid = False
        if not valid:
            media.unlink(missing_ok=True)
            record_path.unlink(missing_ok=True)
            return None
        os.utime(media)  # most recently used: trimmed last
        return media

    def store(self, key: str, source: Path, suffix: str, frames: int | None = None) -> Path:
        """Move a finished file into the cache; returns where it now is."""
        self.folder.mkdir(parents=True, exist_ok=True)
        media, record_path = self._paths(key, suffix)
        partial = self.folder / f".{key}.{uuid.uuid4().hex[:8]}.tmp"
        shutil.move(str(source), partial)
        record = {"bytes": partial.stat().st_size, "sha256": digest(partial), "frames": frames}
        partial.replace(media)
        partial_record = self.folder / f".{key}.{uuid.uuid4().hex[:8]}.json.tmp"
        partial_record.write_text(json.dumps(record), encoding="utf-8")
        partial_record.replace(record_path)
        return media

    def size(self) -> int:
        return folder_size(self.folder)

    def trim(self, *, keep: set[str], budget: int) -> None:
        """Delete leftovers of killed renders, then the least recently used entries not in `keep`
        until the folder fits the budget."""
        if not self.folder.is_dir():
            return
        for leftover in self.folder.glob(".*.tmp"):
            leftover.unlink(missing_ok=True)
        entries = [p for p in self.folder.iterdir() if p.is_file() and p.suffix != ".json" and p.name != LOCK_NAME]
        total = sum(p.stat().st_size for p in entries)
        for media in sorted(entries, key=lambda p: p.stat().st_mtime):
            if total <= budget:
                break
            if media.stem in keep:
                continue
            total -= media.stat().st_size
            media.unlink(missing_ok=True)
            (self.folder / f"{media.stem}.json").unlink(missing_ok=True)
        kept = {p.stem for p in self.folder.iterdir() if p.is_file() and p.suffix != ".json"}
        for record in self.folder.glob("*.json"):  # a record whose file is gone
            if record.stem not in kept:
                record.unlink(missing_ok=True)


def folder_size(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@contextlib.contextmanager
def locked(folder: Path | None, *, should_cancel: Callable[[], bool] | None = None,
           on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Holds the cache folder's lock: a second render of the same video waits for the first (an
    advisory lock on a file, released by the kernel if the worker dies), and can be cancelled
    while it waits."""
    if folder is None:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_NAME, "a+b") as handle:
        waited = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not waited and on_wait:
                    on_wait()
                waited = True
                if should_cancel and should_cancel():
                    raise RenderCancelled() from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
