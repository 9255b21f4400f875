"""Thumbnails and the Shorts look: what they cost and how they measure.

    DJANGO_DEBUG=1 .venv/bin/python bench/thumbs_bench.py            # figures, median of 3 rounds
    DJANGO_DEBUG=1 .venv/bin/python bench/thumbs_bench.py --out DIR  # and keep the pictures in DIR
    DJANGO_DEBUG=1 .venv/bin/python bench/thumbs_bench.py --thumbnails-only

Thumbnails: the three variants for an English, a French and a Japanese title over the same footage
(a still, a clip, a black frame): seconds to draw all three (frame choice included), bytes, and the
legibility at 168x94 (type size in pixels, median contrast ratio of the words with their surroundings).
Then the same titles with no footage at all, over the video's own designed scenes: a map (a city, a
country, a way between two places: the scenes' lines below) and, with no map, a number.

The loop: a 10 s clip (a zoom, which does not loop by itself) made into the 1080x1920 background
loop: seconds, the method the seam measure chose, and the seam ratio (the jump from the last frame
to the first against the median frame-to-frame change) before and after.

A Short: three narrated scenes (about 9 s) rendered at 1080x1920 with a 3 s loop and word-by-word
captions: seconds per second of video, and the seam where the loop wraps in the finished video.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faceless_site.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from videos.render import Output, Style, render_video  # noqa: E402
from videos.render.shorts import _gray_frames, make_loop, seam_ratio  # noqa: E402
from videos.render.thumbnail import Candidate, make_thumbnails  # noqa: E402

TITLES = {"en": "Why the Moon Pulls the Sea Twice a Day",
          "fr": "Pourquoi la Lune attire les océans deux fois par jour",
          "ja": "月が潮を動かす本当の理由：一日二回の満ち引き"}
TEXTS = ["The tide rises twice a day on most coasts.", "In the Bay of Fundy it climbs fifteen metres.",
         "The Moon pulls the water toward it, and the Earth turns beneath."]


def cpu() -> float:
    """CPU seconds of this process and the ffmpeg processes it waited for: on a shared machine the
    wall clock says more about the neighbours than about the work."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True)


def thumbnails(folder: Path, rounds: int) -> None:
    ffmpeg("-f", "lavfi", "-i", "mandelbrot=s=1280x720", "-frames:v", "1", str(folder / "still.png"))
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=1280x720:r=25", "-t", "4", "-pix_fmt", "yuv420p", str(folder / "clip.mp4"))
    ffmpeg("-f", "lavfi", "-i", "color=c=black:s=1280x720", "-frames:v", "1", str(folder / "black.png"))
    candidates = [Candidate(folder / "black.png", "image"), Candidate(folder / "still.png", "image"),
                  *(Candidate(folder / "clip.mp4", "video", at) for at in (1.0, 2.0, 3.0))]
    print("thumbnails (three variants per title, best of 5 candidate frames)")
    for language, title in TITLES.items():
        timings, cpus, made = [], [], []
        for _ in range(rounds):
            started, used = time.monotonic(), cpu()
            made = make_thumbnails(title=title, language=language, font_family="DejaVu Sans",
                                   primary_color="#1e293b", accent_color="#f59e0b", candidates=candidates,
                                   out_paths={n: folder / f"{language}-{n}.jpg" for n in ("frame", "panel", "poster")})
            timings.append(time.monotonic() - started)
            cpus.append(cpu() - used)
        print(f"  {language}: {statistics.median(timings):.2f} s ({statistics.median(cpus):.2f} CPU-s) for three; "
              f"words “{made[0].words}”")
        for thumb in made:
            print(f"    {thumb.layout:7s} {thumb.size_bytes / 1024:6.0f} KB  at 168x94: type "
                  f"{thumb.legibility.type_px:4.1f} px, contrast {thumb.legibility.contrast:5.2f}:1")


DESIGNED = {"map of a city": ("en", "The museum stands in the old town of Lyon."),
            "map of a country": ("fr", "Le désert d'Atacama se trouve au nord du Chili."),
            "way between two places": ("de", "Der Zug fährt von Berlin nach Wien."),
            "number (no map)": ("en", "The canal is more than 2,000 kilometres long.")}


def designed(folder: Path, rounds: int) -> None:
    from videos.render.designs import choose

    print("thumbnails without footage (three variants over the video's own designed scene)")
    for number, (what, (line_language, line)) in enumerate(DESIGNED.items()):
        design = choose(line, language=line_language)
        for language, title in TITLES.items():
            cpus, made = [], []
            for _ in range(rounds):
                used = cpu()
                made = make_thumbnails(title=title, language=language, font_family="DejaVu Sans",
                                       primary_color="#1e293b", accent_color="#f59e0b", candidates=[],
                                       designs=[design],
                                       out_paths={n: folder / f"designed-{number}-{language}-{n}.jpg"
                                                  for n in ("frame", "panel", "poster")})
                cpus.append(cpu() - used)
            figures = "; ".join(f"{t.layout} {t.size_bytes / 1024:.0f} KB, {t.legibility.type_px:.1f} px, "
                                f"{t.legibility.contrast:.1f}:1" for t in made)
            print(f"  {what}, {language}: {statistics.median(cpus):.2f} CPU-s for three; {figures}")


def loop(folder: Path) -> None:
    clip = folder / "zoom.mp4"
    ffmpeg("-f", "lavfi", "-i", "mandelbrot=s=1280x720:r=30", "-t", "10", "-pix_fmt", "yuv420p", str(clip))
    output = Output.for_aspect("9:16")
    raw = seam_ratio(_gray_frames(clip, output.width, output.height, output.fps, "ffmpeg"))
    started, used = time.monotonic(), cpu()
    made = make_loop(clip=clip, output=output, tmp=folder, store=None, ffmpeg_binary="ffmpeg",
                     run=lambda argv, frames: subprocess.run(argv, capture_output=True, check=True))
    print(f"loop: 10 s 1280x720 clip -> {made.frames} frames at 1080x1920 in {time.monotonic() - started:.1f} s "
          f"({cpu() - used:.1f} CPU-s); "
          f"method {made.method}; seam ratio {raw:.1f} before, {made.seam_ratio:.2f} after")


def short(folder: Path) -> None:
    from tests.videos.render_helpers import simple_plan

    clip = folder / "zoom4.mp4"  # a 3 s loop: it wraps twice in the Short
    ffmpeg("-f", "lavfi", "-i", "mandelbrot=s=1280x720:r=30", "-t", "4", "-pix_fmt", "yuv420p", str(clip))
    plan = simple_plan(folder, texts=TEXTS, output=Output.for_aspect("9:16"), style=Style(),
                       background_loop=clip, title="Twice a day")
    started, used = time.monotonic(), cpu()
    result = render_video(plan, work_dir=folder / "work", out_path=folder / "short.mp4")
    seconds, cpu_seconds = time.monotonic() - started, cpu() - used
    frames = _gray_frames(result.path, result.width, result.height, result.fps, "ffmpeg", crop_first=False)
    top = frames[:, : frames.shape[1] * 2 // 5]  # above the captions
    steps = np.abs(np.diff(top, axis=0)).mean(axis=(1, 2))
    loop_frames = int(next(line for line in result.log.splitlines() if "background loop]" in line)
                      .split(", ")[1].split()[0])
    wraps = [steps[w - 1] for w in range(loop_frames, len(steps) - 20, loop_frames)]
    typical = float(np.median(steps[15:-20]))
    print(f"short: {result.duration:.1f} s at {result.width}x{result.height} in {seconds:.1f} s, {cpu_seconds:.1f} "
          f"CPU-s ({seconds / result.duration:.2f} s and {cpu_seconds / result.duration:.2f} CPU-s per second); "
          f"frame change at the loop's wrap "
          f"{', '.join(f'{w / typical:.2f}x' for w in wraps) or 'n/a (shorter than the loop)'} the median "
          f"({typical:.2f} levels); thumbnails {[t['bytes'] // 1024 for t in result.thumbnails]} KB")
    import dataclasses

    started, used = time.monotonic(), cpu()
    plain = render_video(dataclasses.replace(plan, background_loop=None), work_dir=folder / "work",
                         out_path=folder / "plain.mp4")
    print(f"  the same scenes without the loop (generated backgrounds, classic captions): "
          f"{time.monotonic() - started:.1f} s, {cpu() - used:.1f} CPU-s for {plain.duration:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--thumbnails-only", action="store_true", help="leave out the loop and the Short")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.out or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        thumbnails(folder, args.rounds)
        designed(folder, args.rounds)
        if not args.thumbnails_only:
            loop(folder)
            short(folder)


if __name__ == "__main__":
    main()
