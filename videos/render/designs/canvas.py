"""Drawing helpers every layout uses: the channel's colours, the area clear of the captions, fonts
that have the text's glyphs, and text measured with cairo, wrapped and shrunk until it fits.

Text is drawn with cairo's own text API through fontconfig: the channel's font when it has every
glyph of a text, else the first installed font that does (Noto Sans CJK for Japanese, Chinese and
Korean). Right-to-left text is put in display order first (text.py).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

import cairo

from videos.render.designs import text as textops

if TYPE_CHECKING:
    from videos.render.look import Style

# Tried in turn for a text the channel's font cannot draw whole; the first with every glyph wins.
FALLBACK_FAMILIES = ("DejaVu Sans", "Noto Sans", "Noto Sans CJK JP", "Noto Sans Arabic", "Noto Sans Hebrew",
                     "Liberation Sans")
LINE_SPACING = 1.18


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def center_x(self) -> float:
        return self.x + self.width / 2

    @property
    def center_y(self) -> float:
        return self.y + self.height / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, max(1.0, self.width - 2 * dx), max(1.0, self.height - 2 * dy))

    def split(self, share: float) -> tuple[Rect, Rect]:
        """The top `share` of the rectangle and the rest."""
        top = self.height * share
        return Rect(self.x, self.y, self.width, top), Rect(self.x, self.y + top, self.width, self.height - top)


def rgb(hex_color: str) -> tuple[float, float, float]:
    value = (hex_color or "#000000").lstrip("#")
    if len(value) != 6:
        value = "000000"
    try:
        return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]
    except ValueError:
        return (0.0, 0.0, 0.0)


def luminance(color: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def mix(a: tuple[float, float, float], b: tuple[float, float, float], share: float) -> tuple[float, float, float]:
    return tuple(x + (y - x) * share for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class Palette:
    """White type on a dark ground made from the channel's primary colour, with its accent for what
    matters; the accent is lightened until it reads on the ground."""

    ground: tuple[float, float, float]
    ground_light: tuple[float, float, float]
    accent: tuple[float, float, float]
    text: tuple[float, float, float] = (1.0, 1.0, 1.0)
    muted: tuple[float, float, float] = (0.78, 0.81, 0.86)

    @classmethod
    def from_style(cls, style: Style) -> Palette:
        primary = rgb(style.primary_color)
        ground = primary
        while luminance(ground) > 0.035:  # dark enough for white type in any channel colour
            ground = mix(ground, (0.0, 0.0, 0.0), 0.2)
        ground_light = mix(ground, primary, 0.6) if luminance(primary) < 0.2 else mix(ground, primary, 0.25)
        accent = rgb(style.accent_color)
        for _ in range(8):
            if contrast(accent, ground) >= 3.5:
                break
            accent = mix(accent, (1.0, 1.0, 1.0), 0.25)
        return cls(ground=ground, ground_light=ground_light, accent=accent)


def ease_out(x: float) -> float:
    x = min(1.0, max(0.0, x))
    return 1 - (1 - x) ** 3


def ease_in_out(x: float) -> float:
    x = min(1.0, max(0.0, x))
    return x * x * (3 - 2 * x)


def appear(seconds: float, at: float, duration: float = 0.45) -> float:
    """0 before `at`, easing up to 1 over `duration`."""
    return ease_out((seconds - at) / duration) if duration > 0 else float(seconds >= at)


@functools.lru_cache(maxsize=64)
def _face(family: str, bold: bool) -> cairo.ToyFontFace:
    return cairo.ToyFontFace(family, cairo.FONT_SLANT_NORMAL, cairo.FONT_WEIGHT_BOLD if bold else
                             cairo.FONT_WEIGHT_NORMAL)


_PROBE = cairo.Context(cairo.ImageSurface(cairo.FORMAT_A8, 4, 4))


@functools.lru_cache(maxsize=512)
def covers(family: str, text: str) -> bool:
    """Whether the font has a glyph for every visible character of `text`."""
    _PROBE.set_font_face(_face(family, True))
    _PROBE.set_font_size(20)
    glyphs = _PROBE.get_scaled_font().text_to_glyphs(0, 0, "".join(c for c in text if not c.isspace()), False)
    return all(glyph.index != 0 for glyph in glyphs)


def family_for(text: str, preferred: str) -> str:
    for family in (preferred, *FALLBACK_FAMILIES):
        if family and covers(family, text):
            return family
    return "Noto Sans CJK JP"  # the widest coverage installed; a rare symbol may still be missing


@dataclass(frozen=True)
class TextBlock:
    lines: tuple[str, ...]
    size: float
    family: str
    bold: bool
    widths: tuple[float, ...]
    ascent: float
    descent: float

    @property
    def line_height(self) -> float:
        return self.size * LINE_SPACING

    @property
    def height(self) -> float:
        return self.line_height * (len(self.lines) - 1) + self.ascent + self.descent if self.lines else 0.0

    @property
    def width(self) -> float:
        return max(self.widths, default=0.0)


def safe_area(width: int, height: int, subtitle_style: str) -> Rect:
    """The area the design's words use: inside the title-safe margins and clear of the captions (at
    the bottom for the classic and minimal styles, across the middle for bold)."""
    short, portrait = min(width, height), height > width
    side = width * (0.07 if portrait else 0.06)
    top = height * (0.08 if portrait else 0.07)
    if subtitle_style == "none":
        bottom = height * 0.92
    elif subtitle_style == "shorts":  # the Shorts look's large word-by-word captions (subtitles.preset)
        margin = height * (0.3 if portrait else 0.12)
        bottom = height - margin - 2.6 * short * 0.1 - height * 0.02
    elif subtitle_style == "bold":
        bottom = height / 2 - 1.45 * short * 0.085 - height * 0.02
    else:
        size = short * (0.05 if subtitle_style == "minimal" and portrait else 0.042 if subtitle_style == "minimal"
                        else 0.068 if portrait else 0.058)
        bottom = height - height * (0.22 if portrait else 0.08) - 2.7 * size - height * 0.02
    return Rect(side, top, width - 2 * side, max(short * 0.2, bottom - top))


@dataclass
class Canvas:
    """One frame's drawing surface and the channel's look. `transparent` draws without the ground
    (the overlay mode)."""

    width: int
    height: int
    style: Style
    transparent: bool = False
    # a map rings a country of a few islands (the thumbnail's wordless map rings its place itself, thicker)
    rings_small_countries: ClassVar[bool] = True
    surface: cairo.ImageSurface = field(init=False)
    ctx: cairo.Context = field(init=False)
    palette: Palette = field(init=False)

    def __post_init__(self) -> None:
        fmt = cairo.FORMAT_ARGB32 if self.transparent else cairo.FORMAT_RGB24
        self.surface = cairo.ImageSurface(fmt, self.width, self.height)
        self.ctx = cairo.Context(self.surface)
        self.palette = Palette.from_style(self.style)
        self._ground: cairo.ImageSurface | None = None
        self._fitted: dict[tuple, TextBlock] = {}

    @property
    def short(self) -> float:
        return min(self.width, self.height)

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    @property
    def safe(self) -> Rect:
        return safe_area(self.width, self.height, self.style.subtitle_style)

    # --- the ground --------------------------------------------------------------------------

    def ground(self) -> cairo.ImageSurface:
        """The background, drawn once per canvas: a soft diagonal gradient in the channel's primary
        colour, a faint grid and a vignette; each frame starts from a copy of it."""
        if self._ground is None:
            surface = cairo.ImageSurface(cairo.FORMAT_RGB24, self.width, self.height)
            ctx = cairo.Context(surface)
            pal = self.palette
            gradient = cairo.LinearGradient(0, 0, self.width, self.height)
            gradient.add_color_stop_rgb(0, *pal.ground_light)
            gradient.add_color_stop_rgb(0.55, *pal.ground)
            gradient.add_color_stop_rgb(1, *mix(pal.ground, pal.accent, 0.12))
            ctx.set_source(gradient)
            ctx.paint()
            step = self.short / 9
            ctx.set_source_rgba(*pal.text, 0.035)
            ctx.set_line_width(max(1.0, self.short / 1080))
            x = (self.width % step) / 2
            while x < self.width:
                ctx.move_to(x, 0)
                ctx.line_to(x, self.height)
                x += step
            y = (self.height % step) / 2
            while y < self.height:
                ctx.move_to(0, y)
                ctx.line_to(self.width, y)
                y += step
            ctx.stroke()
            vignette = cairo.RadialGradient(self.width / 2, self.height / 2, self.short * 0.3,
                                            self.width / 2, self.height / 2, math.hypot(self.width, self.height) / 1.6)
            vignette.add_color_stop_rgba(0, 0, 0, 0, 0)
            vignette.add_color_stop_rgba(1, 0, 0, 0, 0.45)
            ctx.set_source(vignette)
            ctx.paint()
            surface.flush()
            self._ground = surface
        return self._ground

    def clear(self) -> None:
        ctx = self.ctx
        ctx.identity_matrix()
        ctx.reset_clip()
        if self.transparent:
            ctx.set_operator(cairo.OPERATOR_CLEAR)
            ctx.paint()
            ctx.set_operator(cairo.OPERATOR_OVER)
        else:
            ctx.set_operator(cairo.OPERATOR_SOURCE)  # a plain copy of the ground
            ctx.set_source_surface(self.ground(), 0, 0)
            ctx.paint()
            ctx.set_operator(cairo.OPERATOR_OVER)

    # --- text --------------------------------------------------------------------------------

    def measure(self, text: str, size: float, family: str, bold: bool = True) -> float:
        ctx = self.ctx
        ctx.set_font_face(_face(family, bold))
        ctx.set_font_size(size)
        return ctx.text_extents(textops.display(text)).x_advance

    def fit(self, text: str, box: Rect | tuple[float, float], *, max_size: float, min_size: float | None = None,
            max_lines: int = 3, bold: bool = True) -> TextBlock:
        """The largest size at which `text` fits the box in at most `max_lines` lines, wrapping at
        words (at phrases for Japanese and Chinese). A word too wide for the box even at the
        smallest size is broken across lines rather than run off the frame."""
        width, height = (box.width, box.height) if isinstance(box, Rect) else box
        key = (text, round(width, 1), round(height, 1), round(max_size, 2), min_size and round(min_size, 2),
               max_lines, bold)
        if key not in self._fitted:  # layouts ask the same every frame: measure once
            self._fitted[key] = self._fit(text, width, height, max_size=max_size, min_size=min_size,
                                          max_lines=max_lines, bold=bold)
        return self._fitted[key]

    def _fit(self, text: str, width: float, height: float, *, max_size: float, min_size: float | None,
             max_lines: int, bold: bool) -> TextBlock:
        text = textops.clean(text)
        family = family_for(textops.display(text), self.style.font_name)
        floor = min_size or self.short * 0.028
        size = max(floor, min(max_size, height))
        units = textops.wrap_units(text)
        while True:
            lines = self._wrap(units, size, family, bold, width)
            block = self._block(lines, size, family, bold)
            fits = len(lines) <= max_lines and block.width <= width + 0.5 and block.height <= height + 0.5
            if fits or size <= floor:
                break
            size = max(floor, size * 0.92)
        if not fits:  # even the smallest size will not do: break words and let more lines come
            lines = self._wrap(units, size, family, bold, width, split_words=True)
            block = self._block(lines, size, family, bold)
            while (block.height > height or block.width > width) and size > 6:
                size *= 0.9
                lines = self._wrap(units, size, family, bold, width, split_words=True)
                block = self._block(lines, size, family, bold)
        return block

    def _block(self, lines: list[str], size: float, family: str, bold: bool) -> TextBlock:
        ctx = self.ctx
        ctx.set_font_face(_face(family, bold))
        ctx.set_font_size(size)
        extents = ctx.font_extents()
        lines = [textops.display(line) for line in lines]  # wrapped in reading order, drawn in display order
        widths = tuple(ctx.text_extents(line).x_advance for line in lines)
        return TextBlock(tuple(lines), size, family, bold, widths, extents[0], extents[1])

    def _wrap(self, units: list[str], size: float, family: str, bold: bool, width: float,
              split_words: bool = False) -> list[str]:
        lines: list[str] = []
        current = ""
        for unit in units:
            candidate = (current + unit) if current else unit.lstrip()
            if not current or self.measure(candidate.rstrip(), size, family, bold) <= width:
                current = candidate
            else:
                lines.append(current.rstrip())
                current = unit.lstrip()
            if split_words and self.measure(current.rstrip(), size, family, bold) > width:
                pieces = self._break_word(current.rstrip(), size, family, bold, width)
                lines.extend(pieces[:-1])
                current = pieces[-1]
        if current.strip():
            lines.append(current.rstrip())
        return lines or [""]

    def _break_word(self, word: str, size: float, family: str, bold: bool, width: float) -> list[str]:
        pieces, current = [], ""
        for char in word:
            if current and self.measure(current + char + "-", size, family, bold) > width:
                pieces.append(current + ("-" if char.isalnum() and current[-1].isalnum() else ""))
                current = char
            else:
                current += char
        pieces.append(current)
        return pieces

    def draw_block(self, block: TextBlock, x: float, top: float, *, align: str = "center", width: float = 0,
                   color: tuple[float, float, float] | None = None, alpha: float = 1.0, shadow: bool = True,
                   line_alphas: list[float] | None = None) -> None:
        """Draw a fitted block with its first line's top at `top`; `x` is the left edge (align left),
        the centre (center) or the right edge (right)."""
        if alpha <= 0.001:
            return
        ctx = self.ctx
        ctx.set_font_face(_face(block.family, block.bold))
        ctx.set_font_size(block.size)
        color = color or self.palette.text
        for index, line in enumerate(block.lines):
            line_alpha = alpha * (line_alphas[index] if line_alphas else 1.0)
            if line_alpha <= 0.001:
                continue
            line_width = block.widths[index]
            left = x if align == "left" else x - line_width / 2 if align == "center" else x - line_width
            baseline = top + block.ascent + index * block.line_height
            if self.transparent:
                # Over a background loop, whatever it shows: a dark outline, as the Shorts captions have.
                ctx.move_to(left, baseline)
                ctx.text_path(line)
                ctx.set_source_rgba(0, 0, 0, 0.85 * line_alpha)
                # (small words as thick as large ones look: 2 px let a bright loop through "through Mongolia")
                ctx.set_line_width(max(3.5, block.size * (0.16 if block.size < 60 else 0.08)))
                ctx.set_line_join(cairo.LINE_JOIN_ROUND)
                ctx.stroke()
            elif shadow:
                offset = max(1.5, block.size * 0.035)
                ctx.move_to(left + offset, baseline + offset)
                ctx.set_source_rgba(0, 0, 0, 0.45 * line_alpha)
                ctx.show_text(line)
            ctx.move_to(left, baseline)
            ctx.set_source_rgba(*color, line_alpha)
            ctx.show_text(line)

    # --- shapes ------------------------------------------------------------------------------

    def rounded(self, rect: Rect, radius: float) -> None:
        ctx, r = self.ctx, min(radius, rect.width / 2, rect.height / 2)
        ctx.new_sub_path()
        ctx.arc(rect.x + rect.width - r, rect.y + r, r, -math.pi / 2, 0)
        ctx.arc(rect.x + rect.width - r, rect.y + rect.height - r, r, 0, math.pi / 2)
        ctx.arc(rect.x + r, rect.y + rect.height - r, r, math.pi / 2, math.pi)
        ctx.arc(rect.x + r, rect.y + r, r, math.pi, 1.5 * math.pi)
        ctx.close_path()

    def panel(self, rect: Rect, alpha: float = 0.35) -> None:
        """A soft dark panel behind words (also what keeps them legible over a background loop)."""
        if alpha <= 0.001:
            return
        self.rounded(rect, self.short * 0.025)
        self.ctx.set_source_rgba(0, 0, 0, alpha)
        self.ctx.fill()

    def bar(self, x: float, y: float, length: float, thickness: float, alpha: float = 1.0) -> None:
        if length <= 0.5 or alpha <= 0.001:
            return
        self.rounded(Rect(x, y, length, thickness), thickness / 2)
        self.ctx.set_source_rgba(*self.palette.accent, alpha)
        self.ctx.fill()
