"""A video without footage still has pictures of its own: its designed scenes. When no frame of
footage is usable, the thumbnails show one of them under the headline instead of the plain
designed background every such video shared: a map, the place the video is about (the place its
maps show most often, the first of them on a tie); without a map, its most striking number.

The map is drawn by its own layout (videos.render.designs.map) on a canvas that leaves out every
word and the panels behind them (the place's name above the map, a way's names beside its dots):
the headline is the only writing on the thumbnail. The canvas is wider than the thumbnail and cut
at its left, so the place, which the layout puts in the middle, stands in the right part of the
picture, clear of the headline's side in the frame and panel layouts.

A number is words (the number and its unit, drawn by the number layout; its context and "more
than" left out), so it is never a picture under the headline (under the frame layout's words it ran
into them: "MADEIRA2.000") but a figure beside it (`Figure`), on the scenes' own ground (the
thumbnail background's accent glow sat behind it): each layout draws it in the room its headline
leaves (right of the panel; right of the frame layout's words), drawn for that room as the designs
draw an overlay (outlined, on a clear canvas).
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import cairo
import numpy as np

from videos.render.designs import Canvas, Design, draw_frame
from videos.render.look import Style
from videos.render.thumbnail.draw import rgb_from_surface

PLACE_AT = 0.77  # where the map's place stands across the thumbnail (a share of its width)
MAP_TOP = 0.24  # the share of the map layout's safe area its place's name stands in, above the map (map.py)
SPAN = 8.0  # the scene length the map is drawn for; drawn at its end: zoomed in, every place lit, the way drawn
# One place's map shows this many times the land its scene's last frame shows: a city's closest view
# is a stretch of coast or border at 168x94, its country around it says where it is.
WIDER = {"city": 3.0, "sea": 2.0, "country": 1.5}
SMALL_COUNTRY = 8.0  # degrees: the span the designs give every country smaller than a few degrees across


class Wordless(Canvas):
    """A canvas on which a design's words, and the panels that hold them, are not drawn (nor a map's ring
    round a small country: `picture` rings the place itself, as wide as 168x94 needs)."""

    rings_small_countries = False

    def draw_block(self, *args, **kwargs) -> None:
        return None

    def panel(self, *args, **kwargs) -> None:
        return None


def _parts(designs: Iterable[Design | None]) -> list[Design]:
    found = []
    for design in designs:
        if design is not None:
            found += _parts(design.parts) if design.parts else [design]
    return found


def chosen(designs: Iterable[Design | None]) -> Design | None:
    """The design to show: the map of the place the video's maps show most often; else a number
    design of its number with the most digits, the largest of them (alone, with its unit); else None."""
    parts = _parts(designs)
    maps = [d for d in parts if d.layout == "map" and d.place is not None]
    if maps:
        shown = Counter(d.place.name for d in maps)
        return max(maps, key=lambda d: shown[d.place.name])  # max keeps the first of equals
    stats = [stat for d in parts if d.layout == "number" for stat in d.stats if any(c.isdigit() for c in stat.text)]
    if not stats:
        return None
    stat = max(stats, key=lambda stat: (sum(c.isdigit() for c in stat.text), abs(stat.value)))
    return Design("number", stats=(dataclasses.replace(stat, label="", prefix=""),))


@dataclass(frozen=True)
class Figure:
    """A design drawn beside the headline (a number), in whatever room a layout gives it."""

    design: Design
    style: Style

    def surface(self, width: int, height: int) -> cairo.ImageSurface:
        """The design on a clear canvas of width x height (premultiplied ARGB)."""
        canvas = Canvas(max(1, width), max(1, height), self.style, transparent=True)
        draw_frame(canvas, self.design, seconds=SPAN, span=SPAN)
        return canvas.surface


def _style(font_family: str, primary_color: str, accent_color: str) -> Style:
    return Style(subtitle_style="none", font_name=font_family, primary_color=primary_color, accent_color=accent_color)


def ground(*, font_family: str, primary_color: str, accent_color: str, width: int, height: int) -> np.ndarray:
    """The designed scenes' own ground (RGB), for a figure to stand on: the video's number scene,
    without the thumbnail background's accent glow behind the number."""
    return rgb_from_surface(Canvas(width, height, _style(font_family, primary_color, accent_color)).ground())


def figure(design: Design, *, font_family: str, primary_color: str, accent_color: str) -> Figure | None:
    """The design as a figure beside the headline, if it is not a picture to go under it (a map)."""
    return None if design.layout == "map" else Figure(design, _style(font_family, primary_color, accent_color))


def picture(design: Design, *, font_family: str, primary_color: str, accent_color: str, width: int,
            height: int) -> np.ndarray:
    """The map drawn wordless at width x height (RGB), its place at PLACE_AT across."""
    style = _style(font_family, primary_color, accent_color)
    one = design.place is not None and len(design.places) < 2
    # a city, a sea, and a country its scene shows at the closest view there is (Malta, Luxembourg: a few
    # pixels at 168x94) are ringed
    ringed = one and (design.place.kind != "country" or design.place.span <= SMALL_COUNTRY)
    if one:
        wider = WIDER.get(design.place.kind, 1.5)
        design = dataclasses.replace(design, place=dataclasses.replace(design.place, span=design.place.span * wider))
    canvas = Wordless(round(2 * PLACE_AT * width), height, style)
    draw_frame(canvas, design, seconds=SPAN, span=SPAN)
    if ringed:
        _ring(canvas)
    return np.ascontiguousarray(rgb_from_surface(canvas.surface)[:, :width])


def _ring(canvas: Canvas) -> None:
    """A ring in the accent colour around the place (the map's middle), wide enough to be seen at
    168x94, where the scene's own dot is a pixel or two."""
    _, box = canvas.safe.split(MAP_TOP)
    ctx = canvas.ctx
    ctx.new_path()
    ctx.arc(box.center_x, box.center_y, canvas.short * 0.06, 0, 2 * math.pi)
    ctx.set_line_width(canvas.short * 0.014)
    ctx.set_source_rgb(*canvas.palette.accent)
    ctx.stroke()
