"""Captions drawn by libass exactly as written: in every script, inside the frame, literally."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from videos.render import caption_images
from videos.render.fonts import caption_font, em_ratio, emoji_font, find_font
from videos.render.subtitles import Cue, build_cues, escape, line_em, looks, write_ass
from videos.voice.base import WordTiming, spread_by_syllables

WIDTH, HEIGHT = 640, 360
JAPANESE = "灯台の光は遠くまで届きます。船乗りたちは何百年もの間、この光を頼りに夜の海を渡ってきました。"


def draw(tmp_path: Path, text: str, *, family: str = "DejaVu Sans", words: list[str] | None = None,
         emoji: bool = True, size_scale: float = 1.0, width: int = WIDTH, raw: bool = False) -> bytes:
    """One cue of `words` (or of `text`'s words) drawn by ffmpeg's libass over black: gray pixels.
    `raw` puts `text` in the event as it is, unescaped, as a reference."""
    words = words if words is not None else text.split(" ")
    words = ["PLACEHOLDER"] if raw else words
    cue = Cue(0.0, 2.0, tuple(WordTiming(w, i * 0.1, i * 0.1 + 0.1) for i, w in enumerate(words)))
    ass = tmp_path / f"cue-{abs(hash((text, tuple(words), family, emoji, width, raw)))}.ass"
    assert write_ass(ass, [cue], width=width, height=HEIGHT, style_name="classic", font_family=family,
                     karaoke=False, accent="#ffcc00", emoji=emoji, size_scale=size_scale)
    if raw:
        ass.write_text(ass.read_text(encoding="utf-8").replace("PLACEHOLDER", text), encoding="utf-8")
    result = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                             f"color=black:s={width}x{HEIGHT}", "-vf", f"subtitles={ass}", "-frames:v", "1",
                             "-f", "rawvideo", "-pix_fmt", "gray", "-"],
                            capture_output=True, check=True)
    return result.stdout


def ink(frame: bytes, width: int = WIDTH) -> tuple[int, int, int, int] | None:
    """The box (left, top, right, bottom) around every pixel the captions drew."""
    lit = [i for i, value in enumerate(frame) if value > 60]
    if not lit:
        return None
    rows, cols = [i // width for i in lit], [i % width for i in lit]
    return min(cols), min(rows), max(cols), max(rows)


def test_an_ass_line_is_written_literally():
    assert escape("a {\\b1}bold{\\b0} \\N break") == "a \\{\\\u2060b1\\}bold\\{\\\u2060b0\\} \\\u2060N break"


@pytest.mark.slow
def test_braces_show_as_braces_never_as_override_tags(tmp_path):
    # libass draws a lone brace literally (an opening one with no closing one after it, and the
    # reverse): the references for each glyph.
    assert draw(tmp_path, "a{b") == draw(tmp_path, "a{b", raw=True)
    assert draw(tmp_path, "a}b") == draw(tmp_path, "a}b", raw=True)
    tag = draw(tmp_path, "a{\\fs90}b")
    assert tag != draw(tmp_path, "a{\\fs90}b", raw=True)  # as a tag it would draw a huge "b"
    assert ink(tag)[3] - ink(tag)[1] < 40


@pytest.mark.slow
def test_a_backslash_n_in_narration_is_no_line_break(tmp_path):
    one_line = ink(draw(tmp_path, "leftright"))
    literal = ink(draw(tmp_path, "left\\Nright"))
    assert literal[3] - literal[1] <= one_line[3] - one_line[1] + 2  # one line high, not two
    assert literal[2] - literal[0] > one_line[2] - one_line[0]  # and the backslash and N are drawn


@pytest.mark.slow
def test_emoji_are_drawn_as_emoji_not_as_boxes(tmp_path):
    if emoji_font() is None:
        pytest.skip("no outline emoji font here: install the Debian package fonts-symbola (make setup does)")
    rocket = draw(tmp_path, "\U0001f680")
    box = draw(tmp_path, "\ue000")  # a private-use code point no font has: libass draws its empty box
    assert ink(rocket) is not None and rocket != box
    # Skin tones and flags' letters, which that font draws as boxes, are left out.
    assert draw(tmp_path, "\U0001f44d\U0001f3fd") == draw(tmp_path, "\U0001f44d")
    assert draw(tmp_path, "a \U0001f1eb\U0001f1f7") == draw(tmp_path, "a")


@pytest.mark.slow
def test_without_an_emoji_font_emoji_are_left_out(tmp_path):
    assert draw(tmp_path, "sea \U0001f30a", emoji=False) == draw(tmp_path, "sea", emoji=False)


@pytest.mark.slow
def test_japanese_lines_break_between_phrases_inside_the_frame(tmp_path):
    words = spread_by_syllables(JAPANESE, 0.0, 8.0, "ja")
    cues = build_cues(words, 0.0, 7, 2 * line_em(WIDTH, HEIGHT, "classic"))
    assert "".join(w.word for cue in cues for w in cue.words) == JAPANESE
    base = find_font("DejaVu Sans")
    font, warning = caption_font(base, JAPANESE, "ja")
    assert font.family == "Noto Sans CJK JP" and not warning
    scale = em_ratio(font.path) / em_ratio(base.path)
    margin = round(WIDTH * 0.07)
    for cue in cues:
        drawn = ink(draw(tmp_path, "", words=[w.word for w in cue.words], family=font.family, size_scale=scale))
        assert drawn[0] >= margin - 4 and drawn[2] <= WIDTH - margin + 4, [w.word for w in cue.words]


def test_a_long_japanese_cue_is_two_lines_cut_at_a_phrase(tmp_path):
    phrases = ["船乗りたちは", "何百年もの", "間、", "この", "光を", "頼りに", "夜の", "海を", "渡ってきました。"]
    ass = tmp_path / "long.ass"
    cue = Cue(0.0, 3.0, tuple(WordTiming(p, i * 0.3, i * 0.3 + 0.3) for i, p in enumerate(phrases)))
    write_ass(ass, [cue], width=1920, height=1080, style_name="classic", font_family="Noto Sans CJK JP",
              karaoke=True, accent="#ffcc00")
    text = ass.read_text(encoding="utf-8").rsplit(",,", 1)[1].strip()
    lines = text.split("\\N")
    assert len(lines) == 2
    plain = ["".join(part.split("}")[-1] for part in line.split("{")) for line in lines]
    assert "".join(plain) == "".join(phrases)
    assert all(any(line.endswith(p) for p in phrases) for line in plain[:-1])  # cut between phrases


def test_chinese_cues_are_drawn_with_a_chinese_face():
    font, warning = caption_font(find_font("DejaVu Sans"), "灯塔的光可以照到很远的地方。", "zh")
    assert font.family == "Noto Sans CJK SC" and not warning
    assert caption_font(find_font("DejaVu Sans"), "Lighthouses guide ships.", "en")[0].family == "DejaVu Sans"


@pytest.mark.parametrize("karaoke", [False, True])
def test_caption_pictures_laid_over_a_frame_give_what_libass_draws_on_it(tmp_path, karaoke):
    """The render lays each look libass draws (caption_images) over the frame instead of running libass
    on every frame: over a busy picture, the result must be libass's own, colours and edges included."""
    words = ["Every", "light", "on", "the", "coast", "had", "its", "own", "keeper"]
    cue = Cue(0.0, 2.0, tuple(WordTiming(w, i * 0.2, i * 0.2 + 0.2) for i, w in enumerate(words)))
    style = {"width": WIDTH, "height": HEIGHT, "style_name": "classic", "font_family": "DejaVu Sans",
             "karaoke": karaoke, "accent": "#ffcc00"}
    font_dir = find_font("DejaVu Sans").directory
    at = 0.9  # mid-line: with karaoke, some words lit and some not
    ass = tmp_path / "whole.ass"
    assert write_ass(ass, [cue], **style)
    picture = f"testsrc2=s={WIDTH}x{HEIGHT}:r=30,trim=start_frame=27:end_frame=28"

    def frame(graph: str) -> bytes:
        return subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", graph, "-frames:v", "1",
                               "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], capture_output=True, check=True).stdout

    reference = frame(f"{picture},setpts=PTS-STARTPTS+{at}/TB,format=yuv420p,"
                      f"subtitles=filename={ass}:fontsdir={font_dir}")
    header, shown = looks([cue], **style)
    [captions], _ = caption_images.draw(header, [shown], width=WIDTH, height=HEIGHT, fonts_dir=font_dir,
                                        tmp=tmp_path, ffmpeg_binary="ffmpeg")
    runs = [run for run in captions.runs(30, 30) if run[1] <= 27 <= run[2]]
    assert len(runs) == 1, "frame 27 shows one look"
    (drawn, _, _), = runs
    laid = frame(f"{picture},setpts=PTS-STARTPTS,format=yuv420p[bg];movie=filename={drawn.path},format=yuva420p[c];"
                 f"[bg][c]overlay=x={drawn.x}:y={drawn.y}:format=yuv420")
    plain = frame(f"{picture},format=yuv420p")
    differ = sum(1 for a, b in zip(reference, laid, strict=True) if abs(a - b) > 12)
    drew = sum(1 for a, b in zip(reference, plain, strict=True) if abs(a - b) > 12)
    assert drew > 2000, "libass drew the caption on the reference"
    assert differ < drew * 0.01, f"{differ} values differ from libass's drawing (of {drew} it changed)"


@pytest.mark.parametrize("words", [
    ["zweitausendneunhundertzweiundsechzig", "Metern"],  # a German number in words, on a portrait frame
    ["Die", "Donaudampfschifffahrtsgesellschaftskapitänsmütze", "lag", "da"],
    ["Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetzesentwurfsbegründungen"],  # past any shrinking
])
def test_a_word_wider_than_the_line_is_drawn_smaller_inside_the_frame(tmp_path, words):
    """libass never breaks a word: one wider than the frame ran off both its edges."""
    width = 360  # a 9:16 frame's width at this height's scale
    margin = round(width * 0.07)
    drawn = ink(draw(tmp_path, "", words=words, width=width), width=width)
    assert drawn is not None and drawn[0] >= margin - 6 and drawn[2] <= width - margin + 6, drawn


def test_a_full_stop_that_ends_no_sentence_breaks_no_cue():
    """'Am 9. November 1989 verkündete ...' showed 'Am 9.' alone as a caption."""
    def timed(text):
        return tuple(WordTiming(w, i * 0.3, i * 0.3 + 0.28) for i, w in enumerate(text.split()))

    cues = build_cues(timed("Am 9. November 1989 verkündete Schabowski"), offset=0.0, max_words=7)
    assert [len(c.words) for c in cues] == [6]
    assert len(build_cues(timed("Dr. Watson kam. Dann ging er."), offset=0.0, max_words=7)) == 2
    assert len(build_cues(timed("Ludwig II. ließ es bauen."), offset=0.0, max_words=7)) == 1
    assert [len(c.words) for c in build_cues(timed("It ended. Then it began."), offset=0.0, max_words=7)] == [2, 3]
    assert [len(c.words) for c in build_cues(timed("Er war 9. Dann ging er."), offset=0.0, max_words=7)] == [3, 3]
