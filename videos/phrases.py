"""Words for languages written without spaces, and how wide a line of text is.

Japanese, Chinese and Thai put no space between words, so "a word" there is a phrase as budoux
(Apache-2.0, a small model in its wheel) finds it: 灯台の / 光は / 遠くまで / 届きます。 Narration times
those phrases as other languages time words, and captions break lines between them (libass breaks
lines only at spaces, so a Japanese line would run off the frame). Widths are in ems: an East Asian
wide character is one em in every CJK font, other characters about 0.6 em in the bold sans faces used.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Scripts written without spaces between words: Han, kana, Thai (and the CJK punctuation between them).
_NO_SPACE = re.compile(r"[\u0e00-\u0e7f\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
                       r"\U00020000-\U0003134f]")
_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_TOKEN = re.compile(r"\S+")
NARROW_EM = 0.6
SPACE_EM = 0.3


def written_without_spaces(text: str) -> bool:
    return bool(_NO_SPACE.search(text or ""))


def script_of(text: str, language: str = "") -> str:
    """"ja", "zh-hant", "zh", "ko", "th" or "" (a script with spaces), from the text, helped by the
    channel's language where the characters alone are ambiguous (Han characters are Chinese or Japanese)."""
    family = (language or "").replace("_", "-").lower()
    if _KANA.search(text) or (family.startswith("ja") and _NO_SPACE.search(text)):
        return "ja"
    if _HANGUL.search(text):
        return "ko"
    if _THAI.search(text):
        return "th"
    if _NO_SPACE.search(text):
        traditional = family in ("zh-tw", "zh-hk", "zh-mo") or "hant" in family
        return "zh-hant" if traditional else "zh"
    return ""


@lru_cache(maxsize=4)
def _parser(script: str):
    import budoux

    return {"ja": budoux.load_default_japanese_parser, "th": budoux.load_default_thai_parser,
            "zh-hant": budoux.load_default_traditional_chinese_parser,
            }.get(script, budoux.load_default_simplified_chinese_parser)()


def _ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def phrases(text: str, language: str = "") -> list[str]:
    """A run of text without spaces cut into phrases; a number or a Latin word is never cut."""
    script = script_of(text, language)
    if not script or script == "ko" or not text:
        return [text] if text else []
    parts: list[str] = []
    for part in _parser(script).parse(text):
        if parts and part and _ascii_alnum(parts[-1][-1]) and _ascii_alnum(part[0]):
            parts[-1] += part  # budoux cuts "2024年" as "202" + "4年"
        elif part:
            parts.append(part)
    return parts


def split_words(text: str, language: str = "") -> list[tuple[str, int, int]]:
    """The words of `text` with their character spans: whitespace-separated tokens, and the phrases of
    any token in a script written without spaces."""
    words: list[tuple[str, int, int]] = []
    for match in _TOKEN.finditer(text or ""):
        token, cursor = match.group(0), match.start()
        if not written_without_spaces(token):
            words.append((token, cursor, match.end()))
            continue
        for part in phrases(token, language):
            words.append((part, cursor, cursor + len(part)))
            cursor += len(part)
    return words


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def width_em(text: str) -> float:
    """How wide `text` is drawn, in ems (an estimate for proportional Latin text, exact for CJK)."""
    total = 0.0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue  # combining marks, joiners, variation selectors take no room
        total += 1.0 if _wide(char) else SPACE_EM if char == " " else NARROW_EM
    return total


def needs_space(before: str, after: str) -> bool:
    """Whether two words written one after the other take a space between them."""
    if not before or not after:
        return False
    return not (written_without_spaces(before[-1]) or written_without_spaces(after[0])
                or _wide(before[-1]) or _wide(after[0]))


def join_words(words: list[str]) -> str:
    out = ""
    for word in words:
        out += (" " if needs_space(out, word) else "") + word
    return out


def line_breaks(words: list[str], line_em: float) -> list[int]:
    """Where to start new lines (indexes into `words`) so that no line is wider than `line_em`,
    lines as even as possible: the fewest lines, then the most balanced. A word wider than a line
    gets a line of its own (split_long cuts it first)."""
    widths = [width_em(w) for w in words]

    def line_width(first: int, last: int) -> float:
        width = sum(widths[first:last])
        width += sum(SPACE_EM for i in range(first + 1, last) if needs_space(words[i - 1], words[i]))
        return width

    count = len(words)
    # best[i] = (lines, widest line) for words[i:], with next_break[i] where its first line ends.
    best: list[tuple[int, float]] = [(0, 0.0)] * (count + 1)
    next_break = [count] * (count + 1)
    for first in range(count - 1, -1, -1):
        choice = None
        for last in range(first + 1, count + 1):
            width = line_width(first, last)
            if width > line_em and last > first + 1 and not _closing(words[last - 1]):
                break
            if last < count and _closing(words[last]):
                continue  # a line never begins with "。", "、" or "»": the mark stays with its word
            lines, widest = best[last]
            score = (lines + 1, max(widest, width))
            if choice is None or score < choice[0]:
                choice = (score, last)
        best[first], next_break[first] = choice[0], choice[1]
    breaks, index = [], next_break[0] if count else 0
    while index < count:
        breaks.append(index)
        index = next_break[index]
    return breaks


_CLOSING_MARKS = frozenset("。、，．！？」』）〕】〉》・ー!?,.:;)]}»”’…")


def _closing(word: str) -> bool:
    """A mark that closes what comes before it, and may not begin a line."""
    return bool(word) and all(char in _CLOSING_MARKS for char in word.strip())


def split_long(word: str, line_em: float) -> list[str]:
    """A word wider than a line (a long katakana word, a URL) cut into pieces that fit."""
    if width_em(word) <= line_em:
        return [word]
    pieces, current = [], ""
    for char in word:
        if current and width_em(current + char) > line_em and not _closing(char):  # "です。": the mark stays
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces
