"""A year or a date as a title, rising into place; when the script names several dates, a small
timeline of them that draws itself, with this scene's date marked."""

from __future__ import annotations

import math

from videos.render.designs.base import Design
from videos.render.designs.canvas import Canvas, Rect, appear, ease_out


class DateLayout:
    name = "date"
    label = "Date or timeline"
    push_in = 0.035  # how much the whole design grows over the scene (ffmpeg zooms it)

    def draw(self, canvas: Canvas, design: Design, seconds: float, span: float) -> None:
        area = canvas.safe.inset(canvas.short * 0.02)
        timeline = len(design.items) >= 2
        title_area, line_area = area.split(0.6) if timeline else (area, None)
        headline = design.headline or (design.items[design.highlight] if design.items else "")
        title_box, detail_box = title_area.split(0.68 if design.detail else 1.0)
        title = canvas.fit(headline, title_box, max_size=canvas.short * (0.24 if timeline else 0.28), max_lines=2)
        detail = canvas.fit(design.detail, detail_box, max_size=canvas.short * 0.065, max_lines=2) \
            if design.detail else None
        gap = canvas.short * 0.03
        total = title.height + (detail.height + gap if detail else 0)
        top = title_area.center_y - total / 2
        rise = (1 - ease_out(seconds / 0.7)) * canvas.short * 0.06
        canvas.draw_block(title, title_area.center_x, top + rise, color=canvas.palette.accent,
                          alpha=appear(seconds, 0, 0.5))
        if detail:
            canvas.draw_block(detail, title_area.center_x, top + title.height + gap, alpha=appear(seconds, 0.4))
        if line_area is not None:
            self._timeline(canvas, design, line_area, seconds)

    def still_from(self, canvas: Canvas, design: Design, span: float) -> float:
        """Once the title has risen and the timeline has drawn itself; never while the pulse around
        this scene's date goes on."""
        items = design.items[:7]
        if len(design.items) < 2:
            return max(0.7, 0.5, 0.4 + 0.45)  # the rise, the title, the detail
        if 0 <= design.highlight < len(items):
            return math.inf
        return max(0.7, 0.4 + 0.45, 1.0, _item_at(len(items) - 1) + 0.35)

    def _timeline(self, canvas: Canvas, design: Design, area: Rect, seconds: float) -> None:
        ctx, pal = canvas.ctx, canvas.palette
        items = design.items[:7]
        y = area.y + area.height * 0.35
        left, right = area.x + area.width * 0.06, area.x + area.width * 0.94
        drawn = ease_out(seconds / 1.0)
        ctx.set_line_width(max(2.0, canvas.short * 0.006))
        ctx.set_source_rgba(*pal.text, 0.55)
        ctx.move_to(left, y)
        ctx.line_to(left + (right - left) * drawn, y)
        ctx.stroke()
        step = (right - left) / max(1, len(items) - 1)
        label_size = min(canvas.short * 0.05, step * 0.9 / max(2, max(len(i) for i in items)) * 1.7)
        # Labels close to their neighbours' take turns above and below the line: in 9:16, "1958" and the
        # lit "1964" (held inside the frame, so pushed left) ran into each other
        widest = max(canvas.fit(item, (area.width, area.height * 0.4), max_size=label_size * 1.15, max_lines=1).width
                     for item in items)
        crowded = len(items) > 2 and widest > step * 0.75
        for index, item in enumerate(items):
            x = left + step * index if len(items) > 1 else (left + right) / 2
            shown = appear(seconds, _item_at(index), 0.35)
            if shown <= 0:
                continue
            current = index == design.highlight
            radius = canvas.short * (0.02 if current else 0.011) * shown
            if current:  # a slow pulse around this scene's date
                ring = radius * (1.6 + 0.35 * math.sin(seconds * 2.5))
                ctx.arc(x, y, ring, 0, 2 * math.pi)
                ctx.set_source_rgba(*pal.accent, 0.25)
                ctx.fill()
            ctx.arc(x, y, radius, 0, 2 * math.pi)
            ctx.set_source_rgba(*(pal.accent if current else pal.text), 1.0)
            ctx.fill()
            room = step * (1.9 if crowded else 0.96) if len(items) > 1 else area.width
            label = canvas.fit(item, (room, area.height * 0.4), max_size=label_size * (1.15 if current else 1.0),
                               max_lines=1)
            # held inside the frame: "500 antes de Cristo" under the first dot ran off its left edge
            middle = min(max(x, area.x + label.width / 2), area.x + area.width - label.width / 2)
            above = crowded and index % 2 == 1
            top = y - canvas.short * 0.035 - label.height if above else y + canvas.short * 0.035
            canvas.draw_block(label, middle, top, color=pal.accent if current else pal.muted, alpha=shown)


def _item_at(index: int) -> float:
    """When the timeline's date `index` begins to appear."""
    return 0.15 + 0.12 * index


LAYOUT = DateLayout()
