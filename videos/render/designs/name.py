"""A person's name card: the name large beside an accent bar, with their dates or role below when
the text gives them, sliding in from the side."""

from __future__ import annotations

from videos.render.designs.base import Design
from videos.render.designs.canvas import Canvas, Rect, appear, ease_out


class NameLayout:
    name = "name"
    label = "Name card"
    push_in = 0.035  # how much the whole design grows over the scene (ffmpeg zooms it)

    def draw(self, canvas: Canvas, design: Design, seconds: float, span: float) -> None:
        area = canvas.safe.inset(canvas.short * 0.03)
        bar_width = canvas.short * 0.014
        text_x = area.x + bar_width + canvas.short * 0.04
        text_box = Rect(text_x, area.y, area.x + area.width - text_x, area.height)
        name_box, detail_box = text_box.split(0.62 if design.detail else 1.0)
        name = canvas.fit(design.headline, name_box, max_size=canvas.short * 0.15, max_lines=3)
        detail = canvas.fit(design.detail, detail_box, max_size=canvas.short * 0.06, max_lines=2) \
            if design.detail else None
        gap = canvas.short * 0.03
        total = name.height + (detail.height + gap if detail else 0)
        top = area.center_y - total / 2
        slide = (1 - ease_out(seconds / 0.8)) * canvas.short * 0.08
        canvas.bar(area.x, top, bar_width, total * ease_out(seconds / 0.6))
        canvas.draw_block(name, text_box.x + slide, top, align="left", alpha=appear(seconds, 0.05, 0.5))
        if detail:
            canvas.draw_block(detail, text_box.x + slide * 0.5, top + name.height + gap, align="left",
                              color=canvas.palette.accent, alpha=appear(seconds, 0.45))

    def still_from(self, canvas: Canvas, design: Design, span: float) -> float:
        return max(0.8, 0.6, 0.05 + 0.5, 0.45 + 0.45)  # the slide, the bar, the name, the detail


LAYOUT = NameLayout()
