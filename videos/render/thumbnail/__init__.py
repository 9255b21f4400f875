"""Thumbnails: three designed 1280x720 JPEGs under 2 MB (YouTube's limits), drawn with cairo.

Each shows three to five words of the title that carry it (words.py), large, in the channel's
colours, over the video's best frame (frames.py) or a designed background, in one of the layouts
in layouts/. Every character is drawn with a font that has it (text.py). Each variant's legibility
at 168x94, the size YouTube lists it at, is measured (legibility.py) and recorded with it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cairo
import numpy as np
from PIL import Image

from videos.render.designs import Design
from videos.render.thumbnail import designed
from videos.render.thumbnail.draw import Art, rgb, rgb_from_surface, surface_from_rgb
from videos.render.thumbnail.frames import Candidate, Scored, best_frame
from videos.render.thumbnail.layouts import LAYOUTS
from videos.render.thumbnail.legibility import Legibility, measure
from videos.render.thumbnail.text import Fonts
from videos.render.thumbnail.words import Headline, headline

WIDTH, HEIGHT = 1280, 720
MAX_BYTES = 2 * 1024 * 1024
ORDER = ("frame", "panel", "poster")

__all__ = ["HEIGHT", "MAX_BYTES", "ORDER", "WIDTH", "Candidate", "Thumbnail", "draw_variant", "headline",
           "make_thumbnails"]


@dataclass(frozen=True)
class Thumbnail:
    layout: str
    label: str
    path: Path
    size_bytes: int
    words: str
    legibility: Legibility
    frame: Scored | None  # the frame under it, if any

    def as_dict(self) -> dict:
        return {"layout": self.layout, "label": self.label, "words": self.words, "bytes": self.size_bytes,
                "type_px_at_168": round(self.legibility.type_px, 1),
                "contrast_at_168": round(self.legibility.contrast, 2)}


def _jpeg(picture: np.ndarray, path: Path) -> int:
    """Saved as a JPEG under MAX_BYTES: quality 90, lower for a picture too busy for it."""
    image = Image.fromarray(picture)
    for quality in (90, 82, 72, 60, 45):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        if buffer.tell() < MAX_BYTES:
            break
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(buffer.getvalue())
    partial.replace(path)
    return buffer.tell()


def draw_variant(layout: str, art: Art) -> tuple[np.ndarray, np.ndarray, float]:
    """The picture (RGB), the headline's glyph mask (0-255) and its type size, for one layout."""
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, art.width, art.height)
    size = LAYOUTS[layout].draw(cairo.Context(surface), art)
    glyphs = cairo.ImageSurface(cairo.FORMAT_A8, art.width, art.height)
    LAYOUTS[layout].draw(cairo.Context(glyphs), art, mask=True)
    glyphs.flush()
    stride = glyphs.get_stride()
    mask = np.ndarray((art.height, stride), np.uint8, buffer=glyphs.get_data())[:, :art.width].copy()
    return rgb_from_surface(surface), mask, size


def make_thumbnails(*, title: str, language: str, font_family: str, primary_color: str, accent_color: str,
                    candidates: list[Candidate], out_paths: dict[str, Path], designs: Sequence[Design] = (),
                    ffmpeg: str = "ffmpeg") -> list[Thumbnail]:
    """Draw each layout named in `out_paths` (in ORDER) to its path. Without a usable frame among the
    `candidates`, the picture is one of the scenes' `designs` (designed.py), if one fits."""
    words: Headline = headline(title or "Untitled", language)
    if not words.tokens:
        words = headline("Untitled", "en")
    found = best_frame(candidates, WIDTH, HEIGHT, ffmpeg) if candidates else None
    shown = found[1] if found else None
    design = designed.chosen(designs) if found is None else None
    look = {"font_family": font_family, "primary_color": primary_color, "accent_color": accent_color}
    figure = designed.figure(design, **look) if design is not None else None
    if design is not None:
        shown = (designed.picture(design, **look, width=WIDTH, height=HEIGHT) if figure is None
                 else designed.ground(**look, width=WIDTH, height=HEIGHT))
    art = Art.seeded(title, headline=words, fonts=Fonts.for_language(font_family, language),
                     primary=rgb(primary_color), accent=rgb(accent_color),
                     picture=surface_from_rgb(shown) if shown is not None else None, figure=figure,
                     width=WIDTH, height=HEIGHT)
    made = []
    for layout in (name for name in ORDER if name in out_paths):
        picture, mask, size = draw_variant(layout, art)
        size_bytes = _jpeg(picture, out_paths[layout])
        made.append(Thumbnail(layout=layout, label=LAYOUTS[layout].LABEL, path=out_paths[layout],
                              size_bytes=size_bytes, words=words.text, legibility=measure(picture, mask, size),
                              frame=found[0] if found and layout != "poster" else None))
    return made
