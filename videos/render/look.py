"""A channel's look as the renderer needs it: captions, font and colours. Its own module so that the
designed scenes (which draw in it) and the render plan (which carries it) both use it without
importing each other."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Style:
    subtitle_style: str = "classic"  # classic, bold, minimal, shorts, none
    karaoke: bool = False
    font_name: str = "DejaVu Sans"
    primary_color: str = "#1e293b"
    accent_color: str = "#f59e0b"
