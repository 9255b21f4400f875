"""Providers on a bad day that quote the caller's key back in their error body, as some gateways and
proxies do ("invalid x-api-key: Bearer sk-..."). Each speaks its vendor's error shape, so the real
client in front parses it the way it would parse the real service's answer.

Every handler refuses every request with `data["status"]` (default 401), adds `data["headers"]`,
and echoes what it was sent: the Authorization / x-api-key header and a `key` query parameter.
"""

from __future__ import annotations

from typing import Any

from tests.fakes.server import FakeHandler, Recorded


def sent_credentials(recorded: Recorded) -> str:
    parts = [recorded.headers.get("authorization", ""), recorded.headers.get("x-api-key", "")]
    parts += recorded.query.get("key", [])
    return " ".join(part for part in parts if part)


class _Echo(FakeHandler):
    def status(self) -> int:
        return int(self.state.data.get("status", 401))

    def send_payload(self, status: int, headers: dict[str, str], payload: Any) -> None:
        # `data["headers"]`: extra headers on every answer (e.g. a rate-limit header on a 403).
        super().send_payload(status, {**headers, **self.state.data.get("headers", {})}, payload)

    def echo(self, recorded: Recorded) -> str:
        bare = sent_credentials(recorded).replace("Bearer ", "").replace("Client-ID ", "")
        return f"invalid key {bare!s} (you sent: {sent_credentials(recorded)})"


class AnthropicEcho(_Echo):
    def route(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        return self.status(), {"request-id": "req_echo"}, {
            "type": "error", "error": {"type": "authentication_error", "message": self.echo(recorded)}}


class OpenAIEcho(_Echo):
    def route(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        return self.status(), {}, {"error": {"message": f"Incorrect API key provided: {self.echo(recorded)}",
                                             "type": "invalid_request_error", "code": "invalid_api_key"}}


class OllamaEcho(_Echo):
    """Ollama behind an authenticating proxy (the client sends OLLAMA_API_KEY as a bearer token)."""

    def route(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        return self.status(), {}, {"error": f"unauthorized: {self.echo(recorded)}"}


class StockEcho(_Echo):
    """Pexels / Pixabay / Unsplash style: a JSON or text body naming the key it refused."""

    def route(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        if recorded.query.get("key"):  # Pixabay answers in plain text
            return 400, {"Content-Type": "text/plain"}, f"[ERROR 400] Invalid or missing API key {self.echo(recorded)}"
        return self.status(), {}, {"errors": [f"OAuth error: {self.echo(recorded)}"], "error": self.echo(recorded)}
