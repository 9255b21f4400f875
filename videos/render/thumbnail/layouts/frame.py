"""The best frame, full bleed, darkened from the left; the headline huge on the dark side in white
with a black outline, its heaviest word in the accent colour, beside an accent bar."""

from __future__ import annotations

import cairo

from videos.render.thumbnail.draw import Art, TextStyle, draw_headline, paint_figure, paint_picture, readable_on

NAME = "frame"
LABEL = "Frame and bold words"
FIGURE_SHARE, FIGURE_MARGIN = 0.4, 0.02


def draw(ctx: cairo.Context, art: Art, *, mask: bool = False) -> float:
    """Returns the headline's type size."""
    width, height = art.width, art.height
    margin = width * 0.055
    box = (margin + 28, height * 0.08, width * 0.64, height * 0.84)
    if mask:
        return draw_headline(ctx, art, box, TextStyle(), max_size=height * 0.3, mask=True)[4]
    paint_picture(ctx, art)
    scrim = cairo.LinearGradient(0, 0, width * 0.8, 0)
    scrim.add_color_stop_rgba(0, 0, 0, 0, 0.86)
    scrim.add_color_stop_rgba(0.55, 0, 0, 0, 0.62)
    scrim.add_color_stop_rgba(1, 0, 0, 0, 0.0)
    ctx.set_source(scrim)
    ctx.paint()
    emphasis = readable_on((0.0, 0.0, 0.0), art.accent, 6.0)
    left, top, block_width, block_height, size = draw_headline(
        ctx, art, box, TextStyle(emphasis=emphasis, outline=(0, 0, 0, 1), outline_ratio=0.1),
        max_size=height * 0.3)
    ctx.set_source_rgba(*emphasis[:3], 1)
    ctx.rectangle(margin, top + block_height * 0.04, 14, block_height * 0.92)
    ctx.fill()
    # a designed figure (a number) in the room right of the words, at most FIGURE_SHARE of the width
    room = min(width * (1 - FIGURE_MARGIN) - (left + block_width + width * 0.04), width * FIGURE_SHARE)
    paint_figure(ctx, art, (width * (1 - FIGURE_MARGIN) - room, 0, room, height))
    return size
