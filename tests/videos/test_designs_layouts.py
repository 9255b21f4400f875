"""Each layout drawn in 16:9, 9:16 and 1:1: its words where the design puts them, clear of the
captions and of the frame's edges, whatever the input; and the overlay mode."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import pytest

from videos.render.designs import Canvas, Design, Stat, choose, draw_frame, frames, overlay_frame
from videos.render.designs.canvas import Rect, family_for, safe_area
from videos.render.plan import Style

SIZES = {"16:9": (640, 360), "9:16": (360, 640), "1:1": (480, 480)}
LINES = {
    "number": "The waves rose more than fifteen metres.",
    "stats": "It has 3 towers, 12 keepers and 40 km of coast.",
    "date": "Everything changed in 1822.",
    "timeline": "Everything changed in 1822.",
    "map": "The tower stood at the entrance to the harbour of Alexandria.",
    "route": "The ship sailed from Lisbon to Rio de Janeiro.",
    "name": "A French physicist named Augustin Fresnel designed a new kind of lens.",
    "list": "Keepers trimmed the wicks, wound the clockwork, and polished the glass.",
    "title": "Behind every light stood a keeper.",
    "quote": "He wrote: “The light must never go out, whatever the storm.”",
    "japanese": "潮の満ち引きは月の引力によって起こります。",
    "long number": "The debt reached 1,000,000,000,000 dollars.",
    "long name": "Jean-Baptiste Alexandre Frédéric de Montmorency-Laval-Beaumont arrived.",
    "long word": "Pneumonoultramicroscopicsilicovolcanoconiosisandmoreandmorelettersstill",
    "right to left": "منارة الإسكندرية كانت من عجائب الدنيا السبع",
    "emoji": "🚀 Rockets 🚀 reached the sky 🌕",
    "sequence": "In 1881 work began. It was led by Ferdinand de Lesseps, who had built the Suez Canal.",
}
DATES = ("280 BC", "1822", "1990")


def pixels(canvas: Canvas) -> np.ndarray:
    """The frame as rows of (B, G, R, X) bytes."""
    canvas.surface.flush()
    stride = canvas.surface.get_stride()
    data = np.frombuffer(canvas.surface.get_data(), dtype=np.uint8).reshape(canvas.height, stride)
    return data[:, :canvas.width * 4].reshape(canvas.height, canvas.width, 4)


@functools.lru_cache(maxsize=8)
def bare_ground(width: int, height: int, style_name: str) -> np.ndarray:
    ground = Canvas(width, height, Style(subtitle_style=style_name))
    ground.clear()
    return pixels(ground)[..., :3].astype(int)


def drawn(canvas: Canvas, style_name: str) -> np.ndarray:
    """Where the frame differs from its bare ground: True where the design drew something."""
    difference = np.abs(pixels(canvas)[..., :3].astype(int) - bare_ground(canvas.width, canvas.height, style_name))
    return difference.max(axis=2) > 40


def frame(name: str, aspect: str, style: Style, seconds: float = 4.0) -> Canvas:
    design = choose(LINES[name], dates=DATES if name == "timeline" else ())
    canvas = Canvas(*SIZES[aspect], style)
    draw_frame(canvas, design, seconds=seconds, span=6.0)
    return canvas


@pytest.mark.parametrize("aspect", list(SIZES))
@pytest.mark.parametrize("name", list(LINES))
@pytest.mark.parametrize("subtitles", ["classic", "bold"])
def test_each_layout_draws_its_words_in_the_safe_area_and_nothing_past_it(name, aspect, subtitles):
    style = Style(subtitle_style=subtitles)
    canvas = frame(name, aspect, style)
    marks = drawn(canvas, subtitles)
    safe = canvas.safe
    inside = marks[int(safe.y):int(safe.bottom), int(safe.x):int(safe.x + safe.width)]
    assert inside.mean() > 0.01, "the design drew (almost) nothing where its words go"
    if name in ("map", "route"):
        return  # the map is a picture: it fills the frame under its label
    # Nothing in the captions' band or on the frame's edges: no word runs off or sits under a caption.
    assert marks[int(safe.bottom) + 2:, :].mean() < 0.002
    edge = max(2, canvas.width // 100)
    for strip in (marks[:, :edge], marks[:, -edge:], marks[:edge, :]):
        assert strip.mean() < 0.002


def test_the_number_counts_up_and_the_list_builds_up():
    style = Style()
    early, late = frame("number", "16:9", style, 0.3), frame("number", "16:9", style, 3.0)
    assert (drawn(early, "classic") != drawn(late, "classic")).mean() > 0.002
    first, last = frame("list", "16:9", style, 0.5), frame("list", "16:9", style, 3.0)
    assert drawn(last, "classic").mean() > drawn(first, "classic").mean() * 1.5
    # A number under ten is shown as it is: "2 anni" counted "0 anni", "1 anni".
    from videos.render.designs.base import Stat
    from videos.render.designs.number import shown
    assert [shown(Stat(value=2, text="2", unit="anni"), p) for p in (0.0, 0.5)] == ["2", "2"]
    assert shown(Stat(value=3.5, text="3,5", unit="km"), 0.2) == "3,5"
    assert shown(Stat(value=40, text="40", unit="km"), 0.0) == "0"


def test_text_is_measured_and_shrunk_or_broken_until_it_fits_its_box():
    canvas = Canvas(640, 360, Style())
    box = Rect(0, 0, 300, 120)
    for text in ("1,000,000,000,000", "Jean-Baptiste Alexandre Frédéric de Montmorency-Laval-Beaumont-Saint",
                 "A" * 80, "潮の満ち引きは月の引力によって起こります。" * 2, "מגדלור עתיק עומד על החוף"):
        block = canvas.fit(text, box, max_size=100, max_lines=2)
        assert block.width <= box.width + 0.5 and block.height <= box.height + 0.5, text
        assert "".join(block.lines).replace("-", "").replace(" ", "") != ""


def test_japanese_and_arabic_draw_with_a_font_that_has_their_glyphs():
    assert family_for("潮の満ち引き", "DejaVu Sans") == "Noto Sans CJK JP"
    assert family_for("Lighthouses", "DejaVu Sans") == "DejaVu Sans"
    canvas = Canvas(640, 360, Style())
    block = canvas.fit("منارة الإسكندرية", Rect(0, 0, 600, 200), max_size=60)
    # Joined Arabic letters (presentation forms), in display order.
    assert all("\ufe70" <= c <= "\ufeff" or c == " " for c in block.lines[0])


def test_a_design_draws_on_a_transparent_ground_for_an_overlay():
    design = choose(LINES["number"])
    canvas = overlay_frame(design, Style(), width=360, height=640, seconds=3.0, span=6.0)
    alpha = pixels(canvas)[..., 3]
    assert alpha[:20, :20].max() == 0 and alpha[-20:, -20:].max() == 0  # clear where nothing is drawn
    assert (alpha == 255).mean() > 0.01  # the number itself is opaque
    stream = list(frames(design, Style(), width=64, height=36, fps=30, first=0, count=2, span=1.0,
                         transparent=True))
    assert len(stream) == 2 and len(stream[0]) == 64 * 36 * 4


@pytest.mark.parametrize("line", ["", "   ", "🚀", "\x00"])
def test_an_empty_scene_draws_its_ground_without_an_error(line):
    canvas = Canvas(320, 180, Style())
    draw_frame(canvas, choose(line), seconds=1.0, span=3.0)
    assert pixels(canvas)[..., :3].mean() < 80  # the dark ground, nothing else


def test_designs_in_turn_hand_over_without_a_bare_frame():
    design = choose("In 1881 a French company began digging across the isthmus of Panama. It was led by "
                    "Ferdinand de Lesseps, who had built the Suez Canal.")
    assert design.layout == "sequence" and len(design.parts) == 2
    switch = design.starts[1]
    for moment in (switch - 0.3, switch - 0.2, switch - 0.1, switch, switch + 0.1):
        canvas = Canvas(640, 360, Style())
        draw_frame(canvas, design, seconds=moment, span=switch + 3)
        assert drawn(canvas, "classic").mean() > 0.01, moment


def test_designs_in_turn_never_lay_the_two_parts_words_over_each_other():
    """A dissolve between the parts showed both at half strength (a ghost); the next part slides in
    over the one before as a card, so every pixel is one part's or the other's."""
    from videos.render.designs import layout
    from videos.render.designs.sequence import FADE, _times

    design = choose("In 1881 a French company began digging across the isthmus of Panama. It was led by "
                    "Ferdinand de Lesseps, who had built the Suez Canal.")
    span = design.starts[1] + 3
    begins, ends = _times(design, span)
    middle = begins[1] + FADE / 2  # the card half way in: its edge at the middle of the frame
    frame, alone = Canvas(640, 360, Style()), Canvas(640, 360, Style())
    draw_frame(frame, design, seconds=middle, span=span)
    alone.clear()
    first = design.parts[0]
    layout(first.layout).draw(alone, first, middle - begins[0], ends[0] - begins[0] + FADE)
    left, right = pixels(frame)[..., :3].astype(int), pixels(alone)[..., :3].astype(int)
    assert np.abs(left[:, :318] - right[:, :318]).max() == 0  # the first part alone, whole, where it is
    assert np.abs(left[:, 322:] - right[:, 322:]).max() > 40  # the next part's card over the rest


def test_a_lists_heading_stands_large_until_its_first_item_comes():
    design = Design("list", headline="Behind every light stood a keeper",
                    items=("Keepers trimmed the wicks", "Wound the clockwork", "Polished the glass"),
                    reveal=(1.8, 2.9, 5.2))
    for moment in (0.5, 1.0, 1.4, 1.6, 2.0, 2.4):
        canvas = Canvas(640, 360, Style())
        draw_frame(canvas, design, seconds=moment, span=7.0)
        marks = drawn(canvas, "classic")
        assert marks.mean() > 0.01, moment  # never a frame with only a small heading in a corner
    # before the item, the words stand in the middle of the frame, large; after it, the heading is small
    early = Canvas(640, 360, Style())
    draw_frame(early, design, seconds=1.0, span=7.0)
    middle = drawn(early, "classic")[120:240, 100:540]
    assert middle.mean() > 0.02


def test_a_long_heading_wraps_rather_than_shrinking_in_portrait():
    """In 9:16 "Heute bringen drei Bahnen Besucher nach oben" was drawn on one line at a third of its
    size, over its items."""
    design = Design("list", headline="Heute bringen drei Bahnen Besucher nach oben",
                    items=("Die Zahnradbahn", "Die Seilbahn aus Österreich", "Die Seilbahn vom Eibsee"))
    canvas = Canvas(1080, 1920, Style())
    draw_frame(canvas, design, seconds=5.0, span=6.0)
    picture = pixels(canvas)[..., :3].astype(int)
    accent = (picture[..., 2] > 200) & (picture[..., 1] > 120) & (picture[..., 0] < 80)  # the items' markers (BGR)
    first_marker = int(np.argmax(accent.any(axis=1)))
    lit_rows = (picture[:first_marker].max(axis=-1) > 150).any(axis=1).sum()
    assert lit_rows > 90, lit_rows  # two lines of the heading (one small line was about 30 rows)


def test_a_timelines_long_end_label_stays_in_the_frame():
    """"500 antes de Cristo" under the timeline's first dot ran off the frame's left edge."""
    design = Design("date", headline="500 antes de Cristo", items=("500 antes de Cristo", "500", "1994"), highlight=0)
    for width, height in ((1920, 1080), (1080, 1920)):
        canvas = Canvas(width, height, Style())
        draw_frame(canvas, design, seconds=5.0, span=7.0)
        picture = pixels(canvas)[..., :3].astype(int)
        edge = round(width * 0.03)
        lit = picture.max(axis=-1) > 150
        assert not lit[:, :edge].any() and not lit[:, -edge:].any(), (width, height)


def test_a_crowded_timelines_labels_take_turns_above_and_below_and_never_touch():
    """In 9:16, five dates' labels ran into each other: "1958" and the lit "1964" (held inside the frame)."""
    design = Design("date", headline="1964", items=("1888", "1895", "1923", "1958", "1964"), highlight=4)
    for width, height in ((1080, 1920), (1080, 1080), (1920, 1080)):
        canvas = Canvas(width, height, Style())
        boxes = []
        draw = canvas.draw_block

        def record(block, x, top, *, boxes=boxes, draw=draw, width=width, **options):
            if block.width < width * 0.3:  # the labels, not the headline
                boxes.append((x - block.width / 2, top, x + block.width / 2, top + block.height))
            return draw(block, x, top, **options)

        canvas.draw_block = record
        draw_frame(canvas, design, seconds=5.0, span=7.0)
        labels = boxes[-5:]
        for n, (left, top, right, bottom) in enumerate(labels):
            for other in labels[n + 1:]:
                assert right <= other[0] or other[2] <= left or bottom <= other[1] or other[3] <= top, (width, labels)


def test_several_numbers_in_portrait_stand_large():
    """"158 metri" and "40.000 persone" stood at 0.16 of a 9:16 frame's width in its top third; a frame of
    their count-up read as empty on the contact sheet."""
    design = choose("La cattedrale è lunga 158 metri e può accogliere circa quarantamila persone.", language="it")
    assert len(design.stats) == 2
    canvas = Canvas(1080, 1920, Style())
    draw_frame(canvas, design, seconds=5.0, span=7.0)
    picture = pixels(canvas)[..., :3].astype(int)
    accent = (picture[..., 2] > 200) & (picture[..., 1] > 120) & (picture[..., 0] < 80)  # BGR
    columns = np.flatnonzero(accent.any(axis=0))
    assert columns[-1] - columns[0] > 0.8 * canvas.safe.width, (columns[-1] - columns[0], canvas.safe.width)


def test_a_numbers_unit_comes_with_it_while_it_counts_up():
    design = choose("Some lights flashed once every ten seconds.")
    assert design.layout == "number" and design.stats[0].unit == "seconds"
    ink = {}
    for moment in (0.4, 3.0):
        canvas = Canvas(640, 360, Style())
        draw_frame(canvas, design, seconds=moment, span=6.0)
        ink[moment] = drawn(canvas, "classic")[200:300].mean()  # below the number: its unit
    assert ink[0.4] > ink[3.0] * 0.6  # not a lone digit for the first half second


def test_side_by_side_a_numbers_words_come_with_it():
    """A card of "3 hours" and "1,500 people died" slid in over a title with "3" alone on it."""
    design = choose("She sank in less than three hours, and more than 1,500 people died.")
    assert len(design.stats) == 2
    ink = {}
    for moment in (0.2, 3.0):
        canvas = Canvas(1280, 720, Style())
        draw_frame(canvas, design, seconds=moment, span=6.0)
        ink[moment] = drawn(canvas, "classic")[:, 640:].mean()  # the words, right of the numbers
    assert ink[0.2] > ink[3.0] * 0.25, ink


def test_numbers_without_words_beside_them_stand_centred_with_no_bar():
    """'280 km/h' and '−36 °C' stood right-aligned before an empty half of the frame, each with a bar."""
    design = choose("Winds can reach 280 km/h and temperatures fall to minus 36 degrees Celsius.")
    assert [s.text + " " + s.unit for s in design.stats] == ["280 km/h", "−36 °C"]
    canvas = Canvas(640, 360, Style())
    draw_frame(canvas, design, seconds=4.0, span=6.0)
    columns = np.nonzero(drawn(canvas, "classic").any(axis=0))[0]
    assert abs((columns.min() + columns.max()) / 2 - 320) < 20  # centred, not right-aligned at 48%


def test_side_by_side_a_short_unit_with_no_words_goes_after_the_bar():
    """'55.000 lire' stood before a bar with nothing after it, beside '60 | chilometri orari'."""
    design = choose("Il primo modello costava 55.000 lire e raggiungeva i 60 chilometri orari.", language="it")
    assert [s.unit for s in design.stats] == ["lire", "chilometri"]
    canvas = Canvas(1280, 720, Style())
    draw_frame(canvas, design, seconds=4.0, span=6.0)
    ink = drawn(canvas, "classic")
    rows = np.nonzero(ink.any(axis=1))[0]
    upper = ink[rows.min():(rows.min() + rows.max()) // 2]
    assert upper[:, 720:].any()  # "lire", right of the bar, as "chilometri orari" is


@pytest.mark.parametrize("line", ["Winds can reach 280 km/h and temperatures fall to minus 36 degrees Celsius.",
                                  "The tower is 56 metres tall and has 294 steps."])
def test_several_numbers_in_portrait_stand_in_the_middle_of_the_space_above_the_captions(line):
    """In 9:16 two numbers stood at the tops of their halves: the lower third of the space was empty."""
    canvas = Canvas(540, 960, Style())
    draw_frame(canvas, choose(line), seconds=4.0, span=6.0)
    rows = np.nonzero(drawn(canvas, "classic").any(axis=1))[0]
    safe = safe_area(540, 960, "classic")
    assert abs((rows.min() + rows.max()) / 2 - safe.center_y) < safe.height * 0.08


def test_a_maps_name_is_there_while_the_map_slides_in():
    """A map of Japan sliding in over a map of Kyoto showed grey land and a label at a fifth of its
    strength: the contact sheet read the frame as empty."""
    design = choose("The temple stands in the north of Kyoto.")
    assert design.layout == "map"

    def white_letters(seconds: float) -> int:
        canvas = Canvas(640, 360, Style())
        draw_frame(canvas, design, seconds=seconds, span=6.0)
        return int((pixels(canvas)[: 360 // 3, ..., :3] > 200).all(axis=-1).sum())

    assert white_letters(0.2) >= 0.6 * white_letters(2.0) > 0  # the name, near full strength


def test_a_map_into_a_map_dissolves_inside_a_scene_too():
    """The Kinkaku-ji's scene of two sentences slid its map of Japan in over its map of Kyoto: half the
    frame bare land, the name off it (the contact sheet's one empty frame of the seventh round)."""
    kyoto, japan = choose("The temple stands in the north of Kyoto."), choose("Japan has many old temples.")
    assert kyoto.layout == japan.layout == "map"
    design = Design("sequence", parts=(kyoto, japan), starts=(0.0, 3.0))
    mid, before = Canvas(640, 360, Style()), Canvas(640, 360, Style())
    draw_frame(mid, design, seconds=2.8, span=6.0)  # the second part halfway in
    draw_frame(before, kyoto, seconds=2.8, span=3.2)
    left = (pixels(mid)[:, :160, :3].astype(int) - pixels(before)[:, :160, :3].astype(int))
    assert np.abs(left).mean() > 3  # blended all over, not the first map untouched beside a card


def test_a_maps_name_hands_over_to_the_next_maps_name_in_a_dissolve():
    """A map of Kyoto dissolving into a map of Japan laid both names over each other at half strength
    for about 0.2 s: the first name leaves as its scene ends, before the next one has come."""
    kyoto = choose("The temple stands in the north of Kyoto.")

    def white_letters(seconds: float, span: float = 6.0) -> int:
        canvas = Canvas(640, 360, Style())
        draw_frame(canvas, kyoto, seconds=seconds, span=span)
        return int((pixels(canvas)[: 360 // 3, ..., :3] > 200).all(axis=-1).sum())

    shown = white_letters(5.9)
    assert shown > 0
    assert white_letters(6.2) < 0.1 * shown  # drawn on past its span: the name has left
    # inside a scene of two maps: halfway through the dissolve only the second map's name is there
    japan = choose("Japan has many old temples.")
    design = Design("sequence", parts=(kyoto, japan), starts=(0.0, 3.0))
    canvas = Canvas(640, 360, Style())
    draw_frame(canvas, design, seconds=2.8, span=6.0)  # 0.2 s into the dissolve
    alone = Canvas(640, 360, Style())
    draw_frame(alone, japan, seconds=0.2, span=3.0)
    band = (slice(0, 120), slice(None))
    mixed = pixels(canvas)[band][..., :3].astype(int)
    # the letters lit in the blended frame are (nearly) only where Japan's name is
    kyoto_only = Canvas(640, 360, Style())
    draw_frame(kyoto_only, kyoto, seconds=2.8, span=3.0)
    k_letters = (pixels(kyoto_only)[band][..., :3] > 200).all(axis=-1)
    j_letters = (pixels(alone)[band][..., :3] > 200).all(axis=-1)
    only_kyoto = k_letters & ~j_letters
    assert only_kyoto.sum() > 50
    assert (mixed[only_kyoto] > 140).all(axis=-1).mean() < 0.1  # Kyoto's letters gone, not a ghost


def test_a_close_map_of_a_coastal_city_is_no_flat_frame():
    """A close map of Porto was mostly land of one tone, a short name above it: the contact sheet read
    two of its frames as empty. Its country is outlined and named under the city's name."""
    design = choose("The wine travelled downstream to Porto in flat-bottomed boats.")
    canvas = Canvas(960, 540, Style())
    draw_frame(canvas, design, seconds=3.0, span=5.0)
    luma = pixels(canvas)[: int(540 * 0.7), :, :3].astype(float) @ np.array([0.114, 0.587, 0.299])
    steps = np.maximum(np.abs(np.diff(luma, axis=0))[:, :-1], np.abs(np.diff(luma, axis=1))[:-1, :])
    assert (steps > 24).mean() > 0.009  # 0.0056 before, 0.0118 now


def test_a_scene_that_leaves_into_a_map_takes_its_last_maps_name_with_it():
    """The renderer tells a scene when its dissolve into the next scene's map begins (its span counts
    that crossfade): its map's name leaves there, a sequence's last map's too, not at the span's end."""
    kyoto = choose("The temple stands in the north of Kyoto.")
    sequence = Design("sequence", parts=(choose("Everything changed in 1822."), kyoto), starts=(0.0, 2.0))

    def white_letters(design: Design, seconds: float) -> int:
        canvas = Canvas(640, 360, Style())
        draw_frame(canvas, design, seconds=seconds, span=5.5)
        return int((pixels(canvas)[: 360 // 3, ..., :3] > 200).all(axis=-1).sum())

    for design in (kyoto, sequence):
        leaving = dataclasses.replace(design, leaves=5.0)
        assert white_letters(leaving, 4.9) == white_letters(design, 4.9) > 0  # as before, up to then
        assert white_letters(design, 5.2) > 0.5 * white_letters(design, 4.9)  # drawn to the span's end
        assert white_letters(leaving, 5.2) < 0.1 * white_letters(design, 4.9)  # gone with the dissolve
        assert leaving.fingerprint() != design.fingerprint()
    assert "leaves" not in kyoto.as_dict()  # fingerprints of designs that never leave early are as they were


def test_a_word_unit_goes_under_the_number_in_a_tall_frame():
    """"quasi 3.000 anni" on one line, fitted to a 9:16 frame's width, drew the number about a third the
    height of "500" over "tonnellate"; a symbol ("90%", "221 m") stays on the number's line."""
    design = Design("number", stats=(Stat(value=3000, text="3.000", unit="anni", prefix="quasi"),))

    def number_height(width: int, height: int, shown: Design) -> int:
        canvas = Canvas(width, height, Style())
        draw_frame(canvas, shown, seconds=3.0, span=5.0)
        accent = np.abs(pixels(canvas)[..., :3].astype(int) - [0xF5, 0x9E, 0x0B][::-1]).sum(axis=2) < 60
        rows = np.flatnonzero(accent.sum(axis=1) > 3)
        return int(rows.max() - rows.min()) if rows.size else 0

    tall = number_height(1080, 1920, design)
    stacked = number_height(1080, 1920, Design("number", stats=(Stat(value=3000, text="3.000", unit="tonnellate",
                                                                    prefix="quasi"),)))
    assert tall >= 0.9 * stacked  # 0.61 before
    wide = number_height(1920, 1080, design)  # in 16:9 the word stays on the number's line, which has room
    assert wide < number_height(1920, 1080, Design("number", stats=(Stat(value=3000, text="3.000", unit="tonnellate",
                                                                         prefix="quasi"),)))


def accent_pixels(canvas: Canvas) -> np.ndarray:
    """Where the frame is the accent colour itself (#f59e0b: B 11, G 158, R 245)."""
    bgr = pixels(canvas)[..., :3].astype(int)
    return (np.abs(bgr - np.array([11, 158, 245])) < 40).all(axis=-1)


@pytest.mark.parametrize("aspect", list(SIZES))
@pytest.mark.parametrize("line", ["The ship sailed from Lisbon to Rio de Janeiro.",
                                  "The galleons sailed from Acapulco to Manila every year."])
def test_a_route_map_frames_both_places_and_draws_the_way_from_one_to_the_other(aspect, line):
    """"from Lisbon to Rio de Janeiro" showed a map of Lisbon alone. Both ends are now in the map's part of
    the frame, the way drawn between them from the first (the short way round: Acapulco to Manila across
    the Pacific, not across Africa), each named beside its dot."""
    from videos.render.designs.map import _framing, _project, _shift

    design = choose(line)
    assert len(design.places) == 2
    width, height = SIZES[aspect]
    canvas = Canvas(width, height, Style())
    _, box = canvas.safe.split(0.24)
    centre = _framing(design.places, canvas, box)
    scale = width / centre.span
    for place in design.places:
        x, y = _project(place.lon + _shift(place.lon, centre.lon), place.lat, centre)
        assert box.x <= box.center_x + x * scale <= box.x + box.width, place
        assert box.y <= box.center_y + y * scale <= box.bottom, place
    if "Manila" in line:
        assert centre.lon > 150  # over the Pacific
    before, after = Canvas(width, height, Style()), Canvas(width, height, Style())
    draw_frame(before, design, seconds=0.2, span=6.0)
    draw_frame(after, design, seconds=5.0, span=6.0)
    line_drawn = accent_pixels(after) & ~accent_pixels(before)
    assert line_drawn.sum() > 0.0015 * width * height
    rows, columns = np.nonzero(line_drawn)
    # the way spans the distance between the two places, not one dot
    assert columns.max() - columns.min() > 0.1 * width or rows.max() - rows.min() > 0.1 * height


def test_a_map_of_the_far_north_lays_no_band_of_land_across_the_sea():
    """Natural Earth's Russia runs on past the date line into Chukotka in one ring (179.9 to -180.0 at 69
    degrees north): drawn as it was, every map that reached 65-69 degrees north (Norway, Iceland, Finland,
    Alaska) laid a band of land across the whole frame, over the sea north of Iceland; and Russia's own
    map was centred on the world's box, near London."""
    import math

    from videos.render.designs.base import Place
    from videos.render.designs.geo import find_place

    place = Place(name="Norwegian Sea", lon=-5.0, lat=67.0, kind="sea", span=50.0)
    canvas = Canvas(960, 540, Style())
    draw_frame(canvas, Design("map", headline=place.name, place=place), seconds=10.0, span=6.0)
    ground = bare_ground(960, 540, "classic")
    _, box = canvas.safe.split(0.24)
    scale = 960 / (place.span * 0.96)
    for lon, lat in ((-15, 67.5), (-10, 68.0), (0, 68.5)):  # open sea
        x = round(box.center_x + (lon - place.lon) * math.cos(math.radians(place.lat)) * scale)
        y = round(box.center_y - (lat - place.lat) * scale)
        patch = pixels(canvas)[y - 2:y + 3, x - 2:x + 3, :3].astype(int) - ground[y - 2:y + 3, x - 2:x + 3]
        assert np.abs(patch).max() < 15, (lon, lat)  # the graticule at most; land was 29 levels off
    assert 60 < find_place("Russia", strict=False).lon < 150


def test_every_country_of_the_map_data_is_drawn_whole():
    """world-atlas gives Australia's number (036) to the Ashmore and Cartier Islands too: packed by number,
    the islands replaced Australia, no map drew its land and its map was centred on the Timor Sea."""
    import json
    from collections import defaultdict

    from videos.render.designs.geo import DATA, find_place

    shapes = json.loads((DATA / "world-50m.geojson").read_text(encoding="utf-8"))
    points = defaultdict(int)
    for feature in shapes["features"]:
        key = feature["id"] or feature["properties"]["name"]
        points[key] += sum(len(ring) for polygon in feature["geometry"]["coordinates"] for ring in polygon)
    packed = json.loads((DATA / "world-50m.rings.json").read_text(encoding="utf-8"))
    assert {key: sum(length for polygon in country["polygons"] for _, length in polygon)
            for key, country in packed.items()} == dict(points)
    australia = find_place("Australia", strict=False)
    assert 125 < australia.lon < 140 and -30 < australia.lat < -20


def test_a_design_without_a_route_keeps_its_fingerprint_and_a_route_comes_back_from_its_dict():
    lisbon = choose("Lisbon lies on the Atlantic.")
    assert "places" not in lisbon.as_dict() and "way" not in lisbon.as_dict()
    route = choose("The ship sailed from Lisbon to Rio de Janeiro.")
    assert Design.from_dict(route.as_dict()) == route
    assert route.fingerprint() != dataclasses.replace(route, places=(), way=False).fingerprint()


@pytest.mark.parametrize("aspect", list(SIZES))
def test_listed_countries_are_lit_in_turn_and_all_stay_in_view(aspect):
    """The Danube's ten countries: each lit in the accent as it is spoken, the one lit last named under the
    heading; the map frames them whole (in a tall frame, Germany and Ukraine ran off its sides)."""
    design = choose("The Danube flows through ten countries: Germany, Austria, Slovakia, Hungary, Croatia, "
                    "Serbia, Romania, Bulgaria, Moldova and Ukraine.")
    width, height = SIZES[aspect]
    lit = []
    for seconds in (0.2, 1.0, 2.0, 6.0):
        canvas = Canvas(width, height, Style())
        draw_frame(canvas, design, seconds=seconds, span=7.0)
        bgr = pixels(canvas)[..., :3].astype(int)
        lit.append(bgr[..., 2] - bgr[..., 0] > 50)  # warm: the accent mixed into the land
    counts = [int(m.sum()) for m in lit]
    assert counts[0] < counts[1] < counts[2] < counts[3], counts
    edge = max(2, width // 100)
    last = lit[-1]
    assert last[:, :edge].mean() < 0.01 and last[:, -edge:].mean() < 0.01  # none cut by the frame's sides


def test_a_way_through_several_stops_marks_each_and_names_none_over_another():
    """Paris, Vienna, Budapest, Istanbul: a dot at each stop once the way has reached it; Vienna's name lay
    over Budapest's, now one goes under its dot."""
    from videos.render.designs.map import LAYOUT, _framing, _overlap, _project, _shift

    design = choose("The train ran from Paris to Vienna, then to Budapest and on to Istanbul.")
    canvas = Canvas(960, 540, Style())
    draw_frame(canvas, design, seconds=6.0, span=7.0)
    _, box = canvas.safe.split(0.24)
    centre = _framing(design.places, canvas, box)
    scale = 960 / (centre.span * 0.96)  # the view at the end of its zoom, as drawn
    accent = accent_pixels(canvas)
    points = []
    for place in design.places:
        x, y = _project(place.lon + _shift(place.lon, centre.lon), place.lat, centre)
        px, py = round(box.center_x + x * scale), round(box.center_y + y * scale)
        points.append((px, py))
        assert accent[py - 4:py + 5, px - 4:px + 5].any(), place.name
    boxes = [LAYOUT._name_box(canvas, p.name, point, box, above=True) for p, point in zip(design.places, points,
                                                                                            strict=True)]
    assert _overlap(boxes[1], boxes[2])  # Vienna's and Budapest's names, both above, would overlap
    under = LAYOUT._name_box(canvas, "Budapest", points[2], box, above=False)
    letters = (pixels(canvas)[..., :3] > 200).all(axis=-1)
    written = letters[round(under.y):round(under.bottom), round(under.x):round(under.x + under.width)]
    assert written.sum() > 40  # Budapest is named under its dot


def test_small_words_over_a_background_loop_are_outlined_thickly():
    """Over a Shorts loop a number's small label ('through Mongolia') had a 2 px outline that let a bright,
    busy loop through; its outline now covers about as much as its letters."""
    canvas = Canvas(400, 100, Style(), transparent=True)
    block = canvas.fit("through Mongolia", (380, 24), max_size=20)
    canvas.draw_block(block, 200, 30, color=(0.7, 0.72, 0.78))
    pixels = np.frombuffer(canvas.surface.get_data(), np.uint8).reshape(100, canvas.surface.get_stride() // 4, 4)
    alpha = pixels[..., 3].astype(float) / 255
    brightest = pixels[..., :3].max(axis=2).astype(float) / 255
    dark = ((alpha > 0.5) & (brightest < 0.25 * alpha)).sum()
    light = ((alpha > 0.5) & (brightest > 0.5 * alpha)).sum()
    assert dark >= 0.9 * light
