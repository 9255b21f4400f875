"""How long a text takes to say, before any voice runs: the estimate the writers size a script by and
the job reports.

Speech time follows syllables far more closely than words ("Gutenberg did not invent printing" and
"It is a big one" are both five words), so a text is measured in syllables (vowel groups, with the
silent endings of English and French), in morae for Japanese (kana one each, a kanji about 1.7) and
in characters for Chinese (one syllable each). A language's syllables per second at the channel's
speaking rate were measured on this project's voices: narrating 100 scenes of eleven texts per
scene with Piper's en_US-joe-medium and espeak-ng at 150, 165 and 190 words a minute (the figures
are in `bench/script_bench.py --narrate`). Languages without a voice here take the English figure
scaled by how fast people speak them (Pellegrino, Coupé and Marsico 2011, syllables per second:
English 6.19, Italian 6.99, Japanese 7.84, Mandarin 5.18); Japanese takes the Kokoro voice's 7.1
morae a second (integrations.md §17).

A "speech word" is the time an average word takes at the channel's rate: 165 words a minute is
2.75 of them a second, whatever the language, so `words_per_minute` means the same for every
channel and a script of N speech words lasts N / words_per_minute minutes.
"""

from __future__ import annotations

import re

# Units (syllables; morae for Japanese) a second at 165 words a minute, the rate voices are tuned to.
REFERENCE_RATE = 165
UNITS_PER_SECOND = {
    "en": 4.5,  # measured: espeak-ng 4.34, Piper joe 4.65
    "fr": 5.08,  # measured, espeak-ng
    "es": 5.59,  # measured, espeak-ng
    "de": 4.72,  # measured, espeak-ng
    "it": 5.08, "pt": 5.3, "ja": 7.1, "zh": 3.77, "ko": 5.0,
}
DEFAULT_UNITS_PER_SECOND = 4.8
MORAE_PER_KANJI = 1.7

VOWELS = "aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœαεηιουωάέήίόύώаеёиоуыэюяіїє"
VOWEL_GROUP = re.compile(f"[{VOWELS}]+")
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc]")
SMALL_KANA = frozenset("ぁぃぅぇぉゃゅょゎァィゥェォャュョヮ")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]")
HANGUL = re.compile(r"[\uac00-\ud7af]")
SPANISH_HIATUS = re.compile(r"[aeoáéó](?=[aeoáéó])|[íú](?=[aeiou])|[aeiou](?=[íú])")


def _base(language: str) -> str:
    return (language or "").split("-")[0].split("_")[0].lower()


def _number_syllables(digits: str) -> float:
    # "7" one, "28" two or three, "1911" four ("nineteen eleven"), "250" five ("two hundred and fifty").
    return {1: 1.2, 2: 2.5, 3: 4.5, 4: 4.5}.get(len(digits), 1.5 * len(digits))


def word_syllables(word: str, language: str) -> float:
    lower = word.lower()
    if lower.isdigit():
        return _number_syllables(lower)
    groups = VOWEL_GROUP.findall(lower)
    if not groups:
        return max(1.0, len(lower) / 2.5)  # a script without written vowels (Arabic, Hindi...)
    count = len(groups)
    if language == "en" and count > 1:
        if re.search(r"[^aeiouy]e$", lower) and not lower.endswith("le"):
            count -= 1  # "stone", "made"
        elif re.search(r"[^aeiouydt]ed$", lower) or re.search(r"[^aeiouyszxhgc]es$", lower):
            count -= 1  # "climbed", "tides"
    elif language == "fr" and count > 1 and re.search(r"[^aeiouyé]es?$", lower):
        count -= 1  # "pierre", "arches"
    elif language == "es":
        count += len(SPANISH_HIATUS.findall(lower))  # "océano", "día"
    return float(count)


def spoken_units(text: str, language: str) -> float:
    """Syllables (morae for Japanese, characters for Chinese) the text takes to say."""
    language = _base(language)
    han = len(HAN.findall(text))
    kana = [ch for ch in KANA.findall(text) if ch not in SMALL_KANA]
    hangul = len(HANGUL.findall(text))
    units = 0.0
    if kana or language == "ja":
        units += len(kana) + han * MORAE_PER_KANJI
    else:
        units += han
    units += hangul
    rest = HAN.sub(" ", KANA.sub(" ", HANGUL.sub(" ", text)))
    latin = "en" if (han or kana or hangul) else language
    units += sum(word_syllables(word, latin) for word in WORD.findall(rest))
    return units


def units_per_second(language: str, words_per_minute: int = REFERENCE_RATE) -> float:
    language = _base(language)
    if language not in UNITS_PER_SECOND and language in ("", "und"):
        language = "en"
    base = UNITS_PER_SECOND.get(language, DEFAULT_UNITS_PER_SECOND)
    return base * max(1, words_per_minute) / REFERENCE_RATE


def _units_language(text: str, language: str) -> str:
    # A text with kana is Japanese and one with hanzi alone Chinese, whatever the channel says.
    if KANA.search(text):
        return "ja"
    if HAN.search(text) and _base(language) != "ja":
        return "zh"
    return language


def speech_seconds(text: str, language: str, words_per_minute: int = REFERENCE_RATE) -> float:
    """Seconds the text takes to narrate at the channel's rate."""
    language = _units_language(text, language)
    return spoken_units(text, language) / units_per_second(language, words_per_minute)


def speech_words(text: str, language: str) -> float:
    """The text's length in speech words (the time of an average word at the channel's rate)."""
    return speech_seconds(text, language, REFERENCE_RATE) * REFERENCE_RATE / 60
