"""No footage needed: a designed background in the channel's colours, the headline centred and
as large as it fits, its heaviest word in the accent colour, an accent rule beneath."""

from __future__ import annotations

import cairo

from videos.render.thumbnail.draw import Art, TextStyle, dark_panel, designed_background, draw_headline, readable_on

NAME = "poster"
LABEL = "Designed poster"


def draw(ctx: cairo.Context, art: Art, *, mask: bool = False) -> float:
    """Returns the headline's type size."""
    width, height = art.width, art.height
    box = (width * 0.07, height * 0.1, width * 0.86, height * 0.72)
    if mask:
        return draw_headline(ctx, art, box, TextStyle(), max_size=height * 0.32, align="centre", mask=True)[4]
    designed_background(ctx, art)
    emphasis = readable_on(dark_panel(art.primary, 10.0), art.accent, 5.0)
    _, top, block_width, block_height, size = draw_headline(
        ctx, art, box, TextStyle(emphasis=emphasis, outline=(0, 0, 0, 0.9), outline_ratio=0.06, shadow=True),
        max_size=height * 0.32, align="centre")
    rule = min(block_width * 0.5, width * 0.3)
    ctx.set_source_rgba(*emphasis[:3], 1)
    ctx.rectangle((width - rule) / 2, min(height - 40, top + block_height + height * 0.04), rule, 12)
    ctx.fill()
    return size
