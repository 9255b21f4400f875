"""ASS subtitles: cues of a few words timed from the narration, in a channel style preset, with
optional karaoke (\\k) highlighting of each word as it is spoken."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from videos.voice.base import WordTiming


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    words: tuple[WordTiming, ...]
    current: int | None = None  # word by word: the word being spoken, drawn in the highlight colour


def ass_color(hex_color: str, alpha: int = 0) -> str:
    """#rrggbb -> &HAABBGGRR, the byte order ASS uses."""
    value = hex_color.lstrip("#")
    red, green, blue = value[0:2], value[2:4], value[4:6]
    return f"&H{alpha:02X}{blue}{green}{red}".upper()


def preset(name: str, *, width: int, height: int, accent: str) -> dict[str, object] | None:
    """The style line's values for a preset, sized from the frame so every aspect ratio reads well."""
    short_side = min(width, height)
    portrait = height > width
    # Shorts put their buttons and caption over the lowest fifth of a portrait frame.
    bottom = round(height * (0.22 if portrait else 0.08))
    if name == "none":
        return None
    if name == "shorts":  # large, bold, a little below the centre, clear of the Shorts buttons
        return {"size": round(short_side * 0.1), "primary": "#FFFFFF", "outline": max(6, short_side // 110),
                "shadow": 3, "bold": -1, "alignment": 2, "margin_v": round(height * (0.3 if portrait else 0.12)),
                "border_style": 1, "back": "#000000", "back_alpha": 0x60, "highlight": accent}
    if name == "bold":
        return {"size": round(short_side * 0.085), "primary": "#FFE14D", "outline": max(4, short_side // 160),
                "shadow": 2, "bold": -1, "alignment": 5, "margin_v": 0, "border_style": 1, "back": "#000000",
                "back_alpha": 0x80, "highlight": "#FFE14D"}
    if name == "minimal":
        return {"size": round(short_side * (0.05 if portrait else 0.042)), "primary": "#FFFFFF",
                "outline": max(6, short_side // 120), "shadow": 0, "bold": 0, "alignment": 2,
                "margin_v": bottom, "border_style": 3,
                "back": "#000000", "back_alpha": 0x60, "outline_color": "#101010", "highlight": accent}
    return {"size": round(short_side * (0.068 if portrait else 0.058)), "primary": "#FFFFFF",
            "outline": max(3, short_side // 300), "shadow": 1, "bold": -1, "alignment": 2, "margin_v": bottom,
            "border_style": 1,
            "back": "#000000", "back_alpha": 0x80, "highlight": accent}


def max_words_per_cue(width: int, height: int, style: str) -> int:
    if style == "shorts":
        return 3
    if style == "bold" or height > width:
        return 4
    return 7 if width > height else 5


def build_cues(words: tuple[WordTiming, ...], offset: float, max_words: int) -> list[Cue]:
    """Group a scene's words into short cues, breaking after sentence punctuation or long pauses."""
    cues: list[Cue] = []
    current: list[WordTiming] = []
    for index, word in enumerate(words):
        current.append(word)
        following = words[index + 1] if index + 1 < len(words) else None
        sentence_end = word.word[-1:] in ".!?;:"
        pause = following is not None and following.start - word.end > 0.35
        if following is None or len(current) >= max_words or sentence_end or pause:
            cues.append(Cue(offset + current[0].start, offset + current[-1].end, tuple(current)))
            current = []
    return cues


def word_by_word(cues: list[Cue]) -> list[Cue]:
    """Each cue once per word: shown from that word's start to the next's, with that word lit."""
    shown = []
    for cue in cues:
        first = cue.words[0].start
        for index, word in enumerate(cue.words):
            start = cue.start + (word.start - first)
            end = cue.start + (cue.words[index + 1].start - first) if index + 1 < len(cue.words) else cue.end
            shown.append(Cue(start, max(end, start + 0.01), cue.words, current=index))
    return shown


def _timestamp(seconds: float) -> str:
    centis = max(0, round(seconds * 100))
    hours, rest = divmod(centis, 360000)
    minutes, rest = divmod(rest, 6000)
    secs, cs = divmod(rest, 100)
    return f"{hours}:{minutes:02d}:{secs:02d}.{cs:02d}"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("{", "(").replace("}", ")").replace("\n", " ")


def _cue_text(cue: Cue, karaoke: bool, start: float, highlight: str = "#FFE14D") -> str:
    """The cue's words; with karaoke, each timed from `start`, where the line appears. A cue that
    began before (the segment starts mid-cue) shows the words already spoken as already highlighted.
    Word by word (`cue.current`): the word being spoken in the highlight colour, a little larger."""
    if cue.current is not None:
        lit = f"{{\\c&H{ass_color(highlight)[4:]}&\\fscx112\\fscy112}}"  # \\c takes &HBBGGRR&
        return " ".join(f"{lit}{_escape(w.word)}{{\\r}}" if i == cue.current else _escape(w.word)
                        for i, w in enumerate(cue.words))
    if not karaoke:
        return " ".join(_escape(w.word) for w in cue.words)
    parts, cursor = [], start
    for word in cue.words:
        begins = cue.start + (word.start - cue.words[0].start)
        ends = begins + (word.end - word.start)
        lead = max(0, round((begins - cursor) * 100))
        length = max(1, round((ends - max(begins, cursor)) * 100)) if ends > start else 0
        if lead:
            parts.append(f"{{\\k{lead}}}")
        parts.append(f"{{\\k{length}}}{_escape(word.word)} ")
        cursor += (lead + length) / 100
    return "".join(parts).rstrip()


def write_ass(path: Path, cues: list[Cue], *, width: int, height: int, style_name: str, font_family: str,
              karaoke: bool, accent: str, window: tuple[float, float] | None = None) -> bool:
    """Write the cues (those overlapping `window`, shifted to start at its beginning) to `path`.
    Returns False, writing nothing, when the style shows no subtitles or no cue falls in the window."""
    values = preset(style_name, width=width, height=height, accent=accent)
    if values is None:
        return False
    start_at, end_at = window or (0.0, float("inf"))
    lines = []
    ordered = sorted(cues, key=lambda cue: cue.start)
    for position, cue in enumerate(ordered):
        # A cue ends where the next begins at the latest (a scene's last word can end a frame after
        # the scene): libass stacks overlapping lines, and a line pushed up stays up while it shows.
        if position + 1 < len(ordered) and ordered[position + 1].start < cue.end:
            cue = Cue(cue.start, ordered[position + 1].start, cue.words, cue.current)
        if cue.end <= start_at or cue.start >= end_at:
            continue
        begin, finish = max(cue.start, start_at) - start_at, min(cue.end, end_at) - start_at
        shifted = Cue(cue.start - start_at, cue.end - start_at, cue.words, cue.current)
        lines.append(f"Dialogue: 0,{_timestamp(begin)},{_timestamp(finish)},Main,,0,0,0,,"
                     f"{_cue_text(shifted, karaoke, begin, str(values['highlight']))}")
    if not lines:
        return False
    # With karaoke, words already spoken take the primary colour (the highlight); words to come the
    # secondary, white, so the two always contrast.
    primary = values["highlight"] if karaoke else values["primary"]
    secondary = "#FFFFFF" if karaoke else values["primary"]
    margin_h = round(width * 0.07)
    header = [
        "[Script Info]", "ScriptType: v4.00+", f"PlayResX: {width}", f"PlayResY: {height}",
        "WrapStyle: 0", "ScaledBorderAndShadow: yes", "",
        "[V4+ Styles]",
        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, "
        "Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, "
        "Alignment, MarginL, MarginR, MarginV, Encoding",
        f"Style: Main,{font_family},{values['size']},{ass_color(primary)},{ass_color(secondary)},"
        f"{ass_color(values.get('outline_color', '#000000'))},{ass_color(values['back'], values['back_alpha'])},"
        f"{values['bold']},0,0,0,100,100,0,0,{values['border_style']},{values['outline']},{values['shadow']},"
        f"{values['alignment']},{margin_h},{margin_h},{values['margin_v']},1",
        "", "[Events]", "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ]
    path.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    return True
