"""English written words as they are spoken: "1957" is "nineteen fifty seven", "40%" "forty percent".

Used to align narration audio to its text and to score a voice by what a listener hears.
"""

from __future__ import annotations

import re

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = ((10**9, "billion"), (10**6, "million"), (1000, "thousand"))
_ORDINALS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
             "nine": "ninth", "twelve": "twelfth"}
_SYMBOLS = {"%": "percent", "&": "and", "+": "plus", "=": "equals", "@": "at"}
_CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros"}
_TOKEN = re.compile(r"^(?P<cur>[$£€]?)(?P<num>\d[\d,]*(?:\.\d+)?)(?P<suffix>st|nd|rd|th|s|%)?$")


def number_words(number: int) -> list[str]:
    if number < 20:
        return [_ONES[number]]
    if number < 100:
        tens, ones = divmod(number, 10)
        return [_TENS[tens]] + ([_ONES[ones]] if ones else [])
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return [_ONES[hundreds], "hundred"] + (number_words(rest) if rest else [])
    for scale, name in _SCALES:
        if number >= scale:
            high, rest = divmod(number, scale)
            return number_words(high) + [name] + (number_words(rest) if rest else [])
    return [str(number)]


def year_words(year: int) -> list[str]:
    """1957 -> nineteen fifty seven, 1905 -> nineteen oh five, 1900 -> nineteen hundred, 2008 -> two
    thousand eight, 2024 -> twenty twenty four."""
    if 2000 <= year <= 2009:
        return number_words(year)
    high, low = divmod(year, 100)
    if low == 0:
        return [*number_words(high), "hundred"]
    return number_words(high) + (["oh"] if low < 10 else []) + number_words(low)


def ordinal(words: list[str]) -> list[str]:
    last = words[-1]
    if last in _ORDINALS:
        last = _ORDINALS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return [*words[:-1], last]


def _number(text: str, *, year_like: bool) -> list[str]:
    if "." in text:
        whole, fraction = text.split(".", 1)
        return _number(whole, year_like=False) + ["point"] + [_ONES[int(d)] for d in fraction]
    value = int(text.replace(",", ""))
    if year_like and "," not in text and len(text) == 4 and 1100 <= value <= 2099:
        return year_words(value)
    return number_words(value)


def spoken_words(word: str) -> list[str]:
    """One written word (punctuation and all) as the lowercase words a speaker says; [] for marks."""
    token = word.strip("\"'“”‘’()[]{}.,;:!?…—–-").lower().replace("’", "'")
    if not token:
        return []
    match = _TOKEN.match(token)
    if match:
        currency, digits, suffix = match.group("cur"), match.group("num"), match.group("suffix") or ""
        words = _number(digits, year_like=not currency)
        if suffix in ("st", "nd", "rd", "th"):
            words = ordinal(words)
        elif suffix == "s":  # 1950s -> nineteen fifties
            words = [*words[:-1], words[-1][:-1] + "ies" if words[-1].endswith("y") else words[-1] + "s"]
        elif suffix == "%":
            words.append("percent")
        return words + ([_CURRENCY[currency]] if currency else [])
    words: list[str] = []
    for part in re.split(r"[-–—/]+", token):
        part = part.strip("'")
        if part in _SYMBOLS:
            words.append(_SYMBOLS[part])
        elif re.fullmatch(r"\d[\d,.]*", part):
            words += _number(part.rstrip("."), year_like=True)
        elif part:
            words.append(re.sub(r"[^\w']", "", part))
    return [w for w in words if w]


def spoken_text(text: str) -> list[str]:
    return [spoken for word in text.split() for spoken in spoken_words(word)]
