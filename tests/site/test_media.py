"""Serving private media with HTTP ranges (RFC 9110 section 14): a satisfiable single range is a 206, a
range past the end a 416, and a Range header the server does not understand (malformed, another unit,
several ranges) is ignored: the whole file, 200."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from faceless_site.media import serve_file
from faceless_site.mediastore.files import media_write

BODY = bytes(range(256)) * 4


@pytest.fixture
def clip(media_root):
    media_write("clip.mp4", BODY)
    return "clip.mp4"


def _get(relative: str, range_header: str | None):
    headers = {} if range_header is None else {"HTTP_RANGE": range_header}
    response = serve_file(RequestFactory().get("/x", **headers), relative)
    return response, b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("header", ["bytes=abc", "bytes=5", "bytes=-", "bytes=9-3", "items=0-5", "bytes 0-5",
                                    "bytes=0-1,4-5", "=0-5", "bytes=0x10-20", "bytes=1-2-3"])
def test_a_range_header_the_server_does_not_understand_is_ignored(clip, header):
    response, body = _get(clip, header)
    assert response.status_code == 200 and body == BODY and response["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize(("header", "first", "last"), [("bytes=10-19", 10, 19), ("bytes=-4", 1020, 1023),
                                                       ("bytes=1000-", 1000, 1023), ("bytes=1000-5000", 1000, 1023)])
def test_a_satisfiable_range_is_a_206(clip, header, first, last):
    response, body = _get(clip, header)
    assert response.status_code == 206 and body == BODY[first:last + 1]
    assert response["Content-Range"] == f"bytes {first}-{last}/1024"


@pytest.mark.parametrize("header", ["bytes=1024-", "bytes=5000-6000", "bytes=-0"])
def test_a_range_past_the_end_is_a_416(clip, header):
    response, _ = _get(clip, header)
    assert response.status_code == 416 and response["Content-Range"] == "bytes */1024"
