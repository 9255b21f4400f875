"""How a thumbnail reads at 168x94, the size YouTube shows it in lists and search: the picture and
the headline's glyph mask are shrunk together, and the glyphs' brightness is compared with the
ring of pixels just around them (WCAG's contrast ratio of their mean relative luminance)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

SMALL = (168, 94)


@dataclass(frozen=True)
class Legibility:
    type_px: float  # the headline's type size (em) at 168x94, in pixels
    contrast: float  # glyphs against their surroundings at 168x94, 1-21


def _relative_luminance(rgb: np.ndarray) -> np.ndarray:
    channels = rgb.astype(np.float32) / 255
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722], np.float32)


def _dilate(mask: np.ndarray, steps: int) -> np.ndarray:
    grown = mask.copy()
    for _ in range(steps):
        padded = np.pad(grown, 1)
        grown = (padded[1:-1, 1:-1] | padded[:-2, 1:-1] | padded[2:, 1:-1] | padded[1:-1, :-2] | padded[1:-1, 2:])
    return grown


def shrink(picture: np.ndarray) -> np.ndarray:
    return np.asarray(Image.fromarray(picture).resize(SMALL, Image.Resampling.LANCZOS))


def _box_sum(values: np.ndarray, radius: int) -> np.ndarray:
    """The sum of each pixel's (2r+1)^2 neighbourhood."""
    padded = np.pad(values, ((radius + 1, radius), (radius + 1, radius))).cumsum(0).cumsum(1)
    size = 2 * radius + 1
    return (padded[size:, size:] - padded[:-size, size:] - padded[size:, :-size] + padded[:-size, :-size])


def measure(picture: np.ndarray, glyphs: np.ndarray, type_size: float) -> Legibility:
    """`picture`: RGB at full size; `glyphs`: the headline's coverage (0-255) at the same size. The
    contrast is each glyph pixel's against the mean of the background pixels within 3 pixels of it
    (at 168x94), and the figure is the glyph pixels' median, so white words and a dark word on an
    accent block are each judged against what is around them."""
    small = shrink(picture)
    small_glyphs = np.asarray(Image.fromarray(glyphs).resize(SMALL, Image.Resampling.BOX))
    text = small_glyphs >= 128
    ring = (_dilate(small_glyphs >= 26, 3) & ~(small_glyphs >= 26)).astype(np.float64)
    scale = SMALL[1] / picture.shape[0]
    if not text.any() or not ring.any():
        return Legibility(type_size * scale, 1.0)
    luminance = _relative_luminance(small).astype(np.float64)
    around_sum, around_count = _box_sum(luminance * ring, 3), _box_sum(ring, 3)
    usable = text & (around_count > 0)
    if not usable.any():
        return Legibility(type_size * scale, 1.0)
    inside = luminance[usable]
    around = around_sum[usable] / around_count[usable]
    ratios = (np.maximum(inside, around) + 0.05) / (np.minimum(inside, around) + 0.05)
    return Legibility(type_size * scale, float(np.median(ratios)))
