"""A map of the region around a place, zooming in from a wide view to it: the country shaded in the
accent colour, a city marked with a pulsing dot, a sea or bay with rings; its name on a label above.
Shapes are Natural Earth's (data/world-50m.geojson), drawn as vectors every frame, so the zoom stays
sharp at every size."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math

import cairo

from videos.render.designs.base import Design, Place
from videos.render.designs.canvas import Canvas, Rect, appear, ease_in_out, mix
from videos.render.designs.geo import continuous, ring, world

ZOOM_FROM = 3.2  # the first view is this many times wider than the last


def _project(lon: float, lat: float, place: Place) -> tuple[float, float]:
    """Degrees to a plane around the place: longitude shrunk by the cosine of its latitude (an
    equirectangular map true to shape near the place), north up."""
    return (lon - place.lon) * math.cos(math.radians(place.lat)), -(lat - place.lat)


ROUTE_ZOOM_FROM = 1.6  # a route's first view: both its places in it from the start
ROUTE_WIDEST = 150.0  # degrees (projected) a route's first view spans at most
ROUTE_STARTS = 0.5  # the way from the first place sets out this many seconds into the scene
ROUTE_MARGIN = 0.62  # the share of the map's part of the frame the way between the places spans, at most


def _framing(shown: tuple[Place, ...], canvas: Canvas, box: Rect) -> Place:
    """The centre of a map of several places, with the view's width (its span) that puts them all
    within ROUTE_MARGIN of the map's part of the frame; no closer than half the closest place's own
    span (two towns a few kilometres apart are shown in their region, not as one blur of land)."""
    lons = [p.lon for p in shown]
    if max(lons) - min(lons) > 180:  # the short way round, across the date line (Acapulco to Manila)
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    # a country reaches about a third of its span east and west of its middle, a fifth north and south
    # (geo: a country's span is 1.5 times its width, 2.4 times its height): all of it stays in view
    reach = [(p.span / 3, p.span / 4.8) if p.kind == "country" else (0.0, 0.0) for p in shown]
    west = min(lon - r[0] for lon, r in zip(lons, reach, strict=True))
    east = max(lon + r[0] for lon, r in zip(lons, reach, strict=True))
    south = min(p.lat - r[1] for p, r in zip(shown, reach, strict=True))
    north = max(p.lat + r[1] for p, r in zip(shown, reach, strict=True))
    lat = (south + north) / 2
    cos = max(0.2, math.cos(math.radians(lat)))
    wide = (east - west) * cos * canvas.width / (ROUTE_MARGIN * box.width)
    tall = (north - south) * canvas.width / (ROUTE_MARGIN * box.height)
    span = max(wide, tall, 0.5 * min(p.span for p in shown))
    return Place(name="", lon=(west + east) / 2, lat=lat, kind="route", span=round(span, 4))


LIT_FIRST, LIT_EVERY = 0.3, 0.45  # a listed place is lit this long into the scene, and after the one before


def _lit_at(design: Design, number: int) -> float:
    """From when a map of several places lights its `number`th: as it is spoken, or in turn; a way's
    places are all lit from the start."""
    if design.way:
        return 0.0
    if number < len(design.reveal):
        return design.reveal[number]
    return LIT_FIRST + LIT_EVERY * number


def _overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.bottom and b.y < a.bottom


def _shift(lon: float, centre: float) -> float:
    """What to add to a longitude to bring it within half a turn of the centre's."""
    return 360.0 if lon - centre < -180 else -360.0 if lon - centre > 180 else 0.0


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
            # land beyond the date line from the place is drawn beside it, a whole polygon at a time
            # (Alaska east of Japan; the Philippines west of Mexico on a way across the Pacific)
            shift = _shift(sum(p[0] for p in outer) / max(1, len(outer)), place.lon)
            lons = [p[0] + shift for p in outer]
            lats = [p[1] for p in outer]
            if (min(lons) > place.lon + reach or max(lons) < place.lon - reach or min(lats) > place.lat + half_y
                    or max(lats) < place.lat - half_y):
                continue
            for start, length in polygon:
                last = None
                for index, (lon, lat) in enumerate(continuous(list(ring(start, length)))):
                    x, y = _project(lon + shift, lat, place)
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


TINY_LAND = 0.03  # of the frame: a country whose land's bounds cover less is ringed


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
        shown = design.places if len(design.places) >= 2 else (place,)
        # A map of several places is centred between them and framed on all; it closes in less (they stay
        # in view from the start). One place's map is centred on it.
        centre = place if len(shown) == 1 else _framing(shown, canvas, map_box)
        # (a way across an ocean starts no wider than ROUTE_WIDEST: the world's edge stayed out of view)
        widest = ROUTE_WIDEST * canvas.width / max(canvas.width, canvas.height)  # tall frames: its height
        zoom_from = ZOOM_FROM if len(shown) == 1 else min(ROUTE_ZOOM_FROM, max(1.0, widest / centre.span))
        zoom = ease_in_out(seconds / max(1.0, span * 0.7))
        view = centre.span * (zoom_from ** (1 - zoom)) * (1 - 0.04 * min(1.0, seconds / max(span, 0.1)))
        scale = canvas.width / view  # pixels per projected degree
        land = mix(pal.ground_light, pal.text, 0.16)
        if canvas.transparent:  # the sea stays clear; the land is drawn over the background loop
            land = mix(land, pal.ground, 0.3)
        self._graticule(canvas, centre, scale, cx, cy)
        # What the frame shows, in projected degrees: countries outside it are not drawn at all.
        view_box = (-cx / scale, -cy / scale, (canvas.width - cx) / scale, (canvas.height - cy) / scale)
        lit: dict[str, tuple[str, float]] = {}  # country -> its place's kind, and from when it is lit
        for number, spot in enumerate(shown):
            if spot.country and spot.kind in ("country", "city") and spot.country not in lit:
                lit[spot.country] = (spot.kind, _lit_at(design, number))
        highlighted: dict[tuple[str, float], list] = {}
        level = next(i for i, width in enumerate(LEVELS) if view <= centre.span * width * 1.01 or i == 2)
        # Countries in three shades of the land colour, so neighbours stand apart without drawing
        # their borders (stroking a coast costs three times its fill).
        shades = [land, mix(land, pal.ground, 0.18), mix(land, pal.text, 0.1)]
        groups: list[list] = [[], [], []]
        for code, path, box in _shapes(centre, level, round(canvas.height / canvas.width, 2)):
            if box[0] > view_box[2] or box[2] < view_box[0] or box[1] > view_box[3] or box[3] < view_box[1]:
                continue
            if code in lit and seconds >= lit[code][1]:
                highlighted.setdefault(lit[code], []).append(path)
            else:
                groups[sum(map(ord, code)) % 3].append(path)
        # Land is filled with cairo's fast antialiasing: a continent's countries cost about half as much
        # (a way across Africa, 18.5 -> 10.4 ms of CPU a 1920x1080 frame), and no coast differs by more than
        # a few pixels' edges (0.15% of a frame's pixels by more than 8 levels). Lines, dots and words keep
        # the default.
        ctx.set_antialias(cairo.ANTIALIAS_FAST)
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
        ctx.set_antialias(cairo.ANTIALIAS_DEFAULT)
        tiny = False  # a country whose land covers a few hundredths of the frame (islands in the sea)
        for (kind, at), paths in highlighted.items():
            ctx.save()
            ctx.translate(cx, cy)
            ctx.scale(scale, scale)
            for path in paths:
                ctx.append_path(path)
            ctx.restore()
            # The country itself in the accent; around a city only a tint of it, so the dot stands out.
            share = 0.6 if kind == "country" else 0.22
            ctx.set_source_rgb(*mix(land, pal.accent, share * appear(seconds, at, 0.6)))
            # its outline drawn light: the shaded country beside its neighbours' land, the same in tone,
            # read as one flat area (a close map of Porto was "empty" to the contact sheet)
            if kind == "country":  # shaded in the accent itself: it stands out
                x1, y1, x2, y2 = ctx.fill_extents()
                tiny = (x2 - x1) * (y2 - y1) < TINY_LAND * canvas.width * canvas.height
                ctx.fill()
            else:
                ctx.fill_preserve()
                ctx.set_source_rgba(*pal.text, 0.45)
                ctx.set_line_width(max(1.5, canvas.short * 0.0022))
                ctx.set_antialias(cairo.ANTIALIAS_FAST)  # a thin line drawn every frame: a third less
                ctx.stroke()
                ctx.set_antialias(cairo.ANTIALIAS_DEFAULT)
        if len(shown) == 1:
            self._marker(canvas, place, cx, cy, seconds, ring=tiny)
            self._label(canvas, design, label_box, seconds, span)
            return
        points = [(cx + x * scale, cy + y * scale)
                  for x, y in (_project(p.lon + _shift(p.lon, centre.lon), p.lat, centre) for p in shown)]
        if design.way:
            reached = self._way(canvas, points, seconds, span)
            taken: list[Rect] = []
            for number, (spot, point, at) in enumerate(zip(shown, points, reached, strict=True)):
                self._marker(canvas, spot, *point, seconds, at=at - 0.4)
                # names above the dots, the last one's under it; a name that would lie over one already
                # written goes to the other side, or is left to the heading (Vienna beside Budapest)
                above = number < len(shown) - 1
                for side in (above, not above):
                    box = self._name_box(canvas, spot.name, point, map_box, above=side)
                    if not any(_overlap(box, other) for other in taken):
                        taken.append(box)
                        self._name(canvas, spot.name, box, alpha=appear(seconds, at, 0.4))
                        break
            self._label(canvas, design, label_box, seconds, span)
            return
        # Each lit in turn as it is spoken, a town with its dot; the one lit last is named under the heading.
        latest = ""
        for number, (spot, point) in enumerate(zip(shown, points, strict=True)):
            at = _lit_at(design, number)
            if spot.kind != "country":
                self._marker(canvas, spot, *point, seconds, at=at - 0.4)
            if seconds >= at:
                latest = spot.name
        named = dataclasses.replace(design, detail=latest) if design.headline else \
            dataclasses.replace(design, headline=latest)
        self._label(canvas, named, label_box, seconds, span)

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

    def _way(self, canvas: Canvas, points: list[tuple[float, float]], seconds: float, span: float) -> list[float]:
        """The way from the first place through the others, drawn from one to the next as bows (north of
        the straight line: a route on a map reads as travelled, not as a border), a dot at its head.
        Returns the moment it reaches each place."""
        length = max(1.0, min(2.5 + 0.8 * (len(points) - 2), span * 0.5))
        legs = [max(1.0, math.hypot(b[0] - a[0], b[1] - a[1])) for a, b in itertools.pairwise(points)]
        total = sum(legs)
        reached = [ROUTE_STARTS]
        for leg in legs:
            reached.append(reached[-1] + length * leg / total)
        done = ease_in_out((seconds - ROUTE_STARTS) / length) * total  # how far along, in pixels
        if done <= 0:
            return reached
        ctx, pal = canvas.ctx, canvas.palette
        ctx.new_path()
        ctx.move_to(*points[0])
        head = points[0]
        for ((x0, y0), (x1, y1)), leg in zip(itertools.pairwise(points), legs, strict=True):
            share = min(1.0, done / leg)
            distance = math.hypot(x1 - x0, y1 - y0) or 1.0
            normal_x, normal_y = -(y1 - y0) / distance, (x1 - x0) / distance
            if normal_y > 0:
                normal_x, normal_y = -normal_x, -normal_y
            bow_x, bow_y = (x0 + x1) / 2 + normal_x * distance * 0.2, (y0 + y1) / 2 + normal_y * distance * 0.2
            steps = max(2, round(48 * share))
            for step in range(1, steps + 1):
                t = share * step / steps
                head = ((1 - t) ** 2 * x0 + 2 * (1 - t) * t * bow_x + t * t * x1,
                        (1 - t) ** 2 * y0 + 2 * (1 - t) * t * bow_y + t * t * y1)
                ctx.line_to(*head)
            done -= leg
            if done <= 0:
                break
        ctx.set_source_rgb(*pal.accent)
        ctx.set_line_width(max(3.0, canvas.short * 0.007))
        ctx.set_line_cap(cairo.LINE_CAP_ROUND)
        ctx.set_line_join(cairo.LINE_JOIN_ROUND)
        ctx.stroke()
        if done < 0:  # still on its way
            ctx.arc(*head, max(4.0, canvas.short * 0.012), 0, 2 * math.pi)
            ctx.set_source_rgb(*pal.text)
            ctx.fill()
        return reached

    @staticmethod
    def _name_box(canvas: Canvas, name: str, point: tuple[float, float], box: Rect, *, above: bool) -> Rect:
        """Where a way's place is named: a panel above or under its dot, inside the map's part of the frame."""
        block = canvas.fit(name, (box.width * 0.45, canvas.short * 0.08), max_size=canvas.short * 0.038, max_lines=1)
        pad, gap = canvas.short * 0.012, canvas.short * 0.03
        top = point[1] - gap - block.height if above else point[1] + gap
        top = min(box.bottom - block.height - pad, max(box.y + pad, top))
        x = min(box.x + box.width - block.width / 2 - pad, max(box.x + block.width / 2 + pad, point[0]))
        return Rect(x - block.width / 2 - pad, top - pad * 0.6, block.width + 2 * pad, block.height + 1.2 * pad)

    @staticmethod
    def _name(canvas: Canvas, name: str, panel: Rect, *, alpha: float) -> None:
        if alpha <= 0.001:
            return
        block = canvas.fit(name, (panel.width, canvas.short * 0.08), max_size=canvas.short * 0.038, max_lines=1)
        canvas.panel(panel, 0.55 * alpha)
        canvas.draw_block(block, panel.center_x, panel.y + canvas.short * 0.012 * 0.6, alpha=alpha)

    def _marker(self, canvas: Canvas, place: Place, cx: float, cy: float, seconds: float, at: float = 0.0,
                ring: bool = False) -> None:
        ctx, pal = canvas.ctx, canvas.palette
        ctx.new_path()  # no line from where the last words ended to the first ring
        shown = appear(seconds, 0.4 + at, 0.5)
        # a country of a few islands is ringed as a town is, without its dot: a few pixels of land on a map
        # that is mostly sea (Samoa, Malta) read as an empty frame to the contact sheet
        if shown <= 0 or (place.kind == "country" and not (ring and canvas.rings_small_countries)):
            return
        radius = canvas.short * 0.016
        if place.kind == "country":  # a steady ring round it, then the pulse
            ctx.arc(cx, cy, canvas.short * 0.075, 0, 2 * math.pi)
            ctx.set_source_rgba(*pal.accent, 0.9 * shown)
            ctx.set_line_width(max(3.0, canvas.short * 0.007))
            ctx.stroke()
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
        # a heading of several words on two lines (one line shrank "Bis heute tragen Hamburg, Bremen und Lübeck
        # den Titel Hansestadt" to the smallest size, a strip across the frame's top)
        block = canvas.fit(name, box.inset(box.width * 0.1, box.height * 0.12), max_size=canvas.short * 0.085,
                           max_lines=1 if len(name.split()) <= 3 else 3 if canvas.portrait else 2)
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
