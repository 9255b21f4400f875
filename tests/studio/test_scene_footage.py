"""Any library item, or a file uploaded on the spot, as one scene's footage (issue 17): from the
studio's scene card, the API and the admin's scene inline; never another channel's item, which reads
as a missing one; and the change offers “Update video”, as a scene edit does."""

from __future__ import annotations

import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assets.models import Asset
from channels.models import ChannelMembership
from tests.api.conftest import ApiClient
from tests.factories import make_script, make_user, make_video
from videos.models import Render, Video

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _png(color: str = "red") -> bytes:
    return subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", f"color=c={color}:s=32x18", "-frames:v", "1",
                           "-f", "image2pipe", "-vcodec", "png", "-"], capture_output=True, check=True).stdout


def _rendered(channel) -> tuple[Video, object]:
    video = make_video(channel=channel, status=Video.Status.RENDERED)
    script = make_script(video, approved_at=timezone.now())
    Render.objects.create(video=video, script_version=script.version, file="r.mp4", duration_seconds=3)
    return video, script.scenes.get(position=1)


def _library(channel, bobs_channel):
    mine = Asset.objects.create(kind="image", file="m.png", sha256="m" * 64, title="Lighthouse at dusk",
                                channel=channel)
    shared = Asset.objects.create(kind="video", file="s.mp4", sha256="s" * 64, title="Lighthouse beam",
                                  tags="lighthouse")
    theirs = Asset.objects.create(kind="image", file="t.png", sha256="t" * 64, title="Lighthouse of Bob",
                                  channel=bobs_channel)
    music = Asset.objects.create(kind="audio", file="a.mp3", sha256="a" * 64, title="Lighthouse song",
                                 channel=channel)
    return mine, shared, theirs, music


def test_the_scene_card_searches_this_channels_library_and_a_result_goes_on_the_scene(as_alice, channel,
                                                                                      bobs_channel):
    video, scene = _rendered(channel)
    mine, shared, _theirs, _music = _library(channel, bobs_channel)
    page = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert f'hx-get="/scenes/{scene.pk}/library/"' in page and f'action="/scenes/{scene.pk}/upload/"' in page

    results = as_alice.get(f"/scenes/{scene.pk}/library/", {"q": "lighthouse"}, **HTMX).content.decode()
    assert "<html" not in results and "2 items for “lighthouse”" in results
    assert f'name="asset_id" value="{mine.pk}"' in results and f'name="asset_id" value="{shared.pk}"' in results
    assert "Bob" not in results and "song" not in results  # another channel's item; music is no footage

    body = as_alice.post(f"/scenes/{scene.pk}/swap/", {"asset_id": mine.pk}, **HTMX).content.decode()
    assert "Footage swapped for “Lighthouse at dusk”." in body
    scene.refresh_from_db()
    assert scene.asset == mine and scene.footage_reason.startswith("Chosen by alice")
    # The render no longer shows the scene: the studio offers the update, not the approval.
    video.refresh_from_db()
    assert video.status == Video.Status.SCRIPTED
    page = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert ">Update video</button>" in page and ">Approve</button>" not in page


def test_without_htmx_the_library_search_is_a_page_of_its_own(as_alice, channel, bobs_channel):
    video, scene = _rendered(channel)
    mine, *_ = _library(channel, bobs_channel)
    page = as_alice.get(f"/scenes/{scene.pk}/library/", {"q": "dusk"}).content.decode()
    assert "<html" in page and "Footage for scene 2" in page and f'value="{mine.pk}"' in page
    response = as_alice.post(f"/scenes/{scene.pk}/swap/", {"asset_id": mine.pk})
    assert response["Location"] == f"/videos/{video.pk}/#scene-{scene.pk}"


def test_another_channels_item_reads_as_a_missing_one_in_studio_and_api(as_alice, alice, channel, bobs_channel):
    _video, scene = _rendered(channel)
    _mine, _shared, theirs, _music = _library(channel, bobs_channel)
    other = as_alice.post(f"/scenes/{scene.pk}/swap/", {"asset_id": theirs.pk}, **HTMX).content.decode()
    absent = as_alice.post(f"/scenes/{scene.pk}/swap/", {"asset_id": theirs.pk + 1000}, **HTMX).content.decode()
    assert "Pick one of the listed candidates or a library item." in other and "Bob" not in other
    assert other.split('role="alert">')[1].split("<")[0] == absent.split('role="alert">')[1].split("<")[0]

    api = ApiClient(alice)
    by_api = api.post(f"/scenes/{scene.pk}/footage", {"asset_id": theirs.pk})
    missing = api.post(f"/scenes/{scene.pk}/footage", {"asset_id": theirs.pk + 1000})
    assert (by_api.status_code, by_api.json()) == (missing.status_code, missing.json()) == (
        404, {"detail": "No such asset in this channel's library."})
    scene.refresh_from_db()
    assert scene.asset_id is None
    assert Video.objects.get(pk=scene.script.video_id).status == Video.Status.RENDERED


def test_the_api_puts_any_library_item_of_the_channel_on_a_scene(alice, channel, bobs_channel):
    video, scene = _rendered(channel)
    mine, shared, _theirs, music = _library(channel, bobs_channel)
    api = ApiClient(alice)
    for asset in (mine, shared):
        response = api.post(f"/scenes/{scene.pk}/footage", {"asset_id": asset.pk})
        assert response.status_code == 200 and response.json()["asset_id"] == asset.pk
    refused = api.post(f"/scenes/{scene.pk}/footage", {"asset_id": music.pk})
    assert refused.status_code == 400 and "clip or an image" in refused.json()["detail"]
    assert Video.objects.get(pk=video.pk).status == Video.Status.SCRIPTED


def test_uploading_a_file_for_a_scene_adds_it_to_the_channels_library_and_uses_it(as_alice, channel):
    video, scene = _rendered(channel)
    upload = SimpleUploadedFile("my_beam.png", _png(), content_type="image/png")
    body = as_alice.post(f"/scenes/{scene.pk}/upload/", {"file": upload}, **HTMX).content.decode()
    assert "Uploaded “my beam” to the channel" in body
    scene.refresh_from_db()
    asset = scene.asset
    assert (asset.kind, asset.channel, asset.source) == ("image", channel, Asset.Source.LIBRARY)
    assert Video.objects.get(pk=video.pk).status == Video.Status.SCRIPTED

    junk = SimpleUploadedFile("junk.png", b"not an image at all", content_type="image/png")
    body = as_alice.post(f"/scenes/{scene.pk}/upload/", {"file": junk}, **HTMX).content.decode()
    assert "junk.png:" in body and 'role="alert"' in body
    assert Asset.objects.count() == 1
    scene.refresh_from_db()
    assert scene.asset == asset


def test_the_api_uploads_a_file_for_a_scene(alice, bob, channel):
    _video, scene = _rendered(channel)
    api = ApiClient(alice)
    png = SimpleUploadedFile("dot.png", _png("blue"), content_type="image/png")
    response = api.client.post(f"/api/scenes/{scene.pk}/footage/upload", {"file": png})
    assert response.status_code == 200, response.content
    asset = Asset.objects.get(pk=response.json()["asset_id"])
    assert asset.channel == channel
    junk = SimpleUploadedFile("junk.png", b"nope", content_type="image/png")
    assert api.client.post(f"/api/scenes/{scene.pk}/footage/upload", {"file": junk}).status_code == 400

    ChannelMembership.objects.create(channel=channel, user=bob, role=ChannelMembership.Role.VIEWER)
    png.seek(0)
    assert ApiClient(bob).client.post(f"/api/scenes/{scene.pk}/footage/upload", {"file": png}).status_code == 403
    stranger = ApiClient(make_user())
    assert stranger.client.post(f"/api/scenes/{scene.pk}/footage/upload", {"file": png}).status_code == 404


def test_a_viewer_sees_no_library_or_upload_and_cannot_use_them(client, channel, bob, bobs_channel):
    video, scene = _rendered(channel)
    mine, *_ = _library(channel, bobs_channel)
    ChannelMembership.objects.create(channel=channel, user=bob, role=ChannelMembership.Role.VIEWER)
    client.force_login(bob)
    page = client.get(f"/videos/{video.pk}/").content.decode()
    assert f"/scenes/{scene.pk}/library/" not in page and f"/scenes/{scene.pk}/upload/" not in page
    assert client.get(f"/scenes/{scene.pk}/library/").status_code == 403
    assert client.post(f"/scenes/{scene.pk}/swap/", {"asset_id": mine.pk}).status_code == 403
    png = SimpleUploadedFile("dot.png", _png(), content_type="image/png")
    assert client.post(f"/scenes/{scene.pk}/upload/", {"file": png}).status_code == 403
    scene.refresh_from_db()
    assert scene.asset_id is None and not Asset.objects.filter(original_name="dot.png").exists()


def test_a_scheduled_videos_footage_is_not_changed_under_its_render(as_alice, channel, bobs_channel):
    video, scene = _rendered(channel)
    mine, *_ = _library(channel, bobs_channel)
    Video.objects.filter(pk=video.pk).update(status=Video.Status.SCHEDULED)
    body = as_alice.post(f"/scenes/{scene.pk}/swap/", {"asset_id": mine.pk}, **HTMX).content.decode()
    assert "unschedule it first" in body
    scene.refresh_from_db()
    assert scene.asset_id is None


def _inline_post(script, scenes, **changes):
    data = {"title": script.title, "hook": script.hook, "description": script.description,
            "tags": '["space"]', "language": "en", "scenes-TOTAL_FORMS": len(scenes),
            "scenes-INITIAL_FORMS": len(scenes), "scenes-MIN_NUM_FORMS": 0, "scenes-MAX_NUM_FORMS": 1000}
    for i, scene in enumerate(scenes):
        data.update({f"scenes-{i}-id": scene.pk, f"scenes-{i}-script": script.pk,
                     f"scenes-{i}-position": scene.position,
                     f"scenes-{i}-narration": scene.narration, f"scenes-{i}-visual_query": scene.visual_query,
                     f"scenes-{i}-on_screen_text": scene.on_screen_text, f"scenes-{i}-asset": scene.asset_id or ""})
    data.update(changes)
    return data


def test_the_admin_scene_inline_takes_this_channels_library_items_only(as_alice, alice, channel, bobs_channel):
    video, scene = _rendered(channel)
    mine, _shared, theirs, _music = _library(channel, bobs_channel)
    alice.is_staff = alice.is_superuser = True
    alice.save()
    script = scene.script
    scenes = list(script.scenes.order_by("position"))
    url = f"/admin/videos/script/{script.pk}/change/"

    refused = as_alice.post(url, _inline_post(script, scenes, **{"scenes-1-asset": theirs.pk}))
    missing = as_alice.post(url, _inline_post(script, scenes, **{"scenes-1-asset": theirs.pk + 1000}))
    assert refused.status_code == missing.status_code == 200  # the form again, with the error
    assert "Select a valid choice" in refused.content.decode() and "Select a valid choice" in missing.content.decode()
    scene.refresh_from_db()
    assert scene.asset_id is None

    saved = as_alice.post(url, _inline_post(script, scenes, **{"scenes-1-asset": mine.pk}))
    assert saved.status_code == 302, saved.content.decode()[-3000:]
    scene.refresh_from_db()
    video.refresh_from_db()
    assert scene.asset == mine and video.status == Video.Status.SCRIPTED


def test_an_admin_scene_edit_withdraws_the_script_approval_as_the_studio_does(as_alice, alice, channel):
    video, scene = _rendered(channel)
    alice.is_staff = alice.is_superuser = True
    alice.save()
    script = scene.script
    scenes = list(script.scenes.order_by("position"))
    response = as_alice.post(f"/admin/videos/script/{script.pk}/change/",
                             _inline_post(script, scenes, **{"scenes-1-narration": "It beeped for three weeks."}))
    assert response.status_code == 302
    scene.refresh_from_db()
    script.refresh_from_db()
    video.refresh_from_db()
    assert scene.narration == "It beeped for three weeks."
    assert not script.is_approved and video.status == Video.Status.SCRIPTED
