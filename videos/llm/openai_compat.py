"""Any OpenAI-compatible chat-completions endpoint over plain httpx: OpenAI, xAI Grok, Gemini's
OpenAI endpoint, LM Studio, vLLM. The base URL includes the version path, as each vendor documents
it (https://api.openai.com/v1, https://api.x.ai/v1,
https://generativelanguage.googleapis.com/v1beta/openai, http://127.0.0.1:1234/v1)."""

from __future__ import annotations

import json
from typing import Any, ClassVar

import httpx
from django.conf import settings

from faceless_site.providers import parse_retry_after
from faceless_site.ratelimits import is_rate_limited
from videos.llm.base import WriterError, WriterUnavailable
from videos.llm.structured import ChatWriter, Completion, Transient


class OpenAICompatWriter(ChatWriter):
    name: ClassVar[str] = "openai"
    label: ClassVar[str] = "OpenAI-compatible endpoint"

    def __init__(self, *, base_url: str, api_key: str, model: str, timeout: float) -> None:
        super().__init__(model=model)
        self.base_url, self._api_key, self.timeout = base_url.rstrip("/"), api_key, timeout
        self.json_mode = False  # set when the endpoint turns json_schema down

    @classmethod
    def from_settings(cls, *, model: str = "") -> OpenAICompatWriter:
        model = model or settings.OPENAI_COMPAT_MODEL
        if not settings.OPENAI_COMPAT_BASE_URL or not model:
            raise WriterUnavailable("The OpenAI-compatible writer is not set up on this server. Set "
                                    "OPENAI_COMPAT_BASE_URL and OPENAI_COMPAT_MODEL (and OPENAI_COMPAT_API_KEY if it "
                                    "needs one).")
        return cls(base_url=settings.OPENAI_COMPAT_BASE_URL, api_key=settings.OPENAI_COMPAT_API_KEY,
                   model=model, timeout=settings.LLM_TIMEOUT_SECONDS)

    def _complete(self, *, system: str, messages: list[dict[str, str]], schema: dict[str, Any],
                  max_tokens: int, timeout: float) -> Completion:
        response = self._post(system, messages, schema, max_tokens, timeout)
        if response.status_code == 400 and not self.json_mode and _rejects_json_schema(response):
            # Older vLLM, LM Studio and some gateways know only JSON mode: the schema goes in the prompt.
            self.json_mode = True
            response = self._post(system, messages, schema, max_tokens, timeout)
        if response.status_code != 200:
            raise self._translate(response)
        return self._completion(response)

    def _post(self, system: str, messages: list[dict[str, str]], schema: dict[str, Any], max_tokens: int,
              timeout: float) -> httpx.Response:
        if self.json_mode:
            system += ("\n\nReply with one JSON object that matches this JSON schema:\n"
                       + json.dumps(schema, ensure_ascii=False))
            response_format: dict[str, Any] = {"type": "json_object"}
        else:
            response_format = {"type": "json_schema",
                               "json_schema": {"name": "reply", "strict": True, "schema": schema}}
        body = {"model": self.model, "messages": [{"role": "system", "content": system}, *messages],
                "max_tokens": max_tokens, "response_format": response_format}
        headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}
        try:
            return httpx.post(f"{self.base_url}/chat/completions", json=body, headers=headers, timeout=timeout)
        except httpx.TimeoutException:
            raise Transient(f"no answer within {timeout:g} s") from None
        except httpx.ConnectError:
            raise WriterUnavailable("The OpenAI-compatible endpoint is not reachable from this server. Start it "
                                    f"at {self.base_url}, or correct OPENAI_COMPAT_BASE_URL.") from None
        except httpx.TransportError as exc:
            raise Transient(f"connection failed: {type(exc).__name__}") from None

    def _translate(self, response: httpx.Response) -> Exception:
        status, detail = response.status_code, _error_message(response)
        # A 403 with a rate-limit header or text is a spent budget (some gateways), not a bad key.
        if status in (408, 409) or status >= 500 or is_rate_limited(status, response.headers, response.text):
            return Transient(f"HTTP {status}: {detail}", status=status,
                             retry_after=parse_retry_after(response.headers.get("retry-after")))
        if status in (401, 403):
            return WriterUnavailable(f"{self.base_url} refused the API key (HTTP {status}: {detail}). "
                                     "Check OPENAI_COMPAT_API_KEY.")
        if status == 404:
            return WriterError(f"{self.base_url} has no model {self.model!r} or no chat-completions route "
                               f"(HTTP 404: {detail}). Check OPENAI_COMPAT_MODEL and that the base URL ends in its "
                               "version path, e.g. /v1.", details={"status": status})
        return WriterError(f"{self.base_url} refused the request (HTTP {status}: {detail}).",
                           details={"status": status})

    def _completion(self, response: httpx.Response) -> Completion:
        try:
            payload = response.json()
            choice = payload["choices"][0]
            text = choice["message"].get("content") or ""
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            # A 200 whose envelope is not chat-completions: the model's words cannot even be found.
            raise Transient(f"unreadable response: {response.text[:200]!r}", status=200) from None
        usage = payload.get("usage") or {}
        return Completion(text=text, input_tokens=int(usage.get("prompt_tokens") or 0),
                          output_tokens=int(usage.get("completion_tokens") or 0),
                          truncated=choice.get("finish_reason") == "length")


def _rejects_json_schema(response: httpx.Response) -> bool:
    detail = _error_message(response).lower()
    return "response_format" in detail or "json_schema" in detail


def _error_message(response: httpx.Response) -> str:
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return response.text[:300] or response.reason_phrase
    if isinstance(error, dict):
        return str(error.get("message") or error)[:300]
    return str(error or response.reason_phrase)[:300]
