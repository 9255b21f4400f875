"""Inputs for render tests, made with ffmpeg and espeak-ng, and measurements of the output."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from videos.render import Music, Output, RenderPlan, ScenePlan, Style, Visual
from videos.voice.espeak import EspeakVoice


def ffmpeg(*args: str) -> str:
    result = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-y", *args], capture_output=True, text=True,
                            check=True)
    return result.stderr


def make_still(path: Path) -> Path:
    ffmpeg("-f", "lavfi", "-i", "mandelbrot=s=800x600", "-frames:v", "1", str(path))
    return path


def make_clip(path: Path, seconds: float = 1.5) -> Path:
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=640x360:r=25", "-t", str(seconds), "-pix_fmt", "yuv420p", str(path))
    return path


def make_tone(path: Path, frequency: int, seconds: float = 30) -> Path:
    ffmpeg("-f", "lavfi", "-i", f"sine=f={frequency}:d={seconds}", "-ac", "2", str(path))
    return path


def narrate(folder: Path, texts: list[str]) -> list[tuple[Path, float, tuple]]:
    voice = EspeakVoice(voice="gmw/en-US", rate=190)
    out = []
    for index, text in enumerate(texts):
        narration = voice.synthesize(text, folder / f"narration-{index}.wav")
        out.append((narration.path, narration.duration, narration.words))
    return out


def simple_plan(folder: Path, *, aspect: str = "16:9", visuals: list[Visual] | None = None,
                texts: list[str] | None = None, output: Output | None = None, **overrides) -> RenderPlan:
    texts = texts or ["Sputnik launched in 1957.", "It beeped for three weeks."]
    visuals = visuals or [Visual("generated")] * len(texts)
    scenes = tuple(ScenePlan(duration=seconds, narration_path=path, words=words, visual=visual)
                   for (path, seconds, words), visual in zip(narrate(folder, texts), visuals, strict=True))
    fields = {"scenes": scenes, "output": output or Output.for_aspect(aspect), "style": Style(), "title": "A title"}
    fields.update(overrides)
    return RenderPlan(**fields)


def ffprobe(path: Path) -> dict:
    result = subprocess.run(["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                             "-count_packets", str(path)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def loudness(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) from ffmpeg's ebur128."""
    log = ffmpeg("-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-")
    summary = log[log.rindex("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return integrated, peak


def band_level(path: Path, start: float, seconds: float, frequency: int) -> float:
    """Mean level (dB) of a narrow band around `frequency` over a window of the file's audio."""
    log = ffmpeg("-ss", f"{start}", "-t", f"{seconds}", "-i", str(path), "-af",
                 f"bandpass=f={frequency}:width_type=q:w=8,bandpass=f={frequency}:width_type=q:w=8,volumedetect",
                 "-f", "null", "-")
    return float(re.search(r"mean_volume:\s+(-?[\d.]+) dB", log).group(1))


def gray_frame(path: Path, seconds: float, width: int, height: int) -> bytes:
    result = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-ss", f"{seconds}", "-i", str(path),
                             "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"],
                            capture_output=True, check=True)
    assert len(result.stdout) == width * height
    return result.stdout


def ffmpeg_pcm(path: Path) -> bytes:
    """The decoded audio of a file as 16-bit PCM."""
    result = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-vn", "-f", "s16le", "-"],
                            capture_output=True, check=True)
    return result.stdout


__all__ = ["Music", "Output", "Style", "Visual"]
