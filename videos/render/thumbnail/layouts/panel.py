"""A slanted panel in the channel's primary colour (darkened for white type) over the left half,
the best frame on the right; the headline in white on the panel, its heaviest word on an accent
highlight."""

from __future__ import annotations

import cairo

from videos.render.thumbnail.draw import (
    INK,
    WHITE,
    Art,
    TextStyle,
    contrast,
    dark_panel,
    draw_headline,
    paint_figure,
    paint_picture,
)

NAME = "panel"
LABEL = "Colour panel"


def draw(ctx: cairo.Context, art: Art, *, mask: bool = False) -> float:
    """Returns the headline's type size."""
    width, height = art.width, art.height
    box = (width * 0.05, height * 0.1, width * 0.46, height * 0.8)
    if mask:
        return draw_headline(ctx, art, box, TextStyle(), max_size=height * 0.26, mask=True)[4]
    paint_picture(ctx, art)
    top_edge, bottom_edge = width * 0.58, width * 0.5
    panel = dark_panel(art.primary)
    ctx.move_to(0, 0)
    ctx.line_to(top_edge, 0)
    ctx.line_to(bottom_edge, height)
    ctx.line_to(0, height)
    ctx.close_path()
    ctx.set_source_rgb(*panel)
    ctx.fill()
    ctx.set_source_rgb(*art.accent)
    ctx.move_to(top_edge, 0)
    ctx.line_to(top_edge + 22, 0)
    ctx.line_to(bottom_edge + 22, height)
    ctx.line_to(bottom_edge, height)
    ctx.close_path()
    ctx.fill()
    paint_figure(ctx, art, (width * 0.6, 0, width * 0.38, height))  # a designed figure (a number) right of the panel
    # On the accent block, the darker or lighter ink, whichever reads better.
    ink = INK if contrast(INK, art.accent) >= contrast(WHITE, art.accent) else WHITE
    return draw_headline(ctx, art, box, TextStyle(fill=WHITE, emphasis=ink, highlight=(*art.accent, 1.0)),
                  max_size=height * 0.26)[4]
