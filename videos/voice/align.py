"""Word times for any narration: the audio aligned to its text by pocketsphinx.

For voices that report no word times (gTTS, cloud voices) `align_words(wav, text)` finds where each
written word is spoken. pocketsphinx ships its US English acoustic model and pronouncing dictionary
in its wheel, so nothing is downloaded. Words the dictionary lacks (names) get a pronunciation made
from espeak-ng's phonemes (through piper-tts's bundled espeak-ng) mapped to the dictionary's phone set.
Other languages, and audio the aligner cannot match to the text, get the spoken span (silence trimmed)
shared out by syllables.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
import wave
from pathlib import Path

import numpy as np

from videos.voice.base import WordTiming, spread_by_syllables, words_with_offsets
from videos.voice.spoken import spoken_words

logger = logging.getLogger(__name__)

ALIGN_RATE = 16000
FRAME_SECONDS = 0.01  # pocketsphinx's frame
_local = threading.local()

# espeak-ng IPA (en-us) to the CMU dictionary's phones; two-character sounds are matched first.
_IPA_PAIRS = {"aɪ": "AY", "aʊ": "AW", "ɔɪ": "OY", "eɪ": "EY", "oʊ": "OW", "tʃ": "CH", "dʒ": "JH", "ɜː": "ER",
              "iː": "IY", "uː": "UW", "ɑː": "AA", "ɔː": "AO", "ɪɹ": "IH R", "ɛɹ": "EH R", "ʊɹ": "UH R",
              "ɑɹ": "AA R", "ɔɹ": "AO R", "oːɹ": "AO R"}
_IPA_SINGLE = {"ɪ": "IH", "ɛ": "EH", "æ": "AE", "ʌ": "AH", "ə": "AH", "ɐ": "AH", "ᵻ": "IH", "ʊ": "UH", "ɑ": "AA",
               "ɔ": "AO", "i": "IY", "u": "UW", "a": "AA", "e": "EH", "o": "OW", "ɚ": "ER", "ɝ": "ER", "ɜ": "ER",
               "p": "P", "b": "B", "t": "T", "d": "D", "k": "K", "g": "G", "ɡ": "G", "f": "F", "v": "V", "θ": "TH",
               "ð": "DH", "s": "S", "z": "Z", "ʃ": "SH", "ʒ": "ZH", "h": "HH", "m": "M", "n": "N", "ŋ": "NG",
               "l": "L", "ɹ": "R", "r": "R", "w": "W", "j": "Y", "ɾ": "T", "ʔ": "T", "x": "K"}
_IPA_SKIP = set("ˈˌː̩ʲ-")
_NUMERIC = re.compile(r"[\d$£€%&+=@]")


def read_mono(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as wav:
        rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
        frames = wav.readframes(wav.getnframes())
    if width != 2:
        raise ValueError(f"{path.name} is not 16-bit PCM")
    samples = np.frombuffer(frames, dtype=np.int16).astype(np.float32)
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return samples, rate


def resample(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    if rate == target or not len(samples):
        return samples
    count = round(len(samples) * target / rate)
    return np.interp(np.linspace(0, len(samples) - 1, count), np.arange(len(samples)), samples)


def speech_span(samples: np.ndarray, rate: int) -> tuple[float, float]:
    """Where the voice starts and stops: the first and last 10 ms above 2% of the loudest."""
    window = max(1, rate // 100)
    usable = len(samples) // window * window
    if not usable:
        return 0.0, len(samples) / rate
    energy = np.abs(samples[:usable]).reshape(-1, window).max(axis=1)
    loud = np.nonzero(energy > 0.02 * max(float(energy.max()), 1.0))[0]
    if not len(loud):
        return 0.0, len(samples) / rate
    return float(loud[0] * window / rate), float((loud[-1] + 1) * window / rate)


def _decoder():
    """One decoder per thread (they are not thread-safe), made once: about 0.2 s each."""
    decoder = getattr(_local, "decoder", None)
    if decoder is None:
        from pocketsphinx import Decoder

        decoder = _local.decoder = Decoder(lm=None, loglevel="FATAL", samprate=ALIGN_RATE)
        _local.cmn = decoder.get_cmn()
    # The cepstral mean adapts to each utterance; starting every one from the model's own makes a
    # narration's times independent of what this thread aligned before.
    decoder.set_cmn(_local.cmn)
    return decoder


def ipa_to_phones(ipa: str) -> str:
    """espeak-ng's IPA as CMU dictionary phones, or "" if a sound has no counterpart."""
    ipa = unicodedata.normalize("NFC", ipa)
    phones, index = [], 0
    while index < len(ipa):
        if ipa[index] in _IPA_SKIP or ipa[index].isspace():
            index += 1
            continue
        for size in (3, 2):
            chunk = ipa[index:index + size]
            if chunk in _IPA_PAIRS:
                phones.append(_IPA_PAIRS[chunk])
                index += size
                break
        else:
            phone = _IPA_SINGLE.get(ipa[index])
            if phone is None:
                return ""
            phones.append(phone)
            index += 1
    return " ".join(phones)


def guess_pronunciation(word: str) -> str:
    """A dictionary pronunciation for a word the dictionary lacks, from espeak-ng; "" if none."""
    try:
        from piper.phonemize_espeak import EspeakPhonemizer
        from piper.voice import _ESPEAK_PHONEMIZER_LOCK
    except ImportError:
        return ""
    with _ESPEAK_PHONEMIZER_LOCK:  # espeak-ng is one global state, shared with Piper's synthesis
        sentences = EspeakPhonemizer().phonemize("en-us", word)
    return ipa_to_phones("".join("".join(s) for s in sentences))


def _vocabulary(decoder, words: list[str]) -> list[str]:
    """The words, each known to the decoder (added from espeak-ng if need be); unknown ones dropped."""
    known = []
    for word in words:
        if decoder.lookup_word(word) is None:
            phones = guess_pronunciation(word)
            if not phones:
                continue
            decoder.add_word(word, phones, True)
        known.append(word)
    return known


def align_words(wav_path: Path, text: str, *, language: str = "en") -> tuple[WordTiming, ...]:
    """When each whitespace-separated word of `text` is spoken in the WAV at `wav_path`: monotonic,
    inside the audio. Aligned by pocketsphinx for English; spread by syllables otherwise."""
    samples, rate = read_mono(wav_path)
    duration = len(samples) / rate
    text = " ".join(text.split())
    start, end = speech_span(samples, rate)
    if not language.lower().startswith("en"):
        return spread_by_syllables(text, start, end, language)
    audio = resample(samples, rate, ALIGN_RATE)
    # Numbers and symbols are what voices read differently ("$40": "forty dollars" or "dollar forty"),
    # so a second pass leaves them out and lets them share the time between their neighbours.
    for skip_numbers in (False, True):
        try:
            aligned = _align(audio, text, duration, skip_numbers=skip_numbers)
        except RuntimeError as exc:  # pocketsphinx refuses the text or finds no path through the audio
            logger.info("alignment failed: %s", exc)
            aligned = None
        if aligned is not None:
            return aligned
    return spread_by_syllables(text, start, end, language)


def _align(samples: np.ndarray, text: str, duration: float, *, skip_numbers: bool = False,
           ) -> tuple[WordTiming, ...] | None:
    decoder = _decoder()
    written = [word for word, _, _ in words_with_offsets(text)]
    spoken = [[] if skip_numbers and _NUMERIC.search(word) else spoken_words(word) for word in written]
    vocabulary = set(_vocabulary(decoder, sorted({w for words in spoken for w in words})))
    spoken = [[w for w in words if w in vocabulary] for words in spoken]
    flat = [w for words in spoken for w in words]
    if not flat:
        return None
    decoder.set_align_text(" ".join(flat))
    decoder.start_utt()
    decoder.process_raw(np.clip(samples, -32768, 32767).astype(np.int16).tobytes(), full_utt=True)
    decoder.end_utt()
    segments = [(s.word.split("(")[0], s.start_frame * FRAME_SECONDS, (s.end_frame + 1) * FRAME_SECONDS)
                for s in decoder.seg() or () if not s.word.startswith(("<", "[", "+"))]
    if [word for word, _, _ in segments] != flat:
        return None
    return _per_written_word(written, spoken, segments, duration)


def _per_written_word(written, spoken, segments, duration) -> tuple[WordTiming, ...]:
    timings: list[WordTiming] = []
    index, last_end = 0, 0.0
    pending: list[str] = []  # written words with nothing aligned (marks, unknown words): share the next gap
    for word, words in zip(written, spoken, strict=True):
        if not words:
            pending.append(word)
            continue
        start = segments[index][1]
        end = min(segments[index + len(words) - 1][2], duration)
        timings += _share(pending, last_end, start)
        pending = []
        timings.append(WordTiming(word, min(start, end), end))
        index, last_end = index + len(words), end
    timings += _share(pending, last_end, duration)
    return tuple(timings)


def _share(words: list[str], start: float, end: float) -> list[WordTiming]:
    if not words:
        return []
    step = max(end - start, 0.0) / len(words)
    return [WordTiming(word, start + i * step, start + (i + 1) * step) for i, word in enumerate(words)]
