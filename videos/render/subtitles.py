"""ASS subtitles: cues of a few words timed from the narration, in a channel style preset, with
optional karaoke (\\k) highlighting of each word as it is spoken.

Every line is drawn literally: libass reads a backslash before N, n or h as a break or a hard space
and braces as override tags, so a backslash gets an invisible word joiner after it and braces their
escapes. Japanese, Chinese and Thai lines are broken between phrases (libass breaks only at spaces),
never wider than the frame. Emoji are drawn from an outline emoji font when one is installed
(fonts-symbola) and left out otherwise; their skin-tone, flag and presentation marks, which that
font draws as boxes, are left out always.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from pathlib import Path

from videos.phrases import join_words, line_breaks, needs_space, split_long, width_em, written_without_spaces
from videos.render.designs.numbers import MONTHS
from videos.voice.base import WordTiming

WORD_JOINER = "\u2060"
# Marks that change how the emoji before them looks (presentation, skin tone, keycap, tag sequences)
# and flags' regional indicator letters: an outline font draws each as a box of its own.
_EMOJI_MARKS = re.compile("[\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U0001f1e6-\U0001f1ff\U000e0020-\U000e007f]")
_EMOJI = re.compile("[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\u200d]")
_CLAUSE_BREAKS = ("、", "，", ",", "；", ";")
# A cue of a script without spaces is at most this many ems (about 30 characters, two short lines).
CUE_MAX_EM = 30.0


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


def line_em(width: int, height: int, style: str) -> float:
    """How many ems of text fit on one caption line of this frame and style (with a margin for the
    outline and for the estimate of proportional letters)."""
    from videos.render.fonts import LATIN_EM_RATIO

    values = preset(style, width=width, height=height, accent="#ffffff") or preset(
        "classic", width=width, height=height, accent="#ffffff")
    return (width - 2 * margin_h(width)) * 0.92 / (float(values["size"]) / LATIN_EM_RATIO)


def margin_h(width: int) -> int:
    return round(width * 0.07)


def build_cues(words: tuple[WordTiming, ...], offset: float, max_words: int,
               max_em: float | None = None) -> list[Cue]:
    """Group a scene's words into short cues, breaking after sentence punctuation or long pauses.
    A cue holds at most `max_words` words of a language written with spaces; Japanese, Chinese and
    Thai phrases are counted by width instead (at most `max_em`, and CUE_MAX_EM)."""
    cues: list[Cue] = []
    current: list[WordTiming] = []
    for index, word in enumerate(words):
        if current and max_em is not None and written_without_spaces(word.word):
            limit = min(max_em, CUE_MAX_EM)
            if width_em(join_words([w.word for w in current] + [word.word])) > limit:
                # Full: end the cue at its last clause break (、) if that keeps a third of it, else here.
                cut = max((k + 1 for k, w in enumerate(current) if w.word.endswith(_CLAUSE_BREAKS)), default=0)
                if width_em(join_words([w.word for w in current[:cut]])) < limit / 3:
                    cut = len(current)
                cues.append(Cue(offset + current[0].start, offset + current[cut - 1].end, tuple(current[:cut])))
                current = current[cut:]
        current.append(word)
        following = words[index + 1] if index + 1 < len(words) else None
        sentence_end = word.word[-1:] in ".!?;:。！？；：" and not _no_sentence_end(word.word, following)
        pause = following is not None and following.start - word.end > 0.35
        full = len(current) >= max_words and not written_without_spaces(word.word)
        if following is None or full or sentence_end or pause:
            cues.append(Cue(offset + current[0].start, offset + current[-1].end, tuple(current)))
            current = []
    return cues


# Short forms whose full stop ends no sentence ("Dr. Watson", "St. Paul's")
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "st", "sr", "jr", "prof", "nr", "ca", "bzw", "vgl", "sig", "sra",
                            "mme", "mlle", "hl", "no", "vol", "av"})


def _no_sentence_end(word: str, following: WordTiming | None) -> bool:
    """A full stop that ends no sentence: a German ordinal ("Am 9. November"), a ruler's number before a
    lower-case word ("Ludwig II. ließ"), a short form ("Dr. Watson"), or any word the next one goes on from
    in lower case ("z.B. die"). A caption cue broke there: "Am 9." stood alone."""
    if following is None or word[-1:] != ".":
        return False
    stem = word[:-1].lstrip("(«„\"'“")
    nxt = following.word.lstrip("(«„\"'“")
    if stem.isdigit() and len(stem) <= 2 and nxt.lower().rstrip(".,") in MONTHS:
        return True
    if stem.lower() in _ABBREVIATIONS:
        return True
    return bool(nxt[:1].islower())


def _timestamp(seconds: float) -> str:
    centis = max(0, round(seconds * 100))
    hours, rest = divmod(centis, 360000)
    minutes, rest = divmod(rest, 6000)
    secs, cs = divmod(rest, 100)
    return f"{hours}:{minutes:02d}:{secs:02d}.{cs:02d}"


def clean_text(text: str, *, emoji: bool = True) -> str:
    """The words as captions can draw them: emoji marks left out, and emoji too without an emoji font."""
    text = _EMOJI_MARKS.sub("", text)
    return text if emoji else _EMOJI.sub("", text)


def escape(text: str) -> str:
    """`text` as literal ASS event text: nothing in it becomes a tag, a break or a hard space."""
    return (text.replace("\\", "\\" + WORD_JOINER).replace("{", "\\{").replace("}", "\\}")
            .replace("\n", " "))


def break_before(texts: list[str], line_width: float) -> set[int]:
    """Indexes of the words that start a new line: Japanese, Chinese and Thai are broken between
    phrases so that no line is wider than `line_width` ems (a phrase wider than a line gets lines of
    its own, cut by split_long); other text is left to libass, which wraps it at spaces."""
    if not any(written_without_spaces(t) for t in texts):
        return set()
    shown = [index for index, text in enumerate(texts) if text]
    return {shown[position] for position in line_breaks([texts[i] for i in shown], line_width)}


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


MIN_WORD_SCALE = 60  # percent: the smallest a cue is drawn for a long word to fit its line


def _cue_text(cue: Cue, karaoke: bool, start: float, line_width: float, emoji: bool,
              highlight: str = "#FFE14D") -> str:
    """The cue's words; with karaoke, each timed from `start`, where the line appears. A cue that
    began before (the segment starts mid-cue) shows the words already spoken as already highlighted.
    Word by word (`cue.current`): the word being spoken in the highlight colour, a little larger."""
    texts = [clean_text(w.word, emoji=emoji) for w in cue.words]
    # libass never breaks a word: one wider than the line ("zweitausendneunhundertzweiundsechzig" on
    # a portrait frame) ran off both edges. Its cue is drawn smaller until it fits; one too long for
    # that is cut with hyphens.
    widest = max((width_em(t) for t in texts if t and not written_without_spaces(t)), default=0.0)
    scale = max(MIN_WORD_SCALE, math.floor(100 * line_width / widest)) if widest > line_width else 100
    line_width = line_width * 100 / scale
    sized = f"{{\\fscx{scale}\\fscy{scale}}}" if scale < 100 else ""
    lit = f"{{\\c&H{ass_color(highlight)[4:]}&\\fscx{round(1.12 * scale)}\\fscy{round(1.12 * scale)}}}"  # &HBBGGRR&
    breaks = break_before(texts, line_width)
    parts, cursor, previous = [sized], start, ""
    for index, (word, text) in enumerate(zip(cue.words, texts, strict=True)):
        joiner = "\\N" if written_without_spaces(text) else "-\\N"  # a Latin word cut keeps a hyphen
        drawn = joiner.join(escape(piece) for piece in split_long(text, line_width))
        if previous and text:
            parts.append("\\N" if index in breaks else " " if needs_space(previous, text) else "")
        previous = text or previous
        if cue.current is not None:
            parts.append(f"{lit}{drawn}{{\\r}}{sized}" if index == cue.current and drawn else drawn)
            continue
        if not karaoke:
            parts.append(drawn)
            continue
        begins = cue.start + (word.start - cue.words[0].start)
        ends = begins + (word.end - word.start)
        lead = max(0, round((begins - cursor) * 100))
        length = max(1, round((ends - max(begins, cursor)) * 100)) if ends > start else 0
        if lead:
            parts.append(f"{{\\k{lead}}}")
        parts.append(f"{{\\k{length}}}{drawn}")
        cursor += (lead + length) / 100
    return "".join(parts)


def _header(*, width: int, height: int, style_name: str, font_family: str, karaoke: bool, accent: str,
            size_scale: float) -> list[str] | None:
    """The ASS file's header (script info and the Main style), or None for a style without captions."""
    values = preset(style_name, width=width, height=height, accent=accent)
    if values is None:
        return None
    # With karaoke, words already spoken take the primary colour (the highlight); words to come the
    # secondary, white, so the two always contrast.
    primary = values["highlight"] if karaoke else values["primary"]
    secondary = "#FFFFFF" if karaoke else values["primary"]
    margin = margin_h(width)
    return [
        "[Script Info]", "ScriptType: v4.00+", f"PlayResX: {width}", f"PlayResY: {height}",
        "WrapStyle: 0", "ScaledBorderAndShadow: yes", "",
        "[V4+ Styles]",
        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, "
        "Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, "
        "Alignment, MarginL, MarginR, MarginV, Encoding",
        f"Style: Main,{font_family},{round(values['size'] * size_scale)},{ass_color(primary)},{ass_color(secondary)},"
        f"{ass_color(values.get('outline_color', '#000000'))},{ass_color(values['back'], values['back_alpha'])},"
        f"{values['bold']},0,0,0,100,100,0,0,{values['border_style']},{values['outline']},{values['shadow']},"
        f"{values['alignment']},{margin},{margin},{values['margin_v']},1",
        "", "[Events]", "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ]


def _events(cues: list[Cue], start_at: float, end_at: float, *, karaoke: bool, line_width: float, emoji: bool,
            highlight: str) -> list[tuple[float, float, str]]:
    """(start, end, text) of each cue overlapping [start_at, end_at), times from start_at."""
    events = []
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
        events.append((begin, finish, _cue_text(shifted, karaoke, begin, line_width, emoji, highlight)))
    return events


def write_ass(path: Path, cues: list[Cue], *, width: int, height: int, style_name: str, font_family: str,
              karaoke: bool, accent: str, window: tuple[float, float] | None = None, emoji: bool = True,
              size_scale: float = 1.0) -> bool:
    """Write the cues (those overlapping `window`, shifted to start at its beginning) to `path`.
    Returns False, writing nothing, when the style shows no subtitles or no cue falls in the window.
    `emoji` False leaves emoji out (no font here draws them); `size_scale` sizes a face taller than
    DejaVu Sans (a CJK one) so that its characters are as large as the presets mean them to be."""
    header = _header(width=width, height=height, style_name=style_name, font_family=font_family, karaoke=karaoke,
                     accent=accent, size_scale=size_scale)
    if header is None:
        return False
    start_at, end_at = window or (0.0, float("inf"))
    highlight = str(preset(style_name, width=width, height=height, accent=accent)["highlight"])
    events = _events(cues, start_at, end_at, karaoke=karaoke, line_width=line_em(width, height, style_name),
                     emoji=emoji, highlight=highlight)
    if not events:
        return False
    lines = [f"Dialogue: 0,{_timestamp(begin)},{_timestamp(finish)},Main,,0,0,0,,{text}"
             for begin, finish, text in events]
    path.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    return True


@dataclass(frozen=True)
class Look:
    """What the captions show, unchanged, from `start_ms` to `end_ms` of the video: libass's drawing of
    an event's `text` `offset_ms` after the event starts (a karaoke line changes as it goes)."""

    start_ms: int
    end_ms: int
    text: str
    offset_ms: int


_KARAOKE = re.compile(r"\{\\k(\d+)\}")


def looks(cues: list[Cue], *, width: int, height: int, style_name: str, font_family: str, karaoke: bool,
          accent: str, window: tuple[float, float] | None = None, emoji: bool = True,
          size_scale: float = 1.0) -> tuple[list[str] | None, list[Look]]:
    """The ASS header and each look the captions overlapping `window` take, in order, timed from its
    start as write_ass times them for that window: one per cue, or with karaoke one between each two
    of its \\k switch times. A look shows on the frames whose time, in whole milliseconds, is in
    [start_ms, end_ms)."""
    header = _header(width=width, height=height, style_name=style_name, font_family=font_family, karaoke=karaoke,
                     accent=accent, size_scale=size_scale)
    if header is None:
        return None, []
    start_at, end_at = window or (0.0, float("inf"))
    highlight = str(preset(style_name, width=width, height=height, accent=accent)["highlight"])
    events = _events(cues, start_at, end_at, karaoke=karaoke, line_width=line_em(width, height, style_name),
                     emoji=emoji, highlight=highlight)
    shown = []
    for begin, finish, text in events:
        start_cs, end_cs = max(0, round(begin * 100)), max(0, round(finish * 100))
        switches, elapsed = {0}, 0
        for value in _KARAOKE.findall(text):
            elapsed += int(value)
            switches.add(elapsed)
        points = [*sorted(s for s in switches if s < end_cs - start_cs), end_cs - start_cs]
        for first, last in itertools.pairwise(points):
            shown.append(Look((start_cs + first) * 10, (start_cs + last) * 10, text, first * 10 + 5))
    return header, shown


def write_sheet(path: Path, header: list[str], shown: list[Look], spacing_ms: int) -> None:
    """An ASS file that shows look k alone at (k + 1) * spacing_ms + 5 ms: its event starts as far
    before that as the look is into its own event (`spacing_ms` is longer than any event)."""
    lines = []
    for number, look in enumerate(shown):
        at_cs = (number + 1) * spacing_ms // 10
        start_cs = at_cs - look.offset_ms // 10
        lines.append(f"Dialogue: 0,{_timestamp(start_cs / 100)},{_timestamp((at_cs + 1) / 100)},Main,,0,0,0,,"
                     f"{look.text}")
    path.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
