"""PUT /api/scenes/{id}/design: the layout and words of a scene's design, and what GET shows of it."""

from __future__ import annotations

import pytest

from tests.factories import make_script, make_video

pytestmark = pytest.mark.django_db


def put(api, path, data):
    return api.client.put(f"/api{path}", data, content_type="application/json")


def test_a_scene_shows_its_design_and_an_editor_chooses_another(api, bob_api, channel):
    scene = make_script(make_video(channel=channel), scenes=["The wind reached 64 km/h."]).scenes.first()
    shown = api.get(f"/scenes/{scene.pk}").json()
    assert shown["design_layout"] == "auto" and shown["design"]["layout"] == "number"
    assert shown["design"]["stats"] == [{"text": "64", "unit": "km/h", "label": "", "prefix": ""}]
    chosen = put(api, f"/scenes/{scene.pk}/design", {"layout": "map", "text": "Lisbon\nwhere the storm began"})
    assert chosen.status_code == 200
    assert chosen.json()["design"]["place"] == {"name": "Lisbon", "kind": "city"}
    assert chosen.json()["design"]["detail"] == "where the storm began"
    refused = put(api, f"/scenes/{scene.pk}/design", {"layout": "map", "text": "Atlantis"})
    assert refused.status_code == 400 and "not in the map data" in refused.json()["detail"]
    assert put(api, f"/scenes/{scene.pk}/design", {"layout": "spiral"}).status_code in (400, 422)
    assert put(bob_api, f"/scenes/{scene.pk}/design", {"layout": "title"}).status_code == 404
    scene.refresh_from_db()
    assert (scene.design_layout, scene.design_text) == ("map", "Lisbon\nwhere the storm began")
