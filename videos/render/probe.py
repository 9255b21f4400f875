"""ffprobe: what a media file holds, used to vet assets before a render and the output after it."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class MediaInfo:
    duration: float
    width: int
    height: int
    fps: float
    frames: int
    has_video: bool
    has_audio: bool
    video_codec: str
    pix_fmt: str
    audio_codec: str


def _rate(value: str) -> float:
    num, _, den = (value or "0/1").partition("/")
    try:
        return float(num) / float(den or 1) if float(den or 1) else 0.0
    except ValueError:
        return 0.0


def probe(path: Path, *, count_frames: bool = False, timeout: float = 60) -> MediaInfo | None:
    """None when ffprobe cannot read the file (missing, corrupt, not media)."""
    if not Path(path).is_file():
        return None
    command = [settings.FFPROBE_BINARY, "-v", "error", "-print_format", "json", "-show_format", "-show_streams"]
    if count_frames:
        command.append("-count_packets")
    try:
        result = subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=timeout, check=False)
        data = json.loads(result.stdout or "{}")
    except (OSError, subprocess.SubprocessError, json.JSONDecodeError):
        return None
    if result.returncode != 0 or not data.get("streams"):
        return None
    video = next((s for s in data["streams"] if s.get("codec_type") == "video"), {})
    audio = next((s for s in data["streams"] if s.get("codec_type") == "audio"), {})
    duration = float(data.get("format", {}).get("duration") or video.get("duration") or 0)
    frames = int(video.get("nb_read_packets") or video.get("nb_frames") or 0)
    return MediaInfo(duration=duration, width=int(video.get("width") or 0), height=int(video.get("height") or 0),
                     fps=_rate(video.get("avg_frame_rate") or video.get("r_frame_rate")), frames=frames,
                     has_video=bool(video), has_audio=bool(audio), video_codec=video.get("codec_name", ""),
                     pix_fmt=video.get("pix_fmt", ""), audio_codec=audio.get("codec_name", ""))


_USABLE: dict[tuple, tuple[MediaInfo | None, str]] = {}
_USABLE_LOCK = threading.Lock()
_USABLE_ENTRIES = 4096


def usable_visual(path: Path, kind: str) -> tuple[MediaInfo | None, str]:
    """The asset's info, or None and the reason it cannot be used. A worker remembers the answer for
    the file as it is (same inode, size and modification time), so an update of a video does not
    check every unchanged clip again; a file replaced or rewritten is checked afresh."""
    return _remembered(path, kind, lambda: _usable_visual(path, kind))


def readable_media(path: Path) -> MediaInfo | None:
    """probe() of an input such as the music bed, remembered like usable_visual."""
    return _remembered(path, "probe", lambda: (probe(path), ""))[0]


def _remembered(path: Path, kind: str, check) -> tuple[MediaInfo | None, str]:
    try:
        stat = os.stat(path)
    except OSError:
        return check()
    key = (str(path), kind, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    with _USABLE_LOCK:
        known = _USABLE.get(key)
    if known is not None:
        return known
    answer = check()
    with _USABLE_LOCK:
        if len(_USABLE) >= _USABLE_ENTRIES:
            _USABLE.pop(next(iter(_USABLE)))
        _USABLE[key] = answer
    return answer


def _usable_visual(path: Path, kind: str) -> tuple[MediaInfo | None, str]:
    info = probe(path, timeout=30)
    if info is None:
        return None, "missing or unreadable" if not Path(path).is_file() else "corrupt or not a picture ffmpeg can read"
    if not info.has_video or info.width < 16 or info.height < 16:
        return None, "has no picture"
    if kind == "video" and info.duration < 0.2:
        return None, "is too short to use"
    if kind == "video" and not _decodes(path):
        return None, "is damaged and cannot be decoded"
    return info, ""


def _decodes(path: Path) -> bool:
    """A clip cut short can probe fine and fail mid-render. Its first second is decoded, and every
    packet is read without decoding (a cut-short file fails there at once; decoding its last second
    instead would decode from the keyframe before it, often the whole clip)."""
    checks = (["-i", str(path), "-t", "1", "-an", "-f", "null", "-"],
              ["-i", str(path), "-map", "0:v:0", "-c", "copy", "-f", "null", "-"])
    for args in checks:
        command = [settings.FFMPEG_BINARY, "-nostdin", "-v", "error", "-xerror", *args]
        try:
            result = subprocess.run(command, capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.SubprocessError):
            return False
        if result.returncode != 0:
            return False
    return True
