"""The Shorts look: one background loop (a clip from the channel's library) under large word-by-word
captions, with the designed scenes above it as overlays when a number or a place is spoken.

The loop is made once per render (and kept in the video's render cache): the clip cropped to the
frame's shape at its own resolution, then scaled to the output, at the output's frame rate, with
its end joined to its start so it repeats without a visible seam. How it is joined is decided by
measuring: the difference between its last and first frames against the median difference of
consecutive frames (the "seam ratio"; 1.0 is a cut no one can see).

- `as_is`: the clip already loops (ratio at most 1.5).
- `crossfade`: its last second fades into its first (clips of 2.5 s or more); the loop is a second
  shorter than the clip.
- `pingpong`: forwards then backwards (shorter clips); decoded at the clip's own size, so the
  reversed frames held in memory are small.

Each scene shows the loop from the frame where the scene starts in the video, so the loop runs on
unbroken across scenes, while every scene stays its own pieces for the render cache.

Overlays: `scene_overlay` is the hook the designed scenes fill (see its docstring).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import ffmpeg
import numpy as np

from videos.render.plan import Output, ScenePlan

MEASURE_W = 90  # frames are compared at 90x160 grey: enough to see a jump, cheap to decode
SEAMLESS_RATIO = 1.5
CROSSFADE_SECONDS = 1.0
LOOP_CRF = 16  # an intermediate: close to transparent, re-encoded once more in the segments


@dataclass(frozen=True)
class Loop:
    path: Path
    frames: int  # the loop's length; frame n of the video shows loop frame n % frames
    method: str
    seam_ratio: float  # measured on the finished loop


def _gray_frames(path: Path, width: int, height: int, fps: int, ffmpeg_binary: str, *,
                 crop_first: bool = True) -> np.ndarray:
    chain = (f"crop='min(iw,ih*{width}/{height})':'min(ih,iw*{height}/{width})'," if crop_first else "") + \
        f"scale={MEASURE_W}:{round(MEASURE_W * height / width)},fps={fps},format=gray"
    small_h = round(MEASURE_W * height / width)
    result = subprocess.run([ffmpeg_binary, "-nostdin", "-v", "error", "-i", str(path), "-vf", chain,
                             "-f", "rawvideo", "-"], capture_output=True, timeout=300, check=False)
    count = len(result.stdout) // (MEASURE_W * small_h)
    return np.frombuffer(result.stdout[:count * MEASURE_W * small_h], np.uint8).reshape(
        count, small_h, MEASURE_W).astype(np.float32)


def seam_ratio(frames: np.ndarray) -> float:
    """The jump from the last frame back to the first, against the median frame-to-frame change."""
    if len(frames) < 3:
        return float("inf")
    steps = np.abs(np.diff(frames, axis=0)).mean(axis=(1, 2))
    seam = float(np.abs(frames[-1] - frames[0]).mean())
    return seam / max(float(np.median(steps)), 0.5)


def choose_method(frames: np.ndarray, fps: int) -> str:
    if seam_ratio(frames) <= SEAMLESS_RATIO:
        return "as_is"
    return "crossfade" if len(frames) / fps >= 2.5 else "pingpong"


def loop_frames(clip_frames: int, method: str, fps: int) -> int:
    if method == "crossfade":
        return clip_frames - round(CROSSFADE_SECONDS * fps)
    if method == "pingpong":
        return max(1, 2 * clip_frames - 2)
    return clip_frames


def build_command(clip: Path, out: Path, output: Output, method: str, clip_frames: int, ffmpeg_binary: str
                  ) -> list[str]:
    """The loop at the output's frame rate, `loop_frames(...)` frames long, in the frame's shape at the
    clip's own resolution (at most the output's): building it then costs little for a small clip, and
    each piece scales it to the frame as it reads it."""
    width, height, fps = output.width, output.height, output.fps
    source = (ffmpeg.input(str(clip)).video
              .filter("crop", f"min(iw,ih*{width}/{height})", f"min(ih,iw*{height}/{width})")
              .filter("fps", fps).filter("trim", end_frame=clip_frames).filter("setpts", "N/FRAME_RATE/TB"))
    if method == "pingpong":
        parts = source.filter_multi_output("split")
        forward, backward = parts[0], parts[1]
        backward = backward.filter("reverse").filter("trim", start_frame=1, end_frame=clip_frames - 1)
        stream = ffmpeg.concat(forward, backward.filter("setpts", "N/FRAME_RATE/TB"), v=1, a=0)
    elif method == "crossfade":
        fade = round(CROSSFADE_SECONDS * fps)
        parts = source.filter_multi_output("split")
        body = parts[0].filter("trim", start_frame=fade).filter("setpts", "N/FRAME_RATE/TB")
        head = (parts[1].filter("trim", end_frame=fade).filter("format", "yuva420p")
                .filter("fade", t="in", st=0, d=fade / fps, alpha=1)
                .filter("setpts", f"N/FRAME_RATE/TB+{(clip_frames - 2 * fade) / fps:.6f}/TB"))
        stream = ffmpeg.overlay(body.filter("format", "yuv420p"), head, eof_action="pass", format="yuv420")
    else:
        stream = source
    stream = (stream.filter("scale", f"min(iw,{width})", -2, flags="bicubic").filter("setsar", 1)
              .filter("format", "yuv420p"))
    return (ffmpeg.output(stream, str(out), vcodec="libx264", preset="veryfast", crf=LOOP_CRF, g=fps,
                          an=None, r=fps, f="mp4", **{"frames:v": loop_frames(clip_frames, method, fps)})
            .global_args("-nostdin", "-hide_banner", "-loglevel", "error", "-nostats", "-progress", "pipe:1")
            .overwrite_output().compile(cmd=ffmpeg_binary))


def loop_picture(loop: Loop, output: Output, *, first_frame: int, frames: int, tag: int = 0):
    """`frames` frames of the loop from the video's frame `first_frame`: loop frame first_frame % length on.

    A piece that stays within one pass of the loop seeks to its first frame. One that runs over the
    loop's end reads it looped from its start and counts frames: ffmpeg 5.1, asked to seek and loop
    at once, starts the second pass at the keyframe before the seek point, not at the loop's start."""
    offset = first_frame % loop.frames
    options: dict[str, object] = {"thread_queue_size": 64 + tag, "threads": 1}
    if offset + frames <= loop.frames:
        if offset:
            # Just under the frame's time, so the exact seek keeps that frame and drops the one before.
            options["ss"] = f"{(offset - 0.4) / output.fps:.4f}"
        stream = ffmpeg.input(str(loop.path), **options).video
    else:
        stream = (ffmpeg.input(str(loop.path), stream_loop=-1, **options).video
                  .filter("trim", start_frame=offset, end_frame=offset + frames).filter("setpts", "PTS-STARTPTS"))
    return (stream.filter("scale", output.width, output.height, flags="bicubic").filter("setsar", 1)
            .filter("format", "yuv420p").filter("settb", f"1/{output.fps}")
            .filter("setpts", "N").filter("trim", end_frame=frames))


def scene_overlay(scene: ScenePlan, ctx, *, start: float, seconds: float, span: float, index: int):
    """The scene's design laid over the loop when its line speaks a number or a place
    (visuals.design_overlay): premultiplied RGBA frames at the output's size, or None."""
    from videos.render.visuals import design_overlay

    return design_overlay(scene, ctx, start=start, seconds=seconds, span=span)


def shorts_picture(loop: Loop, scene: ScenePlan, ctx, *, first_frame: int, start: float, seconds: float,
                   span: float, index: int):
    """A piece of a scene in the Shorts look: the loop, the designed overlay if any, the on-screen text."""
    from videos.render.visuals import draw_text

    frames = max(1, round(seconds * ctx.output.fps))
    stream = loop_picture(loop, ctx.output, first_frame=first_frame, frames=frames, tag=index)
    overlay = scene_overlay(scene, ctx, start=start, seconds=seconds, span=span, index=index)
    if overlay is not None:
        stream = ffmpeg.overlay(stream, overlay, eof_action="pass", format="yuv420",
                                alpha="premultiplied").filter("format", "yuv420p")
    if scene.on_screen_text.strip() and overlay is None:  # the overlay's design shows it already ("1973" twice)
        stream = draw_text(stream, scene.on_screen_text, ctx, card=scene.card, generated=False,
                           name=f"scene{index}-{round(start * 1000)}")
    return stream


def make_loop(*, clip: Path, output: Output, tmp: Path, store, run, ffmpeg_binary: str) -> Loop:
    """The seamless loop of `clip` for this output, from the render cache if it was made before.
    `run(argv, frames)` runs the ffmpeg command (the render's runner: it can be cancelled)."""
    import hashlib

    from videos.render.cache import RENDERER_VERSION, file_fingerprint

    key = hashlib.sha256("\x01".join([RENDERER_VERSION, "loop-2", file_fingerprint(clip), str(output.width),
                                       str(output.height), str(output.fps)]).encode()).hexdigest()[:32]
    path = store.lookup(key, ".loop.mp4") if store is not None else None
    if path is None:
        source = _gray_frames(clip, output.width, output.height, output.fps, ffmpeg_binary)
        if len(source) < 3:
            raise ValueError("it has fewer than three frames")
        method = choose_method(source, output.fps)
        path = tmp / "background-loop.mp4"
        run(build_command(clip, path, output, method, len(source), ffmpeg_binary), loop_frames(len(source), method,
                                                                                                output.fps))
        if store is not None:
            path = store.store(key, path, ".loop.mp4")
    else:
        method = "cached"
    made = _gray_frames(path, output.width, output.height, output.fps, ffmpeg_binary, crop_first=False)
    if len(made) < 3:
        raise ValueError("its loop could not be made")
    return Loop(path=path, frames=len(made), method=method, seam_ratio=seam_ratio(made))
