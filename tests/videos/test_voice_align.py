"""Word times aligned from the audio (pocketsphinx), for voices that report none, and the spoken
form of written numbers that the alignment and the voice bench use."""

from __future__ import annotations

import itertools
import wave

import numpy as np
import pytest

from videos.voice.align import align_words, ipa_to_phones
from videos.voice.espeak import EspeakVoice
from videos.voice.piper import PiperVoice
from videos.voice.spoken import spoken_text

SILENCE = 1.5


def _join_with_silence(first, second, out, seconds: float) -> float:
    """first + `seconds` of silence + second, as one WAV; returns where the second clip starts."""
    frames = []
    for path in (first, second):
        with wave.open(str(path)) as wav:
            rate = wav.getframerate()
            frames.append(wav.readframes(wav.getnframes()))
    gap = np.zeros(int(seconds * rate), dtype=np.int16).tobytes()
    with wave.open(str(out), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(frames[0] + gap + frames[1])
    return len(frames[0]) / 2 / rate + seconds


@pytest.mark.parametrize("voice", [EspeakVoice(voice="gmw/en-US"), PiperVoice()], ids=["espeak", "piper"])
def test_the_second_word_is_found_after_a_known_silence(tmp_path, voice):
    first = voice.synthesize("Lighthouse.", tmp_path / "a.wav")
    second = voice.synthesize("Seventeen ninety.", tmp_path / "b.wav")
    second_starts = _join_with_silence(first.path, second.path, tmp_path / "ab.wav", SILENCE)
    words = align_words(tmp_path / "ab.wav", "Lighthouse. Seventeen ninety.")
    assert [w.word for w in words] == ["Lighthouse.", "Seventeen", "ninety."]
    assert words[0].end < second_starts - SILENCE + 0.15
    # The voice's own leading silence is under 0.15 s; a split by syllables would start near 1.4 s.
    assert second_starts - 0.05 <= words[1].start < second_starts + 0.3
    with wave.open(str(tmp_path / "ab.wav")) as wav:
        joined = wav.getnframes() / wav.getframerate()
    assert words[1].end <= words[2].start < words[2].end <= joined


def test_times_are_monotonic_inside_the_audio_and_agree_with_the_model_for_numbers_names_and_marks(tmp_path):
    text = "In 1957, Zorblatt Kowalczyk paid forty dollars — about 3.5% of it — on the 21st of May."
    narration = PiperVoice().synthesize(text, tmp_path / "n.wav")
    words = align_words(narration.path, text)
    assert [w.word for w in words] == text.split()
    assert all(0.0 <= w.start <= w.end <= narration.duration for w in words)
    assert all(a.end <= b.start + 1e-9 for a, b in itertools.pairwise(words))
    # Where the aligner hears each spoken word is where the model put it (a syllable split is off by
    # up to a second here: "1957," is four spoken words, "Zorblatt" a made-up name).
    spoken = [(a, b) for a, b in zip(words, narration.words, strict=True) if a.word != "—"]
    assert max(abs(a.start - b.start) for a, b in spoken) < 0.15


def test_a_number_read_another_way_than_written_does_not_lose_the_other_words(tmp_path):
    # espeak-ng (Piper's phonemizer) reads "$40" as "dollar forty", not "forty dollars".
    text = "Kowalczyk paid $40 for the lamp on the 21st of May."
    narration = PiperVoice().synthesize(text, tmp_path / "n.wav")
    words = align_words(narration.path, text)
    assert [w.word for w in words] == text.split()
    assert max(abs(a.start - b.start) for a, b in zip(words, narration.words, strict=True)) < 0.15


def test_audio_that_does_not_match_the_text_still_gets_times_inside_the_speech(tmp_path):
    narration = PiperVoice().synthesize("Radio amateurs listened every night.", tmp_path / "n.wav")
    words = align_words(narration.path, "Completely different words are written here instead.")
    assert len(words) == 7 and words[0].start >= 0.0 and words[-1].end <= narration.duration
    assert [w.start for w in words] == sorted(w.start for w in words)


def test_other_languages_share_the_spoken_span_by_syllables(tmp_path):
    narration = EspeakVoice(voice="de", language="de").synthesize("Guten Morgen, liebe Freunde.", tmp_path / "n.wav")
    words = align_words(narration.path, "Guten Morgen, liebe Freunde.", language="de")
    assert [w.word for w in words] == ["Guten", "Morgen,", "liebe", "Freunde."]
    assert words[0].start >= 0.0 and words[-1].end <= narration.duration


def test_unknown_names_get_a_pronunciation_from_espeak():
    assert ipa_to_phones("zˈɔːɹblæt") == "Z AO R B L AE T"
    assert ipa_to_phones("ʘ") == ""


def test_numbers_are_spelled_as_they_are_spoken():
    assert " ".join(spoken_text("In 1957, the 1950s; 2008 and 2024, 1905, 1900")) == (
        "in nineteen fifty seven the nineteen fifties two thousand eight and twenty twenty four "
        "nineteen oh five nineteen hundred")
    assert " ".join(spoken_text("$5, 40%, 3.5, 2,500, 21st, twenty-one — 101")) == (
        "five dollars forty percent three point five two thousand five hundred twenty first twenty one "
        "one hundred one")
