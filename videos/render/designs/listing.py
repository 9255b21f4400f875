"""An enumeration that builds item by item, each item appearing as it is spoken."""

from __future__ import annotations

from videos.render.designs.base import Design
from videos.render.designs.canvas import Canvas, Rect, appear, ease_out

MAX_ITEMS = 6
HANDOVER = 0.4  # seconds over which the large heading gives way to the first item


class ListLayout:
    name = "list"
    label = "List"
    push_in = 0.03  # how much the whole design grows over the scene (ffmpeg zooms it)

    def draw(self, canvas: Canvas, design: Design, seconds: float, span: float) -> None:
        area = canvas.safe.inset(canvas.short * 0.02)
        items = design.items[:MAX_ITEMS]
        reveal = _reveal(design, items)
        # Until the first item comes (it waits for its words), the heading stands large in the middle,
        # as a title card does, and gives way to its small place at the top as the item slides in.
        large = 1.0 - appear(seconds, reveal[0] - HANDOVER, HANDOVER) if design.headline and reveal and \
            reveal[0] >= HANDOVER else 0.0
        if large > 0:
            whole = canvas.safe.inset(canvas.short * 0.03)
            big = canvas.fit(design.headline, whole, max_size=canvas.short * 0.12, max_lines=3)
            canvas.draw_block(big, whole.center_x, whole.center_y - big.height / 2,
                              alpha=large * appear(seconds, 0, 0.4))
        heading = None
        if design.headline:
            head_box, area = area.split(0.24)
            # two lines before it shrinks: in 9:16 a heading of eight words was drawn a third of its size
            heading = canvas.fit(design.headline, head_box, max_size=canvas.short * 0.075, max_lines=2)
            canvas.draw_block(heading, head_box.x, head_box.center_y - heading.height / 2, align="left",
                              color=canvas.palette.muted, alpha=appear(seconds, 0, 0.4) * (1.0 - large))
        row = area.height / max(1, len(items))
        marker = canvas.short * 0.035
        text_x = area.x + marker * 2.2
        box = (area.x + area.width - text_x, row * 0.86)
        size = min((canvas.fit(item, box, max_size=min(canvas.short * 0.09, row * 0.6), max_lines=2).size
                    for item in items), default=canvas.short * 0.05)
        for index, item in enumerate(items):
            at = reveal[index]
            shown = appear(seconds, at, 0.45)
            if shown <= 0:
                continue
            block = canvas.fit(item, box, max_size=size, min_size=size, max_lines=2)
            y = area.y + row * index + (row - block.height) / 2
            slide = (1 - ease_out((seconds - at) / 0.5)) * canvas.short * 0.05
            canvas.rounded(Rect(area.x + slide, y + block.ascent * 0.25, marker, marker), marker * 0.25)
            canvas.ctx.set_source_rgba(*canvas.palette.accent, shown)
            canvas.ctx.fill()
            canvas.draw_block(block, text_x + slide, y, align="left", alpha=shown)

    def still_from(self, canvas: Canvas, design: Design, span: float) -> float:
        """Once the last item has slid into place."""
        return max([0.4, *(at + 0.5 for at in _reveal(design, design.items[:MAX_ITEMS]))])


def _reveal(design: Design, items: tuple[str, ...]) -> list[float]:
    """When each item appears: as it is spoken, or one after the other."""
    return list(design.reveal) + [0.35 + 0.55 * i for i in range(len(design.reveal), len(items))]


LAYOUT = ListLayout()
