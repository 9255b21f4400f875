"""Fake keyless archives: Wikimedia Commons (api.php search with imageinfo and extmetadata), NASA
Image and Video Library (search, then /asset/{nasa_id} manifests) and Openverse (/v1/images/), each
speaking its real API's JSON and serving real small media from its own /media/ path.

`server.state.data["items"]` lists `ArchiveItem`s. Bad days, as the real services have them:
- Commons answers errors in a 200 body: `data["body_error"] = "maxlag"` (with Retry-After, as
  MediaWiki sends it) or `"ratelimited"`; `server.enqueue(429, ..., {"Retry-After": "30"})` for HTTP.
- An item may lack `extmetadata` (`metadata=False`), carry any licence, be an SVG or a TIFF (its
  rendition is a JPEG, as Commons renders thumbnails), or be huge (`width`/`height` of the original).
- `mode` on an item: "truncate" (the connection drops half way), "undecodable" (a WebM whose frames
  are damaged), "redirect" (a 302 to another host).
"""

from __future__ import annotations

import functools
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.fakes.server import FakeHandler, Recorded
from tests.fakes.stock_servers import StockHandler, make_clip, make_photo

_media_dir = Path(tempfile.mkdtemp(prefix="faceless-archive-media-"))


@functools.cache
def make_webm(width: int, height: int, seconds: float, *, damaged: bool = False, codec: str = "libvpx") -> bytes:
    suffix = "ogv" if codec == "libtheora" else "webm"
    path = _media_dir / f"clip-{width}x{height}-{seconds}-{codec}.{suffix}"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc=size={width}x{height}:rate=10:duration={seconds}", "-c:v", codec, "-b:v", "200k",
                    str(path)], check=True, timeout=60)
    data = bytearray(path.read_bytes())
    if damaged:  # the header stays readable; the frames after it do not decode
        for index in range(len(data) // 4, len(data) - 200, 97):
            data[index] = (data[index] * 7 + 13) % 256
    return bytes(data)


@dataclass
class ArchiveItem:
    id: int
    kind: str  # "video" | "image"
    title: str
    width: int = 1920
    height: int = 1080
    seconds: float = 4.0
    licence: str = "CC BY-SA 4.0"  # Commons LicenseShortName; Openverse code ("by-sa"); NASA ignores it
    author: str = "<a href='//commons.wikimedia.org/wiki/User:Jane'>Jane Doe</a>"
    mime: str = ""  # Commons: defaults by kind (image/jpeg, video/webm)
    metadata: bool = True  # Commons: False leaves extmetadata out
    categories: str = ""
    description: str = ""
    mode: str = ""
    codec: str = "libvpx"
    color: str = "seagreen"
    extra: dict[str, Any] = field(default_factory=dict)

    def media_name(self) -> str:
        return f"{self.kind}-{self.id}.{'webm' if self.kind == 'video' else 'jpg'}"

    def content(self) -> bytes:
        if self.kind == "video":
            return make_webm(min(self.width, 320), min(self.height, 240), self.seconds,
                             damaged=self.mode == "undecodable", codec=self.codec)
        return make_photo(min(self.width, 640), min(self.height, 480), self.color)


class ArchiveHandler(StockHandler):
    LIMIT = 10_000

    def serve_media(self, recorded: Recorded):
        name = recorded.path.rsplit("/", 1)[-1]
        item = next((i for i in self.state.data.get("items", []) if i.media_name() == name), None)
        if item is None:
            return 404, {}, b"not found"
        if item.mode == "redirect":
            return 302, {"Location": f"http://elsewhere.example/{name}"}, b""
        content_type = "video/webm" if item.kind == "video" else "image/jpeg"
        mode = "truncate" if item.mode == "truncate" else ""
        return 200, {"Content-Type": content_type, "X-Fake-Mode": mode}, item.content()


class WikimediaHandler(ArchiveHandler):
    def route(self, recorded: Recorded):
        if recorded.path.startswith("/media/"):
            return self.serve_media(recorded)
        if recorded.path != "/w/api.php":
            return 404, {}, "not found"
        error = self.state.data.get("body_error")
        if error == "maxlag":
            return 200, {"Retry-After": "1", "X-Database-Lag": "7"}, {
                "error": {"code": "maxlag", "info": "Waiting for db1: 7 seconds lagged", "host": "db1", "lag": 7,
                          "*": "See https://commons.wikimedia.org/w/api.php for API usage."},
                "servedby": "mw1"}
        if error == "ratelimited":
            return 200, {}, {"error": {"code": "ratelimited", "info": "You've exceeded your rate limit."},
                             "servedby": "mw1"}
        wanted = "video" if "filetype:video" in recorded.query.get("gsrsearch", [""])[0] else "image"
        pages = [self.page(n, item) for n, item in enumerate(self.state.data.get("items", []))
                 if item.kind == wanted]
        return 200, {}, {"batchcomplete": True, "query": {"pages": pages}} if pages else {"batchcomplete": True}

    def page(self, index: int, item: ArchiveItem) -> dict:
        mime = item.mime or ("video/webm" if item.kind == "video" else "image/jpeg")
        link = f"{self.base()}/media/{item.media_name()}"
        info: dict[str, Any] = {"size": 123456, "width": item.width, "height": item.height, "mime": mime,
                                "url": link if item.kind == "video" else f"{self.base()}/original/{item.id}.tif",
                                "descriptionurl": f"https://commons.wikimedia.org/wiki/File:Item_{item.id}.jpg",
                                "descriptionshorturl": f"https://commons.wikimedia.org/w/index.php?curid={item.id}"}
        if item.kind == "image":
            scale = 1920 / item.width if item.width > 1920 else 1
            info.update(thumburl=link, thumbwidth=round(item.width * scale), thumbheight=round(item.height * scale))
        else:
            info.update(thumburl=f"{self.base()}/thumb/{item.id}.jpg", thumbwidth=1920, thumbheight=1080)
        if item.metadata:
            info["extmetadata"] = {
                "ObjectName": {"value": item.title, "source": "description", "hidden": ""},
                "ImageDescription": {"value": f"<p>{item.description or item.title}</p>",
                                     "source": "commons-desc-page"},
                "Categories": {"value": item.categories, "source": "commons-categories", "hidden": ""},
                "Artist": {"value": item.author, "source": "commons-desc-page"},
                "Credit": {"value": "<span class='int-own-work'>Own work</span>", "source": "commons-desc-page"},
                "LicenseShortName": {"value": item.licence, "source": "commons-desc-page", "hidden": ""},
                "LicenseUrl": {"value": "https://creativecommons.org/licenses/by-sa/4.0", "source": "commons-desc-page",
                               "hidden": ""},
                "AttributionRequired": {"value": "true", "source": "commons-desc-page", "hidden": ""},
                "UsageTerms": {"value": f"Creative Commons {item.licence}", "source": "commons-desc-page"},
            }
        return {"pageid": item.id, "ns": 6, "title": f"File:{item.title.replace(' ', '_')}.jpg", "index": index + 1,
                "imagerepository": "local", "imageinfo": [info]}


class NasaHandler(ArchiveHandler):
    def serve_media(self, recorded: Recorded):
        name = recorded.path.rsplit("/", 1)[-1]
        item = next((i for i in self.state.data.get("items", []) if name.startswith(f"NASA-{i.id}~")), None)
        if item is None:
            return 404, {}, b"not found"
        if item.kind == "video":
            return 200, {"Content-Type": "video/mp4"}, make_clip(320, 180, item.seconds)
        return 200, {"Content-Type": "image/jpeg"}, item.content()

    def route(self, recorded: Recorded):
        if recorded.path.startswith("/media/"):
            return self.serve_media(recorded)
        items = self.state.data.get("items", [])
        if recorded.path == "/search":
            wanted = recorded.query.get("media_type", ["image"])[0]
            found = [self.item(i) for i in items if i.kind == wanted]
            return 200, {}, {"collection": {"version": "1.0", "href": f"{self.base()}/search", "items": found,
                                            "metadata": {"total_hits": len(found)}, "links": []}}
        if recorded.path.startswith("/asset/"):
            nasa_id = recorded.path.rsplit("/", 1)[-1]
            item = next((i for i in items if f"NASA-{i.id}" == nasa_id), None)
            if item is None:
                return 404, {}, {"reason": "Not found", "code": 404}
            ending = "mp4" if item.kind == "video" else "jpg"
            hrefs = [f"{self.base()}/media/{nasa_id}~orig.{ending}", f"{self.base()}/media/{nasa_id}~large.{ending}",
                     f"{self.base()}/media/{nasa_id}~thumb.jpg", f"{self.base()}/{item.kind}/{nasa_id}/metadata.json"]
            return 200, {}, {"collection": {"version": "1.0", "href": f"{self.base()}/asset/{nasa_id}",
                                            "items": [{"href": href} for href in hrefs]}}
        return 404, {}, {"reason": "Not found"}

    def item(self, item: ArchiveItem) -> dict:
        nasa_id = f"NASA-{item.id}"
        return {"href": f"{self.base()}/{item.kind}/{nasa_id}/collection.json",
                "data": [{"nasa_id": nasa_id, "title": item.title, "description": item.description or item.title,
                          "keywords": item.categories.split("|") if item.categories else [], "media_type": item.kind,
                          "center": "JSC", "date_created": "1969-07-20T00:00:00Z"}],
                "links": [{"href": f"{self.base()}/thumb/{nasa_id}.jpg", "rel": "preview", "render": "image"}]}


class OpenverseHandler(ArchiveHandler):
    def route(self, recorded: Recorded):
        if recorded.path.startswith("/media/"):
            return self.serve_media(recorded)
        if recorded.path != "/v1/images/":
            return 404, {}, {"detail": "Not found."}
        allowed = set(recorded.query.get("license", [""])[0].split(","))
        results = [self.result(i) for i in self.state.data.get("items", [])
                   if i.kind == "image" and (not allowed - {""} or i.licence in allowed)]
        return 200, {}, {"result_count": len(results), "page_count": 1, "page_size": 20, "page": 1,
                         "results": results, "warnings": []}

    def result(self, item: ArchiveItem) -> dict:
        url = item.extra.get("url") or f"{self.base()}/media/{item.media_name()}"
        return {"id": f"ov-{item.id}", "title": item.title, "indexed_on": "2024-01-01T00:00:00Z",
                "foreign_landing_url": f"https://www.flickr.com/photos/jane/{item.id}", "url": url,
                "creator": "Jane Doe", "creator_url": "https://www.flickr.com/photos/jane", "license": item.licence,
                "license_version": "2.0", "license_url": f"https://creativecommons.org/licenses/{item.licence}/2.0/",
                "provider": "flickr", "source": "flickr", "category": "photograph", "filesize": 12345,
                "filetype": "jpg", "tags": [{"name": t} for t in item.categories.split("|") if t],
                "attribution": f'"{item.title}" by Jane Doe is licensed under CC {item.licence.upper()} 2.0.',
                "fields_matched": ["title"], "mature": False, "height": item.height, "width": item.width,
                "thumbnail": f"{self.base()}/v1/images/ov-{item.id}/thumb/", "detail_url": "", "related_url": ""}


__all__ = ["ArchiveItem", "FakeHandler", "NasaHandler", "OpenverseHandler", "WikimediaHandler", "make_webm"]
