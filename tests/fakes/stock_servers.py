"""Fake Pexels, Pixabay and Unsplash: each speaks its vendor's search API (paths, auth, JSON shape,
rate-limit headers) and serves real small media, made with ffmpeg and Pillow at test time, from
its own /media/ path, so the real download code runs against it.

`server.state.data["items"]` lists what a search returns (`StockItem`s); `download_modes` makes a
file misbehave: "truncate" (the connection drops half way), "slow" (stalls after the first bytes),
"html" (an HTML page with an image Content-Type), "wrong_type" (Content-Type text/html),
"octet_stream" (the right bytes, labelled application/octet-stream).

Each fake keeps its vendor's request budget (`data["limit"]`, `data["used"]`) and says so the way
the vendor does: Pexels sends X-Ratelimit-* on successes only and a bare 429 when the budget is
spent; Pixabay sends X-RateLimit-Limit/-Remaining/-Reset (seconds) and 429; Unsplash sends
X-Ratelimit-Limit/-Remaining and, when spent, 403 "Rate Limit Exceeded" with Remaining 0.
"""

from __future__ import annotations

import contextlib
import functools
import io
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from tests.fakes.server import FakeHandler, FakeServer, Recorded

_media_dir = Path(tempfile.mkdtemp(prefix="faceless-stock-media-"))


@functools.cache
def make_clip(width: int, height: int, seconds: float, label: str = "") -> bytes:
    """A test-card clip. `label` goes into the file's metadata, so that two items of one size and
    length are two files (one file under two ids is one asset, as it is on the real site)."""
    path = _media_dir / f"clip-{width}x{height}-{seconds}-{label}.mp4"
    tagged = ["-metadata", f"comment={label}"] if label else []
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi",
         "-i", f"testsrc=size={width}x{height}:rate=10:duration={seconds}",
         "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", *tagged, str(path)],
        check=True, timeout=60,
    )
    return path.read_bytes()


@functools.cache
def make_photo(width: int, height: int, color: str = "steelblue") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


@dataclass
class StockItem:
    id: int
    kind: str  # "video" | "image"
    width: int
    height: int
    seconds: float = 0.0
    words: str = "nature"  # Pexels: the page slug; Pixabay: tags; Unsplash: description
    author: str = "Jane Doe"
    color: str = "steelblue"
    media_url: str = ""  # overrides the download link (e.g. a foreign host)
    label: str = ""  # a clip's metadata: tells apart two clips of one size and length

    def media_name(self) -> str:
        return f"{self.kind}-{self.id}.{'mp4' if self.kind == 'video' else 'jpg'}"

    def content(self) -> bytes:
        if self.kind == "video":
            return make_clip(self.width, self.height, self.seconds, self.label)
        return make_photo(self.width, self.height, self.color)


class StockHandler(FakeHandler):
    LIMIT = 100

    def spend(self) -> tuple[int, int]:
        """One request of the vendor's budget: (limit, remaining); remaining < 0 when over it."""
        limit = int(self.state.data.get("limit", self.LIMIT))
        used = self.state.data["used"] = int(self.state.data.get("used", 0)) + 1
        return limit, limit - used

    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def link(self, item: StockItem) -> str:
        return item.media_url or f"{self.base()}/media/{item.media_name()}"

    def items(self, kind: str) -> list[StockItem]:
        return [i for i in self.state.data.get("items", []) if i.kind == kind]

    def serve_media(self, recorded: Recorded):
        name = recorded.path.rsplit("/", 1)[-1]
        item = next((i for i in self.state.data.get("items", []) if i.media_name() == name), None)
        if item is None:
            return 404, {}, b"not found"
        mode = self.state.data.get("download_modes", {}).get(item.id, "")
        content_type = "video/mp4" if item.kind == "video" else "image/jpeg"
        if mode == "html":
            return 200, {"Content-Type": content_type}, b"<html><body>Access denied</body></html>"
        if mode == "octet_stream":  # as many CDNs send: the content alone must tell what it is
            return 200, {"Content-Type": "application/octet-stream"}, item.content()
        if mode == "wrong_type":
            return 200, {"Content-Type": "text/html; charset=utf-8"}, b"<html>login</html>"
        return 200, {"Content-Type": content_type, "X-Fake-Mode": mode}, item.content()

    def send_payload(self, status: int, headers: dict[str, str], payload: Any) -> None:
        mode = headers.pop("X-Fake-Mode", "")
        if mode not in ("truncate", "slow"):
            return super().send_payload(status, headers, payload)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        half = len(payload) // 2
        self.wfile.write(payload[:half])
        self.wfile.flush()
        if mode == "slow":
            time.sleep(self.state.data.get("stall_seconds", 2.0))
            with contextlib.suppress(OSError):  # the client may have given up already
                self.wfile.write(payload[half:])
        self.close_connection = True


class PexelsHandler(StockHandler):
    LIMIT = 200
    def route(self, recorded: Recorded):
        if recorded.path.startswith("/media/"):
            return self.serve_media(recorded)
        if recorded.headers.get("authorization") != self.state.data["key"]:
            return 401, {}, {"error": "Unauthorized"}
        limit, remaining = self.spend()
        if remaining < 0:  # Pexels: no rate-limit headers on anything but a success
            return 429, {}, "Too Many Requests"
        reset = str(int(time.time()) + 3600)
        headers = {"X-Ratelimit-Limit": str(limit), "X-Ratelimit-Remaining": str(remaining),
                   "X-Ratelimit-Reset": reset}
        if recorded.path == "/videos/search":
            return 200, headers, {"page": 1, "per_page": 15, "total_results": 2,
                                  "videos": [self.video(i) for i in self.items("video")]}
        if recorded.path == "/v1/search":
            return 200, headers, {"page": 1, "per_page": 15, "photos": [self.photo(i) for i in self.items("image")]}
        return 404, {}, {"error": "not found"}

    def video(self, item: StockItem) -> dict:
        slug = item.words.replace(" ", "-")
        return {"id": item.id, "width": item.width, "height": item.height, "duration": int(item.seconds),
                "url": f"https://www.pexels.com/video/{slug}-{item.id}/", "image": f"{self.base()}/preview.jpg",
                "user": {"id": 7, "name": item.author, "url": "https://www.pexels.com/@jane"},
                "video_files": [
                    {"id": 1, "quality": "hls", "file_type": "video/mp4", "width": None, "height": None,
                     "link": "https://player.vimeo.com/external/1.m3u8"},
                    {"id": 2, "quality": "hd", "file_type": "video/mp4", "width": item.width, "height": item.height,
                     "fps": 25, "link": self.link(item)},
                ],
                "video_pictures": []}

    def photo(self, item: StockItem) -> dict:
        slug = item.words.replace(" ", "-")
        link = self.link(item)
        return {"id": item.id, "width": item.width, "height": item.height,
                "url": f"https://www.pexels.com/photo/{slug}-{item.id}/", "photographer": item.author,
                "photographer_url": "https://www.pexels.com/@jane", "alt": item.words,
                "src": {"original": link, "large2x": link, "medium": link}}


class PixabayHandler(StockHandler):
    def route(self, recorded: Recorded):
        if recorded.path.startswith("/media/"):
            return self.serve_media(recorded)
        if recorded.query.get("key") != [self.state.data["key"]]:
            return 400, {"Content-Type": "text/plain"}, "[ERROR 400] Invalid or missing API key"
        limit, remaining = self.spend()
        headers = {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(max(remaining, 0)),
                   "X-RateLimit-Reset": "60"}
        if remaining < 0:
            return 429, {**headers, "Content-Type": "text/plain"}, "[ERROR 429] Too many requests"
        if recorded.path == "/api/videos/":
            return 200, headers, {"total": 2, "totalHits": 2, "hits": [self.video(i) for i in self.items("video")]}
        if recorded.path == "/api/":
            return 200, headers, {"total": 1, "totalHits": 1, "hits": [self.image(i) for i in self.items("image")]}
        return 404, {}, "not found"

    def video(self, item: StockItem) -> dict:
        rendition = {"url": self.link(item), "width": item.width, "height": item.height, "size": 1000,
                     "thumbnail": f"{self.base()}/thumb.jpg"}
        return {"id": item.id, "pageURL": f"https://pixabay.com/videos/id-{item.id}/", "type": "film",
                "tags": ", ".join(item.words.split()), "duration": int(item.seconds),
                "videos": {"large": {"url": "", "width": 0, "height": 0, "size": 0}, "medium": rendition},
                "user_id": 42, "user": item.author.replace(" ", "")}

    def image(self, item: StockItem) -> dict:
        return {"id": item.id, "pageURL": f"https://pixabay.com/photos/id-{item.id}/", "type": "photo",
                "tags": ", ".join(item.words.split()), "previewURL": self.link(item),
                "webformatURL": self.link(item), "largeImageURL": self.link(item), "imageWidth": item.width,
                "imageHeight": item.height, "user_id": 42, "user": item.author.replace(" ", "")}


class UnsplashHandler(StockHandler):
    LIMIT = 50
    def route(self, recorded: Recorded):
        if recorded.path.startswith("/media/"):
            return self.serve_media(recorded)
        if recorded.headers.get("authorization") != f"Client-ID {self.state.data['key']}":
            return 401, {}, {"errors": ["OAuth error: The access token is invalid"]}
        limit, remaining = self.spend()
        headers = {"X-Ratelimit-Limit": str(limit), "X-Ratelimit-Remaining": str(max(remaining, 0))}
        if remaining < 0:  # Unsplash: a 403, told from a refused key only by its header and text
            return 403, {**headers, "Content-Type": "text/plain"}, "Rate Limit Exceeded"
        if recorded.path == "/search/photos":
            photos = [self.photo(i) for i in self.items("image")]
            return 200, headers, {"total": len(photos), "total_pages": 1, "results": photos}
        if recorded.path.startswith("/photos/") and recorded.path.endswith("/download"):
            return 200, headers, {"url": f"{self.base()}/media/x.jpg"}
        return 404, {}, {"errors": ["Not found"]}

    def photo(self, item: StockItem) -> dict:
        link = self.link(item)
        return {"id": f"u{item.id}", "width": item.width, "height": item.height, "description": item.words,
                "alt_description": item.words, "urls": {"raw": link, "full": link, "regular": link, "small": link},
                "links": {"html": f"https://unsplash.com/photos/u{item.id}",
                          "download_location": f"{self.base()}/photos/u{item.id}/download?ixid=abc"},
                "user": {"name": item.author, "links": {"html": "https://unsplash.com/@jane"}}}


@dataclass
class StockServers:
    pexels: FakeServer
    pixabay: FakeServer
    unsplash: FakeServer
    extra: dict[str, Any] = field(default_factory=dict)

    def set_items(self, name: str, items: list[StockItem]) -> None:
        getattr(self, name).state.data["items"] = items
