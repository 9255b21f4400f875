"""Each scene's picture as an ffmpeg-python stream: a still with a slow pan-and-zoom, a clip trimmed
or looped to fill the frame, or a designed scene (videos.render.designs) streamed from the render
and pushed in slowly; plus on-screen text over footage, and the watermark.

Every text a person wrote is drawn literally: drawtext reads it from a file with its expansion off
(it would otherwise take "%{localtime}" as a clock and drop "90% of").

Work that does not change per frame is done once: a still is scaled to the size the zoom needs and
then repeated with `loop`, so only the small per-frame zoom scale runs for every frame.
"""

from __future__ import annotations

import dataclasses
import textwrap
from dataclasses import dataclass
from pathlib import Path

import ffmpeg

from videos.render.designs import layout as design_layout
from videos.render.designs.canvas import safe_area
from videos.render.designs.feed import Feeds
from videos.render.fonts import Font
from videos.render.plan import Output, ScenePlan, Style

ZOOM = 0.08  # how far a still zooms over its scene; slow enough to read as calm motion


@dataclass(frozen=True)
class VisualContext:
    output: Output
    style: Style
    font: Font
    work_dir: Path
    feeds: Feeds | None = None  # where designed scenes' frames are streamed from
    # Each still's picture, scaled once for the render (prescale_command) as raw YUV, by the still's path.
    stills: dict[str, Path] = dataclasses.field(default_factory=dict)


def _even(value: float) -> int:
    return max(2, int(value) // 2 * 2)


def _input(path: Path, tag: int, **options):
    """An input node that stays distinct when two neighbouring scenes use the same file (ffmpeg-python
    would otherwise merge the identical chains into one node with two outputs, which ffmpeg refuses).
    The queue size only varies to make the inputs differ; it is harmless at any of these values."""
    # One decoder thread: segments already run one per core, and frame-threaded decoding would hold
    # several extra 1080p frames per clip in memory.
    return ffmpeg.input(str(path), thread_queue_size=64 + tag, threads=1, **options)


def _zoom_size(out: Output) -> tuple[int, int]:
    return _even(out.width * (1 + ZOOM) + 4), _even(out.height * (1 + ZOOM) + 4)


def _scaled_still(stream, out: Output):
    """A still scaled and cropped to fill the size its zoom needs (lanczos: once per picture)."""
    big_w, big_h = _zoom_size(out)
    return (stream.filter("scale", big_w, big_h, force_original_aspect_ratio="increase", flags="lanczos")
            .filter("crop", big_w, big_h).filter("format", "yuv420p"))


def prescale_command(stills: dict[str, Path], out: Output, ffmpeg_binary: str, quiet: tuple[str, ...]) -> list[str]:
    """One command that scales each still (by path) into its raw YUV file, for every piece that shows
    it to read instead of decoding and scaling it again (about 0.1 CPU-s a piece at 1080p). The
    same filters as a piece would run, one thread each: the frames are the same, bit for bit."""
    outputs = [ffmpeg.output(_scaled_still(_input(Path(path), 0, framerate=out.fps), out), str(raw),
                             f="rawvideo", pix_fmt="yuv420p", **{"frames:v": 1})
               for path, raw in stills.items()]
    return (ffmpeg.merge_outputs(*outputs).global_args(*quiet, "-filter_complex_threads", "1").overwrite_output()
            .compile(cmd=ffmpeg_binary))


def still(path: Path, ctx: VisualContext, *, start: float, seconds: float, span: float, zoom_in: bool,
          tag: int = 0):
    """A still that zooms smoothly across the whole `span` of its scene; this piece covers
    [start, start + seconds) of it."""
    out = ctx.output
    frames = max(1, round(seconds * out.fps))
    raw = ctx.stills.get(str(path))
    if raw is not None:  # scaled once for the render (prescale_command)
        big_w, big_h = _zoom_size(out)
        stream = ffmpeg.input(str(raw), f="rawvideo", pix_fmt="yuv420p", s=f"{big_w}x{big_h}", framerate=out.fps,
                              thread_queue_size=64 + tag)
    else:
        stream = _scaled_still(_input(path, tag, framerate=out.fps), out)
    stream = (stream.filter("loop", loop=-1, size=1, start=0)
              .filter("settb", f"1/{out.fps}").filter("setpts", "N"))
    progress = f"(({start:.4f}+t)/{max(span, 0.1):.4f})"
    factor = f"(1+{ZOOM}*{progress})" if zoom_in else f"(1+{ZOOM}*(1-{progress}))"
    width, height = f"trunc({out.width}*{factor}/2)*2", f"trunc({out.height}*{factor}/2)*2"
    # The zoom's factor stays within 1.08 of the scaled still, where swscale's fast bilinear looks the
    # same as its bilinear (44 dB apart on a fractal) and costs ~0.6 ms less a 1080p frame.
    stream = stream.filter("scale", w=width, h=height, eval="frame", flags="fast_bilinear")
    # A gentle sideways drift along with the zoom, in the opposite direction for alternate scenes. The
    # crop recomputes the scaled size: its iw and ih keep the first frame's size (ffmpeg 5.1), which
    # anchored the zoom where the piece began and made the picture jump where the next piece began.
    drift = f"({width}-ow)*(0.5{'+' if zoom_in else '-'}0.35*({progress}-0.5))"
    # The per-frame scale keeps the display shape by changing the pixel aspect; the pixels are square.
    stream = stream.filter("crop", out.width, out.height, x=drift, y=f"({height}-oh)/2").filter("setsar", 1)
    return stream.filter("trim", end_frame=frames)


def clip(path: Path, ctx: VisualContext, *, start: float, seconds: float, clip_seconds: float, tag: int = 0):
    """A clip cut to `seconds` from `start` (looped if it is shorter), scaled and cropped to fill."""
    out = ctx.output
    frames = max(1, round(seconds * out.fps))
    options: dict[str, object] = {}
    if clip_seconds and clip_seconds < start + seconds + 0.1:
        options["stream_loop"] = -1
    offset = start % clip_seconds if clip_seconds else 0.0
    if offset > 0.01:
        options["ss"] = f"{offset:.3f}"
    stream = _input(path, tag, **options).video
    stream = (stream.filter("scale", out.width, out.height, force_original_aspect_ratio="increase",
                            flags="bicubic")
              .filter("crop", out.width, out.height).filter("setsar", 1).filter("fps", out.fps)
              .filter("format", "yuv420p").filter("settb", f"1/{out.fps}").filter("setpts", "N"))
    return stream.filter("trim", end_frame=frames)


SHARED_QUEUE = 2  # raw frames ffmpeg may hold from a design's pipe when its command has other inputs


def designed(scene: ScenePlan, ctx: VisualContext, *, start: float, seconds: float, span: float,
             shared: bool = False):
    """The scene's design, drawn frame by frame into a pipe this command reads, then pushed in
    slowly by ffmpeg about the centre of its words (a zoom of the finished frame costs less than
    drawing large text at a new size every frame)."""
    from videos.render.designs import choose

    out = ctx.output
    design = scene.design or choose(" ".join(w.word for w in scene.words), on_screen_text=scene.on_screen_text)
    frames = max(1, round(seconds * out.fps))
    first = round(start * out.fps)
    drawn = _drawn_frames(design, ctx.style, out, first=first, frames=frames, span=span)
    feeds = ctx.feeds if ctx.feeds is not None else Feeds(ctx.work_dir)
    path = feeds.add(design=design, style=ctx.style, width=out.width, height=out.height, fps=out.fps,
                     first=first, count=drawn, span=span)
    # Each queued frame is a whole raw picture (8 MB at 1080p) and the drawing runs ahead of the
    # encoder. A command with one input reads it without a queue (150 MB); with others beside it
    # (a crossfade, a watermark) every input gets a reading thread and a queue, 8 deep unless told
    # (300 MB; 205 MB at 2, with runner.RAW_INPUTS_ENV). Naming a queue for a lone input would start
    # its thread too (+80 MB).
    queue = {"thread_queue_size": SHARED_QUEUE} if shared else {}
    stream = ffmpeg.input(str(path), f="rawvideo", pix_fmt="bgr0", s=f"{out.width}x{out.height}",
                          framerate=out.fps, **queue)
    amount = design_layout(design.layout).push_in
    if drawn < frames or not amount:
        # Converted to YUV first, straight from `bgr0` (4.7 ms a 1080p map frame here): repacked
        # to 24-bit RGB first, swscale took its special bgr24 converter, which cost 8.8 ms with the
        # repacking, drew the luma a level off on most pixels and the chroma further from the
        # exact (49-51 dB PSNR against 50-54 dB).
        # A design that holds still from its last drawn frame is converted once, then repeated,
        # and only the push-in below runs for every frame (as for a still).
        stream = stream.filter("format", "yuv420p")
        if drawn < frames:
            stream = stream.filter("loop", loop=-1, size=1, start=drawn - 1)
    stream = stream.filter("settb", f"1/{out.fps}").filter("setpts", "N")
    if amount:
        # A piece drawn to its end is scaled while still in RGB: swscale then scales and converts
        # to YUV in one pass, which costs less than the conversion alone (converting first, then
        # scaling, cost 4.7 ms more a 1080p frame). A held design is scaled in YUV.
        safe = safe_area(out.width, out.height, ctx.style.subtitle_style)
        anchor_x, anchor_y = safe.center_x / out.width, safe.center_y / out.height
        factor = f"(1+{amount}*(({start:.4f}+t)/{max(span, 0.1):.4f}))"
        width, height = f"trunc({out.width}*{factor}/2)*2", f"trunc({out.height}*{factor}/2)*2"
        stream = (stream.filter("scale", w=width, h=height, eval="frame", flags="bilinear")
                  .filter("crop", out.width, out.height, x=f"({width}-ow)*{anchor_x:.4f}",
                          y=f"({height}-oh)*{anchor_y:.4f}")
                  .filter("setsar", 1))
    stream = stream.filter("format", "yuv420p")
    return stream.filter("trim", end_frame=frames)


def _drawn_frames(design, style: Style, out: Output, *, first: int, frames: int, span: float,
                  transparent: bool = False) -> int:
    """How many of a piece's frames are drawn: all of them, or up to the design's still frame (at
    least one), which ffmpeg then holds to the end of the piece."""
    from videos.render.designs import still_frame

    still = still_frame(design, style, width=out.width, height=out.height, fps=out.fps, span=span,
                        transparent=transparent)
    return frames if still is None else min(frames, max(1, still - first + 1))


OVERLAID = ("number", "map")  # in the Shorts look, what a design adds over the background loop


def design_overlay(scene: ScenePlan, ctx: VisualContext, *, start: float, seconds: float, span: float):
    """In the Shorts look, the scene's design over the background loop when its line speaks a number
    or a place (of a scene of several sentences, when one of its parts does): transparent frames
    (premultiplied `bgra`) streamed like a designed scene's, or None."""
    design = scene.design
    if design is None or scene.card:
        return None
    if design.layout not in OVERLAID and not any(part.layout in OVERLAID for part in design.parts):
        return None
    out = ctx.output
    frames = max(1, round(seconds * out.fps))
    feeds = ctx.feeds if ctx.feeds is not None else Feeds(ctx.work_dir)
    # Clear of the Shorts look's captions, which are larger and higher than the channel's own style.
    captions = "none" if ctx.style.subtitle_style == "none" else "shorts"
    style = dataclasses.replace(ctx.style, subtitle_style=captions)
    first = round(start * out.fps)
    drawn = _drawn_frames(design, style, out, first=first, frames=frames, span=span, transparent=True)
    path = feeds.add(design=design, style=style, width=out.width, height=out.height, fps=out.fps,
                     first=first, count=drawn, span=span, transparent=True)
    stream = ffmpeg.input(str(path), f="rawvideo", pix_fmt="bgra", s=f"{out.width}x{out.height}", framerate=out.fps,
                          thread_queue_size=SHARED_QUEUE)
    if drawn < frames:  # held still from its last drawn frame, converted once to what the overlay takes
        stream = stream.filter("format", "yuva420p").filter("loop", loop=-1, size=1, start=drawn - 1)
    return stream.filter("settb", f"1/{out.fps}").filter("setpts", "N").filter("trim", end_frame=frames)


def wrap_lines(text: str, *, font_size: int, width: int) -> list[str]:
    # DejaVu Sans Bold averages ~0.6 em per character.
    chars = max(8, int(width / (font_size * 0.6)))
    return textwrap.wrap(" ".join(text.split()), chars)[:4]


def draw_text(stream, text: str, ctx: VisualContext, *, card: bool, generated: bool, name: str):
    """Centred lines of on-screen text: large and central on a card, a title band near the top
    otherwise (clear of bottom and centre subtitles)."""
    out = ctx.output
    short_side = min(out.width, out.height)
    font_size = round(short_side * (0.085 if card or generated else 0.062))
    usable = out.width * 0.84
    lines = wrap_lines(text, font_size=font_size, width=usable)
    line_height = round(font_size * 1.3)
    block = line_height * len(lines)
    if card:
        top = (out.height - block) / 2
    elif generated:
        top = out.height * 0.32 - block / 2  # the upper third: clear of subtitles at the centre and bottom
    else:
        top = out.height * (0.09 if out.height > out.width else 0.08)
    color = "white"
    for index, line in enumerate(lines):
        text_file = ctx.work_dir / f"{name}-line{index}.txt"
        text_file.write_text(line, encoding="utf-8")
        stream = stream.filter("drawtext", fontfile=str(ctx.font.path), textfile=str(text_file), expansion="none",
                               fontsize=font_size, fontcolor=color, borderw=max(2, font_size // 16),
                               bordercolor="black@0.85", shadowx=2, shadowy=2, shadowcolor="black@0.5",
                               x="(w-text_w)/2", y=str(round(top + index * line_height)))
    return stream


def scene_visual(scene: ScenePlan, ctx: VisualContext, *, start: float, seconds: float, span: float,
                 index: int, clip_seconds: float, shared: bool = False):
    """The full picture of one scene for [start, start + seconds) of its `span`: its footage (with
    the on-screen text over it), or its design (which shows the on-screen text itself). `shared`:
    the command reads other inputs too (a crossfade, a watermark)."""
    visual = scene.visual
    if visual.kind == "video" and visual.path is not None:
        stream = clip(visual.path, ctx, start=start, seconds=seconds, clip_seconds=clip_seconds, tag=index)
    elif visual.kind == "image" and visual.path is not None:
        stream = still(visual.path, ctx, start=start, seconds=seconds, span=span, zoom_in=index % 2 == 0, tag=index)
    else:
        return designed(scene, ctx, start=start, seconds=seconds, span=span, shared=shared)
    if scene.on_screen_text.strip():
        stream = draw_text(stream, scene.on_screen_text, ctx, card=scene.card, generated=False,
                           name=f"scene{index}-{round(start * 1000)}")
    return stream


def stamp(stream, text: str, ctx: VisualContext):
    """A label such as DRAFT PREVIEW in the top-left corner, in the accent colour on a dark box, so a
    preview can never be mistaken for the video, on screen or downloaded."""
    out = ctx.output
    size = max(14, round(min(out.width, out.height) * 0.05))
    text_file = ctx.work_dir / "stamp.txt"
    text_file.write_text(text, encoding="utf-8")
    margin = round(size * 0.6)
    return stream.filter("drawtext", fontfile=str(ctx.font.path), textfile=str(text_file), expansion="none",
                         fontsize=size,
                         fontcolor="white", box=1, boxcolor="black@0.6", boxborderw=round(size * 0.3),
                         x=str(margin), y=str(margin))


def watermark(stream, path: Path, output: Output):
    """The channel's mark in the top-right corner, at 12% of the frame width and 70% opacity,
    scaled once."""
    mark_width = _even(output.width * 0.12)
    margin = round(min(output.width, output.height) * 0.035)
    mark = (ffmpeg.input(str(path)).filter("scale", mark_width, -2).filter("format", "rgba")
            .filter("colorchannelmixer", aa=0.7).filter("loop", loop=-1, size=1, start=0))
    return ffmpeg.overlay(stream, mark, x=f"W-w-{margin}", y=str(margin), shortest=1, eof_action="pass")
