"""A striking sentence or a quotation as a quote card: large quotation mark, the words, and who said
them when the text says."""

from __future__ import annotations

from videos.render.designs.base import Design
from videos.render.designs.canvas import Canvas, Rect, appear


class QuoteLayout:
    name = "quote"
    label = "Quote card"
    push_in = 0.04  # how much the whole design grows over the scene (ffmpeg zooms it)

    def draw(self, canvas: Canvas, design: Design, seconds: float, span: float) -> None:
        area = canvas.safe.inset(canvas.short * 0.04)
        mark_size = min(canvas.short * 0.22, area.height * 0.45)
        mark = canvas.fit("\u201c", (mark_size, mark_size), max_size=mark_size, min_size=mark_size, max_lines=1)
        text_area = Rect(area.x + mark_size * 0.5, area.y + mark_size * 0.3, area.width - mark_size * 0.5,
                         area.height - mark_size * 0.3)
        quote_box, by_box = text_area.split(0.78 if design.detail else 1.0)
        quote = canvas.fit(design.headline, quote_box, max_size=canvas.short * 0.11, max_lines=5, bold=False)
        by = canvas.fit("\u2014 " + design.detail, by_box, max_size=canvas.short * 0.05, max_lines=1) \
            if design.detail else None
        gap = canvas.short * 0.03
        total = quote.height + (by.height + gap if by else 0)
        top = text_area.center_y - total / 2
        canvas.draw_block(mark, area.x, top - mark.height * 0.45, align="left", color=canvas.palette.accent,
                          alpha=appear(seconds, 0, 0.4), shadow=False)
        alphas = [appear(seconds, 0.15 + 0.25 * i, 0.55) for i in range(len(quote.lines))]
        canvas.draw_block(quote, text_area.x, top, align="left", line_alphas=alphas)
        if by:
            canvas.draw_block(by, text_area.x + text_area.width, top + quote.height + gap, align="right",
                              color=canvas.palette.accent, alpha=appear(seconds, 0.3 + 0.25 * len(quote.lines)))


LAYOUT = QuoteLayout()
