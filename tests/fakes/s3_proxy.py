"""An S3 store on a bad day: a proxy in front of a real SeaweedFS that passes every request through
unchanged (its Host header too, so SigV4 signatures still match) unless a scripted fault matches it.

    with S3FaultProxy(objectstore.endpoint) as proxy:
        proxy.fail(lambda r: r.method == "PUT" and "partNumber=2" in r.query_string, "slowdown", times=2)

Faults, as the real service shows them:
- "slowdown": 503 with S3's <Error><Code>SlowDown</Code> body (S3 asks a client to back off);
- "internal": 500 InternalError;
- "drop": the connection is closed without an answer after the request was read (a store that
  died mid-upload, or a load balancer cutting the connection);
- "delay:<seconds>": passed on after that long (a slow link).
Every request is recorded (method, path, query string) so tests can count what the real client sent.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}
ERRORS = {
    "slowdown": (503, "SlowDown", "Please reduce your request rate."),
    "internal": (500, "InternalError", "We encountered an internal error. Please try again."),
}


@dataclass
class Seen:
    method: str
    path: str
    query_string: str
    headers: dict[str, str]


@dataclass
class Fault:
    matches: Callable[[Seen], bool]
    action: str
    times: int  # how many matching requests it hits (-1: all)


@dataclass
class ProxyState:
    upstream: tuple[str, int]
    seen: list[Seen] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Proxy(BaseHTTPRequestHandler):
    state: ProxyState
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _fault(self, seen: Seen) -> str:
        with self.state.lock:
            for fault in self.state.faults:
                if fault.times != 0 and fault.matches(seen):
                    fault.times -= 1 if fault.times > 0 else 0
                    return fault.action
        return ""

    def _handle(self) -> None:
        try:
            self._relay()
        except ConnectionError:  # the client went away (killed mid-request): nothing to answer
            self.close_connection = True

    def _relay(self) -> None:
        body = self._body()
        url = urlsplit(self.path)
        seen = Seen(self.command, url.path, url.query, {k.lower(): v for k, v in self.headers.items()})
        self.state.seen.append(seen)
        action = self._fault(seen)
        if action.startswith("delay:"):
            time.sleep(float(action.removeprefix("delay:")))
            action = ""
        if action == "drop":
            self.close_connection = True
            self.connection.close()
            return
        if action in ERRORS:
            status, code, text = ERRORS[action]
            payload = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{text}</Message>'
                       f"<Resource>{url.path}</Resource><RequestId>fault</RequestId></Error>").encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
            return
        self._forward(body)

    def _forward(self, body: bytes) -> None:
        upstream = http.client.HTTPConnection(*self.state.upstream, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        if body or self.command in ("PUT", "POST"):
            headers["Content-Length"] = str(len(body))
        upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
        for name, value in headers.items():
            upstream.putheader(name, value)
        upstream.endheaders(body or None)
        answer = upstream.getresponse()
        self.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in HOP_BY_HOP:
                self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            while chunk := answer.read(64 * 1024):
                self.wfile.write(chunk)
        upstream.close()

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle


class S3FaultProxy:
    def __init__(self, upstream_endpoint: str) -> None:
        parts = urlsplit(upstream_endpoint)
        self.state = ProxyState(upstream=(parts.hostname, parts.port))
        handler = type("S3Proxy", (_Proxy,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def endpoint(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def seen(self) -> list[Seen]:
        return self.state.seen

    def fail(self, matches: Callable[[Seen], bool], action: str, *, times: int = 1) -> None:
        with self.state.lock:
            self.state.faults.append(Fault(matches, action, times))

    def __enter__(self) -> S3FaultProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
