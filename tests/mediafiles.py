"""What the media store holds, for assertions that work with the local folder and the object store."""

from __future__ import annotations

from faceless_site.mediastore.files import media_list


def stored(prefix: str) -> list[str]:
    """The names of the stored files under `prefix` (a folder: end it with "/")."""
    return sorted(entry.name for entry in media_list(prefix))


def library_files() -> list[str]:
    """Every file the library keeps, and every temporary file an upload or a download left behind
    (beside the library with the local store, in the machine's scratch folder otherwise)."""
    from assets.storage import temp_dir

    kept = [name for name in stored("assets/") if "/.incoming/" not in name]
    return sorted(kept + [str(path) for path in temp_dir().rglob("*") if path.is_file()])


def nothing_under(prefix: str) -> bool:
    """No stored file under `prefix`, and none being made there on this machine (a step's half file)."""
    from faceless_site.mediastore.files import work_folder

    folder = work_folder(prefix.rstrip("/"))
    return stored(prefix) == [] and not [path for path in folder.rglob("*") if path.is_file()]


def stamp(name: str) -> tuple[str, int]:
    """What tells one stored file from another made again: its modification time (to the nanosecond)
    in the local folder; in an object store, where a copy is a new object with a new date, its
    content hash (so there a new file with the very same bytes cannot be told from a kept one)."""
    from faceless_site.mediastore import files

    if files.is_local():
        info = files.media_local(name).stat()
        return str(info.st_mtime_ns), info.st_size
    head = files._s3().head(name)
    return head.get("Metadata", {}).get("sha256") or head["ETag"], int(head["ContentLength"])
