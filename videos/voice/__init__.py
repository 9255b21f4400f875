"""Narration voices: espeak-ng (offline, default), Google TTS (online) and the cloud voices
(OpenAI-compatible speech, ElevenLabs), chosen per channel."""

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


def _cloud_voice(channel: Any) -> Voice | None:
    """The channel's cloud voice (OpenAI-compatible speech, ElevenLabs), or None for the others."""
    if channel.voice_engine == "openai":
        from videos.voice.openai_speech import OpenAISpeechVoice

        return OpenAISpeechVoice.for_channel(channel)
    if channel.voice_engine == "elevenlabs":
        from videos.voice.elevenlabs import ElevenLabsVoice

        return ElevenLabsVoice.for_channel(channel)
    return None


def get_voice(channel: Any, *, on_fallback: Callable[[str], None] | None = None) -> Voice:
    from videos.voice.espeak import EspeakVoice
    from videos.voice.gtts import GttsVoice

    espeak = EspeakVoice(voice=channel.voice_name, language=channel.language, rate=channel.voice_rate)
    if (cloud := _cloud_voice(channel)) is not None:
        # The channel's voice names a cloud voice here, so the fallback speaks with espeak-ng's default.
        offline = EspeakVoice(language=channel.language, rate=channel.voice_rate)
        return FallbackVoice(cloud, offline, on_fallback) if channel.voice_fallback else cloud
    if channel.voice_engine != "gtts":
        return espeak
    gtts = GttsVoice(language=channel.language, rate=channel.voice_rate)
    return FallbackVoice(gtts, espeak, on_fallback) if channel.voice_fallback else gtts


def voice_signature(channel: Any) -> str:
    """What changes a scene's audio besides its text; a narration is redone when this changes."""
    parts = [channel.voice_engine, channel.voice_name, channel.language, channel.voice_rate, channel.voice_fallback]
    if (cloud := _cloud_voice(channel)) is not None:
        parts.append(cloud.signature())  # the server, model and default voice from settings
    return "|".join(str(v) for v in parts)


def available_voices() -> list[dict[str, str]]:
    """Every voice this machine can use, for doctor and the channel form."""
    from videos.voice.cloud import configured_cloud_voices
    from videos.voice.espeak import list_voices
    from videos.voice.gtts import list_languages

    return list_voices() + list_languages() + configured_cloud_voices()
