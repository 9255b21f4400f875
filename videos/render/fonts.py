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
