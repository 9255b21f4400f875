"""A footage-less video's thumbnails show its own map (videos.render.thumbnail.designed)."""

from __future__ import annotations

import dataclasses
import itertools
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from videos.render.designs import Canvas, Design, Stat, choose, draw_frame
from videos.render.look import Style
from videos.render.plan import RenderPlan, ScenePlan, Visual
from videos.render.thumbnail import HEIGHT, WIDTH, Candidate, designed, draw_variant, headline, make_thumbnails
from videos.render.thumbnail.designed import picture
from videos.render.thumbnail.draw import Art, rgb, rgb_from_surface
from videos.render.thumbnail.legibility import shrink
from videos.render.thumbnail.step import ThumbnailStep, designs
from videos.render.thumbnail.text import Fonts

LOOK = {"font_family": "DejaVu Sans", "primary_color": "#1e293b", "accent_color": "#f59e0b"}
CHILE = choose("The desert lies in the north of Chile.", language="en")
ICELAND = choose("We sailed to Iceland in June.", language="en")
LYON = choose("Le village se trouve près de Lyon.", language="fr")
WAY = choose("Der Zug fährt von Berlin nach Wien.", language="de")
NUMBER = choose("It weighed 300 tonnes.", language="en")
MALTA = choose("The knights built forts on Malta.", language="en")
TITLE = choose("Few people knew that she was also an inventor.", language="en")


def thumbnails(folder: Path, *, title: str = "Why the Desert Never Sees Rain", language: str = "en",
               candidates: list[Candidate] = (), shown: list[Design] = (), **look) -> dict[str, np.ndarray]:
    folder.mkdir(parents=True, exist_ok=True)
    made = make_thumbnails(title=title, language=language, **{**LOOK, **look}, candidates=list(candidates),
                           out_paths={n: folder / f"{n}.jpg" for n in ("frame", "panel", "poster")},
                           designs=list(shown))
    for thumb in made:  # every title at least 10 px high at 168x94, and 4.5:1 (WCAG AA) around it
        assert thumb.legibility.type_px >= 10 and thumb.legibility.contrast >= 4.5, (title, thumb)
    return {thumb.layout: np.asarray(Image.open(thumb.path).convert("RGB"), np.int16) for thumb in made}


def differ(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean())


def test_the_designs_pieces_are_what_the_tests_draw():
    assert (CHILE.layout, CHILE.place.kind, ICELAND.layout, LYON.place.kind) == ("map", "country", "map", "city")
    assert WAY.way and len(WAY.places) == 2 and (NUMBER.layout, TITLE.layout) == ("number", "title")
    assert (MALTA.layout, MALTA.place.kind, MALTA.place.span) == ("map", "country", designed.SMALL_COUNTRY)


def test_footage_less_videos_about_two_places_get_thumbnails_of_their_own(tmp_path):
    plain = thumbnails(tmp_path / "plain")
    chile = thumbnails(tmp_path / "chile", shown=[NUMBER, CHILE])
    iceland = thumbnails(tmp_path / "iceland", shown=[ICELAND])
    for layout in ("frame", "panel"):  # the map is the picture: each video its own
        assert differ(chile[layout], plain[layout]) > 8 and differ(iceland[layout], plain[layout]) > 8
        assert differ(chile[layout], iceland[layout]) > 8
    # the poster stays the designed poster, and a video with neither map nor number keeps the designed background
    assert differ(chile["poster"], plain["poster"]) == 0
    assert all(differ(a, b) == 0 for a, b in zip(thumbnails(tmp_path / "title", shown=[TITLE]).values(),
                                                  plain.values(), strict=True))


def words_end(layout: str, title: str, language: str) -> int:
    """The rightmost column of the headline's glyphs in the layout."""
    art = Art.seeded(title, headline=headline(title, language), fonts=Fonts.for_language(LOOK["font_family"], language),
                     primary=rgb(LOOK["primary_color"]), accent=rgb(LOOK["accent_color"]), picture=None, width=WIDTH,
                     height=HEIGHT)
    return int(np.nonzero(draw_variant(layout, art)[1].max(axis=0) > 0)[0].max())


@pytest.mark.parametrize(("title", "language"), [("Hedy Lamarr's Secret Invention", "en"), ("Die Zugspitze", "de"),
                                                 ("稲むらの火：津波から村を救った男", "ja")])
def test_without_a_map_the_videos_number_stands_beside_the_words_never_under_them(tmp_path, title, language):
    plain = thumbnails(tmp_path / "plain", title=title, language=language)
    made = thumbnails(tmp_path / "number", title=title, language=language, shown=[TITLE, NUMBER])
    assert differ(made["poster"], plain["poster"]) == 0
    assert differ(made["frame"], plain["frame"]) > 2 and differ(made["panel"], plain["panel"]) > 2
    other = dataclasses.replace(NUMBER, stats=(dataclasses.replace(NUMBER.stats[0], text="4.000.000"),))
    moved = thumbnails(tmp_path / "other", title=title, language=language, shown=[other])
    for layout, clear_of in (("frame", words_end("frame", title, language)), ("panel", 0.6 * WIDTH)):
        number = np.nonzero(np.abs(made[layout] - moved[layout]).sum(axis=2) > 60)[1]  # where "300" and
        assert number.size > 1500, layout  # "4.000.000" differ: the number, large enough to see
        assert number.min() > clear_of + 0.02 * WIDTH, layout  # right of the words (of the panel and its edge)


def test_the_three_variants_stay_distinct_at_168x94(tmp_path):
    made = thumbnails(tmp_path, shown=[LYON], title="Les chevaux blancs de Camargue", language="fr")
    small = {layout: shrink(picture.astype(np.uint8)) for layout, picture in made.items()}
    for a, b in itertools.combinations(small, 2):
        assert differ(small[a], small[b]) > 12, (a, b)


def test_footage_with_no_usable_frame_gives_way_to_the_map(tmp_path):
    black = tmp_path / "black.png"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=black:s=640x360",
                    "-frames:v", "1", str(black)], check=True)
    poor = thumbnails(tmp_path / "poor", candidates=[Candidate(black, "image")], shown=[CHILE])
    assert all(differ(a, b) == 0 for a, b in zip(poor.values(), thumbnails(tmp_path / "map", shown=[CHILE]).values(),
                                                  strict=True))


def test_with_a_usable_frame_the_map_is_not_used(tmp_path):
    still = tmp_path / "still.png"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "mandelbrot=s=640x360",
                    "-frames:v", "1", str(still)], check=True)
    footage = [Candidate(still, "image")]
    over_footage = thumbnails(tmp_path / "footage", candidates=footage)
    with_map = thumbnails(tmp_path / "both", candidates=footage, shown=[CHILE])
    assert all(differ(over_footage[n], with_map[n]) == 0 for n in over_footage)


@pytest.mark.parametrize("design", [CHILE, LYON, WAY], ids=["country", "city", "way"])
def test_the_map_is_drawn_without_its_words(design):
    renamed = dataclasses.replace(
        design, headline="Somewhere else entirely", detail="and a line under it",
        places=tuple(dataclasses.replace(p, name=f"Another name {n}") for n, p in enumerate(design.places)))
    as_drawn = picture(design, **LOOK, width=WIDTH, height=HEIGHT)
    assert np.array_equal(as_drawn, picture(renamed, **LOOK, width=WIDTH, height=HEIGHT))
    # (its own scene writes them: the same two designs drawn on an ordinary canvas differ)
    scene = [Canvas(WIDTH, HEIGHT, Style(subtitle_style="none")) for _ in range(2)]
    for canvas, shown in zip(scene, (design, renamed), strict=True):
        draw_frame(canvas, shown, seconds=designed.SPAN, span=designed.SPAN)
    assert not np.array_equal(rgb_from_surface(scene[0].surface), rgb_from_surface(scene[1].surface))


@pytest.mark.parametrize("design", [CHILE, LYON, ICELAND, MALTA], ids=["country", "city", "island", "small-country"])
def test_the_place_stands_right_of_the_headline(design):
    """Where the accent colour lies strong (the country lit, a ring around a city or a country of a
    few pixels: not the faint tint of a city's country) is right of the headline's side, in the part
    the frame and panel layouts leave clear, and wide enough to be seen at 168x94 (the scene's own
    dot for a city is a pixel or two, Malta a few)."""
    one = picture(design, **LOOK, width=WIDTH, height=HEIGHT).astype(np.int16)
    other = picture(design, **{**LOOK, "accent_color": "#22d3ee"}, width=WIDTH, height=HEIGHT).astype(np.int16)
    lit = np.abs(one - other).sum(axis=2) > 250
    assert lit.sum() > 200
    columns = np.nonzero(lit)[1]
    assert np.median(columns) > 0.6 * WIDTH, np.median(columns) / WIDTH
    assert columns.max() - columns.min() > 0.06 * WIDTH  # 10 px at 168x94


@pytest.mark.parametrize(("title", "language"), [
    ("The Tunnels Under the Faroe Sea", "en"), ("Les chevaux blancs de Camargue", "fr"),
    ("Die Zugspitze: Deutschlands höchster Gipfel", "de"), ("Las islas flotantes del lago Titicaca", "es"),
    ("稲むらの火：津波から村を救った男", "ja")])
def test_every_title_reads_at_168x94_over_a_map(tmp_path, title, language):
    for number, design in enumerate((CHILE, LYON, WAY)):
        thumbnails(tmp_path / str(number), title=title, language=language, shown=[design])  # it asserts


def test_the_map_shown_is_the_place_the_videos_maps_show_most():
    chile_again = dataclasses.replace(CHILE, headline="Atacama")
    sequence = Design("sequence", parts=(NUMBER, chile_again), starts=(0.0, 2.0))
    assert designed.chosen([ICELAND, NUMBER, sequence, CHILE]) == chile_again
    assert designed.chosen([ICELAND, CHILE]) == ICELAND  # the first of equals
    assert designed.chosen([TITLE, Design("title", headline="Chile"), None]) is None


def test_without_a_map_the_number_shown_is_the_one_with_most_digits_without_its_context():
    few = Stat(value=88, text="88", unit="frequencies", label="so it could not be jammed")
    many = Stat(value=2000, text="2.000", unit="quilómetros", label="de levadas", prefix="mais de")
    more = dataclasses.replace(many, value=1000, text="1.000")
    [stat] = designed.chosen([Design("number", stats=(few,)), Design("number", stats=(more, many)), TITLE]).stats
    assert stat == dataclasses.replace(many, label="", prefix="")
    assert designed.chosen([Design("number", stats=(many,)), ICELAND]) == ICELAND  # a map first


def test_the_step_offers_the_scenes_without_footage_and_keys_on_the_map_shown(tmp_path):
    still = Visual("image", tmp_path / "still.png")
    scenes = (ScenePlan(1.0, design=ICELAND, visual=still), ScenePlan(1.0, design=NUMBER),
              ScenePlan(1.0, design=CHILE, card=True), ScenePlan(1.0, design=LYON))
    assert designs(scenes) == [NUMBER, LYON]

    def key(shown: list[Design]) -> str:
        return ThumbnailStep(plan=RenderPlan(scenes=(), title="A title"), font_family="DejaVu Sans",
                             font_path=Path("/nonexistent.ttf"), found=[], tmp=tmp_path, out_path=tmp_path / "v.mp4",
                             store=None, warn=print, shown=shown).key

    assert key([NUMBER, LYON]) == key([dataclasses.replace(NUMBER, detail="other words"), LYON])
    assert key([NUMBER, LYON]) != key([NUMBER, CHILE]) != key([NUMBER])


def test_a_rendered_footage_less_video_offers_thumbnails_of_its_map(tmp_path):
    from tests.videos.render_helpers import simple_plan
    from videos.render import Output, render_video

    plan = simple_plan(tmp_path, texts=["The desert lies in the north of Chile.", "It rains there once a decade."],
                       output=Output(width=320, height=180, preset="ultrafast"), title="Why the Desert Never Sees Rain")
    result = render_video(plan, work_dir=tmp_path / "work", out_path=tmp_path / "video.mp4")
    drawn = {t["layout"]: np.asarray(Image.open(t["path"]).convert("RGB"), np.int16) for t in result.thumbnails}
    assert all(differ(drawn[n], picture) == 0
               for n, picture in thumbnails(tmp_path / "map", shown=[CHILE]).items())
    plain = thumbnails(tmp_path / "plain")
    assert differ(drawn["frame"], plain["frame"]) > 8


def test_the_ring_is_centred_on_the_places_own_dot(monkeypatch):
    """The ring is drawn where the map layout puts its place (designed.MAP_TOP mirrors its share)."""
    def lit() -> np.ndarray:
        one = picture(LYON, **LOOK, width=WIDTH, height=HEIGHT).astype(np.int16)
        other = picture(LYON, **{**LOOK, "accent_color": "#22d3ee"}, width=WIDTH, height=HEIGHT).astype(np.int16)
        rows, columns = np.nonzero(np.abs(one - other).sum(axis=2) > 250)
        return np.array([rows.mean(), columns.mean()])

    ringed = lit()
    monkeypatch.setattr(designed, "_ring", lambda canvas: None)
    dot = lit()
    assert np.abs(ringed - dot).max() < 3, (ringed, dot)
