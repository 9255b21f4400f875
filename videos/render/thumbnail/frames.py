"""The video's best frame for a thumbnail: sharp, not blank, not a title card.

Candidates are the scenes' own pictures (stills, and a few moments of each clip), never a title
card or a generated background. Each is decoded small (320x180 grey) and scored: edge energy (a
Laplacian) for sharpness, the spread of its brightness for content (a blank or nearly flat frame
is refused), and a penalty for frames nearly black or white. A JPEG still is decoded at a reduced
size (`-lowres`) when that still covers the size wanted; a clip's moments come from one decode.
All of them are decoded by one ffmpeg run (each start of Debian's ffmpeg, which loads some 200
libraries, costs about 0.1 CPU-s: as much as decoding a still). The winner is decoded again at
1280x720, cropped to fill.
"""

from __future__ import annotations

import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

SMALL_W, SMALL_H = 320, 180
MIN_SPREAD = 14.0  # standard deviation of 0-255 brightness below which a frame shows nothing
MAX_CANDIDATES = 24


@dataclass(frozen=True)
class Candidate:
    path: Path
    kind: str  # "image" or "video"
    at: float = 0.0  # seconds into the file


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    sharpness: float
    spread: float
    brightness: float


def _lowres(candidate: Candidate, width: int, height: int) -> list[str]:
    """For a JPEG still, ffmpeg's `-lowres`: its decoder then works at a half, a quarter or an eighth
    of the size, as small as still covers width x height (the scale after it never enlarges)."""
    if candidate.kind != "image":
        return []
    try:
        with Image.open(candidate.path) as image:
            if image.format != "JPEG":
                return []
            w, h = image.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return []
    level = 0
    while level < 3 and -(-w // 2 ** (level + 1)) >= width and -(-h // 2 ** (level + 1)) >= height:
        level += 1
    return ["-lowres", str(level)] if level else []


def _run(argv: list[str]) -> bytes:
    try:
        return subprocess.run(argv, capture_output=True, timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return b""


def _fill(width: int, height: int, pix_fmt: str) -> str:
    return (f"scale={width}:{height}:force_original_aspect_ratio=increase:flags=bicubic,crop={width}:{height},"
            f"format={pix_fmt}")


def _pictures(data: bytes, count: int, width: int, height: int, pix_fmt: str) -> list[np.ndarray | None]:
    channels = 3 if pix_fmt == "rgb24" else 1
    size = width * height * channels
    return [np.frombuffer(data[i * size:(i + 1) * size], np.uint8).reshape(height, width, channels)
            if len(data) >= (i + 1) * size else None for i in range(count)]


def _decode(candidate: Candidate, width: int, height: int, pix_fmt: str, ffmpeg: str) -> np.ndarray | None:
    seek = ["-ss", f"{candidate.at:.3f}"] if candidate.kind == "video" and candidate.at > 0 else []
    argv = [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", *seek,
            *_lowres(candidate, width, height), "-i", str(candidate.path),
            "-frames:v", "1", "-vf", _fill(width, height, pix_fmt), "-f", "rawvideo", "-"]
    data = _run(argv)
    channels = 3 if pix_fmt == "rgb24" else 1
    return _pictures(data, 1, width, height, pix_fmt)[0] if len(data) == width * height * channels else None


def _moments_filter(moments: list[float]) -> tuple[list[str], str]:
    """The seek and the `select` that keep a clip's sorted `moments` from one decode: from the first
    moment (sought as `_decode` does) on to the last, the first frame at or past each."""
    first = moments[0]
    seek = ["-ss", f"{first:.3f}"] if first > 0 else []
    # After the seek, t counts from the first moment (frames before it are dropped): a later moment
    # keeps the first frame whose t reaches it while the frame before it had not.
    base = round(first, 3) if first > 0 else 0.0
    offsets = [round(m, 3) - base for m in moments[1:]]
    keep = "+".join(["eq(n,0)", *(f"gte(t,{o:.4f})*(isnan(prev_pts)+lt(prev_pts*TB,{o:.4f}))" for o in offsets)])
    return seek, f"select='{keep}'"


def _decode_moments(path: Path, moments: list[float], width: int, height: int, pix_fmt: str,
                    ffmpeg: str) -> dict[float, np.ndarray | None]:
    """Several moments of one clip in one decode, so the frames before the last moment are decoded
    once instead of once for every moment after them."""
    moments = sorted(set(moments))
    seek, select = _moments_filter(moments)
    argv = [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", *seek, "-i", str(path),
            "-vf", f"{select},{_fill(width, height, pix_fmt)}", "-fps_mode", "passthrough",
            "-frames:v", str(len(moments)), "-f", "rawvideo", "-"]
    return dict(zip(moments, _pictures(_run(argv), len(moments), width, height, pix_fmt), strict=True))


Job = tuple[Path, list[float] | None]  # a still (None), or a clip and its moments


def _decode_together(jobs: list[Job], width: int, height: int, pix_fmt: str,
                     ffmpeg: str) -> list[dict[float, np.ndarray | None]] | None:
    """Every job in one ffmpeg run, each input read and filtered as `_decode` or `_decode_moments`
    reads it alone (the same frames), each to its own file; None if the run fails (a file it
    cannot read), for the jobs to be decoded one by one."""
    inputs, chains, outputs, counts = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="thumbnail-frames-") as folder:
        for number, (path, moments) in enumerate(jobs):
            if moments is None:
                inputs += [*_lowres(Candidate(path, "image"), width, height), "-i", str(path)]
                chain, count = _fill(width, height, pix_fmt), 1
            else:
                moments = sorted(set(moments))
                seek, select = _moments_filter(moments)
                inputs += [*seek, "-i", str(path)]
                chain, count = f"{select},{_fill(width, height, pix_fmt)}", len(moments)
            chains.append(f"[{number}:v]{chain}[out{number}]")
            outputs += ["-map", f"[out{number}]", "-fps_mode", "passthrough", "-frames:v", str(count),
                        "-f", "rawvideo", str(Path(folder) / f"{number}.raw")]
            counts.append(count)
        argv = [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", *inputs,
                "-filter_complex", ";".join(chains), *outputs]
        try:
            if subprocess.run(argv, capture_output=True, timeout=120, check=False).returncode != 0:
                return None
        except (OSError, subprocess.SubprocessError):
            return None
        decoded = []
        for number, (_, moments) in enumerate(jobs):
            data = (Path(folder) / f"{number}.raw").read_bytes()
            pictures = _pictures(data, counts[number], width, height, pix_fmt)
            decoded.append({0.0: pictures[0]} if moments is None else dict(zip(sorted(set(moments)), pictures,
                                                                                 strict=True)))
    return decoded


def score(gray: np.ndarray) -> tuple[float, float, float, float]:
    """(score, sharpness, spread, brightness) of a grey frame; a score of 0 means unusable."""
    image = gray.astype(np.float32).reshape(gray.shape[0], gray.shape[1])
    laplacian = (image[1:-1, :-2] + image[1:-1, 2:] + image[:-2, 1:-1] + image[2:, 1:-1] - 4 * image[1:-1, 1:-1])
    sharpness = float(np.mean(np.abs(laplacian)))
    spread, brightness = float(image.std()), float(image.mean())
    if spread < MIN_SPREAD:
        return 0.0, sharpness, spread, brightness
    exposure = 1.0 if 35 <= brightness <= 215 else 0.4
    return sharpness * min(1.0, spread / 45) * exposure, sharpness, spread, brightness


def rank(candidates: list[Candidate], ffmpeg: str = "ffmpeg") -> list[Scored]:
    """The usable candidates, best first."""
    candidates = candidates[:MAX_CANDIDATES]
    clips: dict[Path, list[float]] = {}
    for candidate in candidates:
        if candidate.kind == "video":
            clips.setdefault(candidate.path, []).append(candidate.at)
    jobs: list[Job] = [(path, moments) for path, moments in clips.items()]
    jobs += list(dict.fromkeys((c.path, None) for c in candidates if c.kind != "video"))

    def decode(job: Job) -> dict[float, np.ndarray | None]:
        path, moments = job
        if moments is None:
            return {0.0: _decode(Candidate(path, "image"), SMALL_W, SMALL_H, "gray", ffmpeg)}
        return _decode_moments(path, moments, SMALL_W, SMALL_H, "gray", ffmpeg)

    together = _decode_together(jobs, SMALL_W, SMALL_H, "gray", ffmpeg) if jobs else []
    if together is None:  # one of them cannot be read: each on its own, so the others still count
        with ThreadPoolExecutor(max_workers=2) as pool:
            together = list(pool.map(decode, jobs))
    decoded = dict(zip([(path, moments is None) for path, moments in jobs], together, strict=True))
    frames = [decoded[(c.path, c.kind != "video")].get(c.at if c.kind == "video" else 0.0) for c in candidates]
    scored = [Scored(c, *score(f)) for c, f in zip(candidates, frames, strict=True) if f is not None]
    return sorted((s for s in scored if s.score > 0), key=lambda s: -s.score)


def best_frame(candidates: list[Candidate], width: int, height: int, ffmpeg: str = "ffmpeg"
               ) -> tuple[Scored, np.ndarray] | None:
    """The best candidate and its RGB picture at width x height, or None when none is usable."""
    for scored in rank(candidates, ffmpeg)[:3]:
        picture = _decode(scored.candidate, width, height, "rgb24", ffmpeg)
        if picture is not None:
            return scored, picture
    return None
