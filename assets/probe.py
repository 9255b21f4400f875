"""What a file really is, judged by its content (Pillow for images, ffprobe for clips and audio),
never by its name or the Content-Type a server claimed."""

from __future__ import annotations

import json
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "WEBP": ("image/webp", ".webp"),
                 "GIF": ("image/gif", ".gif")}
# ffprobe format_name -> (mime, extension). ffprobe recognises text, playlists and image sequences too,
# so only these containers are accepted.
VIDEO_FORMATS = {"mov,mp4,m4a,3gp,3g2,mj2": ("video/mp4", ".mp4"), "matroska,webm": ("video/webm", ".webm"),
                 "avi": ("video/x-msvideo", ".avi"), "mpegts": ("video/mp2t", ".ts"),
                 "ogg": ("video/ogg", ".ogv")}  # Ogg Theora, as Wikimedia Commons serves older clips
AUDIO_FORMATS = {"mp3": ("audio/mpeg", ".mp3"), "wav": ("audio/wav", ".wav"), "ogg": ("audio/ogg", ".ogg"),
                 "flac": ("audio/flac", ".flac"), "mov,mp4,m4a,3gp,3g2,mj2": ("audio/mp4", ".m4a")}
Image.MAX_IMAGE_PIXELS = 120_000_000  # refuse decompression bombs, allow 10k x 10k photos


class NotMedia(ValueError):
    """The file is not an image, clip or audio file we can use; the message says what it is."""


@dataclass(frozen=True)
class MediaInfo:
    kind: str  # "image" | "video" | "audio" (Asset.Kind values)
    mime_type: str
    extension: str
    width: int | None = None
    height: int | None = None
    duration_seconds: float | None = None


def probe_file(path: Path) -> MediaInfo:
    """Identify `path` by content. Raises NotMedia with a readable reason."""
    image = _probe_image(path)
    if image is not None:
        return image
    return _probe_av(path)


def _probe_image(path: Path) -> MediaInfo | None:
    try:
        with Image.open(path) as img:  # reads the header only
            fmt = img.format
            width, height = img.size
            _refuse_too_many_pixels(width, height)
            img.verify()  # reads the whole file: catches truncated or corrupt images
    except UnidentifiedImageError:
        return None
    except NotMedia:
        raise
    except Image.DecompressionBombError as exc:
        raise NotMedia("The image is too large in pixels to be used safely.") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise NotMedia(f"The image is damaged or cut short ({type(exc).__name__}).") from exc
    if fmt not in IMAGE_FORMATS:
        raise NotMedia(f"{fmt} images are not supported; use JPEG, PNG, WebP or GIF.")
    mime, ext = IMAGE_FORMATS[fmt]
    return MediaInfo("image", mime, ext, width, height)


def _refuse_too_many_pixels(width: int, height: int) -> None:
    """Pillow only warns below twice its MAX_IMAGE_PIXELS, and ffmpeg decodes every pixel of a still:
    a 225-megapixel PNG took a render to 749 MB. Refused from the header, before anything decodes it."""
    from django.conf import settings

    limit = settings.IMAGE_MAX_PIXELS
    if width * height > limit:
        raise NotMedia(f"The image is {width}x{height} pixels ({width * height / 1e6:.0f} megapixels); the largest "
                       f"accepted is {limit / 1e6:g} megapixels. Scale it down (a render uses at most "
                       f"{settings.IMAGE_MAX_SIDE} pixels on the long side) and upload it again.")


ISO_MEDIA = "mov,mp4,m4a,3gp,3g2,mj2"


def _require_whole_iso_file(path: Path) -> None:
    """An MP4 (or MOV, M4A) is a row of boxes, each starting with its size. ffprobe reads the index box
    (moov) and trusts it: when the index is at the front (a web-ready "faststart" file), a copy cut
    short still probes whole, and only the render finds the pictures missing. Every top-level box must
    end within the file."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        offset = 0
        while offset < size:
            handle.seek(offset)
            header = handle.read(16)
            if len(header) < 8:
                break  # trailing bytes too few for a box: padding some tools leave
            length = struct.unpack(">I", header[:4])[0]
            if length == 1 and len(header) == 16:
                length = struct.unpack(">Q", header[8:16])[0]
            elif length == 0:  # the last box runs to the end of the file
                return
            if length < 8:
                raise NotMedia("The clip is damaged (a part of it has no length); export it again and upload it.")
            if offset + length > size:
                raise NotMedia(f"The clip is cut short: it ends after {size / 1e6:.1f} MB, but it says it holds "
                               f"{(offset + length) / 1e6:.1f} MB; upload the whole file again.")
            offset += length


def _ffprobe(path: Path) -> dict:
    try:
        out = subprocess.run(
            ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
            capture_output=True, timeout=60, check=False,
        )
    except FileNotFoundError as exc:
        raise NotMedia("ffprobe is not installed, so clips cannot be checked; install ffmpeg.") from exc
    except subprocess.TimeoutExpired as exc:
        raise NotMedia("Checking the file took too long; it may be damaged.") from exc
    if out.returncode != 0:
        raise NotMedia("The file is not an image, video or audio file we can read.")
    return json.loads(out.stdout or b"{}")


def _probe_av(path: Path) -> MediaInfo:
    info = _ffprobe(path)
    fmt = info.get("format", {})
    name = fmt.get("format_name", "")
    streams = info.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video"
                  and not s.get("disposition", {}).get("attached_pic")), None)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    try:
        duration = float(fmt.get("duration") or 0)
    except ValueError:
        duration = 0.0
    if name == ISO_MEDIA:
        _require_whole_iso_file(path)
    if video is not None and name in VIDEO_FORMATS:
        if duration <= 0:
            raise NotMedia("The clip has no playable length; it may be cut short.")
        mime, ext = VIDEO_FORMATS[name]
        return MediaInfo("video", mime, ext, int(video.get("width") or 0) or None,
                         int(video.get("height") or 0) or None, round(duration, 3))
    if audio is not None and name in AUDIO_FORMATS and video is None:
        if duration <= 0:
            raise NotMedia("The audio file has no playable length; it may be cut short.")
        mime, ext = AUDIO_FORMATS[name]
        return MediaInfo("audio", mime, ext, duration_seconds=round(duration, 3))
    raise NotMedia("The file is not an image, video or audio file we can use "
                   "(use JPEG/PNG/WebP images, MP4/WebM clips or MP3/WAV/OGG/FLAC/M4A audio).")


def check_decodes(path: Path, *, seconds: float = 2.0) -> None:
    """Decode the first seconds of a clip's picture: a header ffprobe accepts can still hide a stream
    the renderer cannot read (a damaged WebM). Raises NotMedia."""
    try:
        out = subprocess.run(["ffmpeg", "-v", "error", "-xerror", "-t", str(seconds), "-i", str(path), "-map", "0:v:0",
                              "-f", "null", "-"], capture_output=True, timeout=120, check=False)
    except FileNotFoundError as exc:
        raise NotMedia("ffmpeg is not installed, so clips cannot be checked; install ffmpeg.") from exc
    except subprocess.TimeoutExpired as exc:
        raise NotMedia("Decoding the clip took too long; it may be damaged.") from exc
    errors = out.stderr.decode(errors="replace").strip().splitlines()
    if out.returncode != 0 or errors:  # ffmpeg carries on past damaged frames, but says so
        raise NotMedia(f"The clip does not decode ({(errors[-1:] or ['unknown error'])[0][:120]}).")
