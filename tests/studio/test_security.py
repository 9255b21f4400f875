"""Security headers and cookies outside DEBUG, CSRF on htmx requests, uploads checked by content."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from assets.models import Asset
from tests.factories import make_script, make_video

pytestmark = pytest.mark.django_db


def test_headers_outside_debug(client, alice, settings):
    assert settings.DEBUG is False
    response = client.get("/login/", secure=True)
    assert "max-age=" in response["Strict-Transport-Security"]
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    signed_in = client.post("/login/", {"username": "alice", "password": "correct horse battery staple"},
                            secure=True)
    assert signed_in.cookies["sessionid"]["secure"] and signed_in.cookies["sessionid"]["httponly"]


def test_htmx_posts_need_the_csrf_header(alice, channel):
    scene = make_script(make_video(channel=channel), scenes=["Original."]).scenes.first()
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    page = client.get(f"/videos/{scene.script.video_id}/")
    token = page.content.decode().split('hx-headers=\'{"x-csrftoken": "')[1].split('"')[0]
    url = f"/scenes/{scene.pk}/"
    assert client.post(url, {"narration": "Forged."}, HTTP_HX_REQUEST="true").status_code == 403
    ok = client.post(url, {"narration": "Mine."}, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token)
    assert ok.status_code == 200
    scene.refresh_from_db()
    assert scene.narration == "Mine."


def test_library_upload_is_checked_by_content_not_name(as_alice, channel):
    fake = SimpleUploadedFile("holiday.jpg", b"<?php system($_GET['x']); ?>", content_type="image/jpeg")
    body = as_alice.post("/library/", {"file": fake, "channel": channel.slug, "tags": "x"}, follow=True)
    assert "holiday.jpg:" in body.content.decode() and "not an image" in body.content.decode()
    assert not Asset.objects.exists()


def test_library_upload_needs_an_editable_channel(client, channel, bob):
    from tests.studio.conftest import add_member

    add_member(channel, bob, "viewer")
    client.force_login(bob)
    fake = SimpleUploadedFile("a.png", b"x", content_type="image/png")
    body = client.post("/library/", {"file": fake, "channel": channel.slug}, follow=True).content.decode()
    assert "Viewers cannot upload" in body
    body = client.post("/library/", {"file": fake}, follow=True).content.decode()
    assert "only operators add to the shared library" in body


def test_another_channels_asset_file_is_a_404(as_bob, channel):
    asset = Asset.objects.create(kind="image", file="x.png", sha256="c" * 64, channel=channel)
    assert as_bob.get(f"/library/{asset.pk}/file/").status_code == 404
