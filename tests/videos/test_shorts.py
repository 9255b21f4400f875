"""The Shorts look: a 1080x1920 render with the channel's background loop behind every scene,
looped without a visible seam, under large word-by-word captions."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

from tests.videos.render_helpers import ffprobe, simple_plan
from videos.render import Output, ScenePlan, Style, render_video
from videos.render.shorts import choose_method, seam_ratio

TEXTS = ["The tide rises twice a day on most coasts.", "In the Bay of Fundy it climbs fifteen metres."]
ACCENT = "#f59e0b"
LOOP = 90  # frames: the 4 s clip less the second that fades its end into its start


def grey_clip(path: Path, seconds: float) -> Path:
    """A smooth zoom in grey (so the only colour in a frame is the captions'): it does not loop by itself."""
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "mandelbrot=s=640x360:r=30",
                    "-vf", "hue=s=0", "-t", str(seconds), "-pix_fmt", "yuv420p", str(path)], check=True)
    return path


def frames_of(path: Path, width: int, height: int, crop: str = "") -> np.ndarray:
    chain = (crop + "," if crop else "") + f"scale={width}:{height},format=gray"
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-vf", chain, "-f", "rawvideo", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, height, width).astype(np.float32)


@pytest.fixture(scope="module")
def short(tmp_path_factory):
    folder = tmp_path_factory.mktemp("short")
    clip = grey_clip(folder / "loop.mp4", 4.0)
    plan = simple_plan(folder, texts=TEXTS, output=Output.for_aspect("9:16", preset="ultrafast"),
                       style=Style(accent_color=ACCENT), background_loop=clip, title="Twice a day")
    result = render_video(plan, work_dir=folder / "work", out_path=folder / "short.mp4", cache_dir=folder / "cache")
    return plan, result, clip


pytestmark = pytest.mark.slow


def test_a_short_renders_at_1080x1920_with_the_loop_behind_every_scene(short):
    plan, result, _ = short
    video = next(s for s in ffprobe(result.path)["streams"] if s["codec_type"] == "video")
    assert (video["width"], video["height"]) == (1080, 1920) == (result.width, result.height)
    assert int(video["nb_read_packets"]) == result.frames == sum(round(s.duration * 30) for s in plan.scenes)
    # A zoom does not loop by itself: its end is crossfaded into its start (4 s clip: a 3 s loop).
    assert f"background loop] loop.mp4: crossfade, {LOOP} frames" in result.log
    assert result.warnings == ()


def test_the_loop_has_no_visible_seam(short):
    _, result, clip = short
    # Above the captions and beside the middle, where only the loop shows (a number counting up over
    # the loop in the middle would move too), the first and last fades left out.
    frames = frames_of(result.path, 90, 64, crop="crop=iw*0.25:ih*0.5:0:0")
    steps = np.abs(np.diff(frames, axis=0)).mean(axis=(1, 2))  # steps[i]: frame i to i+1
    typical = float(np.median(steps[15:-20]))
    wraps = range(LOOP, len(frames) - 20, LOOP)  # where the loop starts again
    assert len(wraps) >= 1
    for wrap in wraps:
        assert steps[wrap - 1] <= 2.0 * typical, (wrap, steps[wrap - 1], typical)
    # Without the crossfade the jump back would be many times a normal frame's change.
    raw = frames_of(clip, 90, 160, crop="crop=ih*9/16:ih")
    assert seam_ratio(raw) > 4 * max(1.0, steps[LOOP - 1] / typical)


def test_the_loop_runs_on_across_scenes_and_pieces(short, tmp_path):
    plan, result, _ = short
    [loop] = (result.path.parent / "cache").glob("*.loop.mp4")
    shown = frames_of(result.path, 90, 64, crop="crop=iw:ih*0.4:0:0")
    looped = frames_of(loop, 90, 64, crop="crop=iw:ih*0.4:0:0")
    assert len(looped) == LOOP
    # Each frame of the video (but the fades at its ends) is the loop's frame at that time, wherever a
    # scene or a piece begins and wherever the loop starts again.
    for index in range(12, len(shown) - 18):
        nearest = int(np.argmin(np.abs(looped - shown[index]).mean(axis=(1, 2))))
        assert nearest == index % LOOP, (index, nearest)
    assert round(plan.scenes[0].duration * 30) < len(shown) - 18  # a scene boundary is among them


def test_captions_are_large_and_word_by_word(short):
    plan, result, _ = short
    ass = result.subtitles_path.read_text(encoding="utf-8")
    style = re.search(r"^Style: Main,[^,]*,(\d+),", ass, re.M)
    assert int(style.group(1)) == 108  # a tenth of the frame's width
    lines = [line for line in ass.splitlines() if line.startswith("Dialogue:")]
    words = [w for scene in plan.scenes for w in scene.words]
    assert len(lines) == len(words)  # one line per spoken word
    for line, word in zip(lines, words, strict=True):
        lit = re.findall(r"\{\\c&H[0-9A-F]+&\\fscx112\\fscy112\}([^{]+)\{\\r\}", line)
        assert lit == [word.word], line  # exactly the word being spoken is lit
    # On screen: the lit word is in the accent colour while it is spoken, below the centre.
    spoken = plan.scenes[0].words[2]
    at = (spoken.start + spoken.end) / 2
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-ss", f"{at:.3f}", "-i", str(result.path),
                          "-frames:v", "1", "-vf", "crop=iw:ih*0.3:0:ih*0.4", "-f", "rawvideo", "-pix_fmt", "rgb24",
                          "-"], capture_output=True, check=True).stdout
    pixels = np.frombuffer(raw, np.uint8).reshape(-1, 3).astype(int)
    orange = (np.abs(pixels - [0xF5, 0x9E, 0x0B]).max(axis=1) < 40).sum()
    assert orange > 2000


def _orange_above_the_captions(path: Path, at: float) -> int:
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-ss", f"{at:.3f}", "-i", str(path), "-frames:v", "1",
                          "-vf", "crop=iw:ih*0.5:0:0", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         capture_output=True, check=True).stdout
    pixels = np.frombuffer(raw, np.uint8).reshape(-1, 3).astype(int)
    return int((np.abs(pixels - [0xF5, 0x9E, 0x0B]).max(axis=1) < 40).sum())


def test_a_spoken_number_is_drawn_over_the_loop_and_a_plain_line_is_not(short):
    plan, result, _ = short
    first = plan.scenes[0].duration
    # "The tide rises twice a day": no number, no place: only the grey loop above the captions.
    assert _orange_above_the_captions(result.path, first * 0.6) < 200
    # "... climbs fifteen metres": the number design, in the accent colour, over the loop.
    assert _orange_above_the_captions(result.path, first + plan.scenes[1].duration * 0.5) > 3000


def test_the_way_a_clip_is_looped_is_decided_by_measuring_its_seam():
    columns, rows = np.arange(300), np.arange(40)[:, None]
    wide = (128 + 100 * np.sin(2 * np.pi * columns / 150 + rows / 7)).astype(np.float32)
    drifting = np.stack([wide[:, i:i + 90] for i in range(100)])  # pans on: its end is far from its start
    assert seam_ratio(drifting) > 10 and choose_method(drifting, 30) == "crossfade"
    assert choose_method(drifting[:45], 30) == "pingpong"  # 1.5 s: too short to give up a second to a fade
    narrow = (128 + 100 * np.sin(2 * np.pi * columns / 20 + rows / 7)).astype(np.float32)
    periodic = np.stack([narrow[:, i:i + 90] for i in range(60)])  # pans a pattern that repeats every 20 frames
    assert seam_ratio(periodic) <= 1.5 and choose_method(periodic, 30) == "as_is"


def test_an_unreadable_loop_is_a_warning_and_each_scene_shows_its_own_picture(tmp_path):
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42 not a video")
    plan = simple_plan(tmp_path, texts=TEXTS[:1], output=Output(width=180, height=320, preset="ultrafast"),
                       background_loop=broken)
    result = render_video(plan, work_dir=tmp_path / "work", out_path=tmp_path / "out.mp4")
    assert result.frames == round(plan.scenes[0].duration * 30)
    assert any("background loop (broken.mp4)" in w and "channel settings" in w for w in result.warnings)


@pytest.mark.parametrize(("seconds", "method", "frames"), [(1.5, "pingpong", 88), (3.0, "crossfade", 60)])
def test_each_way_of_looping_makes_a_loop_without_a_seam(tmp_path, seconds, method, frames):
    from videos.render.shorts import make_loop

    clip = grey_clip(tmp_path / "clip.mp4", seconds)
    loop = make_loop(clip=clip, output=Output(width=180, height=320, fps=30), tmp=tmp_path, store=None,
                     ffmpeg_binary="ffmpeg", run=lambda argv, total: subprocess.run(argv, capture_output=True,
                                                                                  check=True))
    assert (loop.method, loop.frames) == (method, frames)
    assert loop.seam_ratio <= 1.5, loop
    assert seam_ratio(frames_of(clip, 90, 160, crop="crop=ih*9/16:ih")) > 4


def test_an_overlay_is_outlined_and_its_on_screen_text_is_not_drawn_again(tmp_path):
    """Over a bright or busy loop the numbers had only a faint shadow; a scene whose on-screen text
    ("1973") the overlay's design shows had it drawn a second time in a band at the top."""
    import ffmpeg

    from videos.render.designs import Canvas, choose, overlay_frame
    from videos.render.fonts import find_font
    from videos.render.shorts import Loop, shorts_picture
    from videos.render.visuals import VisualContext

    style = Style(accent_color=ACCENT, subtitle_style="shorts")
    canvas = overlay_frame(choose("The hive holds up to 60,000 bees."), style, width=540, height=960, seconds=3.0,
                           span=5.0)
    assert isinstance(canvas, Canvas)
    pixels = np.frombuffer(bytes(canvas.surface.get_data()), np.uint8).reshape(960, 540, 4).astype(int)
    outline = (pixels[..., 3] > 180) & (pixels[..., :3].max(axis=2) < 40)  # opaque and dark: B, G, R premultiplied
    assert outline.sum() > 2000

    output = Output.for_aspect("9:16", preset="ultrafast")
    ctx = VisualContext(output=output, style=style, font=find_font(style.font_name), work_dir=tmp_path)
    loop = Loop(path=tmp_path / "loop.mp4", frames=90, method="crossfade", seam_ratio=1.0)
    line = "In summer the hive holds 60,000 bees."
    scene = ScenePlan(duration=3.0, on_screen_text="60,000 bees", design=choose(line, on_screen_text="60,000 bees"))
    with_overlay = shorts_picture(loop, scene, ctx, first_frame=0, start=0.0, seconds=3.0, span=3.0, index=0)
    plain = ScenePlan(duration=3.0, on_screen_text="Bees", design=choose("Bees hum.", on_screen_text="Bees"))
    without = shorts_picture(loop, plain, ctx, first_frame=0, start=0.0, seconds=3.0, span=3.0, index=0)
    compiled = [" ".join(ffmpeg.output(s, str(tmp_path / "out.mp4")).compile()) for s in (with_overlay, without)]
    assert "drawtext" not in compiled[0] and "drawtext" in compiled[1]
