"""Several designs in turn, for a scene of several sentences: each part appears when its sentence
is spoken (the chooser finds when), the one before fading out as it comes."""

from __future__ import annotations

from videos.render.designs.base import Design
from videos.render.designs.canvas import Canvas

FADE_OUT = 0.3  # seconds the outgoing part takes to fade before the next one builds up


class SequenceLayout:
    name = "sequence"
    label = "Designs in turn"
    push_in = 0.035

    def draw(self, canvas: Canvas, design: Design, seconds: float, span: float) -> None:
        from videos.render.designs import layout

        parts, starts = design.parts, design.starts
        if not parts:
            return
        current = max((i for i, start in enumerate(starts) if start <= seconds), default=0)
        ends = [*starts[1:], span]
        following = current + 1 < len(parts) and ends[current] - seconds < FADE_OUT
        part = parts[current]
        local, length = seconds - starts[current], ends[current] - starts[current]
        if following:  # the last moments of a part: drawn into a group and faded out
            ctx = canvas.ctx
            ctx.push_group()
            layout(part.layout).draw(canvas, part, local, length)
            ctx.pop_group_to_source()
            ctx.paint_with_alpha(max(0.0, (ends[current] - seconds) / FADE_OUT))
            return
        layout(part.layout).draw(canvas, part, local, length)


LAYOUT = SequenceLayout()
