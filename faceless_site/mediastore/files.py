"""The one way the project reads and writes media: files named by their path in the store
(`videos/12/renders/v3-ab12.mp4`, `assets/ab/ab12...png`), kept by Django's default storage
(settings.STORAGES["default"], chosen by MEDIA_STORAGE).

Three kinds of store, one API:

- **local** (the embedded default, FileSystemStorage at MEDIA_ROOT): a stored file is its own local
  copy, so `media_local` and `media_output` return paths under MEDIA_ROOT and `media_save` of a file
  already in place does nothing. One machine costs nothing extra.
- **s3** (django-storages' S3Storage): writes are whole-object uploads (multipart above
  MEDIA_UPLOAD_PART_BYTES, aborted on failure), reads fetch into the machine's scratch folder once
  per content hash; downloads (responses.py) stream through the view with Range or redirect to a
  short-lived presigned URL (MEDIA_DOWNLOADS).
- **other** (any other Django storage, e.g. django-storages' Google Cloud or Azure backends): the
  plain Storage API, with the same scratch folder; downloads stream whole, without Range.

Every failure of the store is a MediaStoreError (errors.py) whose message says what to do.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, Literal

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages

from faceless_site.mediastore import scratch
from faceless_site.mediastore.errors import MediaMissing, MediaStoreError, StoreUnavailable
from faceless_site.mediastore.s3 import Entry, S3Store, s3_store

Kind = Literal["local", "s3", "other"]
__all__ = ["Entry", "MediaMissing", "MediaStoreError", "is_local", "kind", "media_check", "media_clean_uploads",
           "media_copy", "media_delete", "media_delete_prefix", "media_exists", "media_list", "media_local",
           "media_open", "media_output", "media_read", "media_read_range", "media_save", "media_size", "media_write",
           "work_folder"]


def _storage() -> Any:
    return storages["default"]


def kind() -> Kind:
    storage = _storage()
    local = isinstance(storage, FileSystemStorage)
    if local and Path(storage.location).resolve() == Path(settings.MEDIA_ROOT).resolve():
        return "local"
    if type(storage).__name__ == "S3Storage" and hasattr(storage, "bucket_name"):
        return "s3"
    return "other"


def is_local() -> bool:
    """True when stored files are plain files under MEDIA_ROOT (nothing to fetch, nothing to upload)."""
    return kind() == "local"


def _s3() -> S3Store:
    return s3_store(_storage())


def describe() -> str:
    """Where media lives, for doctor and the health page (no credentials)."""
    found = kind()
    if found == "local":
        return f"local folder {settings.MEDIA_ROOT}"
    if found == "s3":
        location = _storage().location.strip("/")
        return f"S3 {_s3().where()}" + (f", prefix {location}/" if location else "")
    return f"{type(_storage()).__module__}.{type(_storage()).__name__}"


def _local_path(name: str) -> Path:
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / name).resolve()
    if path != root and root not in path.parents:
        raise MediaMissing(name)
    return path


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


# --- where steps write and read on this machine ---------------------------------------------------
def media_output(name: str) -> Path:
    """Where a step writes the file that will be stored as `name` (then `media_save(path, name)`):
    its final place with the local store, the scratch folder's work area otherwise."""
    path = _local_path(name) if is_local() else scratch.work(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def work_folder(name: str) -> Path:
    """A folder on this machine for a step's temporary files about `name` (e.g. a render's pieces)."""
    path = _local_path(name) if is_local() else scratch.work(name)
    path.mkdir(parents=True, exist_ok=True)
    return path


def media_local(name: str) -> Path:
    """A local file with the stored file's content, for ffmpeg and other readers of paths. With the local
    store that is the file itself; else a copy in the scratch folder, fetched once per content hash."""
    found = kind()
    if found == "local":
        path = _local_path(name)
        if not path.is_file():
            raise MediaMissing(name)
        return path
    if found == "s3":
        store = _s3()
        head = store.head(name)
        size = int(head["ContentLength"])
        content = head.get("Metadata", {}).get("sha256") or "etag-" + head["ETag"].strip('"').replace("-", "x")
        return scratch.fill(scratch.input_path(content, name), size, f"the file {name}",
                            lambda target: store.download(name, target))
    storage = _storage()
    if not storage.exists(name):
        raise MediaMissing(name)
    size = storage.size(name)
    stamp = storage.get_modified_time(name).timestamp() if hasattr(storage, "get_modified_time") else 0
    content = hashlib.sha256(f"{name}\n{size}\n{stamp}".encode()).hexdigest()

    def copy(target: Path) -> None:
        with storage.open(name, "rb") as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out, 1024 * 1024)
    return scratch.fill(scratch.input_path(content, name), size, f"the file {name}", copy)


# --- writing --------------------------------------------------------------------------------------
def media_save(path: Path, name: str, *, content_type: str = "") -> int:
    """Store the local file at `path` as `name`, replacing what was there, whole or not at all; the file
    at `path` is taken (moved into place, or kept as this machine's copy). Returns its size."""
    path = Path(path)
    size = path.stat().st_size
    found = kind()
    if found == "local":
        target = _local_path(name)
        if path.resolve() != target:
            target.parent.mkdir(parents=True, exist_ok=True)
            _move_into(path, target)
        return size
    if found == "s3":
        digest = _sha256(path)
        _s3().put_file(path, name, size=size, sha256=digest, content_type=content_type)
        scratch.adopt(path, digest, name)
        return size
    storage = _storage()
    with contextlib.suppress(FileNotFoundError):
        storage.delete(name)
    with open(path, "rb") as handle:
        saved = storage.save(name, File(handle, name=os.path.basename(name)))
    if saved != name:
        storage.delete(saved)
        raise MediaStoreError(f"The media store kept {name} under another name ({saved}); set it to overwrite "
                              "files (file_overwrite) in MEDIA_STORAGE_OPTIONS.")
    path.unlink(missing_ok=True)
    return size


def _move_into(path: Path, target: Path) -> None:
    try:
        os.replace(path, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
        try:
            shutil.copyfile(path, partial)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        path.unlink(missing_ok=True)


def media_write(name: str, data: bytes) -> None:
    """Store a small file from bytes (a record beside a cached file), whole or not at all."""
    found = kind()
    if found == "s3":
        _s3().put_bytes(name, data)
        return
    path = scratch.work(f".incoming/{uuid.uuid4().hex}") if found == "other" else None
    if path is None:
        target = _local_path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        path = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.write_bytes(data)
        media_save(path, name)
    finally:
        path.unlink(missing_ok=True)


def media_copy(source: str, target: str) -> None:
    """`target` becomes a copy of `source` (a hard link with the local store, a copy inside the store else)."""
    found = kind()
    if found == "local":
        origin, copy = _local_path(source), _local_path(target)
        if not origin.is_file():
            raise MediaMissing(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.unlink(missing_ok=True)
        try:
            os.link(origin, copy)
        except OSError:
            shutil.copyfile(origin, copy)
    elif found == "s3":
        _s3().copy(source, target)
    else:
        path = scratch.work(f".incoming/{uuid.uuid4().hex}")
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(media_local(source), path)
        media_save(path, target)


def media_delete(name: str) -> None:
    found = kind()
    if found == "local":
        with contextlib.suppress(MediaMissing):
            _local_path(name).unlink(missing_ok=True)
    elif found == "s3":
        _s3().delete(name)
    else:
        with contextlib.suppress(FileNotFoundError):
            _storage().delete(name)


def media_delete_prefix(prefix: str) -> int:
    """Delete every file whose name starts with `prefix` (a folder: end it with "/"); returns how many."""
    found = kind()
    if found == "local":
        folder = _local_path(prefix.rstrip("/"))
        count = sum(1 for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0
        shutil.rmtree(folder, ignore_errors=True)
        return count
    entries = media_list(prefix)
    if found == "s3":
        _s3().delete_many([entry.name for entry in entries])
    else:
        for entry in entries:
            media_delete(entry.name)
    return len(entries)


# --- reading --------------------------------------------------------------------------------------
def media_exists(name: str) -> bool:
    if not name:
        return False
    found = kind()
    if found == "local":
        try:
            return _local_path(name).is_file()
        except MediaMissing:
            return False
    if found == "s3":
        return _s3().exists(name)
    return _storage().exists(name)


def media_size(name: str) -> int:
    found = kind()
    if found == "local":
        try:
            return _local_path(name).stat().st_size
        except FileNotFoundError:
            raise MediaMissing(name) from None
    if found == "s3":
        return int(_s3().head(name)["ContentLength"])
    try:
        return _storage().size(name)
    except FileNotFoundError:
        raise MediaMissing(name) from None


def media_list(prefix: str) -> list[Entry]:
    """The files whose name starts with `prefix`, with their size and modification time."""
    found = kind()
    if found == "s3":
        return _s3().list(prefix)
    if found == "local":
        root = Path(settings.MEDIA_ROOT).resolve()
        folder = _local_path(prefix.rstrip("/")) if prefix.strip("/") else root
        if not folder.is_dir():
            return []
        return [Entry(p.relative_to(root).as_posix(), (s := p.stat()).st_size, s.st_mtime)
                for p in folder.rglob("*") if p.is_file()]
    storage, found_entries = _storage(), []

    def walk(folder: str) -> None:
        folders, files = storage.listdir(folder)
        for file in files:
            name = f"{folder}/{file}" if folder else file
            found_entries.append(Entry(name, storage.size(name), storage.get_modified_time(name).timestamp()))
        for sub in folders:
            walk(f"{folder}/{sub}" if folder else sub)
    with contextlib.suppress(FileNotFoundError):
        walk(prefix.rstrip("/"))
    return found_entries


@contextlib.contextmanager
def media_open(name: str) -> Iterator[BinaryIO]:
    """The stored file, opened for reading (a stream from the store; nothing is kept on disk)."""
    found = kind()
    if found == "local":
        try:
            handle = open(_local_path(name), "rb")  # noqa: SIM115  (closed below)
        except FileNotFoundError:
            raise MediaMissing(name) from None
    elif found == "s3":
        handle = _s3().get(name)["Body"]
    else:
        try:
            handle = _storage().open(name, "rb")
        except FileNotFoundError:
            raise MediaMissing(name) from None
    try:
        yield handle
    finally:
        handle.close()


def media_read(name: str) -> bytes:
    if kind() == "s3":
        return _s3().read(name)
    with media_open(name) as handle:
        return handle.read()


def media_read_range(name: str, start: int, length: int) -> bytes:
    """`length` bytes from `start` (fewer at the end of the file): what a chunked upload reads."""
    if length <= 0:
        return b""
    if kind() == "s3":
        return _s3().read(name, byte_range=f"bytes={start}-{start + length - 1}")
    with media_open(name) as handle:
        if hasattr(handle, "seek"):
            handle.seek(start)
        else:
            handle.read(start)
        return handle.read(length)


# --- housekeeping and health ------------------------------------------------------------------------
def media_clean_uploads(*, older_than_seconds: float = 86400) -> list[str]:
    """Abort multipart uploads begun longer ago than that and never finished (their workers were
    killed): their parts take space in the store but never become an object. Returns their names."""
    if kind() != "s3":
        return []
    store = _s3()
    cutoff = time.time() - older_than_seconds
    aborted = []
    for name, upload_id, begun in store.pending_uploads():
        if begun.timestamp() <= cutoff:
            store.abort_upload(name, upload_id)
            aborted.append(name)
    return aborted


def media_check() -> str:
    """Write, read back and delete a small object (or file): what `doctor` reports. Raises
    MediaStoreError with the fix when any of the three fails."""
    name = f".doctor/check-{uuid.uuid4().hex}"
    payload = f"faceless doctor {time.time()}".encode()
    started = time.monotonic()
    media_write(name, payload)
    try:
        if media_read(name) != payload:
            raise StoreUnavailable(f"The media store ({describe()}) gave back other bytes than were written.")
    finally:
        media_delete(name)
    if media_exists(name):
        raise MediaStoreError(f"The media store ({describe()}) still has a file it was asked to delete.")
    return f"{describe()}: wrote, read and deleted a test file in {(time.monotonic() - started) * 1000:.0f} ms"
