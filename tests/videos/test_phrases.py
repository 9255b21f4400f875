"""Words of languages written without spaces, and line widths."""

from __future__ import annotations

from videos.phrases import join_words, line_breaks, script_of, split_long, split_words, width_em


def test_japanese_is_cut_into_phrases_with_their_places_in_the_text():
    text = "NASAの探査機が2024年に打ち上げられた。 Then English."
    words = split_words(text, "ja")
    assert [w for w, _, _ in words][:4] == ["NASAの", "探査機が", "2024年に", "打ち上げられた。"]
    assert all(text[start:end] == word for word, start, end in words)
    assert [w for w, _, _ in words][-2:] == ["Then", "English."]


def test_the_script_decides_the_phrase_model():
    assert script_of("灯台の光") == "ja"
    assert script_of("灯塔的光") == "zh"
    assert script_of("燈塔的光", "zh-TW") == "zh-hant"
    assert script_of("光", "ja") == "ja"
    assert script_of("등대의 빛") == "ko" and script_of("Le phare") == ""


def test_lines_are_as_few_and_as_even_as_fit():
    phrases = ["船乗りたちは", "何百年もの", "間、", "この", "光を", "頼りに", "夜の", "海を", "渡ってきました。"]
    breaks = line_breaks(phrases, 20.0)
    assert len(breaks) == 1
    first, second = join_words(phrases[:breaks[0]]), join_words(phrases[breaks[0]:])
    assert width_em(first) <= 20 and width_em(second) <= 20 and abs(len(first) - len(second)) <= 6
    assert line_breaks(["short", "words"], 20.0) == []


def test_a_word_wider_than_a_line_is_cut_into_pieces_that_fit():
    assert split_long("アイスクリームショップ", 4.0) == ["アイスク", "リームシ", "ョップ"]
    assert join_words(["Le", "phare", "灯台", "の"]) == "Le phare灯台の"


def test_no_line_begins_with_a_closing_mark():
    """Japanese sets 。 and 、 at the end of a line, never at the start of the next (kinsoku); a
    caption showed a full stop alone on its third line."""
    phrases = ["距離は", "およそ515キロメートルです", "。"]
    line = width_em("およそ515キロメートルです")
    breaks = line_breaks(phrases, line)
    assert 2 not in breaks and breaks == [1]
    assert line_breaks(["Le", "phare", "»", "brille"], width_em("Le phare")) == [3]
    # nor does a phrase wider than a line, cut into pieces
    assert split_long("およそ515キロメートルです。", width_em("およそ515キロメートルです")) == [
        "およそ515キロメートルです。"]
