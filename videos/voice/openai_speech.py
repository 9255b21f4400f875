"""The OpenAI-compatible speech API over plain httpx: `POST {base}/v1/audio/speech` with JSON
`{model, input, voice, response_format, speed}`, answered with the audio bytes.

The same protocol is served by OpenAI itself (https://api.openai.com) and by self-hosted servers:
Kokoro-FastAPI (http://127.0.0.1:8880), Chatterbox API servers, LocalAI, openedai-speech. The answer
carries no word times; see `cloud.word_timings_without_alignment`.
"""

from __future__ import annotations

from typing import Any, ClassVar

import httpx
from django.conf import settings

from faceless_site.providers import parse_retry_after
from videos.voice.cloud import (
    CloudVoice,
    Refused,
    Speech,
    Transient,
    configured_cloud_voices,
    is_rate_limited,
    speed_for,
)

FORMATS = ("mp3", "wav", "flac", "opus", "aac", "pcm")
SPEED_RANGE = (0.25, 4.0)


def speech_base_url(base: str) -> str:
    """The server's root: a base URL given with its /v1 (as the chat endpoints are) is accepted too."""
    base = base.rstrip("/")
    return base[:-3] if base.endswith("/v1") else base


class OpenAISpeechVoice(CloudVoice):
    engine: ClassVar[str] = "openai"
    provider: ClassVar[str] = "openai_speech"
    label: ClassVar[str] = "The OpenAI-compatible speech server"

    def __init__(self, *, base_url: str, api_key: str, model: str, voice: str, rate: int = 165,
                 response_format: str = "mp3", timeout: float = 60.0) -> None:
        super().__init__(api_key=api_key, timeout=timeout)
        self.base_url = speech_base_url(base_url) if base_url else ""
        self.model, self.voice, self.response_format = model, voice, response_format
        self.speed = speed_for(rate, *SPEED_RANGE)

    @classmethod
    def for_channel(cls, channel: Any) -> OpenAISpeechVoice:
        voice = cls(base_url=settings.OPENAI_SPEECH_BASE_URL, api_key=settings.OPENAI_SPEECH_API_KEY,
                   model=settings.OPENAI_SPEECH_MODEL, voice=(channel.voice_name or settings.OPENAI_SPEECH_VOICE),
                   rate=channel.voice_rate, response_format=settings.OPENAI_SPEECH_FORMAT,
                   timeout=settings.CLOUD_VOICE_TIMEOUT_SECONDS)
        voice.language = getattr(channel, "language", "") or "en"  # how its words are aligned
        return voice

    def _configured(self) -> str:
        if not self.base_url or not self.model or not self.voice:
            return ("The OpenAI-compatible voice is not set up on this server; switch the channel's voice to an "
                    "offline one. It is not configured: set OPENAI_SPEECH_BASE_URL (e.g. https://api.openai.com, "
                    "or http://127.0.0.1:8880 for Kokoro-FastAPI), OPENAI_SPEECH_MODEL and OPENAI_SPEECH_VOICE "
                    "(and OPENAI_SPEECH_API_KEY if the server needs one).")
        if self.response_format not in FORMATS:
            return ("The OpenAI-compatible voice is set up wrongly on this server. "
                    f"OPENAI_SPEECH_FORMAT is {self.response_format!r}; set it to one of {', '.join(FORMATS)}.")
        return ""

    def signature(self) -> str:
        return f"{self.base_url}|{self.model}|{self.voice}|{self.response_format}"

    def _request(self, text: str) -> Speech:
        body = {"model": self.model, "input": text, "voice": self.voice,
                "response_format": self.response_format, "speed": self.speed}
        headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}
        response = self._post(f"{self.base_url}/v1/audio/speech", json=body, headers=headers,
                              setting="OPENAI_SPEECH_BASE_URL")
        if response.status_code != 200:
            raise self._translate(response)
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind.startswith(("application/json", "text/")):
            # Some gateways answer 200 with an error document instead of audio.
            raise Refused(f"{self.label} answered with something other than audio (HTTP 200, {kind}: "
                          f"{self._scrub(response.text)}). Check OPENAI_SPEECH_MODEL and OPENAI_SPEECH_VOICE.",
                          status=200)
        if not response.content:
            raise Transient("an empty answer", status=200)
        return Speech(audio=response.content, format=self.response_format)

    def _translate(self, response: httpx.Response) -> Exception:
        status, error = response.status_code, _error(response)
        detail = self._scrub(str(error.get("message") or response.text or response.reason_phrase))
        where = self.base_url
        if status == 429 and error.get("code") == "insufficient_quota":
            return Refused(f"{where} says the account is out of credit (HTTP 429: {detail}). Add credit to the "
                           "account, or switch the channel's voice to an offline one.", status=status)
        if status in (401, 403) and not is_rate_limited(response):
            return Refused(f"{where} refused the API key (HTTP {status}: {detail}). Check OPENAI_SPEECH_API_KEY.",
                           status=status)
        if status in (401, 403, 408, 409, 429) or status >= 500:
            return Transient(f"HTTP {status}: {detail}", status=status,
                             retry_after=parse_retry_after(response.headers.get("retry-after")))
        if status == 404:
            return Refused(f"{where} has no model {self.model!r} or no /v1/audio/speech route (HTTP 404: {detail}). "
                           "Check OPENAI_SPEECH_MODEL and OPENAI_SPEECH_BASE_URL.", status=status)
        return Refused(f"{where} refused the request (HTTP {status}: {detail}); check the channel's voice "
                       f"({self.voice!r}). Blank uses OPENAI_SPEECH_VOICE; the model is OPENAI_SPEECH_MODEL.",
                       status=status)


def _error(response: httpx.Response) -> dict[str, Any]:
    """OpenAI's `{"error": {"message", "type", "code"}}`; servers that differ give {"message": text}."""
    try:
        payload = response.json()
    except ValueError:
        return {}
    error = payload.get("error") if isinstance(payload, dict) else None
    if isinstance(error, dict):
        return error
    if isinstance(payload, dict) and (error or payload.get("detail") or payload.get("message")):
        return {"message": str(error or payload.get("detail") or payload.get("message"))}
    return {}


def voice_for_channel(channel: Any) -> OpenAISpeechVoice:
    return OpenAISpeechVoice.for_channel(channel)


def list_voices() -> list[dict[str, str]]:
    return configured_cloud_voices("openai")
