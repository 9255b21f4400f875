"""A still of a scene's design for the studio, drawn as the render draws it."""

from __future__ import annotations

from typing import Any

from videos.render.designs import Canvas, draw_frame
from videos.render.plan import FRAME_SIZES, Style
from videos.selectors import scene_design

PREVIEW_SHORT_SIDE = 360


def preview_moment(design: Any, span: float) -> float:
    """When a scene's still is taken: once every item is revealed and every number counted up; in a
    scene that shows one design after another, once the last has built up (its first part, a rank
    before a timeline, showed the timeline before its last date had come in)."""
    start, last = 0.0, design
    if design.layout == "sequence" and design.parts:
        start, last = design.starts[-1], design.parts[-1]
    return min(span, start + max([*last.reveal, 1.6]) + 0.6)


def scene_design_png(*, scene: Any) -> bytes:
    """The design a little after it has built up (counted up, revealed), at 360 pixels on its short
    side, as PNG bytes."""
    import io

    channel = scene.script.video.channel
    width, height = FRAME_SIZES.get(channel.aspect_ratio, FRAME_SIZES["16:9"])
    scale = PREVIEW_SHORT_SIDE / min(width, height)
    style = Style(subtitle_style=channel.subtitle_style, karaoke=channel.karaoke, font_name=channel.font_name,
                  primary_color=channel.primary_color, accent_color=channel.accent_color)
    canvas = Canvas(round(width * scale / 2) * 2, round(height * scale / 2) * 2, style)
    span = float(scene.narration_seconds or 6.0)
    design = scene_design(scene)
    draw_frame(canvas, design, seconds=preview_moment(design, span), span=span)
    out = io.BytesIO()
    canvas.surface.write_to_png(out)
    return out.getvalue()
