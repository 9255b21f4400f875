"""Ollama (a local or self-hosted model server) through the official `ollama` client, with the
script's JSON schema as `format`, so the server constrains the model's output to it."""

from __future__ import annotations

from typing import Any, ClassVar

import httpx
import ollama
from django.conf import settings

from faceless_site.ratelimits import is_rate_limited
from videos.llm.base import WriterError, WriterUnavailable
from videos.llm.structured import ChatWriter, Completion, Transient


class OllamaWriter(ChatWriter):
    name: ClassVar[str] = "ollama"
    label: ClassVar[str] = "Ollama"

    def __init__(self, *, host: str, model: str, timeout: float) -> None:
        super().__init__(model=model)
        self.host, self.timeout = host.rstrip("/"), timeout

    @classmethod
    def from_settings(cls, *, model: str = "") -> OllamaWriter:
        if not settings.OLLAMA_HOST:
            raise WriterUnavailable("Ollama is not set up on this server. Set OLLAMA_HOST (e.g. "
                                    "http://127.0.0.1:11434).")
        return cls(host=settings.OLLAMA_HOST, model=model or settings.OLLAMA_MODEL,
                   timeout=settings.LLM_TIMEOUT_SECONDS)

    def _client(self, timeout: float | None = None) -> ollama.Client:
        return ollama.Client(host=self.host, timeout=timeout or self.timeout)

    def _complete(self, *, system: str, messages: list[dict[str, str]], schema: dict[str, Any],
                  max_tokens: int, timeout: float) -> Completion:
        client = self._client(timeout)
        try:
            response = client.chat(model=self.model, messages=[{"role": "system", "content": system}, *messages],
                                   format=schema, options={"num_predict": max_tokens}, stream=False)
        except ollama.ResponseError as exc:
            raise self._translate(client, exc) from None
        except ConnectionError:
            # The client turns httpx's ConnectError into the builtin ConnectionError.
            raise WriterUnavailable(f"Ollama is not reachable from this server. Start it (`ollama serve`) at "
                                    f"{self.host}, or correct OLLAMA_HOST.") from None
        except httpx.TimeoutException:
            raise Transient(f"no answer within {timeout:g} s") from None
        except httpx.TransportError as exc:
            raise Transient(f"connection failed: {type(exc).__name__}") from None
        return Completion(text=response.message.content or "", input_tokens=response.prompt_eval_count or 0,
                          output_tokens=response.eval_count or 0, truncated=response.done_reason == "length")

    def _translate(self, client: ollama.Client, exc: ollama.ResponseError) -> Exception:
        status = exc.status_code
        if status == 404 and "not found" in str(exc.error).lower():
            return self._missing_model(client)
        if status == 408 or status >= 500 or is_rate_limited(status, {}, str(exc.error)):
            return Transient(f"HTTP {status}: {exc.error}", status=status)
        return WriterError(f"Ollama refused the request (HTTP {status}: {exc.error}).", details={"status": status})

    def _missing_model(self, client: ollama.Client) -> WriterError:
        try:
            installed = sorted(m.model for m in client.list().models if m.model)
        except (ollama.ResponseError, ConnectionError, httpx.HTTPError):
            installed = []
        have = ", ".join(installed) if installed else "none"
        return WriterError(
            f"Ollama at {self.host} has no model {self.model!r} (installed: {have}). "
            f"Run `ollama pull {self.model}` on that machine, or set the channel's model to an installed one.",
            details={"status": 404, "installed_models": installed},
        )
