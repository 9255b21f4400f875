"""A striking sentence or a quotation as a quote card: large quotation mark, the words, and who said
them when the text says."""

from __future__ import annotations

from videos.render.designs.base import Design
from videos.render.designs.canvas import Canvas, Rect, TextBlock, appear


class QuoteLayout:
    name = "quote"
    label = "Quote card"
    push_in = 0.04  # how much the whole design grows over the scene (ffmpeg zooms it)

    def draw(self, canvas: Canvas, design: Design, seconds: float, span: float) -> None:
        area, mark_size, text_area = self._areas(canvas)
        mark = canvas.fit("\u201c", (mark_size, mark_size), max_size=mark_size, min_size=mark_size, max_lines=1)
        quote, by_box = self._quote(canvas, design, text_area)
        by = canvas.fit("\u2014 " + design.detail, by_box, max_size=canvas.short * 0.05, max_lines=1) \
            if design.detail else None
        gap = canvas.short * 0.03
        total = quote.height + (by.height + gap if by else 0)
        top = text_area.center_y - total / 2
        canvas.draw_block(mark, area.x, top - mark.height * 0.45, align="left", color=canvas.palette.accent,
                          alpha=appear(seconds, 0, 0.4), shadow=False)
        alphas = [appear(seconds, _line_at(i), 0.55) for i in range(len(quote.lines))]
        canvas.draw_block(quote, text_area.x, top, align="left", line_alphas=alphas)
        if by:
            canvas.draw_block(by, text_area.x + text_area.width, top + quote.height + gap, align="right",
                              color=canvas.palette.accent, alpha=appear(seconds, _by_at(len(quote.lines))))

    def still_from(self, canvas: Canvas, design: Design, span: float) -> float:
        """Once the last line, and who said it, have appeared."""
        lines = len(self._quote(canvas, design, self._areas(canvas)[2])[0].lines)
        return max(0.4, _line_at(lines - 1) + 0.55, _by_at(lines) + 0.45 if design.detail else 0.0)

    @staticmethod
    def _areas(canvas: Canvas) -> tuple[Rect, float, Rect]:
        """The card's area, the quotation mark's size, and the words' area beside it."""
        area = canvas.safe.inset(canvas.short * 0.04)
        mark_size = min(canvas.short * 0.22, area.height * 0.45)
        return area, mark_size, Rect(area.x + mark_size * 0.5, area.y + mark_size * 0.3,
                                     area.width - mark_size * 0.5, area.height - mark_size * 0.3)

    @staticmethod
    def _quote(canvas: Canvas, design: Design, text_area: Rect) -> tuple[TextBlock, Rect]:
        """The quote's words fitted, and the box under them for who said it."""
        quote_box, by_box = text_area.split(0.78 if design.detail else 1.0)
        return canvas.fit(design.headline, quote_box, max_size=canvas.short * 0.11, max_lines=5, bold=False), by_box


def _line_at(index: int) -> float:
    """When the quote's line `index` begins to appear."""
    return 0.15 + 0.25 * index


def _by_at(lines: int) -> float:
    """When who said it appears, after a quote of `lines` lines."""
    return 0.3 + 0.25 * lines


LAYOUT = QuoteLayout()
