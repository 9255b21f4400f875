"""A small threaded HTTP(S) server on 127.0.0.1 for tests that speak a vendor's real protocol.

Each fake (Ollama, Anthropic, Pexels, YouTube, ...) subclasses `FakeHandler` and routes by method
and path; the server records every request so tests can assert what the real client sent.
"""

from __future__ import annotations

import json
import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")


@dataclass
class FakeState:
    requests: list[Recorded] = field(default_factory=list)
    # Scripted responses consumed in order before the handler's normal behaviour: (status, headers, body).
    queue: list[tuple[int, dict[str, str], bytes | str | dict]] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


class FakeHandler(BaseHTTPRequestHandler):
    state: FakeState  # set per server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # silence the default stderr log
        pass

    # Subclasses implement route(method, path, query, body) -> (status, headers, body)
    def route(self, recorded: Recorded) -> tuple[int, dict[str, str], bytes | str | dict | list]:
        return 404, {}, {"error": "not found"}

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        recorded = Recorded(self.command, url.path, parse_qs(url.query), headers, body)
        self.state.requests.append(recorded)
        if self.state.queue:
            status, headers, payload = self.state.queue.pop(0)
        else:
            status, headers, payload = self.route(recorded)
        if status == 0:  # drop the connection without answering
            self.close_connection = True
            self.connection.close()
            return
        self.send_payload(status, headers, payload)

    def send_payload(self, status: int, headers: dict[str, str], payload: Any) -> None:
        if isinstance(payload, (dict, list)):
            data = json.dumps(payload).encode()
            headers = {"Content-Type": "application/json", **headers}
        elif isinstance(payload, str):
            data = payload.encode()
        else:
            data = payload or b""
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _handle


class FakeServer:
    """`with FakeServer(MyHandler) as server: server.url ...`; `tls=` a trustme CA for HTTPS, with a
    certificate for `hosts`."""

    def __init__(self, handler: type[FakeHandler], *, tls: Any = None,
                 hosts: tuple[str, ...] = ("127.0.0.1", "localhost")) -> None:
        self.state = FakeState()
        handler_cls = type(handler.__name__, (handler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_cls)
        self.httpd.daemon_threads = True
        self.scheme = "http"
        if tls is not None:
            cert = tls.issue_cert(*hosts)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            cert.configure_cert(context)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        # A short poll: shutdown() waits for the serving loop to look again (0.5 s by default, per server).
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"{self.scheme}://{host}:{port}"

    @property
    def requests(self) -> list[Recorded]:
        return self.state.requests

    def enqueue(self, status: int, payload: Any = b"", headers: dict[str, str] | None = None) -> None:
        self.state.queue.append((status, headers or {}, payload))

    def __enter__(self) -> FakeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
