"""A map of the region around a place, zooming in from a wide view to it: the country shaded in the
accent colour, a city marked with a pulsing dot, a sea or bay with rings; its name on a label above.
Shapes are Natural Earth's (data/world-50m.geojson), drawn as vectors every frame, so the zoom stays
sharp at every size."""

from __future__ import annotations

import functools
import math

import cairo

from videos.render.designs.base import Design, Place
from videos.render.designs.canvas import Canvas, Rect, appear, ease_in_out, mix
from videos.render.designs.geo import ring, world

ZOOM_FROM = 3.2  # the first view is this many times wider than the last


def _project(lon: float, lat: float, place: Place) -> tuple[float, float]:
    """Degrees to a plane around the place: longitude shrunk by the cosine of its latitude (an
    equirectangular map true to shape near the place), north up."""
    return (lon - place.lon) * math.cos(math.radians(place.lat)), -(lat - place.lat)


LEVELS = (1.0, 1.8, ZOOM_FROM)  # the view widths (in spans) each set of paths is made for


@functools.lru_cache(maxsize=12)
def _shapes(place: Place, level: int, tall: float) -> tuple[tuple[str, cairo.Path, tuple[float, float, float, float]],
                                                            ...]:
    """Each country near the place as one cairo path in projected degrees, with its bounding box
    there, made once per place and zoom level. Points far outside the widest view of the level are
    pulled onto a box around it (with a wide margin, so nothing on screen changes), and points
    closer than a pixel of the level's closest view are dropped: the paths then hold what the frame
    shows, and fill and stroke in a few milliseconds."""
    scratch = cairo.Context(cairo.ImageSurface(cairo.FORMAT_A8, 1, 1))
    cos = max(0.2, math.cos(math.radians(place.lat)))
    half = place.span * LEVELS[level] * 0.75  # half the view's width, and the margin
    half_y = half * max(1.0, tall) * 1.3  # a portrait frame shows more north and south than east and west
    limit = (-half, -half_y, half, half_y)
    pixel = place.span * (LEVELS[level - 1] if level else 0.8) / 1920
    reach = half / cos
    shapes = []
    for code, country in world().items():
        scratch.new_path()
        drawn = False
        box = [math.inf, math.inf, -math.inf, -math.inf]
        for polygon in country["polygons"]:
            outer = list(ring(*polygon[0]))
            lons = [p[0] for p in outer]
            lats = [p[1] for p in outer]
            if (min(lons) > place.lon + reach or max(lons) < place.lon - reach or min(lats) > place.lat + half_y
                    or max(lats) < place.lat - half_y):
                continue
            for start, length in polygon:
                last = None
                for index, (lon, lat) in enumerate(ring(start, length)):
                    x, y = _project(lon, lat, place)
                    x, y = min(limit[2], max(limit[0], x)), min(limit[3], max(limit[1], y))
                    if last is not None and abs(x - last[0]) < pixel and abs(y - last[1]) < pixel:
                        continue
                    (scratch.move_to if index == 0 else scratch.line_to)(x, y)
                    last = (x, y)
                    box = [min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)]
                scratch.close_path()
            drawn = True
        if drawn:
            shapes.append((code, scratch.copy_path(), tuple(box)))
    return tuple(shapes)


class MapLayout:
    name = "map"
    label = "Map"
    push_in = 0.0  # how much the whole design grows over the scene (ffmpeg zooms it)

    def draw(self, canvas: Canvas, design: Design, seconds: float, span: float) -> None:
        place = design.place
        if place is None:
            from videos.render.designs.title import LAYOUT as title

            title.draw(canvas, design, seconds, span)
            return
        ctx, pal = canvas.ctx, canvas.palette
        safe = canvas.safe
        label_box, map_box = safe.split(0.24)
        cx, cy = map_box.center_x, map_box.center_y
        zoom = ease_in_out(seconds / max(1.0, span * 0.7))
        view = place.span * (ZOOM_FROM ** (1 - zoom)) * (1 - 0.04 * min(1.0, seconds / max(span, 0.1)))
        scale = canvas.width / view  # pixels per projected degree
        land = mix(pal.ground_light, pal.text, 0.16)
        if canvas.transparent:  # the sea stays clear; the land is drawn over the background loop
            land = mix(land, pal.ground, 0.3)
        self._graticule(canvas, place, scale, cx, cy)
        # What the frame shows, in projected degrees: countries outside it are not drawn at all.
        view_box = (-cx / scale, -cy / scale, (canvas.width - cx) / scale, (canvas.height - cy) / scale)
        highlighted = []
        level = next(i for i, width in enumerate(LEVELS) if view <= place.span * width * 1.01 or i == 2)
        # Countries in three shades of the land colour, so neighbours stand apart without drawing
        # their borders (stroking a coast costs three times its fill).
        shades = [land, mix(land, pal.ground, 0.18), mix(land, pal.text, 0.1)]
        groups: list[list] = [[], [], []]
        for code, path, box in _shapes(place, level, round(canvas.height / canvas.width, 2)):
            if box[0] > view_box[2] or box[2] < view_box[0] or box[1] > view_box[3] or box[3] < view_box[1]:
                continue
            if code == place.country and place.kind in ("country", "city"):
                highlighted.append(path)
            else:
                groups[sum(map(ord, code)) % 3].append(path)
        for shade, paths in zip(shades, groups, strict=True):
            if not paths:
                continue
            ctx.save()
            ctx.translate(cx, cy)
            ctx.scale(scale, scale)
            ctx.new_path()
            for path in paths:
                ctx.append_path(path)
            ctx.restore()
            ctx.set_source_rgb(*shade)
            ctx.fill()
        if highlighted:
            ctx.save()
            ctx.translate(cx, cy)
            ctx.scale(scale, scale)
            for path in highlighted:
                ctx.append_path(path)
            ctx.restore()
            # The country itself in the accent; around a city only a tint of it, so the dot stands out.
            share = 0.6 if place.kind == "country" else 0.22
            ctx.set_source_rgb(*mix(land, pal.accent, share * appear(seconds, 0.0, 0.6)))
            # its outline drawn light: the shaded country beside its neighbours' land, the same in tone,
            # read as one flat area (a close map of Porto was "empty" to the contact sheet)
            if place.kind == "country":  # shaded in the accent itself: it stands out
                ctx.fill()
            else:
                ctx.fill_preserve()
                ctx.set_source_rgba(*pal.text, 0.45)
                ctx.set_line_width(max(1.5, canvas.short * 0.0022))
                ctx.set_antialias(cairo.ANTIALIAS_FAST)  # a thin line drawn every frame: a third less
                ctx.stroke()
                ctx.set_antialias(cairo.ANTIALIAS_DEFAULT)
        self._marker(canvas, place, cx, cy, seconds)
        self._label(canvas, design, label_box, seconds, span)

    def still_from(self, canvas: Canvas, design: Design, span: float) -> float:
        """Never: the view closes in on the place to the end (a map without a place is a title card)."""
        if design.place is None:
            from videos.render.designs.title import LAYOUT as title

            return title.still_from(canvas, design, span)
        return math.inf

    def _graticule(self, canvas: Canvas, place: Place, scale: float, cx: float, cy: float) -> None:
        ctx = canvas.ctx
        step = 10 if place.span > 10 else 5 if place.span > 4 else 1
        ctx.set_source_rgba(*canvas.palette.text, 0.07)
        ctx.set_line_width(max(1.0, canvas.short / 1080))
        cos = math.cos(math.radians(place.lat))
        half_w, half_h = canvas.width / scale, canvas.height / scale
        lon = math.floor((place.lon - half_w / max(cos, 0.2)) / step) * step
        while lon <= place.lon + half_w / max(cos, 0.2):
            x = cx + (lon - place.lon) * cos * scale
            ctx.move_to(x, 0)
            ctx.line_to(x, canvas.height)
            lon += step
        lat = math.floor((place.lat - half_h) / step) * step
        while lat <= place.lat + half_h:
            y = cy - (lat - place.lat) * scale
            ctx.move_to(0, y)
            ctx.line_to(canvas.width, y)
            lat += step
        ctx.stroke()

    def _marker(self, canvas: Canvas, place: Place, cx: float, cy: float, seconds: float) -> None:
        ctx, pal = canvas.ctx, canvas.palette
        shown = appear(seconds, 0.4, 0.5)
        if shown <= 0 or place.kind == "country":
            return
        radius = canvas.short * 0.016
        for wave in range(3 if place.kind == "sea" else 1):
            phase = ((seconds * 0.6 + wave / 3) % 1.0)
            ctx.arc(cx, cy, radius * (1.5 + 4 * phase), 0, 2 * math.pi)
            ctx.set_source_rgba(*pal.accent, 0.6 * (1 - phase) * shown)
            ctx.set_line_width(max(2.0, canvas.short * 0.005))
            ctx.stroke()
        if place.kind == "city":
            ctx.arc(cx, cy, radius * shown, 0, 2 * math.pi)
            ctx.set_source_rgb(*pal.accent)
            ctx.fill_preserve()
            ctx.set_source_rgb(*pal.text)
            ctx.set_line_width(max(2.0, canvas.short * 0.004))
            ctx.stroke()

    def _label(self, canvas: Canvas, design: Design, box: Rect, seconds: float, span: float) -> None:
        name = design.headline or (design.place.name if design.place else "")
        block = canvas.fit(name, box.inset(box.width * 0.1, box.height * 0.12), max_size=canvas.short * 0.085,
                           max_lines=1)
        pad = canvas.short * 0.025
        # the name comes with the map, not after it: a map sliding in over another, both grey land, read
        # as an empty frame while its name was faint
        # and it leaves when drawn on past its span, as a scene of several designs draws a map while the
        # next map dissolves in (both names lay over each other at half strength), or where the renderer
        # says its scene leaves (its span counts the crossfade into the next scene's map).
        leaves = design.leaves or span
        alpha = appear(seconds, 0.0, 0.2) * (1.0 - appear(seconds, leaves, 0.15))
        panel = Rect(box.center_x - block.width / 2 - pad, box.center_y - block.height / 2 - pad * 0.6,
                     block.width + 2 * pad, block.height + 1.2 * pad)
        canvas.panel(panel, 0.55 * alpha)
        canvas.draw_block(block, box.center_x, box.center_y - block.height / 2, alpha=alpha)
        if design.detail:
            detail = canvas.fit(design.detail, (box.width, box.height * 0.4), max_size=canvas.short * 0.045,
                                max_lines=1)
            canvas.draw_block(detail, box.center_x, panel.bottom + pad * 0.4, color=canvas.palette.accent,
                              alpha=appear(seconds, 0.6) * (1.0 - appear(seconds, leaves, 0.15)))


LAYOUT = MapLayout()
