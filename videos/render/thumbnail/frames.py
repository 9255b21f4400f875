"""The video's best frame for a thumbnail: sharp, not blank, not a title card.

Candidates are the scenes' own pictures (stills, and a few moments of each clip), never a title
card or a generated background. Each is decoded small (320x180 grey) and scored: edge energy (a
Laplacian) for sharpness, the spread of its brightness for content (a blank or nearly flat frame
is refused), and a penalty for frames nearly black or white. A JPEG still is decoded at a reduced
size (`-lowres`) when that still covers the size wanted. The winner is decoded again at
1280x720, cropped to fill.
"""

from __future__ import annotations

import subprocess
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


def _decode(candidate: Candidate, width: int, height: int, pix_fmt: str, ffmpeg: str) -> np.ndarray | None:
    seek = ["-ss", f"{candidate.at:.3f}"] if candidate.kind == "video" and candidate.at > 0 else []
    argv = [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", *seek,
            *_lowres(candidate, width, height), "-i", str(candidate.path),
            "-frames:v", "1", "-vf", f"scale={width}:{height}:force_original_aspect_ratio=increase:flags=bicubic,"
            f"crop={width}:{height},format={pix_fmt}", "-f", "rawvideo", "-"]
    try:
        data = subprocess.run(argv, capture_output=True, timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    channels = 3 if pix_fmt == "rgb24" else 1
    if len(data) != width * height * channels:
        return None
    return np.frombuffer(data, np.uint8).reshape(height, width, channels)


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
    with ThreadPoolExecutor(max_workers=2) as pool:
        frames = list(pool.map(lambda c: _decode(c, SMALL_W, SMALL_H, "gray", ffmpeg), candidates))
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
