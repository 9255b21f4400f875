"""Text for thumbnails, drawn with cairo: every character with a font that has its glyph (the
channel's font first, then Noto CJK for Japanese, Chinese and Korean, then whatever fontconfig
finds for the script, then colour emoji), never a box; lines broken at word or phrase boundaries
(budoux for Japanese and Chinese) and sized to the largest type that fits.

cairo's "toy" text API resolves a family name through fontconfig and maps characters to glyphs
one by one: a glyph index of 0 is the font's "missing glyph" box, which is how coverage is checked.
It does no shaping, so right-to-left runs are laid out in reverse (Hebrew reads right; Arabic
letters are not joined).
"""

from __future__ import annotations

import functools
import itertools
import subprocess
import unicodedata
from dataclasses import dataclass

import cairo

EMOJI_FAMILY = "Noto Color Emoji"  # drawn in its own colours, when installed
SYMBOL_EMOJI_FAMILY = "Symbola"  # Debian's fonts-symbola: emoji as plain glyphs, drawn like the words
CJK_FAMILIES = {"ja": "Noto Sans CJK JP", "zh": "Noto Sans CJK SC", "ko": "Noto Sans CJK KR"}
FALLBACK_FAMILIES = ("DejaVu Sans", "Noto Sans", "Noto Sans Symbols2", "Noto Sans Symbols")
# Characters that draw nothing on their own: dropped when no font has them, never boxed.
INVISIBLE = {"\u200d", "\ufe0e", "\ufe0f", "\u200b", "\u2060"}


@functools.lru_cache(maxsize=64)
def _face(family: str) -> cairo.ToyFontFace:
    return cairo.ToyFontFace(family, cairo.FONT_SLANT_NORMAL, cairo.FONT_WEIGHT_BOLD)


@functools.lru_cache(maxsize=64)
def _scaled(family: str) -> cairo.ScaledFont:
    matrix = cairo.Matrix(xx=100, yy=100)
    return cairo.ScaledFont(_face(family), matrix, cairo.Matrix(), cairo.FontOptions())


@functools.lru_cache(maxsize=8192)
def has_glyph(family: str, char: str) -> bool:
    glyphs = _scaled(family).text_to_glyphs(0, 0, char, False)
    return bool(glyphs) and all(glyph.index != 0 for glyph in glyphs)


@functools.lru_cache(maxsize=16)
def installed(family: str) -> bool:
    """Whether fontconfig has `family` itself (it substitutes another font for a missing name)."""
    try:
        found = subprocess.run(["fc-match", "-f", "%{family}", family], capture_output=True, text=True, timeout=10,
                               check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return family.lower() in [name.strip().lower() for name in found.split(",")]


@functools.lru_cache(maxsize=1024)
def _fontconfig_family(char: str) -> str | None:
    """A family fontconfig knows that covers `char` (bold faces first), or None."""
    try:
        listing = subprocess.run(["fc-list", f":charset={ord(char):x}", "family", "style"], capture_output=True,
                                 text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    entries = [line.partition(":") for line in listing.splitlines() if line.strip()]
    entries.sort(key=lambda e: (0 if "bold" in e[2].lower() else 1, "mono" in e[0].lower(), e[0]))
    for family, _, _ in entries:
        name = family.split(",")[0].strip()
        if name and has_glyph(name, char):
            return name
    return None


@dataclass(frozen=True)
class Fonts:
    """The families tried in order for each character."""

    families: tuple[str, ...]

    @classmethod
    def for_language(cls, primary: str, language: str = "") -> Fonts:
        cjk = CJK_FAMILIES.get((language or "").split("-")[0].lower(), CJK_FAMILIES["ja"])
        chain = [primary, cjk, *FALLBACK_FAMILIES, SYMBOL_EMOJI_FAMILY]
        return cls(tuple(dict.fromkeys(name for name in chain if name)))

    def family_for(self, char: str) -> str | None:
        if is_emoji(char):
            for family in (EMOJI_FAMILY, SYMBOL_EMOJI_FAMILY):
                if installed(family) and has_glyph(family, char):
                    return family
        for family in self.families:
            if has_glyph(family, char):
                return family
        return None if char in INVISIBLE else _fontconfig_family(char)

    def runs(self, text: str) -> list[tuple[str, str]]:
        """(family, text) runs in drawing order; characters no font has are left out."""
        runs: list[tuple[str, str]] = []
        for char in unicodedata.normalize("NFC", text):
            family = self.family_for(char) if not char.isspace() else (runs[-1][0] if runs else self.families[0])
            if family is None:
                continue
            if runs and runs[-1][0] == family:
                runs[-1] = (family, runs[-1][1] + char)
            else:
                runs.append((family, char))
        return _visual_order(runs)

    def missing(self, text: str) -> str:
        """The characters of `text` no font here can draw."""
        return "".join(c for c in text if not c.isspace() and c not in INVISIBLE and self.family_for(c) is None)


def is_emoji(char: str) -> bool:
    code = ord(char)
    return (0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF
            or 0x2300 <= code <= 0x23FF)


def is_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def _visual_order(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Right-to-left text reversed into drawing order (a line wholly in one direction, which is
    what a thumbnail's few words are)."""
    text = "".join(t for _, t in runs)
    if not is_rtl(text):
        return runs
    return [(family, part[::-1]) for family, part in reversed(runs)]


@dataclass(frozen=True)
class Token:
    text: str
    emphasis: bool = False
    space_after: bool = True
    hyphen: bool = False  # a piece of a long word: joined to the next, or "-" where a line ends here

    def shown(self, last_in_line: bool) -> str:
        return self.text + ("-" if self.hyphen and last_in_line else "")

    def gap(self, last_in_line: bool) -> bool:
        return self.space_after and not self.hyphen and not last_in_line


@dataclass(frozen=True)
class Line:
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class Block:
    """Lines of tokens at a font size, with their measured widths."""

    lines: tuple[Line, ...]
    size: float
    widths: tuple[float, ...]
    line_height: float

    @property
    def width(self) -> float:
        return max(self.widths, default=0.0)

    @property
    def height(self) -> float:
        return self.line_height * len(self.lines)


def _extents(ctx: cairo.Context, family: str, text: str, size: float) -> cairo.TextExtents:
    ctx.set_font_face(_face(family))
    ctx.set_font_size(size)
    return ctx.text_extents(text)


def line_text(line: Line) -> str:
    last = len(line.tokens) - 1
    return "".join(t.shown(i == last) + (" " if t.gap(i == last) else "") for i, t in enumerate(line.tokens))


def measure(ctx: cairo.Context, fonts: Fonts, text: str, size: float) -> float:
    return sum(_extents(ctx, family, part, size).x_advance for family, part in fonts.runs(text))


def fit(ctx: cairo.Context, fonts: Fonts, tokens: list[Token], *, width: float, height: float,
        max_size: float, max_lines: int = 3, leading: float = 1.08) -> Block:
    """The split of `tokens` into at most `max_lines` lines (in order, breaking only between tokens)
    that allows the largest type inside width x height; the size is capped at `max_size`."""
    if not tokens:
        return Block((), max_size, (), max_size * leading)
    unit = 100.0
    best: tuple[float, tuple[Line, ...]] | None = None
    count = len(tokens)
    for lines_wanted in range(1, min(max_lines, count) + 1):
        for cuts in itertools.combinations(range(1, count), lines_wanted - 1):
            bounds = (0, *cuts, count)
            lines = tuple(Line(tuple(tokens[a:b])) for a, b in itertools.pairwise(bounds))
            widest = max(measure(ctx, fonts, line_text(line), unit) for line in lines) or 1.0
            size = min(max_size, unit * width / widest, height / (len(lines) * leading))
            # A tie goes to fewer lines: bigger blocks of words read faster. A word broken across
            # lines must earn it: a fifth larger type than keeping it whole.
            broken = any(line.tokens[-1].hyphen for line in lines[:-1])
            # So must a word of one or two letters on a line of its own ("I / VULCANI / ITALIANI").
            lonely = len(lines) > 1 and any(len(line.tokens) == 1 and len(line_text(line).strip()) <= 2
                                            and not line_text(line).strip().isdigit() for line in lines)
            earned = size / (1.2 if broken else 1.0) / (1.2 if lonely else 1.0)
            if best is None or earned > best[0] * 1.04:
                best = (earned, lines)
    _, lines = best
    widest = max(measure(ctx, fonts, line_text(line), unit) for line in lines) or 1.0
    size = min(max_size, unit * width / widest, height / (len(lines) * leading))
    widths = tuple(measure(ctx, fonts, line_text(line), size) for line in lines)
    return Block(lines, size, widths, size * leading)


def draw_line(ctx: cairo.Context, fonts: Fonts, line: Line, *, x: float, baseline: float, size: float,
              fill: tuple[float, ...], emphasis_fill: tuple[float, ...], outline: tuple[float, ...] | None,
              outline_width: float, highlight: tuple[float, ...] | None = None) -> None:
    """Draw one line from x. Emphasised tokens take `emphasis_fill`, on a `highlight` block if given."""
    cursor = x
    space = measure(ctx, fonts, " ", size)
    for index, token in enumerate(line.tokens):
        last = index + 1 == len(line.tokens)
        gap = space if token.gap(last) else 0.0
        text = token.shown(last)
        width = measure(ctx, fonts, text, size)
        if token.emphasis and highlight is not None:
            pad = size * 0.12
            ctx.set_source_rgba(*highlight)
            ctx.rectangle(cursor - pad, baseline - size * 0.86, width + 2 * pad, size * 1.06)
            ctx.fill()
        colour = emphasis_fill if token.emphasis else fill
        for family, part in fonts.runs(text):
            ctx.set_font_face(_face(family))
            ctx.set_font_size(size)
            advance = ctx.text_extents(part).x_advance
            ctx.move_to(cursor, baseline)
            if family == EMOJI_FAMILY:  # colour glyphs: drawn as they are, no outline, no shadow
                if colour[3] >= 1:
                    ctx.show_text(part)
            else:
                ctx.text_path(part)
                if outline is not None and outline_width > 0 and not (token.emphasis and highlight):
                    ctx.set_source_rgba(*outline)
                    ctx.set_line_width(outline_width)
                    ctx.set_line_join(cairo.LINE_JOIN_ROUND)
                    ctx.stroke_preserve()
                ctx.set_source_rgba(*colour)
                ctx.fill()
            cursor += advance
        cursor += gap
