"""The scene's key phrase as a title card, line by line; also the intro and outro cards, and the
fallback for any line that holds no number, date, place, name or list."""

from __future__ import annotations

from videos.render.designs.base import Design
from videos.render.designs.canvas import Canvas, appear


class TitleLayout:
    name = "title"
    label = "Title card"
    push_in = 0.05  # how much the whole design grows over the scene (ffmpeg zooms it)

    def draw(self, canvas: Canvas, design: Design, seconds: float, span: float) -> None:
        area = canvas.safe.inset(canvas.short * 0.03)
        head_box, detail_box = area.split(0.72 if design.detail else 1.0)
        title = canvas.fit(design.headline, head_box, max_size=canvas.short * 0.14, max_lines=4)
        detail = canvas.fit(design.detail, detail_box, max_size=canvas.short * 0.055, max_lines=2) \
            if design.detail else None
        gap = canvas.short * 0.035
        total = title.height + gap + canvas.short * 0.012 + (detail.height + gap if detail else 0)
        top = area.center_y - total / 2
        alphas = [appear(seconds, 0.08 + 0.22 * i, 0.5) for i in range(len(title.lines))]
        canvas.draw_block(title, area.center_x, top, line_alphas=alphas)
        bar_y = top + title.height + gap
        width = title.width * 0.35 * appear(seconds, 0.3, 0.9)
        canvas.bar(area.center_x - width / 2, bar_y, width, canvas.short * 0.012)
        if detail:
            canvas.draw_block(detail, area.center_x, bar_y + gap, color=canvas.palette.accent,
                              alpha=appear(seconds, 0.6))


LAYOUT = TitleLayout()
