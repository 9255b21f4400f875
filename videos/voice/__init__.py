"""Narration voices: espeak-ng (offline, default) and Google TTS (online), chosen per channel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from videos.voice.base import Narration, Voice, VoiceError, VoiceUnavailable, WordTiming

__all__ = ["FallbackVoice", "Narration", "Voice", "VoiceError", "VoiceUnavailable", "WordTiming",
           "available_voices", "get_voice", "voice_signature"]


class FallbackVoice:
    """Google TTS first; when it cannot be reached, espeak-ng for this and every later scene."""

    def __init__(self, primary: Voice, fallback: Voice, on_fallback: Callable[[str], None] | None = None) -> None:
        self.primary, self.fallback, self.on_fallback = primary, fallback, on_fallback
        self.engine = primary.engine
        self.fell_back = False

    def synthesize(self, text: str, out_path: Path) -> Narration:
        if not self.fell_back:
            try:
                return self.primary.synthesize(text, out_path)
            except VoiceUnavailable as exc:
                self.fell_back = True
                self.engine = self.fallback.engine
                if self.on_fallback:
                    self.on_fallback(f"{exc.message} Narrated with espeak-ng instead, as the channel allows.")
        return self.fallback.synthesize(text, out_path)


def get_voice(channel: Any, *, on_fallback: Callable[[str], None] | None = None) -> Voice:
    from videos.voice.espeak import EspeakVoice
    from videos.voice.gtts import GttsVoice

    espeak = EspeakVoice(voice=channel.voice_name, language=channel.language, rate=channel.voice_rate)
    if channel.voice_engine != "gtts":
        return espeak
    gtts = GttsVoice(language=channel.language, rate=channel.voice_rate)
    return FallbackVoice(gtts, espeak, on_fallback) if channel.voice_fallback else gtts


def voice_signature(channel: Any) -> str:
    """What changes a scene's audio besides its text; a narration is redone when this changes."""
    return "|".join(str(v) for v in (channel.voice_engine, channel.voice_name, channel.language,
                                     channel.voice_rate, channel.voice_fallback))


def available_voices() -> list[dict[str, str]]:
    """Every voice this machine can use, for doctor and the channel form."""
    from videos.voice.espeak import list_voices
    from videos.voice.gtts import list_languages

    return list_voices() + list_languages()
