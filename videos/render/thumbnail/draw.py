"""What the thumbnail layouts share: colours that contrast, the picture as a cairo surface, a
designed background in the channel's colours, and the headline fitted and drawn in a box."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Protocol

import cairo
import numpy as np

from videos.render.thumbnail.text import Fonts, draw_line, fit
from videos.render.thumbnail.words import Headline

RGBA = tuple[float, float, float, float]
WHITE: RGBA = (1.0, 1.0, 1.0, 1.0)
INK: RGBA = (0.04, 0.04, 0.05, 1.0)


def rgb(hex_color: str) -> tuple[float, float, float]:
    value = (hex_color or "#000000").lstrip("#")
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(colour: tuple[float, ...]) -> float:
    """WCAG relative luminance of an sRGB colour (0-1 channels)."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(c) for c in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: tuple[float, ...], b: tuple[float, ...], amount: float) -> tuple[float, float, float]:
    return tuple(x + (y - x) * amount for x, y in zip(a[:3], b[:3], strict=True))  # type: ignore[return-value]


def readable_on(background: tuple[float, ...], colour: tuple[float, ...], minimum: float = 4.5) -> RGBA:
    """`colour`, lightened or darkened just enough to read on `background`."""
    target = (1.0, 1.0, 1.0) if luminance(background) < 0.3 else (0.0, 0.0, 0.0)
    for step in range(11):
        candidate = mix(colour, target, step / 10)
        if contrast(candidate, background) >= minimum:
            return (*candidate, 1.0)
    return (*target, 1.0)


def dark_panel(primary: tuple[float, ...], minimum: float = 8.0) -> tuple[float, float, float]:
    """The channel's primary colour, darkened until white type on it reads at `minimum`:1."""
    for step in range(21):
        candidate = mix(primary, (0.0, 0.0, 0.0), step / 20)
        if contrast(candidate, WHITE) >= minimum:
            return candidate
    return (0.0, 0.0, 0.0)


def surface_from_rgb(picture: np.ndarray) -> cairo.ImageSurface:
    height, width = picture.shape[:2]
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, width, height)
    stride = surface.get_stride()
    buffer = np.ndarray((height, stride // 4, 4), np.uint8, buffer=surface.get_data())
    buffer[:, :width, 0] = picture[:, :, 2]
    buffer[:, :width, 1] = picture[:, :, 1]
    buffer[:, :width, 2] = picture[:, :, 0]
    buffer[:, :width, 3] = 255
    surface.mark_dirty()
    return surface


def rgb_from_surface(surface: cairo.ImageSurface) -> np.ndarray:
    surface.flush()
    width, height, stride = surface.get_width(), surface.get_height(), surface.get_stride()
    data = np.ndarray((height, stride // 4, 4), np.uint8, buffer=surface.get_data())[:, :width]
    return np.ascontiguousarray(data[:, :, [2, 1, 0]])


class Figure(Protocol):
    """Something drawn beside the headline (thumbnail.designed.Figure)."""

    def surface(self, width: int, height: int) -> cairo.ImageSurface: ...


def paint_figure(ctx: cairo.Context, art: Art, box: tuple[float, float, float, float]) -> None:
    """The art's figure, if any, drawn for the room `box` (x, y, width, height) and put there."""
    if art.figure is None or box[2] < 1 or box[3] < 1:
        return
    ctx.set_source_surface(art.figure.surface(round(box[2]), round(box[3])), round(box[0]), round(box[1]))
    ctx.paint()


@dataclass(frozen=True)
class Art:
    """Everything a layout draws from."""

    headline: Headline
    fonts: Fonts
    primary: tuple[float, float, float]
    accent: tuple[float, float, float]
    picture: cairo.ImageSurface | None  # the best frame, at the thumbnail's size; None: none usable
    width: int
    height: int
    seed: int = 0
    figure: Figure | None = None  # drawn beside the headline, where a layout has room (a designed number)

    @classmethod
    def seeded(cls, title: str, **fields) -> Art:
        return cls(seed=int(hashlib.sha256(title.encode()).hexdigest()[:6], 16), **fields)


def designed_background(ctx: cairo.Context, art: Art) -> None:
    """The channel's colours as a poster: a deep diagonal gradient of the primary colour, a large soft
    disc of the accent, and a few thin diagonal bands; no two titles quite the same."""
    width, height = art.width, art.height
    base = dark_panel(art.primary, 10.0)
    gradient = cairo.LinearGradient(0, 0, width, height)
    gradient.add_color_stop_rgb(0, *mix(base, art.primary, 0.55))
    gradient.add_color_stop_rgb(1, *mix(base, (0, 0, 0), 0.5))
    ctx.set_source(gradient)
    ctx.paint()
    cx = width * (0.78 + 0.08 * ((art.seed % 7) / 6 - 0.5))
    cy = height * (0.30 + 0.2 * ((art.seed // 7 % 5) / 4))
    radius = height * 0.62
    glow = cairo.RadialGradient(cx, cy, radius * 0.1, cx, cy, radius)
    glow.add_color_stop_rgba(0, *art.accent, 0.55)
    glow.add_color_stop_rgba(0.7, *art.accent, 0.18)
    glow.add_color_stop_rgba(1, *art.accent, 0.0)
    ctx.set_source(glow)
    ctx.arc(cx, cy, radius, 0, 2 * math.pi)
    ctx.fill()
    ctx.save()
    ctx.set_source_rgba(*art.accent, 0.10)
    for band in range(4):
        offset = width * (0.35 + band * 0.13)
        ctx.move_to(offset, height)
        ctx.line_to(offset + height * 0.6, 0)
        ctx.line_to(offset + height * 0.6 + 18 + band * 6, 0)
        ctx.line_to(offset + 18 + band * 6, height)
        ctx.close_path()
    ctx.fill()
    ctx.restore()


def paint_picture(ctx: cairo.Context, art: Art) -> None:
    if art.picture is None:
        designed_background(ctx, art)
    else:
        ctx.set_source_surface(art.picture, 0, 0)
        ctx.paint()


@dataclass(frozen=True)
class TextStyle:
    fill: RGBA = WHITE
    emphasis: RGBA = WHITE
    outline: RGBA | None = None
    outline_ratio: float = 0.0  # outline width as a share of the type size
    highlight: RGBA | None = None
    shadow: bool = False


def headline_block(ctx: cairo.Context, art: Art, box: tuple[float, float, float, float], *, max_size: float,
                   max_lines: int = 3):
    width, height = box[2], box[3]
    return fit(ctx, art.fonts, list(art.headline.tokens), width=width, height=height, max_size=max_size,
               max_lines=max_lines if not art.headline.spaceless else max_lines + 1)


def draw_headline(ctx: cairo.Context, art: Art, box: tuple[float, float, float, float], style: TextStyle, *,
                  max_size: float, align: str = "left", mask: bool = False) -> tuple[float, float, float, float, float]:
    """Fit the headline in `box` and draw it (only the glyphs, in white, when `mask`); returns the
    block's bounds and its type size."""
    x, y, width, height = box
    block = headline_block(ctx, art, box, max_size=max_size)
    top = y + (height - block.height) / 2
    for index, line in enumerate(block.lines):
        line_x = x if align == "left" else x + (width - block.widths[index]) / 2
        baseline = top + block.line_height * index + block.size * 0.86
        if mask:
            draw_line(ctx, art.fonts, line, x=line_x, baseline=baseline, size=block.size, fill=WHITE,
                      emphasis_fill=WHITE, outline=None, outline_width=0)
            continue
        if style.shadow:
            draw_line(ctx, art.fonts, line, x=line_x + block.size * 0.04, baseline=baseline + block.size * 0.05,
                      size=block.size, fill=(0, 0, 0, 0.55), emphasis_fill=(0, 0, 0, 0.55), outline=None,
                      outline_width=0)
        draw_line(ctx, art.fonts, line, x=line_x, baseline=baseline, size=block.size, fill=style.fill,
                  emphasis_fill=style.emphasis, outline=style.outline,
                  outline_width=block.size * style.outline_ratio, highlight=style.highlight)
    left = x if align == "left" else x + (width - block.width) / 2
    return left, top, block.width, block.height, block.size
