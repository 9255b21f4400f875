"""Thumbnails drawn with cairo: size and weight within YouTube's limits, the words that carry the
title, legible at 168x94, the best frame under them, and every script drawn with real glyphs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import cairo
import numpy as np
import pytest
from PIL import Image

from videos.render.thumbnail import MAX_BYTES, Candidate, frames, make_thumbnails
from videos.render.thumbnail.frames import _decode, _decode_moments, _lowres, best_frame, rank, score
from videos.render.thumbnail.text import Fonts, Line, Token, draw_line, has_glyph, installed
from videos.render.thumbnail.words import headline

TITLES = {
    "en": "Why the Moon Pulls the Sea Twice a Day",
    "fr": "Pourquoi la Lune attire les océans deux fois par jour",
    "ja": "月が潮を動かす本当の理由：一日二回の満ち引き",
    "long": "The Incredibly Long And Winding History Of The Supercalifragilisticexpialidocious Word In Popular "
            "Culture Since 1964, Told Through Forty Archive Recordings And Newspaper Clippings",
    "emoji": "🚀 SpaceX Lands Rockets 🔥",
}


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True)


@pytest.fixture(scope="module")
def pictures(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pictures")
    ffmpeg("-f", "lavfi", "-i", "color=c=black:s=640x360", "-frames:v", "1", str(folder / "black.png"))
    ffmpeg("-f", "lavfi", "-i", "color=c=0x336699:s=640x360", "-frames:v", "1", str(folder / "flat.png"))
    ffmpeg("-f", "lavfi", "-i", "mandelbrot=s=640x360", "-frames:v", "1", str(folder / "mandelbrot.png"))
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=640x360:r=25", "-t", "2", "-pix_fmt", "yuv420p", str(folder / "clip.mp4"))
    return {path.stem: path for path in folder.iterdir()}


@pytest.fixture(scope="module")
def made(pictures, tmp_path_factory) -> dict[str, list]:
    """Every title's three variants, over the same candidates (drawn once for the module)."""
    folder = tmp_path_factory.mktemp("thumbnails")
    candidates = [Candidate(pictures["black"], "image"), Candidate(pictures["mandelbrot"], "image"),
                  Candidate(pictures["clip"], "video", 1.0)]
    language = {"fr": "fr", "ja": "ja"}
    return {tag: make_thumbnails(title=title, language=language.get(tag, "en"), font_family="DejaVu Sans",
                                 primary_color="#1e293b", accent_color="#f59e0b", candidates=candidates,
                                 out_paths={n: folder / f"{tag}-{n}.jpg" for n in ("frame", "panel", "poster")})
            for tag, title in TITLES.items()}


@pytest.mark.parametrize("tag", list(TITLES))
def test_three_jpegs_at_1280x720_under_2_mb_legible_at_168x94(made, tag):
    assert [t.layout for t in made[tag]] == ["frame", "panel", "poster"]
    for thumb in made[tag]:
        with Image.open(thumb.path) as image:
            assert (image.format, image.size) == ("JPEG", (1280, 720))
        assert thumb.path.stat().st_size == thumb.size_bytes < MAX_BYTES
        # At the size YouTube lists it: type at least 10 px, and contrast 4.5:1 (WCAG AA) or better.
        assert thumb.legibility.type_px >= 10, (thumb.layout, thumb.legibility)
        assert thumb.legibility.contrast >= 4.5, (thumb.layout, thumb.legibility)


def test_the_words_are_those_that_carry_the_title_not_the_first_five():
    english = headline(TITLES["en"], "en")
    assert 3 <= len(english.tokens) <= 5
    assert english.text != "WHY THE MOON PULLS THE"  # the first five
    assert english.tokens[0].text not in ("WHY", "THE") and "MOON" in english.text
    french = headline("Le phare qui a sauvé 1 200 marins de la tempête", "fr")
    assert "1\u00a0200" in french.text and not french.text.startswith("LE ")
    assert [t.text for t in french.tokens if t.emphasis] == ["1\u00a0200"]  # the number is the lit word
    japanese = headline(TITLES["ja"], "ja")
    assert japanese.spaceless and len(japanese.text) <= 14
    # Broken only at budoux's phrase boundaries: every token is a whole phrase of the title.
    assert all(token.text in TITLES["ja"] for token in japanese.tokens)


def test_a_very_long_title_keeps_a_few_whole_words_within_the_frame(made):
    words = headline(TITLES["long"], "en")
    assert 3 <= len([t for t in words.tokens if not t.hyphen]) <= 5
    for thumb in made["long"]:
        assert thumb.words == words.text and "SUPERCALIFRAGILISTIC" not in thumb.words


def test_the_words_are_the_titles_subject_rather_than_a_fragment_of_its_clause():
    # "HACE DOS VECES" and "NEW YORK SOON" said nothing; the subject before the colon says what the video is about.
    assert headline("Agave azul: La destilación se hace dos veces en alambiques de cobre", "es").text == "AGAVE AZUL"
    assert headline("Erie Canal: New York soon became the busiest port in the country", "en").text == "ERIE CANAL"
    # French puts a space before the colon: a run still never crosses it.
    assert "MAGMA LES" not in headline("Magma : Les volcanologues surveillent aujourd'hui les séismes", "fr").text


def test_a_single_word_too_long_for_the_frame_is_cut_in_pieces_not_clipped(tmp_path, pictures):
    [thumb] = make_thumbnails(title="Pneumonoultramicroscopicsilicovolcanoconiosis", language="en",
                              font_family="DejaVu Sans", primary_color="#1e293b", accent_color="#f59e0b",
                              candidates=[], out_paths={"poster": tmp_path / "poster.jpg"})
    assert thumb.legibility.type_px >= 10
    assert headline("Pneumonoultramicroscopicsilicovolcanoconiosis").tokens[0].hyphen
    # A hyphenated name breaks at its hyphens, whole parts on each line.
    mont = headline("Le Mont-Saint-Michel", "fr")
    assert [t.text for t in mont.tokens] == ["LE", "MONT-", "SAINT-", "MICHEL"] and mont.text == "LE MONT-SAINT-MICHEL"


def glyph_mask(draw) -> np.ndarray:
    surface = cairo.ImageSurface(cairo.FORMAT_A8, 400, 200)
    draw(cairo.Context(surface))
    surface.flush()
    return np.ndarray((200, surface.get_stride()), np.uint8, buffer=surface.get_data())[:, :400].astype(float)


def tofu(char: str) -> np.ndarray:
    """What cairo draws for `char` with DejaVu Sans alone: its missing-glyph box when DejaVu lacks it."""
    def draw(ctx):
        ctx.select_font_face("DejaVu Sans", cairo.FONT_SLANT_NORMAL, cairo.FONT_WEIGHT_BOLD)
        ctx.set_font_size(120)
        ctx.move_to(20, 150)
        ctx.show_text(char)
    return glyph_mask(draw)


def drawn(char: str, language: str) -> np.ndarray:
    fonts = Fonts.for_language("DejaVu Sans", language)
    return glyph_mask(lambda ctx: draw_line(ctx, fonts, Line((Token(char),)), x=20, baseline=150, size=120,
                                            fill=(1, 1, 1, 1), emphasis_fill=(1, 1, 1, 1), outline=None,
                                            outline_width=0))


@pytest.mark.parametrize(("char", "language"), [("潮", "ja"), ("満", "ja"), ("한", "ko"), ("ñ", "es")])
def test_every_script_draws_real_glyphs_never_boxes(char, language):
    box = tofu("\U000E0FFF")  # a code point no font has: the missing-glyph box itself
    assert box.sum() > 0
    mask = drawn(char, language)
    assert mask.sum() > 0 and Fonts.for_language("DejaVu Sans", language).missing(char) == ""
    # Unlike the box: DejaVu alone would have drawn the box for the CJK characters.
    assert np.abs(mask - box).mean() > 5
    if not has_glyph("DejaVu Sans", char):
        assert np.abs(tofu(char) - box).mean() < 1  # the comparison is with what a one-font renderer shows


def test_emoji_are_drawn_with_an_emoji_font_and_nothing_is_ever_boxed(made):
    assert installed("Symbola") or installed("Noto Color Emoji")  # fonts-symbola is a Debian package in the Makefile
    fonts = Fonts.for_language("DejaVu Sans", "en")
    assert fonts.missing("🚀🔥") == ""
    assert drawn("🚀", "en").sum() > 0
    assert made["emoji"][0].words.startswith("🚀")
    # A character no font has is left out, not boxed.
    assert fonts.runs("A\U000E0FFFB") == [("DejaVu Sans", "AB")]


def test_the_best_frame_is_sharp_and_never_blank(pictures):
    candidates = [Candidate(pictures["black"], "image"), Candidate(pictures["flat"], "image"),
                  Candidate(pictures["mandelbrot"], "image")]
    scored, picture = best_frame(candidates, 1280, 720)
    assert scored.candidate.path == pictures["mandelbrot"] and picture.shape == (720, 1280, 3)
    assert best_frame(candidates[:2], 1280, 720) is None  # only blank frames: the designed background instead


def test_a_thumbnail_that_cannot_be_drawn_is_a_warning_and_the_video_is_kept(tmp_path, monkeypatch):
    from videos.render import RenderPlan
    from videos.render.thumbnail import step

    def broken(**_):
        raise MemoryError("no room")

    monkeypatch.setattr(step, "make_thumbnails", broken)
    warnings: list[str] = []
    thumbs = step.ThumbnailStep(plan=RenderPlan(scenes=(), title="A title"), font_family="DejaVu Sans",
                                font_path=Path("/nonexistent.ttf"), found=[], tmp=tmp_path,
                                out_path=tmp_path / "video.mp4", store=None, warn=warnings.append)
    [draw] = thumbs.task.steps
    assert draw() is None  # it raises nothing into the render
    assert thumbs.finish() == []
    assert warnings and "could not be drawn (MemoryError: no room)" in warnings[0] and "Render again" in warnings[0]


def test_a_clips_moments_decoded_in_one_pass_are_the_frames_each_seek_gives(pictures):
    clip = pictures["clip"]
    moments = [0.0, 0.45, 1.0, 1.3]
    together = _decode_moments(clip, moments, 320, 180, "gray", "ffmpeg")
    for moment in moments:
        alone = _decode(Candidate(clip, "video", moment), 320, 180, "gray", "ffmpeg")
        assert alone is not None and np.array_equal(together[moment], alone), moment
    assert _decode_moments(clip, [1.0, 9.0], 320, 180, "gray", "ffmpeg")[9.0] is None  # past the end


def _counting_runs(monkeypatch) -> list[list[str]]:
    runs, real = [], subprocess.run
    monkeypatch.setattr(frames.subprocess, "run", lambda argv, **kw: runs.append(argv) or real(argv, **kw))
    return runs


def test_the_candidates_are_ranked_from_one_ffmpeg_run_with_the_frames_each_decode_gives(pictures, tmp_path,
                                                                                        monkeypatch):
    still = tmp_path / "large.jpg"  # decoded at a reduced size, as alone
    ffmpeg("-f", "lavfi", "-i", "mandelbrot=s=1400x800:start_x=-1.2", "-frames:v", "1", "-q:v", "3", str(still))
    candidates = [Candidate(pictures["mandelbrot"], "image"), Candidate(pictures["flat"], "image"),
                  Candidate(pictures["clip"], "video", 0.45), Candidate(still, "image"),
                  Candidate(pictures["clip"], "video", 1.3)]
    alone = [(c, score(_decode(c, 320, 180, "gray", "ffmpeg"))[0]) for c in candidates]
    expected = sorted(((c, value) for c, value in alone if value > 0), key=lambda item: -item[1])
    runs = _counting_runs(monkeypatch)
    assert [(s.candidate, s.score) for s in rank(candidates)] == expected
    assert len(runs) == 1  # one ffmpeg start (about 0.1 CPU-s each) for all of them


def test_a_candidate_that_cannot_be_read_leaves_the_others_ranked(pictures, tmp_path, monkeypatch):
    good = [Candidate(pictures["mandelbrot"], "image"), Candidate(pictures["clip"], "video", 1.0)]
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a picture")
    expected = [(s.candidate, s.score) for s in rank(good)]
    runs = _counting_runs(monkeypatch)
    assert [(s.candidate, s.score) for s in rank([*good, Candidate(broken, "image")])] == expected
    assert len(runs) == 1 + 3  # together, then each on its own


def test_a_large_jpeg_still_is_decoded_at_a_reduced_size_that_still_covers_the_frame(tmp_path):
    still = tmp_path / "still.jpg"
    ffmpeg("-f", "lavfi", "-i", "mandelbrot=s=2400x1600", "-frames:v", "1", "-q:v", "3", str(still))
    assert _lowres(Candidate(still, "image"), 320, 180) == ["-lowres", "2"]  # 600x400
    assert _lowres(Candidate(still, "image"), 1280, 720) == []  # a half (1200x800) would be enlarged
    assert _lowres(Candidate(tmp_path / "missing.jpg", "image"), 320, 180) == []
    small = _decode(Candidate(still, "image"), 320, 180, "gray", "ffmpeg")
    assert small is not None and small.shape == (180, 320, 1)


@pytest.mark.parametrize(("title", "language", "shown"), [
    # fresh titles of the offline writer, where a run cut a phrase in two at either end
    ("Heute fahren jedes Jahr etwa 30.000 Schiffe durch den Kanal", "de", "etwa 30.000 Schiffe"),  # not "Jahr etwa"
    ("Quando Enrico Piaggio vide il prototipo esclamò: sembra una vespa", "it", "ENRICO PIAGGIO"),  # not "... VIDE"
    ("Die Hindenburg war mit 245 Metern das größte Luftschiff", "de", "das größte Luftschiff"),  # not "... größte"
    ("El faro de Alejandría guió a los marinos durante siglos", "es", "EL FARO DE ALEJANDRÍA"),  # not "... GUIÓ"
    ("Why the Bay of Fundy Breathes", "en", "THE BAY OF FUNDY BREATHES"),
    ("【新幹線】開業当時の0系車両は、最高時速210キロで走りました", "ja", "最高時速210キロ"),  # not "... キロで"
])
def test_the_words_never_cut_a_phrase_at_either_end(title, language, shown):
    assert headline(title, language).text == shown


def test_a_word_of_one_or_two_letters_stands_on_no_line_of_its_own():
    """'I VULCANI ITALIANI' was set as 'I' / 'VULCANI' / 'ITALIANI' in the panel and the frame."""
    from videos.render.thumbnail.text import fit, line_text

    ctx = cairo.Context(cairo.ImageSurface(cairo.FORMAT_RGB24, 10, 10))
    fonts = Fonts.for_language("DejaVu Sans", "it")
    for width in (300, 500, 700):
        block = fit(ctx, fonts, list(headline("I vulcani italiani", "it").tokens), width=width, height=500,
                    max_size=200, max_lines=3)
        assert [line_text(line) for line in block.lines] == ["I VULCANI", "ITALIANI"]


def test_a_long_compound_is_hyphenated_where_its_language_breaks_it(tmp_path, pictures):
    """'Schloss Neuschwanstein' stood at 8.3 px in the panel at 168x94: the one long word set the size."""
    made = make_thumbnails(title="Schloss Neuschwanstein", language="de", font_family="DejaVu Sans",
                           primary_color="#1e293b", accent_color="#f59e0b",
                           candidates=[Candidate(pictures["mandelbrot"], "image")],
                           out_paths={n: tmp_path / f"{n}.jpg" for n in ("frame", "panel", "poster")})
    for thumb in made:
        assert thumb.legibility.type_px >= 10, (thumb.layout, thumb.legibility)  # as every title's
    pieces = [t.text for t in headline("Schloss Neuschwanstein", "de").tokens]
    assert "".join(pieces) == "SchlossNeuschwanstein" and set(pieces) <= {"Schloss", "Neu", "schwan", "stein",
                                                                          "Neuschwan", "schwanstein"}
    # a short title is never broken inside a word
    assert [t.text for t in headline("The Panama Canal", "en").tokens] == ["THE", "PANAMA", "CANAL"]


def test_a_thumbnails_words_do_not_cut_a_pair_said_together():
    # "sains et saufs" (safe and sound) ended on "SAINS", seen on a fresh French render's thumbnail
    assert headline("Ballon : Les trois animaux reviennent sains et saufs", "fr").text == "REVIENNENT SAINS ET SAUFS"
