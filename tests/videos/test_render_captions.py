"""The narration's captions as SubRip, for YouTube's caption track."""

from __future__ import annotations

from videos.render.captions import caption_cues, srt_text, srt_timestamp, write_srt
from videos.voice.base import WordTiming, spread_by_syllables


def timed(words: list[str], start: float = 0.0, step: float = 0.4) -> tuple[WordTiming, ...]:
    return tuple(WordTiming(w, start + i * step, start + i * step + step * 0.9) for i, w in enumerate(words))


def test_subrip_cues_are_numbered_timed_and_never_overlap():
    first = caption_cues(timed(["Twice", "a", "day", "the", "sea", "climbs", "the", "shore."]), 2.5)
    second = caption_cues(timed(["Then", "it", "slips", "away", "again."], start=0.0), 5.0)
    text = srt_text(first + second)
    blocks = text.strip().split("\n\n")
    assert blocks[0] == "1\n00:00:02,500 --> 00:00:05,000\nTwice a day the sea climbs the shore."
    assert blocks[1] == "2\n00:00:05,000 --> 00:00:06,960\nThen it slips away again."


def test_japanese_captions_join_phrases_without_spaces_and_keep_every_character():
    text = "灯台の光は遠くまで届きます。船乗りたちは何百年もの間、この光を頼りに夜の海を渡ってきました。"
    cues = caption_cues(spread_by_syllables(text, 0.0, 9.0, "ja"), 0.0)
    body = srt_text(cues)
    lines = [line for line in body.splitlines() if line and "-->" not in line and not line.isdigit()]
    assert "".join(lines) == text
    assert len(lines) >= 2 and all(len(line) <= 30 for line in lines)


def test_emoji_marks_are_left_out_and_hours_are_counted(tmp_path):
    assert srt_timestamp(3725.0456) == "01:02:05,046"
    path = tmp_path / "c.srt"
    assert write_srt(path, caption_cues(timed(["Thumbs", "up\U0001f44d\U0001f3fd"]), 0.0))
    assert "up\U0001f44d\n" in path.read_text(encoding="utf-8")
    assert not write_srt(tmp_path / "none.srt", [])
