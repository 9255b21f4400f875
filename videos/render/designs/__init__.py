"""Designed scenes: what a scene without footage shows, chosen from what its line says (chooser.py)
and drawn with cairo by one small module per layout (base.py says their shape).

    design = choose(line, on_screen_text=..., language="en")
    canvas = Canvas(1920, 1080, style)
    draw_frame(canvas, design, seconds=1.2, span=6.0)   # canvas.surface holds the frame

The renderer streams the frames of each piece to ffmpeg (feed.py), up to the design's still frame
(`still_frame`): ffmpeg holds that one to the end of the piece. `overlay_frame` draws the same
design without its ground, on a transparent canvas, for putting over other pictures.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from typing import TYPE_CHECKING

from videos.render.designs.base import DESIGNS_VERSION, Design, Layout, Place, Stat
from videos.render.designs.canvas import Canvas
from videos.render.designs.chooser import choose, script_dates, script_places

if TYPE_CHECKING:
    from videos.render.look import Style

# Layout name -> module; each module has a LAYOUT. The order is the studio's menu.
MODULES = {"number": "number", "date": "date", "map": "map", "name": "name", "list": "listing",
           "title": "title", "quote": "quote", "sequence": "sequence"}

__all__ = ["DESIGNS_VERSION", "Canvas", "Design", "Layout", "Place", "Stat", "choose", "draw_frame", "frames",
           "layout", "layout_choices", "overlay_frame", "script_dates", "script_places", "still_frame", "summary",
           "with_designs"]


def layout(name: str) -> Layout:
    return import_module(f"videos.render.designs.{MODULES.get(name, 'title')}").LAYOUT


def layout_choices() -> list[tuple[str, str]]:
    """What a person may choose (a sequence is the chooser's own: one design per telling sentence)."""
    return [(name, layout(name).label) for name in MODULES if name != "sequence"]


def summary(design: Design) -> list[str]:
    """The design's words, a line each, as a person would write them (the studio's placeholder)."""
    if design.parts:
        return [f"{layout(part.layout).label}: {', '.join(summary(part))}" for part in design.parts]
    if design.stats:
        from videos.render.designs.chooser import _a_rank

        if _a_rank(design):  # "Número 5: fregona", which reads back as the same place of the countdown
            stat = design.stats[0]
            return [f"{stat.prefix[:1].upper()}{stat.prefix[1:]} {stat.text}: {stat.unit}"]
        return [" ".join(p for p in (s.prefix, s.text, s.unit, s.label) if p) for s in design.stats]
    if design.places and not design.way:  # a map lighting several places: its heading, then a place a line
        return [design.headline, *(place.name for place in design.places)]
    if design.items and design.layout == "list":
        return ([f"{design.headline}:"] if design.headline else []) + list(design.items)
    return [w for w in (design.headline, design.detail) if w]


def with_designs(scenes: tuple, language: str) -> tuple:
    """The scenes (ScenePlans), each with a design: those without one get the chooser's, from their
    words and on-screen text, with the script's dates for timelines and its places written in full."""
    import dataclasses

    lines = [" ".join(w.word for w in scene.words) for scene in scenes]
    spoken = [line for line, scene in zip(lines, scenes, strict=True) if not scene.card]
    dates, places = script_dates(spoken), script_places(spoken, language)
    return tuple(scene if scene.design is not None else dataclasses.replace(
        scene, design=choose(line, on_screen_text=scene.on_screen_text, language=language, dates=dates,
                             words=scene.words, places=places))
        for line, scene in zip(lines, scenes, strict=True))


def draw_frame(canvas: Canvas, design: Design, *, seconds: float, span: float) -> None:
    """One frame of the design, `seconds` into a scene shown for `span` seconds, on the canvas."""
    canvas.clear()
    ctx = canvas.ctx
    ctx.save()
    layout(design.layout).draw(canvas, design, seconds, span)
    ctx.restore()
    ctx.new_path()
    canvas.surface.flush()


def frames(design: Design, style: Style, *, width: int, height: int, fps: int, first: int, count: int,
           span: float, transparent: bool = False) -> Iterator[memoryview]:
    """The raw frames `first` .. `first + count - 1` of the scene, each as the canvas's bytes
    (B, G, R, and alpha or padding: ffmpeg's `bgr0`, or `bgra` premultiplied when transparent). The
    same view is refilled for each frame."""
    canvas = Canvas(width, height, style, transparent=transparent)
    for number in range(first, first + count):
        draw_frame(canvas, design, seconds=number / fps, span=span)
        yield canvas.surface.get_data()


def still_frame(design: Design, style: Style, *, width: int, height: int, fps: int, span: float,
                transparent: bool = False) -> int | None:
    """The first frame of the scene from which every frame is the same (its animations over), or
    None if it moves to the end. Half a frame later than the layout says, so that rounding in the
    moment of a frame never lets a last change through."""
    import math

    seconds = layout(design.layout).still_from(Canvas(width, height, style, transparent=transparent), design, span)
    return None if math.isinf(seconds) else max(0, math.ceil(seconds * fps + 0.5))


def overlay_frame(design: Design, style: Style, *, width: int, height: int, seconds: float, span: float) -> Canvas:
    """The design alone on a transparent canvas (premultiplied ARGB): the number, the date, the map's
    land, the words, without the ground, for laying over another picture. `canvas.surface` can be
    saved with `write_to_png` (straight alpha) or streamed as ffmpeg's `bgra` and laid over with
    `overlay=alpha=premultiplied`; `frames(..., transparent=True)` gives a whole piece."""
    canvas = Canvas(width, height, style, transparent=True)
    draw_frame(canvas, design, seconds=seconds, span=span)
    return canvas
