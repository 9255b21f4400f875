"""What every voice returns: the narration file, its measured length and when each word is spoken."""

from __future__ import annotations

import re
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

# Every engine's output ends as this WAV, so the renderer sees one format.
SAMPLE_RATE = 22050
CHANNELS = 1


@dataclass(frozen=True)
class WordTiming:
    word: str
    start: float
    end: float

    def as_dict(self) -> dict[str, object]:
        return {"word": self.word, "start": round(self.start, 3), "end": round(self.end, 3)}


@dataclass(frozen=True)
class Narration:
    path: Path
    duration: float
    words: tuple[WordTiming, ...]
    engine: str


class VoiceError(Exception):
    """Synthesis failed for a reason the user can act on; the message says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class VoiceUnavailable(VoiceError):
    """The engine cannot run here (no network for gTTS, no espeak-ng library)."""


class Voice(Protocol):
    """A voice may also set `parallel = True` when scenes can be synthesised from several threads at
    once and synthesis touches no database (Piper, espeak-ng); the narrate step then runs
    VOICE_PARALLEL_SCENES at a time. Voices without it run one scene after another."""

    engine: str

    def synthesize(self, text: str, out_path: Path) -> Narration: ...


def wav_duration(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / float(wav.getframerate())


_VOWEL_GROUPS = re.compile(r"[aeiouyäöüàâéèêëîïôûù]+", re.IGNORECASE)
_SMALL_KANA = set("ゃゅょぁぃぅぇぉゎャュョァィゥェォヮ")  # part of the mora before them (きゃ is one)
_KANJI_MORAE = 1.7  # a kanji is read with 1-3 morae in Japanese; about 1.7 on average in running text


def words_with_offsets(text: str, language: str = "") -> list[tuple[str, int, int]]:
    """The words of `text` with their character span: whitespace-separated, and phrases (budoux) in
    Japanese, Chinese and Thai, which put no space between words."""
    from videos.phrases import split_words

    return split_words(text, language)


def syllables(word: str, language: str = "") -> float:
    """How long a word takes to say, in syllables (morae for Japanese, characters for Chinese)."""
    from videos.phrases import script_of, written_without_spaces

    if written_without_spaces(word):
        script = script_of(word, language)
        count = 0.0
        for char in word:
            if not char.isalnum() or char in _SMALL_KANA:
                continue
            if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf":
                count += _KANJI_MORAE if script == "ja" else 1.0
            elif "\u0e00" <= char <= "\u0e7f":
                count += 0.4  # Thai letters: about two and a half to a syllable
            else:
                count += 1.0
        return max(1.0, count)
    letters = re.sub(r"[^\w]", "", word)
    if letters.isdigit():
        return max(1, len(letters))  # "1957" is spoken as several words
    return max(1, len(_VOWEL_GROUPS.findall(letters)))


_CLAUSE_END = tuple(",;:、，；：")
_SENTENCE_END = tuple(".!?。！？")


def spread_by_syllables(text: str, start: float, end: float, language: str = "") -> tuple[WordTiming, ...]:
    """Word times when the engine reports none: the spoken span shared out by syllables, with a
    short pause after sentence and clause punctuation, as a speaker would."""
    words = [w for w, _, _ in words_with_offsets(text, language)]
    if not words or end <= start:
        return ()
    weights = []
    for word in words:
        pause = 1.5 if word.endswith(_SENTENCE_END) else 0.7 if word.endswith(_CLAUSE_END) else 0.0
        weights.append((syllables(word, language), pause))
    total = sum(s + p for s, p in weights)
    unit = (end - start) / total
    timings, cursor = [], start
    for word, (syl, pause) in zip(words, weights, strict=True):
        word_end = cursor + syl * unit
        timings.append(WordTiming(word, cursor, word_end))
        cursor = word_end + pause * unit
    return tuple(timings)
