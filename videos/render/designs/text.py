"""Text as a design draws it: cleaned of what no installed font can draw (emoji), cut into units to
wrap at (words, or phrases for Japanese and Chinese), and put in display order for right-to-left
scripts (cairo's text API draws glyphs left to right and does not join Arabic letters).
"""

from __future__ import annotations

import functools
import re
import unicodedata

import arabic_reshaper
from bidi import get_display

_EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF\U00002600-\U000027BF\U0001F1E6-\U0001F1FF\U0000FE0F\U0000200D\U000020E3"
    "\U0001F3FB-\U0001F3FF\U00002B00-\U00002BFF\U0000E000-\U0000F8FF]")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\uac00-\ud7af]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_HANGUL = re.compile("[\uac00-\ud7af]")


def clean(text: str) -> str:
    """Emoji and private-use symbols out (no font here draws them), control characters out, spaces
    collapsed: what is left can be drawn whole."""
    text = _EMOJI.sub("", text or "")
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C" or c in "\n")
    return " ".join(text.split())


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def is_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


@functools.lru_cache(maxsize=4)
def _parser(kind: str):
    import budoux

    return {"ja": budoux.load_default_japanese_parser, "zh": budoux.load_default_simplified_chinese_parser}[kind]()


def wrap_units(text: str) -> list[str]:
    """Units a line may break after, each with its trailing space: words; for text in Japanese or
    Chinese (no spaces between words) BudouX's phrases; Korean keeps its spaces."""
    if is_cjk(text) and not _HANGUL.search(text):
        kind = "ja" if re.search("[\u3040-\u30ff]", text) else "zh"
        units: list[str] = []
        for word in text.split(" "):
            phrases = _parser(kind).parse(word) if is_cjk(word) else [word]
            units.extend(phrases)
            if units:
                units[-1] += " "
        return [u for u in units if u.strip()] or [text]
    return [word + " " for word in text.split(" ") if word]


def display(line: str) -> str:
    """One line in the order its glyphs are drawn: Arabic letters in their joined forms, and
    right-to-left runs reversed (Unicode's bidirectional algorithm)."""
    if not is_rtl(line):
        return line
    return get_display(arabic_reshaper.reshape(line))
