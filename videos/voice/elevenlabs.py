"""ElevenLabs over plain httpx, through its timestamps endpoint:
`POST {base}/v1/text-to-speech/{voice_id}/with-timestamps` with the key in `xi-api-key`, answered with
JSON holding the audio as base64 and a character-level `alignment` (characters,
character_start_times_seconds, character_end_times_seconds), which becomes the word times.

The voice id is the channel's voice (blank uses ELEVENLABS_VOICE_ID); errors come as
`{"detail": {"status": ..., "message": ...}}`, or as a list for request validation (422).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, ClassVar
from urllib.parse import quote

import httpx
import structlog
from django.conf import settings

from faceless_site.providers import parse_retry_after
from videos.voice.base import WordTiming
from videos.voice.cloud import (
    NORMAL_RATE,
    CloudVoice,
    Refused,
    Speech,
    Transient,
    configured_cloud_voices,
    is_rate_limited,
    speed_for,
)

log = structlog.get_logger(__name__)

OUTPUT_FORMAT = "mp3_44100_128"
SPEED_RANGE = (0.7, 1.2)
# Error statuses ElevenLabs sends with 401 that are not about the key itself.
OUT_OF_CREDIT = ("quota_exceeded", "payment_required", "insufficient_credits")


class ElevenLabsVoice(CloudVoice):
    engine: ClassVar[str] = "elevenlabs"
    provider: ClassVar[str] = "elevenlabs"
    label: ClassVar[str] = "ElevenLabs"
    max_characters: ClassVar[int] = 5000

    def __init__(self, *, api_key: str, voice_id: str, model: str, base_url: str = "https://api.elevenlabs.io",
                 rate: int = NORMAL_RATE, timeout: float = 60.0) -> None:
        super().__init__(api_key=api_key, timeout=timeout)
        self.base_url, self.voice_id, self.model = base_url.rstrip("/"), voice_id, model
        self.rate = int(rate)

    @classmethod
    def for_channel(cls, channel: Any) -> ElevenLabsVoice:
        voice = cls(api_key=settings.ELEVENLABS_API_KEY, voice_id=(channel.voice_name or settings.ELEVENLABS_VOICE_ID),
                   model=settings.ELEVENLABS_MODEL, base_url=settings.ELEVENLABS_BASE_URL, rate=channel.voice_rate,
                   timeout=settings.CLOUD_VOICE_TIMEOUT_SECONDS)
        voice.language = getattr(channel, "language", "") or "en"  # how its words are aligned
        return voice

    def _configured(self) -> str:
        if not self._api_key:
            return ("ElevenLabs is not set up on this server; switch the channel's voice to an offline one. It is "
                    "not configured: set ELEVENLABS_API_KEY (from your ElevenLabs profile, API keys).")
        if not self.voice_id or not self.model:
            return ("Set the channel's voice to an ElevenLabs voice id. Or set ELEVENLABS_VOICE_ID, and "
                    "ELEVENLABS_MODEL.")
        return ""

    def signature(self) -> str:
        return f"{self.base_url}|{self.model}|{self.voice_id}"

    def _request(self, text: str) -> Speech:
        body: dict[str, Any] = {"text": text, "model_id": self.model}
        if self.rate != NORMAL_RATE:
            # Sent only when the channel asks for another pace: a partial voice_settings would
            # replace the voice's own stored settings.
            body["voice_settings"] = {"speed": speed_for(self.rate, *SPEED_RANGE)}
        url = f"{self.base_url}/v1/text-to-speech/{quote(self.voice_id, safe='')}/with-timestamps"
        response = self._post(url, params={"output_format": OUTPUT_FORMAT}, json=body,
                              headers={"xi-api-key": self._api_key, "accept": "application/json"},
                              setting="ELEVENLABS_BASE_URL")
        if response.status_code != 200:
            raise self._translate(response)
        try:
            payload = response.json()
            audio = base64.b64decode(payload["audio_base64"], validate=True)
        except (ValueError, KeyError, TypeError, binascii.Error):
            # A 200 that is not the documented JSON: most often cut off on the way.
            raise Transient(f"unreadable answer: {self._scrub(response.text[:120])!r}", status=200) from None
        if not audio:
            raise Transient("an answer without audio", status=200)
        alignment = payload.get("alignment") or payload.get("normalized_alignment")
        words = words_from_alignment(text, alignment)
        if words is None:
            log.warning("elevenlabs.no_alignment", voice_id=self.voice_id, keys=sorted(payload)[:10])
        return Speech(audio=audio, format="mp3", words=words)

    def _translate(self, response: httpx.Response) -> Exception:
        status, (code, message) = response.status_code, _detail(response)
        detail = self._scrub(message or response.text or response.reason_phrase)
        if status in (401, 402) and code in OUT_OF_CREDIT:
            return Refused(f"ElevenLabs says the account has no characters left (HTTP {status}: {detail}). Add "
                           "credits or wait for the monthly reset, or switch the channel's voice to an offline one.",
                           status=status)
        if status in (401, 403) and not is_rate_limited(response):
            return Refused(f"ElevenLabs refused the API key (HTTP {status}: {detail}). Check ELEVENLABS_API_KEY.",
                           status=status)
        if status in (401, 403, 408, 409, 429) or status >= 500:
            return Transient(f"HTTP {status}: {detail}", status=status,
                             retry_after=parse_retry_after(response.headers.get("retry-after")))
        if status in (400, 404) and "voice" in (code + message).lower():
            return Refused(f"ElevenLabs has no voice {self.voice_id!r} (HTTP {status}: {detail}). Set the channel's "
                           "voice to a voice id from your ElevenLabs voice library. Blank uses ELEVENLABS_VOICE_ID.",
                           status=status)
        return Refused(f"ElevenLabs refused the request (HTTP {status}: {detail}); check the channel's voice id. "
                       f"Check ELEVENLABS_MODEL ({self.model!r}) too.", status=status)


def _detail(response: httpx.Response) -> tuple[str, str]:
    """(status code word, message) from `{"detail": {...}}`, a validation list, or plain text."""
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return "", ""
    if isinstance(detail, dict):
        return str(detail.get("status") or detail.get("code") or ""), str(detail.get("message") or detail)
    if isinstance(detail, list):
        problems = [f"{'.'.join(str(p) for p in item.get('loc', []))}: {item.get('msg', '')}"
                    for item in detail if isinstance(item, dict)]
        return "", "; ".join(problems)
    return "", str(detail or "")


def words_from_alignment(text: str, alignment: Any) -> tuple[WordTiming, ...] | None:
    """Word times from ElevenLabs' character times: a word starts at its first character's start and
    ends at its last character's end. None when the alignment is missing or does not match the text
    (its words must be the text's words, so subtitles show what was written)."""
    if not isinstance(alignment, dict):
        return None
    characters = alignment.get("characters")
    starts = alignment.get("character_start_times_seconds")
    ends = alignment.get("character_end_times_seconds")
    if not (isinstance(characters, list) and isinstance(starts, list) and isinstance(ends, list)) \
            or not characters or not len(characters) == len(starts) == len(ends):
        return None
    spans: list[list[float]] = []
    in_word = False
    try:
        for character, start, end in zip(characters, starts, ends, strict=True):
            if str(character).isspace() or not str(character):
                in_word = False
                continue
            if not in_word:
                spans.append([float(start), float(end)])
                in_word = True
            else:
                spans[-1][1] = float(end)
    except (TypeError, ValueError):
        return None
    words = text.split()
    if len(spans) != len(words):
        return None
    return tuple(WordTiming(word, start, max(start, end)) for word, (start, end) in zip(words, spans, strict=True))


def voice_for_channel(channel: Any) -> ElevenLabsVoice:
    return ElevenLabsVoice.for_channel(channel)


def list_voices() -> list[dict[str, str]]:
    return configured_cloud_voices("elevenlabs")
