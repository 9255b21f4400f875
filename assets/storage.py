"""Content-addressed files under MEDIA_ROOT: written to a temporary file first and renamed into
place, so a crash or a refused file never leaves a half file where the library looks."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


class TooLarge(ValueError):
    pass


@dataclass(frozen=True)
class TempFile:
    path: Path
    sha256: str
    size_bytes: int


def temp_dir() -> Path:
    # Same filesystem as the library, so the final rename is atomic.
    path = Path(settings.MEDIA_ROOT) / "assets" / ".incoming"
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_temp(chunks: Iterable[bytes], *, max_bytes: int) -> TempFile:
    """Stream `chunks` to a temporary file, hashing as it goes; removes the file on any error."""
    digest = hashlib.sha256()
    size = 0
    fd, name = tempfile.mkstemp(dir=temp_dir(), suffix=".part")
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    raise TooLarge(f"The file is larger than the {max_bytes // (1024 * 1024)} MB limit.")
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return TempFile(path, digest.hexdigest(), size)


def relative_path(sha256: str, extension: str) -> str:
    return f"assets/{sha256[:2]}/{sha256}{extension}"


def commit_temp(temp: TempFile, *, extension: str) -> str:
    """Move a checked temporary file to its content-hash name; returns the path under MEDIA_ROOT."""
    relative = relative_path(temp.sha256, extension)
    final = Path(settings.MEDIA_ROOT) / relative
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(temp.path, final)
    return relative


def discard(temp: TempFile) -> None:
    temp.path.unlink(missing_ok=True)
