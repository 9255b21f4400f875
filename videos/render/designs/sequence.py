"""Several designs in turn, for a scene of several sentences: each part appears when its sentence
is spoken (the chooser finds when), pushing the one before up and out of the frame while the
ground stays (as two designed scenes change, in the renderer). A dissolve laid the words of both
over each other."""

from __future__ import annotations

from videos.render.designs.base import Design
from videos.render.designs.canvas import Canvas, ease_in_out

FADE = 0.4  # seconds over which a part pushes the one before out of the frame


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
        ctx = canvas.ctx
        pushed = ease_in_out(into / FADE) if current > 0 and into < FADE else 1.0
        if pushed < 1.0:
            previous = parts[current - 1]
            ctx.save()
            ctx.translate(0, -canvas.height * pushed)
            layout(previous.layout).draw(canvas, previous, seconds - begins[current - 1],
                                         ends[current - 1] - begins[current - 1] + FADE)
            ctx.restore()
        part = parts[current]
        ctx.save()
        ctx.translate(0, canvas.height * (1.0 - pushed))
        layout(part.layout).draw(canvas, part, into, ends[current] - begins[current])
        ctx.restore()

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
    sentence, coming in as it pushes the one before out: the frame is never bare between two parts."""
    starts = design.starts
    begins = [0.0] + [max(starts[i] - FADE, starts[i - 1]) for i in range(1, len(design.parts))]
    return begins, [*begins[1:], span]


LAYOUT = SequenceLayout()
