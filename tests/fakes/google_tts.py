"""Google Translate's speech endpoint, as gTTS calls it, for tests with no internet.

gTTS posts to the fixed host `https://translate.google.<tld>/_/TranslateWebserverUi/data/batchexecute`
and honours the standard proxy variables, so the real library is pointed here through an HTTP
CONNECT proxy on 127.0.0.1 that sends every tunnel to this TLS server (a certificate for Google's
host name from a test CA). The answer has the shape of Google's batchexecute reply: a `)]}'`
guard line, a length line, then a JSON line whose `jQ1olc` entry holds the MP3 as base64.
The MP3 is a tone a quarter of a second long per word, so a test can check the length it gets.
"""

from __future__ import annotations

import base64
import contextlib
import json
import select
import socket
import socketserver
import subprocess
import threading
from urllib.parse import parse_qs

from tests.fakes.server import FakeHandler, FakeServer, Recorded

PATH = "/_/TranslateWebserverUi/data/batchexecute"
SECONDS_PER_WORD = 0.25


def tone_mp3(seconds: float) -> bytes:
    """An MP3 like Google's (24 kHz mono, 32 kbit/s) of a tone lasting `seconds`."""
    command = ["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", f"sine=frequency=330:duration={seconds:.3f}",
               "-ar", "24000", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "32k", "-f", "mp3", "-"]
    return subprocess.run(command, capture_output=True, check=True).stdout


def batchexecute_reply(audio: bytes) -> str:
    entry = json.dumps(["wrb.fr", "jQ1olc", json.dumps([base64.b64encode(audio).decode()]), None, None, None,
                        "generic"], separators=(",", ":"))
    body = f"[{entry},[\"di\",42],[\"af.httprm\",41,\"-1\",7]]"
    return f")]}}'\n\n{len(body)}\n{body}\n"


def spoken(request: Recorded) -> tuple[str, str, bool | None]:
    """The text, language and slow flag gTTS sent in one request."""
    rpc = json.loads(parse_qs(request.body.decode())["f.req"][0])
    text, lang, slow, _ = json.loads(rpc[0][0][1])
    return text, lang, slow


class GoogleTtsHandler(FakeHandler):
    def route(self, recorded: Recorded):
        if recorded.method != "POST" or recorded.path != PATH:
            return 404, {}, "Not Found"
        text, _, _ = spoken(recorded)
        seconds = max(0.5, SECONDS_PER_WORD * len(text.split()))
        return 200, {"Content-Type": "application/json; charset=utf-8"}, batchexecute_reply(tone_mp3(seconds))


class ConnectProxy:
    """An HTTP proxy that answers CONNECT only, tunnelling every host to `target` (host, port) and
    recording the host:port each client asked for."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target, self.asked = target, []
        proxy = self

        class Tunnel(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = self.request.recv(4096)
                    if not chunk:
                        return
                    head += chunk
                method, authority, _ = head.split(b"\r\n", 1)[0].decode().split(" ", 2)
                if method != "CONNECT":
                    self.request.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                    return
                proxy.asked.append(authority)
                with socket.create_connection(proxy.target) as upstream:
                    self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    _relay(self.request, upstream)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Tunnel)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> ConnectProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _relay(a: socket.socket, b: socket.socket) -> None:
    sockets = [a, b]
    while True:
        readable, _, _ = select.select(sockets, [], [], 30)
        if not readable:
            return
        for source in readable:
            with contextlib.suppress(OSError):
                data = source.recv(65536)
                if data:
                    (b if source is a else a).sendall(data)
                    continue
            return


@contextlib.contextmanager
def google_tts(ca, tld: str = "com"):
    """A Google TTS fake and the proxy that leads to it: `(server, proxy)`."""
    with FakeServer(GoogleTtsHandler, tls=ca, hosts=(f"translate.google.{tld}",)) as server, \
            ConnectProxy(server.httpd.server_address[:2]) as proxy:
        yield server, proxy
