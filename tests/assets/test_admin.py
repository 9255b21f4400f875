"""The library admin: uploads checked by content, the list with its filters, credits shown."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from assets.models import Asset
from faceless_site.mediastore.files import media_exists, media_read
from tests.factories import make_channel, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    user = make_user(is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


def test_upload_in_the_admin_keeps_the_file_with_its_credit(admin, media_root):
    channel = make_channel()
    response = admin.post(reverse("admin:assets_asset_add"), {
        "upload": SimpleUploadedFile("sea.png", jpeg()), "title": "Teal sea", "tags": "sea teal",
        "channel": channel.pk, "author": "Ann", "licence": "CC BY 4.0", "page_url": "https://ex.com/sea",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    asset = Asset.objects.get()
    assert (asset.kind, asset.mime_type, asset.channel, asset.author) == ("image", "image/jpeg", channel, "Ann")
    assert media_exists(asset.file) and asset.file.endswith(".jpg")
    page = admin.get(reverse("admin:assets_asset_change", args=[asset.pk])).content.decode()
    assert "Teal sea by Ann (CC BY 4.0): https://ex.com/sea" in page
    preview = reverse("asset_file", args=[asset.pk])  # through the permission-checked view, from the store
    assert f'src="{preview}"' in page and f"/media/{asset.file}" not in page
    assert b"".join(admin.get(preview).streaming_content) == media_read(asset.file)


def test_a_file_that_is_not_media_is_refused_with_the_reason(admin, media_root):
    response = admin.post(reverse("admin:assets_asset_add"), {
        "upload": SimpleUploadedFile("clip.mp4", b"<html>not a clip</html>" * 10), "title": "x"})
    assert response.status_code == 200
    assert "not an image, video or audio file" in response.content.decode()
    assert Asset.objects.count() == 0


def test_the_list_filters_and_searches(admin):
    Asset.objects.create(kind="video", source="pexels", file="a", sha256="a" * 64, title="Lighthouse storm",
                         author="Jane", page_url="https://www.pexels.com/video/1/", size_bytes=3 * 1024 * 1024)
    Asset.objects.create(kind="audio", file="b", sha256="b" * 64, title="Calm bed")
    url = reverse("admin:assets_asset_changelist")
    page = admin.get(url, {"q": "lighthouse"}).content.decode()
    assert "Lighthouse storm" in page and "Calm bed" not in page and "3.0 MB" in page
    assert 'href="https://www.pexels.com/video/1/"' in page
    filtered = admin.get(url, {"kind__exact": "audio"}).content.decode()
    assert "Calm bed" in filtered and "Lighthouse storm" not in filtered
