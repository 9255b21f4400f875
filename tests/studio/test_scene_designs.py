"""The scene card's design: which layout the scene got, its still, and an editor's switch of layout
or words (kept on the scene, withdrawing the approval like any edit)."""

from __future__ import annotations

import pytest

from tests.factories import make_script, make_video
from tests.studio.conftest import add_member

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_scene_card_says_which_layout_the_scene_got_and_shows_its_still(as_alice, channel):
    video = make_video(channel=channel)
    script = make_script(video, scenes=["The waves rose more than fifteen metres.", "Everything changed in 1822."])
    body = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert "Design: Number (chosen from the narration)" in body
    assert "Design: Date or timeline (chosen from the narration)" in body
    first = script.scenes.get(position=0)
    png = as_alice.get(f"/scenes/{first.pk}/design.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n" and len(png.content) > 5000


def test_an_editor_switches_the_layout_and_writes_its_words(as_alice, channel):
    video = make_video(channel=channel)
    scene = make_script(video, scenes=["The waves rose more than fifteen metres."]).scenes.first()
    response = as_alice.post(f"/scenes/{scene.pk}/design/", {"design_layout": "list",
                                                              "design_text": "Wind\nTide\nSwell"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "Design saved." in body and "Design: List" in body
    assert "(chosen from the narration)" not in body
    scene.refresh_from_db()
    assert (scene.design_layout, scene.design_text) == ("list", "Wind\nTide\nSwell")
    assert scene.script.approved_at is None
    video.refresh_from_db()
    assert video.script_changed_at is not None


def test_a_place_not_in_the_map_data_is_refused_with_what_to_write_and_the_design_kept(as_alice, channel):
    scene = make_script(make_video(channel=channel), scenes=["Everything changed in 1822."]).scenes.first()
    body = as_alice.post(f"/scenes/{scene.pk}/design/", {"design_layout": "map", "design_text": "Atlantis"},
                         **HTMX).content.decode()
    assert "Design not saved." in body and "not in the map data" in body
    scene.refresh_from_db()
    assert (scene.design_layout, scene.design_text) == ("auto", "")


def test_a_viewer_sees_the_design_but_cannot_change_it(client, bob, channel):
    add_member(channel, bob, "viewer")
    client.force_login(bob)
    video = make_video(channel=channel)
    scene = make_script(video, scenes=["Everything changed in 1822."]).scenes.first()
    page = client.get(f"/videos/{video.pk}/").content.decode()
    assert "Design: Date or timeline" in page and "Save design" not in page
    assert client.post(f"/scenes/{scene.pk}/design/", {"design_layout": "title"}).status_code == 403


def test_the_still_of_a_scene_of_several_designs_shows_the_last_built_up():
    """A rank, then a timeline: the still showed the timeline before its lit last date had come in."""
    from videos.render.designs import Design, Stat
    from videos.services.designs import preview_moment

    rank = Design("number", stats=(Stat(value=5.0, text="5", unit="Yenisei", prefix="number"),))
    timeline = Design("date", headline="1961", items=("1900", "1961"), highlight=1)
    sequence = Design("sequence", parts=(rank, timeline), starts=(0.0, 3.0))
    assert preview_moment(sequence, span=9.0) >= 3.0 + 1.6
    assert preview_moment(sequence, span=4.0) == 4.0
    assert preview_moment(rank, span=9.0) == pytest.approx(2.2)
