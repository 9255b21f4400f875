"""Burned captions as pictures: each look the captions take (subtitles.Look) is drawn once by libass,
kept as a small RGBA picture of just its own rectangle, and laid over the frames that show it
(ffmpeg's overlay), instead of libass drawing the captions into every frame (1.2-2 ms a 1080p
frame; the overlay of the caption's rectangle costs about a third of that).

Every look is drawn twice, over black and over white, in one ffmpeg run for the whole video:
whatever libass blends, a pixel over black is colour x alpha and over white that plus
255 x (1 - alpha), so the two give its alpha and its colour. Laid over a frame, the picture gives
the frame libass would have drawn, to within rounding (a worst frame 75 dB PSNR apart, at most 8
levels on a few edge pixels).
"""

from __future__ import annotations

import bisect
import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

import ffmpeg
import numpy as np
from PIL import Image

from videos.render import subtitles
from videos.render.errors import RenderError


@dataclass(frozen=True)
class Picture:
    path: Path
    x: int
    y: int


@dataclass(frozen=True)
class Captions:
    """A segment's captions: each look's time in it (ms, as libass reads a frame's time) and its
    picture (None when it draws nothing)."""

    starts: list[int]
    ends: list[int]
    pictures: list[Picture | None]

    def runs(self, frames: int, fps: int) -> list[tuple[Picture, int, int]]:
        """The pictures shown over the segment's frames, each with the first and last frame showing it."""
        runs: list[tuple[Picture, int, int]] = []
        for number in range(frames):
            # The frame's time as ffmpeg's subtitles filter gives it to libass (a double, truncated).
            at = int(number * (1 / fps) * 1000)
            index = bisect.bisect_right(self.starts, at) - 1
            picture = self.pictures[index] if index >= 0 and at < self.ends[index] else None
            if picture is None:
                continue
            if runs and runs[-1][0] == picture and runs[-1][2] == number - 1:
                runs[-1] = (picture, runs[-1][1], number)
            else:
                runs.append((picture, number, number))
        return runs


def draw(header: list[str], segments: list[list[subtitles.Look]], *, width: int, height: int, fonts_dir: Path,
         tmp: Path, ffmpeg_binary: str) -> tuple[list[Captions], str | None]:
    """Draw every segment's looks (libass, over black and over white; a look two segments share,
    once) into pictures in `tmp`; returns each segment's Captions, and the command that drew them
    (for the render's record; None if there was nothing to draw)."""
    unique = list(dict.fromkeys((look.text, look.offset_ms) for looks in segments for look in looks))
    drawn: dict[tuple[str, int], Picture | None] = {}
    command = None
    if unique:
        shown = [subtitles.Look(0, 0, text, offset) for text, offset in unique]
        pictures, command = _draw_sheet(header, shown, width=width, height=height, fonts_dir=fonts_dir, tmp=tmp,
                                        ffmpeg_binary=ffmpeg_binary)
        drawn = dict(zip(unique, pictures, strict=True))
    return ([Captions([look.start_ms for look in looks], [look.end_ms for look in looks],
                      [drawn[(look.text, look.offset_ms)] for look in looks]) for looks in segments], command)


def _draw_sheet(header: list[str], looks: list[subtitles.Look], *, width: int, height: int, fonts_dir: Path,
                tmp: Path, ffmpeg_binary: str) -> tuple[list[Picture | None], str]:
    longest = max(look.offset_ms for look in looks)
    spacing = (longest // 1000 + 2) * 1000  # each look alone on its frame of the sheet
    sheet = tmp / "captions.ass"
    subtitles.write_sheet(sheet, header, looks, spacing)
    # One stream: each look over black, then over white (1 ms later, the same look), in one chain.
    canvases = ";".join(f"color=c={color}:s={width}x{height}:r=1000/{spacing},settb=1/1000,setpts=PTS+{shift}[{color}]"
                        for color, shift in (("black", 5), ("white", 6)))
    sheets = (ffmpeg.input(f"{canvases};[black][white]interleave", f="lavfi").video
              .filter("trim", start_frame=2).filter("format", "rgb24")
              .filter("subtitles", filename=str(sheet), fontsdir=str(fonts_dir)))
    # Each frame as it comes (the default would repeat frames to fill a constant rate).
    argv = (ffmpeg.output(sheets, "pipe:", f="rawvideo", pix_fmt="rgb24", fps_mode="passthrough",
                          **{"frames:v": 2 * len(looks)})
            .global_args("-nostdin", "-hide_banner", "-loglevel", "error").compile(cmd=ffmpeg_binary))
    size = width * height * 3 * 2
    pictures: list[Picture | None] = []
    seen: dict[bytes, Picture] = {}
    log = tmp / "captions.log"
    with open(log, "wb") as stderr:
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr)
        try:
            data = bytearray(size)
            view = memoryview(data)
            for _ in looks:
                filled = 0
                while filled < size:
                    count = process.stdout.readinto(view[filled:])
                    if not count:
                        break
                    filled += count
                if filled < size:
                    break
                pictures.append(_picture(data, width, height, tmp / f"caption-{len(seen):04d}.png", seen))
        finally:
            process.stdout.close()
            code = process.wait()
    if code != 0 or len(pictures) < len(looks):
        text = log.read_text(errors="replace").strip()
        raise RenderError(f"Drawing the captions failed (exit {code}): {text[-400:]}", log=text)
    return pictures, shlex.join(argv)


def _picture(data: bytearray, width: int, height: int, path: Path, seen: dict[bytes, Picture]) -> Picture | None:
    both = np.frombuffer(data, np.uint8).reshape(2 * height, width * 3)
    black, white = both[:height], both[height:]
    # The rows, then the columns, that libass drew on (anything but black over black, white over white).
    rows = np.flatnonzero(black.max(axis=1) | ~white.min(axis=1))
    if not len(rows):
        return None
    top, bottom = rows[0] // 2 * 2, min(height, (rows[-1] + 2) // 2 * 2)  # even edges: the frames are 4:2:0
    band_black, band_white = black[top:bottom], white[top:bottom]
    columns = np.flatnonzero(band_black.max(axis=0) | ~band_white.min(axis=0)) // 3
    left, right = columns[0] // 2 * 2, min(width, (columns[-1] + 2) // 2 * 2)
    over_black = band_black[:, left * 3:right * 3].reshape(bottom - top, right - left, 3).astype(np.float32)
    over_white = band_white[:, left * 3:right * 3].reshape(bottom - top, right - left, 3).astype(np.float32)
    alpha = np.rint(np.clip(255 - (over_white - over_black).sum(axis=2) / 3, 0, 255))
    rgba = np.empty((bottom - top, right - left, 4), np.uint8)
    rgba[..., 3] = alpha
    color = np.rint(np.clip(over_black * 255 / np.maximum(alpha, 1)[..., None], 0, 255))
    rgba[..., :3] = color * (alpha > 0)[..., None]
    key = rgba.tobytes() + f"{left},{top}".encode()
    if key not in seen:
        Image.fromarray(rgba, "RGBA").save(path, compress_level=1)
        seen[key] = Picture(path, int(left), int(top))
    return seen[key]


def _escaped(path: Path) -> str:
    """A file name as a filter option's value inside a filtergraph (two levels of escaping)."""
    value = re.sub(r"([\\':])", r"\\\1", str(path))
    return re.sub(r"([\\'\[\],;])", r"\\\1", value)


def with_captions(argv: list[str], runs: list[tuple[Picture, int, int]], fps: int) -> list[str]:
    """A compiled segment command with the caption pictures laid over its output: each picture read
    once (a `movie` source inside the graph, so the command gains no input and no input thread)."""
    if not runs:
        return argv
    argv = list(argv)
    graph_at = argv.index("-filter_complex") + 1
    map_at = argv.index("-map") + 1
    current = argv[map_at].strip("[]")
    chain = []
    for number, (picture, first, last) in enumerate(runs):
        shown = f"between(t,{(first - 0.5) / fps:.6f},{(last + 0.5) / fps:.6f})"
        chain.append(f"movie=filename={_escaped(picture.path)},format=yuva420p[cap{number}];"
                     f"[{current}][cap{number}]overlay=x={picture.x}:y={picture.y}:format=yuv420:"
                     f"enable='{shown}'[captioned{number}]")
        current = f"captioned{number}"
    argv[graph_at] = argv[graph_at] + ";" + ";".join(chain)
    argv[map_at] = f"[{current}]"
    return argv
