"""Content-addressed files in the media store: written to a temporary file first (beside the library
with the local store, so the final rename is atomic; in the machine's scratch folder else) and
stored whole at the end, so a crash or a refused file never leaves a half file where the library looks."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from faceless_site.mediastore import files


class TooLarge(ValueError):
    pass


@dataclass(frozen=True)
class TempFile:
    path: Path
    sha256: str
    size_bytes: int


def temp_dir() -> Path:
    # With the local store: the same filesystem as the library, so the final rename is atomic.
    return files.work_folder("assets/.incoming")


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
    """Store a checked temporary file under its content-hash name; returns that name."""
    relative = relative_path(temp.sha256, extension)
    files.media_save(temp.path, relative)
    return relative


def discard(temp: TempFile) -> None:
    temp.path.unlink(missing_ok=True)
