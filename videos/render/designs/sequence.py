"""Several designs in turn, for a scene of several sentences: each part appears when its sentence
is spoken (the chooser finds when), sliding in from the right over the one before, as a card over
another (as two designed scenes change, in the renderer). A dissolve laid the words of both over
each other; pushing the one before out of the top left the frame bare above the captions. A map
into a map dissolves."""

from __future__ import annotations

import dataclasses

import cairo

from videos.render.designs.base import Design
from videos.render.designs.canvas import Canvas, ease_in_out

FADE = 0.4  # seconds over which a part slides in over the one before


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
        arrived = ease_in_out(into / FADE) if current > 0 and into < FADE else 1.0
        edge = canvas.width * (1.0 - arrived)  # where the next part's card has come to, from the right
        part = parts[current]
        if design.leaves and current == len(parts) - 1:  # the scene leaves into a map: its last part's name goes
            part = dataclasses.replace(part, leaves=max(1e-3, design.leaves - begins[current]))
        if arrived < 1.0:
            previous = parts[current - 1]
            maps = previous.layout == part.layout == "map"
            # a map is drawn on past its end, where its name leaves (the next map's name comes in its place)
            layout(previous.layout).draw(canvas, previous, seconds - begins[current - 1],
                                         ends[current - 1] - begins[current - 1] + (0.0 if maps else FADE))
            if maps:
                # a map into a map dissolves, as a map zooming out or over: slid in, the next one's name and
                # place stood off the frame while its bare land covered half of it
                ctx.push_group()
                layout(part.layout).draw(canvas, part, into, ends[current] - begins[current])
                ctx.pop_group_to_source()
                ctx.paint_with_alpha(arrived)
                return
            ctx.save()
            ctx.rectangle(edge, 0, canvas.width - edge, canvas.height)
            if canvas.transparent:  # over the background loop: the card is clear, as its ground is
                ctx.set_operator(cairo.OPERATOR_CLEAR)
                ctx.fill()
            else:
                ctx.set_operator(cairo.OPERATOR_SOURCE)
                ctx.set_source_surface(canvas.ground(), edge, 0)
                ctx.fill()
            ctx.restore()
        ctx.save()
        ctx.translate(edge, 0)
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
    sentence, sliding in over the one before: the frame is never bare between two parts."""
    starts = design.starts
    begins = [0.0] + [max(starts[i] - FADE, starts[i - 1]) for i in range(1, len(design.parts))]
    return begins, [*begins[1:], span]


LAYOUT = SequenceLayout()
