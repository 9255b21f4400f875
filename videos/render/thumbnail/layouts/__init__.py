"""Thumbnail layouts: one module each, with one entry point, `draw(ctx, art, mask=False)`, which
paints the whole 1280x720 picture (or, with `mask`, only the headline's glyphs in white, which is
how its legibility is measured)."""

from __future__ import annotations

from typing import Protocol

import cairo

from videos.render.thumbnail.draw import Art
from videos.render.thumbnail.layouts import frame, panel, poster


class Layout(Protocol):
    NAME: str
    LABEL: str

    def draw(self, ctx: cairo.Context, art: Art, *, mask: bool = False) -> None: ...


LAYOUTS: dict[str, Layout] = {module.NAME: module for module in (frame, panel, poster)}  # type: ignore[misc]
