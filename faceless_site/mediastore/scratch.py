"""A machine's scratch folder (MEDIA_SCRATCH_DIR), used only with a remote media store.

    inputs/<h[:2]>/<h>/<name> copies of stored files for ffmpeg, by content hash (fetched once,
                              shared by every job on the machine, MEDIA_SCRATCH_BYTES in all, least
                              recently used first out)
    work/<name>               what a step writes before it goes to the store (render folders, narration)
    render-cache/...          the render cache's copy on this machine (videos.services.render_cache)

Nothing here is needed by another machine, so losing the folder costs only downloads.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from django.conf import settings

from faceless_site.mediastore.errors import ScratchFull


def root() -> Path:
    return Path(settings.MEDIA_SCRATCH_DIR)


def inputs() -> Path:
    return root() / "inputs"


def work(name: str = "") -> Path:
    return root() / "work" / name if name else root() / "work"


def input_path(content_hash: str, name: str) -> Path:
    """The copy of stored `name` with this content: in a folder named by the hash, under the file's own
    name (ffmpeg reads the extension; a warning about the file names it as the user knows it)."""
    return inputs() / content_hash[:2] / content_hash / PurePosixPath(name).name[-120:]


def used_bytes() -> int:
    folder = inputs()
    if not folder.is_dir():
        return 0
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def trim(*, room_for: int = 0, keep: Path | None = None) -> int:
    """Delete the least recently used inputs until they and `room_for` more bytes fit the budget."""
    folder = inputs()
    if not folder.is_dir():
        return 0
    files = [(p.stat(), p) for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
    total = sum(stat.st_size for stat, _ in files)
    freed = 0
    for stat, path in sorted(files, key=lambda item: item[0].st_mtime):
        if total + room_for <= settings.MEDIA_SCRATCH_BYTES:
            break
        if path == keep:
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            total -= stat.st_size
            freed += stat.st_size
    return freed


def full(needed: int, what: str) -> ScratchFull:
    free = shutil.disk_usage(root()).free if root().exists() else 0
    return ScratchFull(
        f"The scratch folder of this machine ({root()}, MEDIA_SCRATCH_DIR) has {free / 1024**2:.0f} MB free; "
        f"{what} needs {needed / 1024**2:.0f} MB more, with MIN_FREE_DISK_BYTES "
        f"({settings.MIN_FREE_DISK_BYTES / 1024**3:.1f} GB) left over for renders. Free space on that disk, or "
        "point MEDIA_SCRATCH_DIR at a bigger one; nothing made was lost.")


def make_room(needed: int, what: str) -> None:
    """Trim the inputs to the budget, then make sure the disk keeps MIN_FREE_DISK_BYTES after `needed`."""
    root().mkdir(parents=True, exist_ok=True)
    trim(room_for=needed)
    if shutil.disk_usage(root()).free - needed < settings.MIN_FREE_DISK_BYTES:
        trim(room_for=settings.MEDIA_SCRATCH_BYTES)  # everything not in use: the disk comes first
        if shutil.disk_usage(root()).free - needed < settings.MIN_FREE_DISK_BYTES:
            raise full(needed, what)


def fill(target: Path, size: int, what: str, write: Callable[[Path], object]) -> Path:
    """Create `target` through `write(temporary path)`, renamed into place only when whole."""
    if target.is_file() and target.stat().st_size == size:
        os.utime(target)  # most recently used
        return target
    make_room(size, what)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        write(partial)
        if partial.stat().st_size != size:
            raise OSError(errno.EIO, f"{what}: {partial.stat().st_size} bytes arrived, {size} expected")
        partial.replace(target)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise full(size, what) from exc
        raise
    finally:
        partial.unlink(missing_ok=True)
    return target


def adopt(path: Path, content_hash: str, name: str) -> Path:
    """Keep a file just stored as the machine's copy of it (no download if this machine reads it next).
    The file is moved when it is on the same disk; else it is left where it is."""
    target = input_path(content_hash, name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    except OSError:
        return path
    os.utime(target)
    return target
