"""What the cloud voices (OpenAI-compatible speech, ElevenLabs) share.

A vendor module implements `_request` (one HTTP call, its audio and any word times) and raises
`Transient` for what is worth retrying (timeouts, 429, 5xx, an answer cut off on the way) or
`VoiceUnavailable` for what is not (a refused key, an unknown model or voice). Around it this module
adds: retries with backoff that honour Retry-After within a bound, the circuit breaker, logs and
metrics (via `provider_call`), and the file handling: the audio is written under a temporary name,
converted to the common WAV and renamed at the end, so a failure leaves no half-written file.

No message may carry the API key: every text taken from a vendor's answer passes `scrub`.
"""

from __future__ import annotations

import random
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import httpx
import structlog
from django.conf import settings

from faceless_site.logging import REDACTED, redact_text
from faceless_site.providers import BreakerOpen, provider_call
from videos.voice.align import align_words
from videos.voice.base import (
    CHANNELS,
    SAMPLE_RATE,
    Narration,
    VoiceError,
    VoiceUnavailable,
    WordTiming,
    wav_duration,
)

log = structlog.get_logger(__name__)

# A rate limit asking for a longer pause than this is "unavailable" (as for the LLM writers): the
# job should fall back or fail with the wait in its message rather than sit idle.
MAX_RETRY_AFTER_SECONDS = 60
DETAIL_CHARS = 300
# Headers a vendor sends with a rate limit; a 401/403 carrying one is a limit, not a bad key.
RATE_LIMIT_HEADERS = ("retry-after", "x-ratelimit-remaining-requests", "x-ratelimit-limit-requests",
                      "ratelimit-remaining", "x-ratelimit-remaining")
# The channel's words-per-minute that means "the voice's normal speed".
NORMAL_RATE = 165


class Transient(Exception):
    """A failure worth retrying after a pause."""

    def __init__(self, reason: str, *, retry_after: float | None = None, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.retry_after, self.status = reason, retry_after, status


class Refused(VoiceUnavailable):
    """The service answered and said no (a bad key, an unknown model or voice): retrying cannot help."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Speech:
    """One vendor answer: encoded audio, its ffmpeg input format, and word times if the vendor gave them."""

    audio: bytes
    format: str
    words: tuple[WordTiming, ...] | None = None


def is_rate_limited(response: httpx.Response) -> bool:
    return response.status_code == 429 or any(name in response.headers for name in RATE_LIMIT_HEADERS)


def scrub(text: str, secret: str) -> str:
    """`text` without the key (whatever its shape) and without anything else that looks like a secret."""
    if secret:
        text = text.replace(secret, REDACTED)
    return redact_text(text)[:DETAIL_CHARS]


def speed_for(rate: int, low: float, high: float) -> float:
    """The vendor's speed factor for the channel's words per minute, within what the vendor accepts."""
    return round(min(high, max(low, int(rate) / NORMAL_RATE)), 2)


def word_timings_without_alignment(text: str, wav_path: Path, language: str) -> tuple[WordTiming, ...]:
    """Word times for cloud audio that came without any: aligned offline to the text (pocketsphinx,
    for English; spread by syllables over the speech otherwise)."""
    return align_words(wav_path, text, language=language)


class CloudVoice:
    """Base of the cloud voices; subclasses set the ClassVars and implement `_configured` and `_request`."""

    engine: ClassVar[str]
    provider: ClassVar[str]  # the name provider_call, the breaker and doctor use
    label: ClassVar[str]
    max_characters: ClassVar[int] = 4096
    language: str = "en"  # the channel's, set by voice_for_channel: it picks how words are aligned

    def __init__(self, *, api_key: str, timeout: float) -> None:
        self._api_key, self.timeout = api_key, timeout

    def _configured(self) -> str:
        """"" when the voice can be called, else the message saying which settings to set."""
        raise NotImplementedError

    def signature(self) -> str:
        """What besides the channel's fields changes this voice's audio (settings such as the model)."""
        raise NotImplementedError

    def _request(self, text: str) -> Speech:
        raise NotImplementedError

    def synthesize(self, text: str, out_path: Path) -> Narration:
        text = " ".join(text.split())
        if not text:
            raise VoiceError("This scene has no narration text. Write its narration, then narrate again.")
        if len(text) > self.max_characters:
            raise VoiceError(f"This scene's narration is {len(text)} characters; {self.label} takes at most "
                             f"{self.max_characters} at once. Split the scene in two, then narrate again.")
        if problem := self._configured():
            raise VoiceUnavailable(problem)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with provider_call(provider=self.provider, operation="synthesize") as call:
                speech = self._with_retries(call, text)
                try:
                    _to_wav(speech, out_path, self.label)
                except VoiceUnavailable as exc:
                    call.error = exc.message  # a 200 whose audio is unusable counts as a failure
                    raise
        except BreakerOpen as exc:
            raise VoiceUnavailable(f"{self.label}: {exc} Narrate again later, or switch the channel's voice "
                                   "to an offline one.") from None
        duration = wav_duration(out_path)
        words = _fit(speech.words, duration) if speech.words else None
        if words is None:
            words = word_timings_without_alignment(text, out_path, self.language)
        return Narration(path=out_path, duration=duration, words=words, engine=self.engine)

    def _with_retries(self, call: Any, text: str) -> Speech:
        attempts = max(1, settings.CLOUD_VOICE_MAX_RETRIES + 1)
        for attempt in range(attempts):
            try:
                speech = self._request(text)
            except Refused as exc:
                call.status = exc.status  # a 4xx is about the request and leaves the breaker alone
                if exc.status < 400:
                    call.error = exc.message  # an unusable 200 does count against it
                raise
            except Transient as exc:
                call.status, call.retries = exc.status, attempt
                if exc.retry_after is not None and exc.retry_after > MAX_RETRY_AFTER_SECONDS:
                    raise VoiceUnavailable(
                        f"{self.label} is rate-limited for {exc.retry_after:.0f} s ({exc.reason}). Narrate again "
                        "after that, or switch the channel's voice to an offline one.") from None
                if attempt == attempts - 1:
                    raise VoiceUnavailable(
                        f"{self.label} failed {attempts} times in a row (last: {exc.reason}). Nothing was saved. "
                        "Narrate again later, or switch the channel's voice to an offline one.") from None
                time.sleep(_delay(attempt, exc.retry_after))
                continue
            call.status, call.retries = 200, attempt
            return speech
        raise AssertionError("unreachable")

    # --- Helpers for the vendor modules ----------------------------------------------------------

    def _post(self, url: str, *, setting: str, **kwargs: Any) -> httpx.Response:
        """One POST, its body read in full; transport failures become Transient or VoiceUnavailable."""
        try:
            return httpx.post(url, timeout=self.timeout, **kwargs)
        except httpx.TimeoutException:
            raise Transient(f"no answer within {self.timeout:g} s") from None
        except httpx.ConnectError:
            raise VoiceUnavailable(f"{self.label} is not reachable from this server. Start it at {_origin(url)}, "
                                   f"or correct {setting}.") from None
        except httpx.RemoteProtocolError:
            raise Transient("the answer was cut off before its end") from None
        except httpx.TransportError as exc:
            raise Transient(f"connection failed: {type(exc).__name__}") from None

    def _scrub(self, text: str) -> str:
        return scrub(text, self._api_key)


def _origin(url: str) -> str:
    parts = httpx.URL(url)
    return f"{parts.scheme}://{parts.host}" + (f":{parts.port}" if parts.port else "")


def _delay(attempt: int, retry_after: float | None) -> float:
    if retry_after is not None:
        return retry_after
    # Jitter spreads the retries of several workers hitting the same limit.
    return min(30.0, settings.CLOUD_VOICE_RETRY_BASE_SECONDS * 2**attempt) * (0.75 + random.random() / 2)


def _fit(words: tuple[WordTiming, ...], duration: float) -> tuple[WordTiming, ...]:
    """Vendor word times made safe for subtitles: in order, none ending after the audio does."""
    fitted, floor = [], 0.0
    for word in words:
        start = min(max(word.start, floor), duration)
        end = min(max(word.end, start), duration)
        fitted.append(WordTiming(word.word, start, end))
        floor = start
    return tuple(fitted)


def _to_wav(speech: Speech, out_path: Path, label: str) -> None:
    """The answer's audio as the common WAV at `out_path`, through temporary names only."""
    encoded = out_path.with_name(f"{out_path.name}.{speech.format}.partial")
    partial = out_path.with_name(out_path.name + ".partial.wav")
    try:
        encoded.write_bytes(speech.audio)
        input_options = ["-f", "s16le", "-ar", "24000", "-ac", "1"] if speech.format == "pcm" else []
        command = [settings.FFMPEG_BINARY, "-nostdin", "-y", "-loglevel", "error", *input_options,
                   "-i", str(encoded), "-ac", str(CHANNELS), "-ar", str(SAMPLE_RATE), "-c:a", "pcm_s16le",
                   str(partial)]
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
        if result.returncode != 0 or not partial.exists() or wav_duration(partial) < 0.05:
            reason = result.stderr.strip().splitlines()[-1][:200] if result.stderr.strip() else "no audio in it"
            raise VoiceUnavailable(f"{label} returned audio that could not be decoded ({reason}). Nothing was "
                                   "saved. Narrate again; if it repeats, check the server's output format.")
        partial.replace(out_path)
    finally:
        encoded.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)


def configured_cloud_voices(engine: str = "") -> list[dict[str, str]]:
    """The default voice of each configured cloud engine (or of `engine` alone), for the voice lists
    (no network call)."""
    voices = []
    if settings.OPENAI_SPEECH_BASE_URL and settings.OPENAI_SPEECH_VOICE:
        voices.append({"engine": "openai", "id": settings.OPENAI_SPEECH_VOICE,
                       "name": f"{settings.OPENAI_SPEECH_VOICE} ({settings.OPENAI_SPEECH_MODEL})", "languages": ""})
    if settings.ELEVENLABS_API_KEY and settings.ELEVENLABS_VOICE_ID:
        voices.append({"engine": "elevenlabs", "id": settings.ELEVENLABS_VOICE_ID,
                       "name": f"{settings.ELEVENLABS_VOICE_ID} ({settings.ELEVENLABS_MODEL})", "languages": ""})
    return [voice for voice in voices if voice["engine"] == engine] if engine else voices
