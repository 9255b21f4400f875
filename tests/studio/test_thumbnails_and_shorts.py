"""The studio's thumbnail picker (htmx partial) and the channel's Shorts look setting."""

from __future__ import annotations

import pytest

from assets.models import Asset
from channels.forms import ChannelSettingsForm
from faceless_site.mediastore.files import media_write
from tests.factories import make_script, make_video
from tests.studio.conftest import add_member
from videos.models import Render, Video

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
LAYOUTS = ("frame", "panel", "poster")


def rendered(channel, media_root) -> tuple[Video, Render]:
    video = make_video(channel=channel, status=Video.Status.RENDERED)
    script = make_script(video)
    media_write(f"renders/{video.pk}.mp4", b"0" * 100)
    variants = []
    for layout in LAYOUTS:
        media_write(f"renders/{video.pk}.thumb-{layout}.jpg", b"\xff\xd8" + layout.encode())
        variants.append({"layout": layout, "label": layout.title(), "words": "FIRST SATELLITE", "bytes": 7,
                         "type_px_at_168": 15.2, "contrast_at_168": 9.4,
                         "file": f"renders/{video.pk}.thumb-{layout}.jpg"})
    render = Render.objects.create(video=video, file=f"renders/{video.pk}.mp4", duration_seconds=4.0, width=1920,
                                   height=1080, script_version=script.version, thumbnails=variants,
                                   thumbnail=variants[0]["file"])
    return video, render


def test_the_studio_offers_three_thumbnails_and_htmx_chooses_one(as_alice, channel, media_root):
    video, render = rendered(channel, media_root)
    body = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert body.count('name="layout"') == 3 and "type 15 px, contrast 9.4:1" in body
    for layout in LAYOUTS:
        assert f'src="/videos/{video.pk}/renders/{render.pk}/thumbnail-{layout}/"' in body
    assert 'value="frame" checked' in body

    response = as_alice.post(f"/videos/{video.pk}/thumbnail/", {"layout": "poster"}, **HTMX)
    part = response.content.decode()
    assert response.status_code == 200 and "<html" not in part
    assert 'value="poster" checked' in part and 'value="frame" checked' not in part
    render.refresh_from_db()
    assert render.thumbnail.endswith("thumb-poster.jpg")
    assert Video.objects.get(pk=video.pk).thumbnail_layout == "poster"
    served = as_alice.get(f"/videos/{video.pk}/renders/{render.pk}/thumbnail/")
    assert b"".join(served.streaming_content) == b"\xff\xd8poster"


def test_an_unknown_choice_says_what_to_do_and_a_viewer_cannot_choose(as_alice, client, channel, bob, media_root):
    video, render = rendered(channel, media_root)
    response = as_alice.post(f"/videos/{video.pk}/thumbnail/", {"layout": "collage"}, **HTMX)
    assert response.status_code == 400 and "choose one of: frame, panel, poster" in response.content.decode()
    add_member(channel, bob, "viewer")
    client.force_login(bob)
    assert client.post(f"/videos/{video.pk}/thumbnail/", {"layout": "panel"}).status_code == 403
    render.refresh_from_db()
    assert render.thumbnail.endswith("thumb-frame.jpg")


def settings_data(channel, **changes) -> dict:
    form = ChannelSettingsForm(instance=channel)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    data.update(changes)
    return data


def test_a_channel_chooses_its_background_loop_among_its_video_clips(as_alice, channel, media_root):
    clip = Asset.objects.create(kind="video", file="library/waves.mp4", sha256="w" * 64, title="Waves",
                                channel=channel)
    Asset.objects.create(kind="image", file="library/still.png", sha256="s" * 64, title="A still", channel=channel)
    body = as_alice.get(f"/channels/{channel.slug}/settings/").content.decode()
    assert "<legend>Shorts look</legend>" in body and "Background loop" in body
    assert "Waves" in body.split('name="background_loop"')[1].split("</select>")[0]
    assert "A still" not in body.split('name="background_loop"')[1].split("</select>")[0]

    response = as_alice.post(f"/channels/{channel.slug}/settings/", settings_data(channel, background_loop=clip.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    channel.refresh_from_db()
    assert channel.background_loop == clip

    from videos.services.production import _media, build_plan

    video = make_video(channel=channel)
    script = make_script(video)
    scenes = list(script.scenes.all())
    for scene in scenes:
        media_write(f"n{scene.pk}.wav", b"RIFF")
        scene.narration_file, scene.narration_seconds = f"n{scene.pk}.wav", 1.0
    plan = build_plan(video=video, script=script, scenes=scenes)
    assert plan.background_loop == _media("library/waves.mp4")
