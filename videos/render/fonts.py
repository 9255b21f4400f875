"""Find the channel's font on this machine, or fall back to the DejaVu Sans bundled in static/fonts."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

BUNDLED_FAMILY = "DejaVu Sans"


@dataclass(frozen=True)
class Font:
    family: str
    path: Path  # the bold face when there is one: drawtext needs a file
    fallback: bool  # True when the requested family was not found

    @property
    def directory(self) -> Path:
        return self.path.parent


def bundled_font() -> Font:
    return Font(BUNDLED_FAMILY, Path(settings.BASE_DIR) / "static" / "fonts" / "DejaVuSans-Bold.ttf", fallback=True)


@lru_cache(maxsize=1)
def _installed(font_dirs: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """(family, style, file) of every font fontconfig knows under FONT_DIRS."""
    try:
        listing = subprocess.run(["fc-list", "--format", "%{family}|%{style}|%{file}\n"],
                                 capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        listing = ""
    fonts = []
    for line in listing.splitlines():
        family, _, rest = line.partition("|")
        style, _, file = rest.rpartition("|")
        if file and any(file.startswith(folder) for folder in font_dirs):
            for name in family.split(","):
                fonts.append((name.strip(), style, file))
    return tuple(fonts)


def find_font(name: str) -> Font:
    """The requested family (preferring its bold face); the bundled font when it is not installed."""
    wanted = (name or "").strip().lower()
    matches = [(style, file) for family, style, file in _installed(tuple(settings.FONT_DIRS))
               if family.lower() == wanted and Path(file).exists()]
    if not matches:
        return bundled_font()
    ranked = sorted(matches, key=lambda m: (0 if m[0].lower() == "bold" else 1 if "bold" in m[0].lower()
                                            else 2 if m[0].lower() in ("regular", "book") else 3))
    return Font(name.strip(), Path(ranked[0][1]), fallback=False)


# Families with the glyphs of each script written without Latin letters, from Debian's fonts-noto-cjk
# and fonts-noto-core; the first one installed is used. Japanese and Chinese share code points but not
# glyph shapes (骨 and 直 differ), so each gets its own regional face.
SCRIPT_FAMILIES = {
    "ja": ("Noto Sans CJK JP",), "zh": ("Noto Sans CJK SC",), "zh-hant": ("Noto Sans CJK TC",),
    "ko": ("Noto Sans CJK KR",), "th": ("Noto Sans Thai", "Noto Sans Thai UI"),
}
# libass draws outlines only: a colour bitmap emoji font (Noto Color Emoji) gives nothing, so emoji are
# drawn from a font with outline emoji (Debian's fonts-symbola), found by fontconfig's fallback.
EMOJI_FAMILIES = ("Symbola", "Noto Emoji")


def _family_installed(family: str) -> bool:
    wanted = family.lower()
    return any(name.lower() == wanted and Path(file).exists()
               for name, _, file in _installed(tuple(settings.FONT_DIRS)))


def script_font(script: str) -> str | None:
    """The installed family that draws `script` ("ja", "zh", "zh-hant", "ko", "th"), or None."""
    return next((family for family in SCRIPT_FAMILIES.get(script, ()) if _family_installed(family)), None)


def caption_font(font: Font, text: str, language: str = "") -> tuple[Font, str]:
    """The font to draw captions of `text` with: the channel's, or for Japanese, Chinese, Korean and
    Thai text a face with those glyphs (DejaVu Sans has none, and fontconfig's guess for each missing
    glyph mixes faces and sizes). Returns (font, warning); the warning names the package to install
    when no face for the script is installed."""
    from videos.phrases import script_of

    script = script_of(text, language)
    if not script or font.family in SCRIPT_FAMILIES.get(script, ()):
        return font, ""
    found = script_font(script)
    if found is None:
        package = "fonts-noto-core" if script == "th" else "fonts-noto-cjk"
        return font, (f"No font with {SCRIPT_NAMES[script]} glyphs is installed, so captions may show boxes. "
                      f"Install the Debian package {package} (make setup does).")
    return find_font(found), ""


@lru_cache(maxsize=16)
def em_ratio(path: Path) -> float:
    """A font's height (ascent + descent) in ems. libass sizes a face by that height, so at one ASS
    font size a CJK face (1.45) draws its characters a fifth smaller than DejaVu Sans (1.17) does."""
    from PIL import ImageFont

    try:
        ascent, descent = ImageFont.truetype(str(path), 1000).getmetrics()
    except OSError:
        return LATIN_EM_RATIO
    return (ascent + descent) / 1000 or LATIN_EM_RATIO


LATIN_EM_RATIO = 1.165  # DejaVu Sans, the face the caption presets were sized with


SCRIPT_NAMES = {"ja": "Japanese", "zh": "Chinese", "zh-hant": "Chinese", "ko": "Korean", "th": "Thai"}


def emoji_font() -> str | None:
    """The installed family libass can draw emoji with, or None (then captions leave emoji out)."""
    return next((family for family in EMOJI_FAMILIES if _family_installed(family)), None)
