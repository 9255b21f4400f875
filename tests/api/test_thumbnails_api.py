"""GET /api/videos/{id}/thumbnails, POST .../thumbnails/choose and the variants' JPEGs."""

from __future__ import annotations

import pytest

from channels.models import ChannelMembership
from tests.studio.test_thumbnails_and_shorts import rendered
from videos.models import Video

pytestmark = pytest.mark.django_db


def test_list_and_choose_a_thumbnail(api, channel, media_root):
    video, render = rendered(channel, media_root)
    listed = api.get(f"/videos/{video.pk}/thumbnails")
    assert listed.status_code == 200
    items = listed.json()
    assert [(t["layout"], t["chosen"]) for t in items] == [("frame", True), ("panel", False), ("poster", False)]
    assert items[0]["words"] == "FIRST SATELLITE" and items[0]["type_px_at_168"] == 15.2
    assert items[0]["contrast_at_168"] == 9.4 and items[0]["bytes"] == 7
    jpeg = api.client.get(items[2]["download_url"])
    assert jpeg.status_code == 200 and b"".join(jpeg.streaming_content) == b"\xff\xd8poster"

    chosen = api.post(f"/videos/{video.pk}/thumbnails/choose", {"layout": "panel"})
    assert chosen.status_code == 200
    assert [t["layout"] for t in chosen.json() if t["chosen"]] == ["panel"]
    render.refresh_from_db()
    assert render.thumbnail.endswith("thumb-panel.jpg") and Video.objects.get(pk=video.pk).thumbnail_layout == "panel"
    download = api.client.get(f"/api/videos/{video.pk}/renders/{render.pk}/thumbnail")
    assert b"".join(download.streaming_content) == b"\xff\xd8panel"


def test_bad_choices_are_refused_with_a_reason(api, bob_api, channel, bob, media_root):
    video, render = rendered(channel, media_root)
    assert api.post(f"/videos/{video.pk}/thumbnails/choose", {"layout": "collage"}).status_code == 422
    ChannelMembership.objects.create(channel=channel, user=bob, role="viewer")
    refused = bob_api.post(f"/videos/{video.pk}/thumbnails/choose", {"layout": "poster"})
    assert refused.status_code == 403 and "Viewers" in refused.json()["detail"]
    assert bob_api.get(f"/videos/{video.pk}/thumbnails").status_code == 200  # viewers may look
    render.delete()
    assert api.get(f"/videos/{video.pk}/thumbnails").json() == []
    early = api.post(f"/videos/{video.pk}/thumbnails/choose", {"layout": "poster"})
    assert early.status_code == 400 and "render it first" in early.json()["detail"]
    assert api.get(f"/videos/{video.pk}/thumbnails/poster").status_code == 404
