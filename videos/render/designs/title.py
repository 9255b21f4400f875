"""The scene's key phrase as a title card, line by line; also the intro and outro cards, and the
fallback for any line that holds no number, date, place, name or list."""

from __future__ import annotations

from videos.render.designs.base import Design
from videos.render.designs.canvas import Canvas, Rect, TextBlock, appear


class TitleLayout:
    name = "title"
    label = "Title card"
    push_in = 0.05  # how much the whole design grows over the scene (ffmpeg zooms it)

    def draw(self, canvas: Canvas, design: Design, seconds: float, span: float) -> None:
        area = canvas.safe.inset(canvas.short * 0.03)
        title = self._title(canvas, design, area)
        detail = canvas.fit(design.detail, area.split(0.72)[1], max_size=canvas.short * 0.055, max_lines=2) \
            if design.detail else None
        gap = canvas.short * 0.035
        total = title.height + gap + canvas.short * 0.012 + (detail.height + gap if detail else 0)
        top = area.center_y - total / 2
        alphas = [appear(seconds, _line_at(i), 0.5) for i in range(len(title.lines))]
        canvas.draw_block(title, area.center_x, top, line_alphas=alphas)
        bar_y = top + title.height + gap
        width = title.width * 0.35 * appear(seconds, 0.3, 0.9)
        canvas.bar(area.center_x - width / 2, bar_y, width, canvas.short * 0.012)
        if detail:
            canvas.draw_block(detail, area.center_x, bar_y + gap, color=canvas.palette.accent,
                              alpha=appear(seconds, 0.6))

    def still_from(self, canvas: Canvas, design: Design, span: float) -> float:
        lines = len(self._title(canvas, design, canvas.safe.inset(canvas.short * 0.03)).lines)
        return max(_line_at(lines - 1) + 0.5, 0.3 + 0.9, 0.6 + 0.45)  # the last line, the bar, the detail

    @staticmethod
    def _title(canvas: Canvas, design: Design, area: Rect) -> TextBlock:
        head_box = area.split(0.72)[0] if design.detail else area
        return canvas.fit(design.headline, head_box, max_size=canvas.short * 0.14, max_lines=4)


def _line_at(index: int) -> float:
    """When the title's line `index` begins to appear."""
    return 0.08 + 0.22 * index


LAYOUT = TitleLayout()
