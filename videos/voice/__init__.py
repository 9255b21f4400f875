"""Narration voices, chosen per channel: Piper (neural, offline, the default), Kokoro for Japanese
(neural, offline, installed by `make voice-ja`), espeak-ng (offline, the fallback and the voice for
languages without a neural one, but never for Japanese or Chinese, which it cannot read), Google TTS
(online) and the cloud voices (any OpenAI-compatible speech server, ElevenLabs).

A channel on the default engine with no voice picked gets the best offline voice for its language
(languages.offline_voice); a language only espeak-ng reads is narrated by it with a warning on the
job naming the voice to install; a language nothing here reads refuses to narrate, saying what to
install. A fallback to espeak-ng happens only for languages it reads.

Engines are looked up by name in ENGINES. An engine module offers `voice_for_channel(channel)`,
returning a `Voice`, and `list_voices()`, returning dicts with engine, id, name and languages; adding
an engine is one `register_engine(...)` line below and that module.
"""

from __future__ import annotations

import copy
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from videos.voice.base import Narration, Voice, VoiceError, VoiceUnavailable, WordTiming

# onnxruntime (Piper's runtime) sends usage telemetry to Microsoft when a session starts, on Linux too
# (1.32); only this variable, set before onnxruntime is imported, stops it. Narration stays offline.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

__all__ = ["ENGINES", "Engine", "FallbackVoice", "Narration", "Voice", "VoiceError", "VoiceUnavailable",
           "WordTiming", "available_voices", "engine_choices", "get_voice", "register_engine", "voice_choices",
           "voice_signature"]

DEFAULT_ENGINE = "piper"
FALLBACK_ENGINE = "espeak"


@dataclass(frozen=True)
class Engine:
    name: str  # what Channel.voice_engine stores
    label: str  # what the channel form shows
    module: str  # dotted path of the module with voice_for_channel() and list_voices()
    named_voices: bool = True  # False: the engine ignores voice_name (gTTS speaks the channel language)

    def voice_for_channel(self, channel: Any) -> Voice:
        return import_module(self.module).voice_for_channel(channel)

    def list_voices(self) -> list[dict[str, str]]:
        return import_module(self.module).list_voices()


ENGINES: dict[str, Engine] = {}


def register_engine(engine: Engine) -> None:
    ENGINES[engine.name] = engine


register_engine(Engine("piper", "Piper neural voice (offline)", "videos.voice.piper"))
register_engine(Engine("espeak", "espeak-ng (offline)", "videos.voice.espeak"))
register_engine(Engine("gtts", "Google TTS (online)", "videos.voice.gtts", named_voices=False))
register_engine(Engine("kokoro_ja", "Kokoro Japanese voice (offline; make voice-ja)", "videos.voice.kokoro_ja"))
register_engine(Engine("openai", "OpenAI-compatible speech server (Kokoro, OpenAI, LocalAI)",
                       "videos.voice.openai_speech"))
register_engine(Engine("elevenlabs", "ElevenLabs (online)", "videos.voice.elevenlabs"))


def voice_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Voice names grouped by engine, for the channel form (engines that take no voice name left out)."""
    groups = []
    for engine in ENGINES.values():
        if engine.named_voices:
            voices = [(v["id"], f"{v['name']} ({v['languages']})" if v.get("languages") else v["name"])
                      for v in engine.list_voices()]
            if voices:
                groups.append((engine.label, voices))
    return groups


def engine_choices() -> list[tuple[str, str]]:
    """Choices for Channel.voice_engine (a callable, so a new engine needs no migration)."""
    return [(engine.name, engine.label) for engine in ENGINES.values()]


class FallbackVoice:
    """The channel's engine first; when it cannot run, espeak-ng for this and every later scene."""

    def __init__(self, primary: Voice, fallback: Voice, on_fallback: Callable[[str], None] | None = None) -> None:
        self.primary, self.fallback, self.on_fallback = primary, fallback, on_fallback
        self.engine = primary.engine
        self.parallel = getattr(primary, "parallel", False) and getattr(fallback, "parallel", False)
        self.fell_back = False
        self._lock = threading.Lock()

    def synthesize(self, text: str, out_path: Path) -> Narration:
        if not self.fell_back:
            try:
                return self.primary.synthesize(text, out_path)
            except VoiceUnavailable as exc:
                with self._lock:  # scenes run in parallel: the warning is given once
                    first, self.fell_back = not self.fell_back, True
                self.engine = self.fallback.engine
                if first and self.on_fallback:
                    self.on_fallback(f"{exc.message} Narrated with espeak-ng instead, as the channel allows.")
        return self.fallback.synthesize(text, out_path)


def get_voice(channel: Any, *, on_fallback: Callable[[str], None] | None = None) -> Voice:
    """The channel's voice, wrapped so espeak-ng takes over when the engine cannot run and the channel
    allows a fallback (voice_fallback) and espeak-ng reads the language. Raises VoiceError, saying
    what to install, when no voice here reads the channel's language; `on_fallback` hears (once)
    that a language is narrated robotically by espeak-ng for want of a neural voice."""
    from videos.voice.languages import espeak_voice, voice_check

    engine = ENGINES.get(channel.voice_engine)
    if engine is None:
        known = ", ".join(ENGINES)
        raise VoiceError(f"This channel's voice engine {channel.voice_engine!r} is not installed here. Pick one "
                         f"of {known} in the channel settings.")
    check = voice_check(channel)
    if not check.speaks:
        raise VoiceError(check.text())
    if check.engine and check.engine != channel.voice_engine:
        # The default engine with no voice picked, and no Piper voice for the language: the best offline one.
        stand_in = copy.copy(channel)
        stand_in.voice_engine, stand_in.voice_name = check.engine, check.voice
        primary = ENGINES[check.engine].voice_for_channel(stand_in)
        if check.message and on_fallback:
            on_fallback(check.text())
    else:
        primary = engine.voice_for_channel(channel)
    fallback = espeak_voice(channel.language)
    if primary.engine == FALLBACK_ENGINE or not channel.voice_fallback or fallback is None:
        return primary
    from videos.voice.espeak import EspeakVoice

    # The channel's voice name belongs to its own engine, so espeak-ng speaks with its voice for the language.
    return FallbackVoice(primary, EspeakVoice(voice=fallback, language=channel.language, rate=channel.voice_rate),
                         on_fallback)


def voice_signature(channel: Any) -> str:
    """What changes a scene's audio besides its text; a narration is redone when this changes (the
    voice actually chosen for the language included, so installing a neural voice narrates anew)."""
    from videos.voice.languages import voice_check
    from videos.voice.piper import BUNDLED_VOICE

    parts = [channel.voice_engine, channel.voice_name, channel.language, channel.voice_rate, channel.voice_fallback]
    if channel.voice_engine in ("openai", "elevenlabs"):
        parts.append(ENGINES[channel.voice_engine].voice_for_channel(channel).signature())  # server, model, voice
    check = voice_check(channel)
    chosen = (check.engine or channel.voice_engine, check.voice or channel.voice_name)
    if chosen not in ((channel.voice_engine, channel.voice_name), ("piper", BUNDLED_VOICE)):
        parts += list(chosen)
    return "|".join(str(v) for v in parts)


def available_voices() -> list[dict[str, str]]:
    """Every voice this machine can use, for doctor and the channel form."""
    voices: list[dict[str, str]] = []
    for engine in ENGINES.values():
        voices += engine.list_voices()
    return voices
