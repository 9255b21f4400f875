"""Google Translate's TTS through gTTS (online). gTTS writes MP3; it is converted to the common WAV.

gTTS builds its URL from `https://translate.google.<tld>/` and offers no way to change the host;
GTTS_TLD picks the domain.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from django.conf import settings

from faceless_site.providers import BreakerOpen, provider_call
from videos.voice.align import align_words
from videos.voice.base import (
    CHANNELS,
    SAMPLE_RATE,
    Narration,
    VoiceError,
    VoiceUnavailable,
    wav_duration,
)


class GttsVoice:
    engine = "gtts"

    def __init__(self, *, language: str = "en", rate: int = 165) -> None:
        self.language = (language or "en").split("-")[0].lower()
        # gTTS has two speeds; a channel set well below the usual rate gets the slow one.
        self.slow = int(rate) < 130

    def synthesize(self, text: str, out_path: Path) -> Narration:
        from gtts import gTTS
        from gtts.tts import gTTSError

        text = " ".join(text.split())
        if not text:
            raise VoiceError("This scene has no narration text. Write its narration, then narrate again.")
        out_path.parent.mkdir(parents=True, exist_ok=True)
        mp3 = out_path.with_name(out_path.name + ".mp3.partial")
        try:
            # provider_call logs the call, counts it, and skips Google TTS while its breaker is open.
            with provider_call(provider="gtts", operation="synthesize"):
                gTTS(text, lang=self.language, tld=settings.GTTS_TLD, slow=self.slow, timeout=30).save(str(mp3))
        except (gTTSError, BreakerOpen) as exc:
            mp3.unlink(missing_ok=True)
            raise VoiceUnavailable(_unavailable(exc)) from exc
        except ValueError as exc:  # an unsupported language code
            message = f"Google TTS does not speak {self.language!r}: {exc}. Change the channel language."
            raise VoiceError(message) from exc
        try:
            _to_wav(mp3, out_path)
        finally:
            mp3.unlink(missing_ok=True)
        duration = wav_duration(out_path)
        words = align_words(out_path, text, language=self.language)
        return Narration(path=out_path, duration=duration, words=words, engine=self.engine)


def _unavailable(exc: Exception) -> str:
    """What went wrong with Google TTS, in words that say what to do."""
    instead = "or switch the channel's voice to espeak-ng (offline)."
    status = getattr(getattr(exc, "rsp", None), "status_code", None)
    if status == 429:
        return f"Google TTS is refusing requests from this machine for now (429 Too Many Requests). Narrate " \
               f"again in an hour, {instead}"
    if status is not None and status >= 500:
        return f"Google TTS failed on Google's side ({exc}). Narrate again later, {instead}"
    if status is not None:
        return f"Google TTS answered without audio ({exc}); Google may have changed the service, which a " \
               f"newer gTTS release would follow. Narrate again later, {instead}"
    return f"Google TTS could not be reached ({exc}). Check this machine's internet connection, {instead}"


def _to_wav(mp3: Path, out_path: Path) -> None:
    partial = out_path.with_name(out_path.name + ".partial.wav")
    command = [settings.FFMPEG_BINARY, "-nostdin", "-y", "-loglevel", "error", "-i", str(mp3),
               "-ac", str(CHANNELS), "-ar", str(SAMPLE_RATE), "-c:a", "pcm_s16le", str(partial)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not partial.exists():
        partial.unlink(missing_ok=True)
        raise VoiceError(f"Google TTS returned audio that could not be read: {result.stderr.strip()[-300:]}")
    partial.replace(out_path)


def voice_for_channel(channel) -> GttsVoice:
    return GttsVoice(language=channel.language, rate=channel.voice_rate)


def list_voices() -> list[dict[str, str]]:
    return list_languages()


def list_languages() -> list[dict[str, str]]:
    from gtts.lang import tts_langs

    return [{"engine": "gtts", "id": code, "name": name, "languages": code} for code, name in tts_langs().items()]
