"""Several designs in turn, for a scene of several sentences: each part appears when its sentence
is spoken (the chooser finds when), building up over the one before as that fades out."""

from __future__ import annotations

from videos.render.designs.base import Design
from videos.render.designs.canvas import Canvas

FADE = 0.3  # seconds over which a part gives way to the next, which builds up over it


class SequenceLayout:
    name = "sequence"
    label = "Designs in turn"
    push_in = 0.035

    def draw(self, canvas: Canvas, design: Design, seconds: float, span: float) -> None:
        from videos.render.designs import layout

        parts = design.parts
        if not parts:
            return
        begins, ends = _times(design, span)
        current = max(i for i, begin in enumerate(begins) if begin <= seconds or i == 0)
        into = seconds - begins[current]
        if current > 0 and into < FADE:
            previous = parts[current - 1]
            ctx = canvas.ctx
            ctx.push_group()
            layout(previous.layout).draw(canvas, previous, seconds - begins[current - 1],
                                         ends[current - 1] - begins[current - 1] + FADE)
            ctx.pop_group_to_source()
            ctx.paint_with_alpha(max(0.0, 1 - into / FADE))
        part = parts[current]
        layout(part.layout).draw(canvas, part, into, ends[current] - begins[current])

    def still_from(self, canvas: Canvas, design: Design, span: float) -> float:
        """Once the last part has taken over and built up."""
        from videos.render.designs import layout

        if not design.parts:
            return 0.0
        begins, ends = _times(design, span)
        last = design.parts[-1]
        return begins[-1] + max(FADE, layout(last.layout).still_from(canvas, last, ends[-1] - begins[-1]))


def _times(design: Design, span: float) -> tuple[list[float], list[float]]:
    """When each part begins and ends. Each part after the first begins a moment before its
    sentence, fading in over the one before as that fades out: the frame is never bare between two
    parts."""
    starts = design.starts
    begins = [0.0] + [max(starts[i] - FADE, starts[i - 1]) for i in range(1, len(design.parts))]
    return begins, [*begins[1:], span]


LAYOUT = SequenceLayout()
