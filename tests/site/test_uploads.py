"""Uploads are checked while they are read, not after they are on disk: a body past UPLOAD_MAX_BYTES is
refused at the limit, one whose Content-Length is already past it before its file is read, and an
anonymous one before anything is read. Every route that takes a file (the library page, a scene's
upload, the API's multipart uploads) answers with its own clear message, and a malformed multipart
body is a 400 with the reason in the API as in the studio, never a 500."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client

from tests.api.conftest import ApiClient
from tests.factories import make_script, make_video

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
BOUNDARY = "faceless-test-boundary"
MB = 1024 * 1024


class Body(io.RawIOBase):
    """A multipart body made on the fly (a file of `size` zero bytes between the given fields) that
    counts how much of it the server read."""

    def __init__(self, fields: dict[str, str], size: int, *, after: dict[str, str] | None = None,
                 file_name: str = "clip.mp4") -> None:
        def part(name: str, value: str) -> bytes:
            return (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n').encode()

        self.head = b"".join(part(k, v) for k, v in fields.items()) + (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
            "Content-Type: video/mp4\r\n\r\n").encode()
        self.tail = b"\r\n" + b"".join(part(k, v) for k, v in (after or {}).items()) + f"--{BOUNDARY}--\r\n".encode()
        self.size = size
        self.length = len(self.head) + size + len(self.tail)
        self.read_bytes = 0

    def _slice(self, start: int, count: int) -> bytes:
        out = b""
        head_end, file_end = len(self.head), len(self.head) + self.size
        if start < head_end:
            out += self.head[start:start + count]
        if len(out) < count and start + len(out) < file_end:
            zeros = min(count - len(out), file_end - (start + len(out)))
            out += b"\0" * zeros
        if len(out) < count and start + len(out) >= file_end:
            offset = start + len(out) - file_end
            out += self.tail[offset:offset + count - len(out)]
        return out

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = self.length - self.read_bytes
        chunk = self._slice(self.read_bytes, min(size, self.length - self.read_bytes))
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, size: int = -1) -> bytes:  # Django's LimitedStream asks for it; multipart never does
        return self.read(size)

    def environ(self, content_length: int | None = None) -> dict:
        return {"wsgi.input": self, "CONTENT_LENGTH": str(self.length if content_length is None else content_length),
                "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}"}


def post(client: Client, path: str, body: Body, **extra):
    return client.generic("POST", path, b"", **{**body.environ(), **extra})


@pytest.fixture
def small_limit(settings):
    """1 MB a file; Django's own 2.5 MB for the form's other fields."""
    settings.UPLOAD_MAX_BYTES = MB
    return MB


@pytest.fixture
def scene(channel):
    return make_script(make_video(channel=channel)).scenes.get(position=0)


def test_a_scene_upload_past_the_limit_is_refused_at_the_limit_while_reading(client, alice, scene, small_limit):
    client.force_login(alice)
    # Content-Length within the limit plus the form's allowance: read until the file passes the limit.
    body = Body({}, 3 * MB)
    response = post(client, f"/scenes/{scene.pk}/upload/", body, **HTMX)
    text = response.content.decode()
    assert "larger than the 1 MB upload limit" in text and "Choose an image" not in text
    assert body.read_bytes < small_limit + 256 * 1024, body.read_bytes  # not the 3 MB
    scene.refresh_from_db()
    assert scene.asset_id is None


def test_a_body_whose_content_length_is_past_the_limit_has_no_file_read(client, alice, scene, small_limit):
    client.force_login(alice)
    body = Body({"csrfmiddlewaretoken": "x"}, 40 * MB)
    response = post(client, f"/scenes/{scene.pk}/upload/", body, **HTMX)
    assert "larger than the 1 MB upload limit" in response.content.decode()
    assert body.read_bytes <= 64 * 1024 + 1024  # at most the first chunk, the fields before the file


def test_the_library_page_says_why_and_keeps_the_channel(client, alice, channel, small_limit):
    client.force_login(alice)
    body = Body({"title": "storm"}, 3 * MB, after={"channel": channel.slug})
    response = post(client, f"/library/?channel={channel.slug}", body)
    assert response.status_code == 302 and response["Location"] == f"/library/?channel={channel.slug}"
    page = client.get(response["Location"]).content.decode()
    assert "larger than the 1 MB upload limit" in page and "Up to 1 MB." in page
    assert body.read_bytes < small_limit + 256 * 1024


def test_an_anonymous_upload_to_the_library_is_sent_to_sign_in_before_anything_is_read(channel, small_limit):
    client = Client(enforce_csrf_checks=True)
    client.get("/login/")  # a CSRF cookie, as a browser with an expired session has
    token = client.cookies["csrftoken"].value
    body = Body({"csrfmiddlewaretoken": token}, 3 * MB)
    response = post(client, "/library/", body)
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=/library/")
    assert body.read_bytes == 0


def test_an_anonymous_file_sent_to_a_page_open_to_everyone_is_not_read(alice, small_limit):
    # The sign-in form still reads its fields (some clients send forms as multipart); a file stops the read.
    body = Body({"username": "alice", "password": "correct horse battery staple"}, 3 * MB)
    response = post(Client(), "/login/", body)
    assert response.status_code == 302 and body.read_bytes <= 64 * 1024 + 1024


def test_an_anonymous_api_upload_is_refused_before_anything_is_read(channel, small_limit):
    body = Body({"channel_id": str(channel.pk)}, 3 * MB)
    response = post(Client(), "/api/assets", body)
    assert response.status_code == 401 and body.read_bytes == 0


@pytest.mark.parametrize("route", ["assets", "scene"])
def test_the_api_answers_413_with_the_limit_when_a_file_passes_it(alice, channel, scene, small_limit, route):
    api = ApiClient(alice)
    path = "/api/assets" if route == "assets" else f"/api/scenes/{scene.pk}/footage/upload"
    body = Body({"channel_id": str(channel.pk)}, 3 * MB)
    response = post(api.client, path, body)
    assert response.status_code == 413, response.content
    assert "larger than the 1 MB upload limit" in response.json()["detail"]
    assert body.read_bytes < small_limit + 256 * 1024
    far = Body({"channel_id": str(channel.pk)}, 40 * MB)
    assert post(api.client, path, far).status_code == 413 and far.read_bytes <= 64 * 1024 + 1024


def test_a_file_within_the_limit_still_arrives(alice, channel, small_limit, media_root):
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (32, 18), "teal").save(picture, "PNG")
    picture.seek(0)
    picture.name = "teal.png"
    response = ApiClient(alice).client.post("/api/assets", {"file": picture, "channel_id": channel.pk})
    assert response.status_code == 201, response.content
    assert response.json()["original_name"] == "teal.png"


@pytest.mark.parametrize("debug", [False, True])
def test_a_multipart_body_without_a_boundary_is_a_400_with_the_reason(alice, settings, debug):
    settings.DEBUG = debug
    response = ApiClient(alice).client.post("/api/assets", b"--x\r\n", content_type="multipart/form-data")
    assert response.status_code == 400 and response["Content-Type"] == "application/json; charset=utf-8"
    assert "boundary" in response.json()["detail"]


@pytest.mark.parametrize("debug", [False, True])
def test_a_file_name_of_a_thousand_characters_is_a_400_with_the_reason(alice, channel, settings, debug):
    settings.DEBUG = debug
    body = Body({"channel_id": str(channel.pk)}, 1000, file_name="a" * 1000 + ".png")
    response = post(ApiClient(alice).client, "/api/assets", body)
    assert response.status_code == 400, response.content
    assert "file name" in json.loads(response.content)["detail"]


def test_a_long_extension_on_a_file_kept_on_disk_is_no_500(alice, channel, settings, media_root):
    from PIL import Image

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # every upload goes through a temporary file, as a clip does
    picture = io.BytesIO()
    Image.new("RGB", (32, 18), "teal").save(picture, "PNG")
    picture.seek(0)
    picture.name = "still." + "p" * 900
    response = ApiClient(alice).client.post("/api/assets", {"file": picture, "channel_id": channel.pk})
    assert response.status_code == 201, response.content
    assert len(response.json()["original_name"]) <= 255


def test_djangos_own_body_limits_answer_400_in_the_api(alice, channel, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 1
    files = [io.BytesIO(b"one"), io.BytesIO(b"two")]
    for number, handle in enumerate(files):
        handle.name = f"{number}.png"
    response = ApiClient(alice).client.post("/api/assets", {"file": files, "channel_id": channel.pk})
    assert response.status_code == 400 and "one file at a time" in response.json()["detail"]
