"""Anthropic's Messages API through the official SDK (2.x: Bearer auth, API version 2026-10-21,
which rejects temperature/top_p/top_k, so none are sent). Structured output by tool use: the
script's schema is the input schema of one tool the model is made to call, so the reply arrives
as the tool's JSON input; a text reply (prose, a fence) is read leniently like any other."""

from __future__ import annotations

import json
import warnings
from typing import Any, ClassVar

import anthropic
from django.conf import settings

from faceless_site.providers import parse_retry_after
from faceless_site.ratelimits import is_rate_limited
from videos.llm.base import WriterError, WriterUnavailable
from videos.llm.structured import ChatWriter, Completion, Transient

TOOL_NAME = "submit_reply"


class AnthropicWriter(ChatWriter):
    name: ClassVar[str] = "anthropic"
    label: ClassVar[str] = "Anthropic"

    def __init__(self, *, api_key: str, base_url: str, model: str, timeout: float) -> None:
        super().__init__(model=model)
        self._api_key, self.base_url, self.timeout = api_key, base_url, timeout

    @classmethod
    def from_settings(cls, *, model: str = "") -> AnthropicWriter:
        if not settings.ANTHROPIC_API_KEY:
            raise WriterUnavailable("Anthropic is not set up on this server. Set ANTHROPIC_API_KEY.")
        return cls(api_key=settings.ANTHROPIC_API_KEY, base_url=settings.ANTHROPIC_BASE_URL,
                   model=model or settings.ANTHROPIC_MODEL, timeout=settings.LLM_TIMEOUT_SECONDS)

    def _complete(self, *, system: str, messages: list[dict[str, str]], schema: dict[str, Any],
                  max_tokens: int, timeout: float) -> Completion:
        # The SDK's own retries are off: ours cap retry-after and count retries for every vendor alike.
        client = anthropic.Anthropic(api_key=self._api_key, base_url=self.base_url, timeout=timeout,
                                     max_retries=0)
        tool = {"name": TOOL_NAME, "description": "Hand in the reply, filled in completely.", "input_schema": schema}
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", DeprecationWarning)
                message = client.messages.create(
                    model=self.model, max_tokens=max_tokens, system=system, messages=messages,
                    tools=[tool], tool_choice={"type": "tool", "name": TOOL_NAME},
                )
        except anthropic.APIStatusError as exc:
            raise self._translate(exc) from None
        except anthropic.APITimeoutError:
            raise Transient(f"no answer within {timeout:g} s") from None
        except anthropic.APIConnectionError as exc:
            raise Transient(f"connection failed ({exc})") from None
        if message.stop_reason == "refusal":
            raise WriterError("Anthropic's model declined to write this; change the topic or source text.",
                              raw_output=_text_of(message))
        return Completion(text=_text_of(message), input_tokens=message.usage.input_tokens,
                          output_tokens=message.usage.output_tokens, truncated=message.stop_reason == "max_tokens",
                          notes=self._retirement_notes(caught))

    def _retirement_notes(self, caught: list[warnings.WarningMessage]) -> tuple[str, ...]:
        # The SDK knows which models are being retired; tell the user before the model stops working.
        return tuple(
            f"Anthropic: {str(w.message).splitlines()[0]} Set the channel's model to a newer one. Or set "
            "ANTHROPIC_MODEL."
            for w in caught if issubclass(w.category, DeprecationWarning) and self.model in str(w.message)
        )

    def _translate(self, exc: anthropic.APIStatusError) -> Exception:
        status = exc.status_code
        detail = _error_message(exc)
        # A 403 with a rate-limit header or text is a spent budget, not a bad key.
        if status in (408, 409) or status >= 500 or is_rate_limited(status, exc.response.headers, detail):
            return Transient(f"HTTP {status}: {detail}", status=status,
                             retry_after=parse_retry_after(exc.response.headers.get("retry-after")))
        if status in (401, 403):
            return WriterUnavailable(f"Anthropic refused the API key (HTTP {status}: {detail}). "
                                     "Check ANTHROPIC_API_KEY.")
        if status == 404:
            return WriterError(f"Anthropic has no model {self.model!r} (HTTP 404: {detail}). Set the channel's model "
                               "to a current model name. Or set ANTHROPIC_MODEL.", details={"status": status})
        return WriterError(f"Anthropic refused the request (HTTP {status}: {detail}).", details={"status": status})


def _text_of(message: Any) -> str:
    """The tool call's input as JSON, or the text blocks when the model answered in prose."""
    for block in message.content:
        if getattr(block, "type", "") == "tool_use" and block.name == TOOL_NAME:
            return json.dumps(block.input, ensure_ascii=False)
    return "".join(block.text for block in message.content if getattr(block, "type", "") == "text")


def _error_message(exc: anthropic.APIStatusError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error") if isinstance(body.get("error"), dict) else {}
    return str(error.get("message") or exc.message)[:300]
