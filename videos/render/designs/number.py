"""A number being spoken, large, counting up to its value, with its unit and a few words of context;
two or three numbers of one line stacked, each counting up in turn."""

from __future__ import annotations

import re

from videos.render.designs.base import Design, Stat
from videos.render.designs.canvas import Canvas, Rect, appear, ease_out, family_for

COUNT_SECONDS = 1.4
GAP_SECONDS = 0.5  # between the count-ups of stacked numbers
COUNTED_FROM = 10  # smaller numbers do not count up
SHORT_UNIT = 4  # a unit up to this long sits on the number's line ("%", "km/h"); longer ones go below


def shown(stat: Stat, progress: float) -> str:
    """The number as it stands `progress` of the way through its count-up, written the way the
    final one is (its thousands separator, decimal mark and decimals)."""
    text = stat.text
    if progress >= 1 or not re.search(r"\d", text) or 0 <= stat.value < COUNTED_FROM:
        return text  # "2 anni" counting "0 anni", "1 anni": a small number is shown as it is
    runs = list(re.finditer(r"\d[\d.,\u202f\u00a0' ]*", text))
    if len(runs) > 1:  # a range ("10–15"): each end counts up to itself
        counted = text
        for match in reversed(runs):
            digits = match.group(0).rstrip(" ")
            value = stat.value if match is runs[-1] else _written_value(digits)
            part = shown(Stat(value=value, text=digits), progress)
            counted = counted[:match.start()] + part + counted[match.start() + len(digits):]
        return counted
    match = runs[0]
    digits = match.group(0).rstrip(" ")
    decimal_mark, decimals = "", 0
    tail = re.search(r"([.,])(\d{1,2})$", digits)
    if tail and not re.fullmatch(r"\d{1,3}([.,\u202f\u00a0' ]\d{3})+", digits):
        decimal_mark, decimals = tail.group(1), len(tail.group(2))
    group = next((c for c in digits if not c.isdigit() and c != decimal_mark), "")
    value = stat.value * ease_out(progress)
    whole = f"{value:,.{decimals}f}" if decimals else f"{round(value):,}"
    integer, _, fraction = whole.partition(".")
    integer = integer.replace(",", group)
    current = integer + (decimal_mark + fraction if decimals else "")
    return text[:match.start()] + current + text[match.start() + len(digits):]


def _written_value(digits: str) -> float:
    """The value of a range's lower end as written (the upper end is the stat's own value: by its
    place, for "5 000–15 000" ends on the lower end's digits)."""
    group = re.fullmatch(r"\d{1,3}([.,\u202f\u00a0' ]\d{3})+", digits)
    whole = re.sub(r"\D", "", digits) if group else digits.replace(",", ".")
    try:
        return float(whole)
    except ValueError:
        return 0.0


def _line(stat: Stat) -> tuple[str, str, str]:
    """The number's own line, the unit's line under it (a long unit), and the context."""
    unit = stat.unit.strip()
    if unit and len(unit) <= SHORT_UNIT:
        joiner = "" if unit in ("%", "°", "‰") or "\u3040" <= unit[0] <= "\u9fff" else " "  # "3776メートル"
        return f"{stat.text}{joiner}{unit}", "", stat.label
    return stat.text, unit, stat.label


class NumberLayout:
    name = "number"
    label = "Number"
    push_in = 0.045  # how much the whole design grows over the scene (ffmpeg zooms it)

    def draw(self, canvas: Canvas, design: Design, seconds: float, span: float) -> None:
        stats = design.stats[:3] or (Stat(value=0, text=design.headline or "0", label=design.detail),)
        area = canvas.safe.inset(canvas.short * 0.02)
        if len(stats) == 1:
            self._one(canvas, stats[0], area, seconds)
        else:
            self._several(canvas, stats, area, seconds)

    def still_from(self, canvas: Canvas, design: Design, span: float) -> float:
        """Once the last number has counted up (every word has appeared by then)."""
        return (max(1, len(design.stats[:3])) - 1) * GAP_SECONDS + COUNT_SECONDS

    def _one(self, canvas: Canvas, stat: Stat, area: Rect, seconds: float) -> None:
        main, unit, context = _line(stat)
        family = family_for(main, canvas.style.font_name)
        if main != stat.text and stat.unit.strip()[:1].isalpha() and canvas.height > canvas.width and \
                canvas.measure(main, 100, family) > 1.25 * canvas.measure(stat.text, 100, family):
            # a word on the number's line in a tall frame shrinks it to fit the width ("3.000 anni" drew a
            # third the size of "500" over "tonnellate"): the word goes under it, as a long unit does
            main, unit = stat.text, stat.unit.strip()
        below = unit or context
        prefix = None
        if stat.prefix:
            prefix_box, area = area.split(0.16)
            prefix = canvas.fit(stat.prefix.upper(), prefix_box, max_size=canvas.short * 0.055, max_lines=1)
        number_box, rest = area.split(0.62 if below else 0.9)
        number = canvas.fit(main, number_box, max_size=canvas.short * 0.34, max_lines=1)
        unit_box, context_box = rest.inset(0, rest.height * 0.06).split(0.5 if unit and context else 1.0)
        label = canvas.fit(below, unit_box, max_size=canvas.short * (0.09 if unit else 0.06), max_lines=2) \
            if below else None
        note = canvas.fit(context, context_box, max_size=canvas.short * 0.05, max_lines=2) \
            if unit and context else None
        gap = canvas.short * 0.05
        total = number.height + (label.height + gap if label else 0) + (note.height + gap * 0.3 if note else 0)
        top = area.center_y - total / 2
        if prefix:
            canvas.draw_block(prefix, area.center_x, top - prefix.height - canvas.short * 0.01,
                              color=canvas.palette.muted, alpha=appear(seconds, 0, 0.4))
        progress = min(1.0, seconds / COUNT_SECONDS)
        counting = shown(stat, progress)
        line = main.replace(stat.text, counting, 1)
        block = canvas.fit(line, (area.width, number.height * 1.01), max_size=number.size, min_size=number.size,
                           max_lines=1)
        canvas.draw_block(block, area.center_x, top, color=canvas.palette.accent, alpha=appear(seconds, 0, 0.3))
        bar_y = top + number.height + canvas.short * 0.018
        bar_width = number.width * appear(seconds, 0.1, 0.8)
        canvas.bar(area.center_x - bar_width / 2, bar_y, bar_width, canvas.short * 0.012)
        # the unit and its context come with the number, not after it: a lone digit counting up for half a
        # second reads as an empty frame
        if label:
            canvas.draw_block(label, area.center_x, bar_y + canvas.short * 0.035, alpha=appear(seconds, 0.1, 0.35))
        if note and label:
            canvas.draw_block(note, area.center_x, bar_y + canvas.short * 0.035 + label.height + gap * 0.3,
                              color=canvas.palette.muted, alpha=appear(seconds, 0.3, 0.4))

    def _several(self, canvas: Canvas, stats: tuple[Stat, ...], area: Rect, seconds: float) -> None:
        row_height = area.height / len(stats)
        gap = canvas.short * 0.03
        lines = [(main, " ".join(p for p in (unit, context) if p)) for main, unit, context in map(_line, stats)]
        # Side by side with their words, or centred one above another (in portrait, or when no number
        # has words beside it: "280 km/h", "−36 °C" stood right-aligned before an empty half and a bar).
        centred = canvas.portrait or not any(below for _, below in lines)
        if not centred:
            # Beside another number's words, a short unit with none of its own goes after the bar too:
            # "55.000 lire" stood before a bar with nothing after it ("%" and "°" stay with the number)
            lines = [(stat.text, stat.unit.strip()) if not below and stat.unit.strip() not in ("", "%", "°", "‰")
                     else (main, below) for stat, (main, below) in zip(stats, lines, strict=True)]
        width = area.width * (1.0 if centred else 0.48)
        number_height = row_height * (0.55 if canvas.portrait else 0.8)
        # In portrait the stack has the height to be large: two numbers at 0.16 of the width stood small in
        # the top third of a 9:16 frame ("158 metri", "40.000 persone"; a frame of the count read as empty)
        size = min(canvas.fit(main, (width, number_height), max_size=canvas.short * (0.24 if canvas.portrait else 0.16),
                              max_lines=1).size for main, _ in lines)
        if canvas.portrait:
            self._stacked(canvas, stats, lines, area, seconds, size=size, row_height=row_height)
            return
        for index, (stat, (main, below)) in enumerate(zip(stats, lines, strict=True)):
            start = index * GAP_SECONDS
            row = Rect(area.x, area.y + index * row_height, area.width, row_height - gap)
            progress = min(1.0, max(0.0, (seconds - start) / COUNT_SECONDS))
            line = main.replace(stat.text, shown(stat, progress), 1)
            number = canvas.fit(line, (width * 1.2, number_height), max_size=size, min_size=size, max_lines=1)
            alpha = appear(seconds, start, 0.35)
            if centred:
                canvas.draw_block(number, row.center_x, row.center_y - number.height / 2,
                                  color=canvas.palette.accent, alpha=alpha)
                continue
            canvas.draw_block(number, row.x + width, row.center_y - number.height / 2, align="right",
                              color=canvas.palette.accent, alpha=alpha)
            if below:
                canvas.bar(row.x + width + gap * 0.8, row.center_y - number.height * 0.3, canvas.short * 0.008,
                           number.height * 0.6 * alpha)
                label_box = Rect(row.x + width + gap * 2, row.y, area.width - width - gap * 2, row.height)
                label = canvas.fit(below, label_box, max_size=size * 0.42, max_lines=2)
                canvas.draw_block(label, label_box.x, row.center_y - label.height / 2, align="left",
                                  alpha=alpha)  # with its number: "3" alone opened a card sliding in

    def _stacked(self, canvas: Canvas, stats: tuple[Stat, ...], lines: list[tuple[str, str]], area: Rect,
                 seconds: float, *, size: float, row_height: float) -> None:
        """In portrait, one above another with their words, the whole stack in the middle of the space
        above the captions (each at the top of its share of it left the lower third empty)."""
        gap = canvas.short * 0.08
        blocks = []
        for main, below in lines:
            number = canvas.fit(main, (area.width * 1.2, row_height), max_size=size, min_size=size, max_lines=1)
            label = canvas.fit(below, (area.width, row_height - number.height), max_size=size * 0.42,
                               max_lines=2) if below else None
            blocks.append((number, label))
        total = sum(n.height + (label.height if label else 0) for n, label in blocks) + gap * (len(blocks) - 1)
        top = area.center_y - total / 2
        for index, (stat, (main, _), (number, label)) in enumerate(zip(stats, lines, blocks, strict=True)):
            start = index * GAP_SECONDS
            progress = min(1.0, max(0.0, (seconds - start) / COUNT_SECONDS))
            counting = canvas.fit(main.replace(stat.text, shown(stat, progress), 1), (area.width * 1.2, number.height),
                                  max_size=size, min_size=size, max_lines=1)
            alpha = appear(seconds, start, 0.35)
            canvas.draw_block(counting, area.center_x, top, color=canvas.palette.accent, alpha=alpha)
            top += number.height
            if label:
                canvas.draw_block(label, area.center_x, top, alpha=alpha)
                top += label.height
            top += gap


LAYOUT = NumberLayout()
