"""espeak-ng, offline, through pyttsx3's ctypes binding of libespeak-ng.

The library is driven directly in synchronous mode rather than through pyttsx3's engine loop: the
loop only writes a file on end-of-message (and is known to hang or write nothing in loops), while
the synth callback hands us both the samples and espeak-ng's word events with their audio position
in milliseconds, which is what word-level subtitles need.

Each synthesis runs in a fresh process (`espeak_child.py`, about 0.15 s to start): libespeak-ng
carries state from one call to the next that its API cannot reset, so in one process the same text
came out up to 52 ms longer depending on what was said before, and a recovered render would not
have matched an uninterrupted one. A fresh process says the same text the same way every time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import wave
from pathlib import Path

from videos.voice.base import (
    CHANNELS,
    SAMPLE_RATE,
    Narration,
    VoiceError,
    VoiceUnavailable,
    WordTiming,
    spread_by_syllables,
    words_with_offsets,
)

# In this process libespeak-ng only lists voices (synthesis runs in a fresh process each time).
_lock = threading.Lock()
_state: dict[str, object] = {}


def _library():
    """Load and initialise libespeak-ng once per process (after a fork, in the worker)."""
    if _state.get("pid") == os.getpid():
        return _state["espeak"]
    try:
        from pyttsx3.drivers import _espeak as espeak
    except (ImportError, OSError, RuntimeError) as exc:
        raise VoiceUnavailable(UNAVAILABLE) from exc
    rate = espeak.Initialize(espeak.AUDIO_OUTPUT_SYNCHRONOUS, 500, None, 0)
    if rate != SAMPLE_RATE:
        raise VoiceUnavailable(f"espeak-ng started at {rate} Hz instead of {SAMPLE_RATE}; reinstall espeak-ng.")
    _state.update(pid=os.getpid(), espeak=espeak)
    return espeak


class EspeakVoice:
    engine = "espeak"
    parallel = True  # each synthesis is its own process

    def __init__(self, *, voice: str = "", language: str = "en", rate: int = 165) -> None:
        self.voice = voice or language or "en"
        self.language = language or "en"
        self.rate = int(rate)

    def synthesize(self, text: str, out_path: Path) -> Narration:
        text = " ".join(text.split())
        if not text:
            raise VoiceError("This scene has no narration text. Write its narration, then narrate again.")
        reply, audio = _synthesize_fresh({"text": text, "voices": self._voice_names(), "rate": self.rate,
                                          "sample_rate": SAMPLE_RATE})
        error = reply.get("error")
        if error == "unavailable":
            raise VoiceUnavailable(UNAVAILABLE)
        if error == "rate":
            raise VoiceUnavailable(f"espeak-ng started at {reply.get('detail')} Hz instead of {SAMPLE_RATE}; "
                                   "reinstall espeak-ng.")
        if error == "voice":
            raise VoiceError(f"espeak-ng has no voice {self.voice!r} for {self.language!r} here. Install the Debian "
                             "package espeak-ng-data (make setup does), or pick another voice.")
        if error or not audio:
            raise VoiceError("espeak-ng produced no audio for this scene. Check its narration text and the voice.")
        _write_wav(audio, out_path)
        duration = len(audio) / 2 / SAMPLE_RATE
        words = _word_timings(text, [(int(o), float(s)) for o, s in reply["events"]], duration)
        return Narration(path=out_path, duration=duration, words=words, engine=self.engine)

    def _voice_names(self) -> list[str]:
        """The voice asked for, else espeak-ng's voice for the language; never one of another language
        (English reading French), nor any for Japanese or Chinese, which espeak-ng cannot read."""
        from videos.voice.languages import espeak_voice, install_hint, language_name

        for_language = espeak_voice(self.language)
        if for_language is None:
            raise VoiceError(f"espeak-ng cannot read {language_name(self.language)}. {install_hint(self.language)}")
        with _lock:
            identifier = _identifier(_library(), for_language)
        return [name for name in (self.voice, identifier, for_language) if name]


def _identifier(espeak, language: str) -> str:
    """The voice file (e.g. "roa/fr") of the voice whose language is `language` ("fr-fr"): the library
    selects voices by file name, where the command line's -v also takes a language."""
    if language not in _identifiers:
        wanted = language.lower()
        for voice in espeak.ListVoices(None):
            spoken = (voice.languages or b"")[1:].split(b"\0")[0].decode(errors="replace").lower()
            if spoken == wanted:
                _identifiers[language] = (voice.identifier or b"").decode()
                break
        else:
            _identifiers[language] = ""
    return _identifiers[language]


_identifiers: dict[str, str] = {}


UNAVAILABLE = ("espeak-ng is not installed on this machine. Install the Debian packages espeak-ng and "
               "libespeak-ng1 (make setup does), or choose Google TTS for this channel.")
CHILD = Path(__file__).with_name("espeak_child.py")
CHILD_TIMEOUT_SECONDS = 300


def _synthesize_fresh(request: dict) -> tuple[dict, bytes]:
    """Run one synthesis in a new process; (its JSON reply, the PCM audio)."""
    try:
        done = subprocess.run([sys.executable, "-I", str(CHILD)], input=json.dumps(request).encode(),
                              capture_output=True, timeout=CHILD_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired as exc:
        raise VoiceError(f"espeak-ng took longer than {CHILD_TIMEOUT_SECONDS} s for this scene; shorten its "
                         "narration or narrate again.") from exc
    head, _, audio = done.stdout.partition(b"\n")
    try:
        reply = json.loads(head)
    except ValueError:
        reply = {"error": "crashed"}
    if done.returncode != 0 or reply.get("error") == "crashed":
        raise VoiceError(f"espeak-ng stopped (exit {done.returncode}) without finishing this scene: "
                         f"{done.stderr.decode(errors='replace').strip()[-300:] or 'no message'}. Narrate again, "
                         "or choose another voice.")
    return reply, audio


def _write_wav(audio: bytes, out_path: Path) -> None:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(out_path.name + ".partial")
    with wave.open(str(partial), "wb") as wav:
        wav.setnchannels(CHANNELS)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(audio)
    partial.replace(out_path)


def _word_timings(text: str, events: list[tuple[int, float]], duration: float) -> tuple[WordTiming, ...]:
    """Match espeak-ng's word events (byte offsets into the UTF-8 text) to the text's words.

    espeak-ng reports one event per spoken word, so "1957" gives several and a hyphenated word may
    give one; each written word starts at its first event. Words without an event are spread by
    syllables between their neighbours."""
    words = words_with_offsets(text)
    if not events:
        return spread_by_syllables(text, 0.0, duration)
    encoded_starts = [len(text[:start].encode("utf-8")) for _, start, _ in words]
    encoded_ends = [len(text[:end].encode("utf-8")) for _, _, end in words]
    starts: list[float | None] = [None] * len(words)
    for offset, seconds in events:
        for index, (lo, hi) in enumerate(zip(encoded_starts, encoded_ends, strict=True)):
            if lo <= offset < hi:
                if starts[index] is None:
                    starts[index] = seconds
                break
    return _fill_gaps(words, starts, duration)


def _fill_gaps(words, starts: list[float | None], duration: float) -> tuple[WordTiming, ...]:
    known = [i for i, s in enumerate(starts) if s is not None]
    if not known:
        return spread_by_syllables(" ".join(w for w, _, _ in words), 0.0, duration)
    filled = list(starts)
    for index in range(len(filled)):
        if filled[index] is None:
            before = max((k for k in known if k < index), default=None)
            after = min((k for k in known if k > index), default=None)
            lo = filled[before] if before is not None else 0.0
            hi = starts[after] if after is not None else duration
            span = (after if after is not None else len(filled)) - (before if before is not None else -1)
            step = (index - (before if before is not None else -1)) / span
            filled[index] = lo + (hi - lo) * step
    timings = []
    for index, (word, _, _) in enumerate(words):
        end = filled[index + 1] if index + 1 < len(filled) else duration
        end = max(end, filled[index] + 0.05)
        timings.append(WordTiming(word, float(filled[index]), float(min(end, duration))))
    return tuple(timings)


def voice_for_channel(channel) -> EspeakVoice:
    return EspeakVoice(voice=channel.voice_name, language=channel.language, rate=channel.voice_rate)


def list_voices() -> list[dict[str, str]]:
    try:
        espeak = _library()
    except VoiceUnavailable:
        return []
    with _lock:
        voices = espeak.ListVoices(None)
        return [
            {"engine": "espeak", "id": (v.identifier or b"").decode(), "name": (v.name or b"").decode(),
             "languages": (v.languages or b"")[1:].split(b"\0")[0].decode(errors="replace")}
            for v in voices
        ]
