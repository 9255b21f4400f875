"""A new channel is told at once whether a voice here reads its language, and what to install if not:
in the studio, through the API, and in `manage.py doctor`."""

from __future__ import annotations

import pytest

from faceless_site.health import check_kokoro, check_voices
from tests.api.conftest import ApiClient
from tests.factories import make_channel
from videos.voice import languages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_japanese_voice(tmp_path, settings, monkeypatch):
    settings.VOICES_DIR = tmp_path / "voices"
    monkeypatch.setattr(languages, "kokoro_installed", lambda: False)


def _new(client, language):
    return client.post("/channels/new/", {"name": f"Channel {language}", "slug": "", "niche": "lighthouses",
                                          "audience": "", "language": language, "aspect_ratio": "16:9"}, follow=True)


def test_the_studio_warns_a_new_japanese_channel_that_it_cannot_narrate_yet(client, alice):
    client.force_login(alice)
    body = _new(client, "ja").content.decode()
    assert "Created “Channel ja”" in body
    assert "No voice here can read Japanese" in body and "make voice-ja" in body
    french = _new(client, "fr").content.decode()
    assert "espeak-ng narrates it, robotically" in french and "voice_install fr_FR-siwis-medium" in french
    english = _new(client, "en").content.decode()
    assert "espeak-ng narrates it" not in english and "No voice here" not in english


def test_the_api_says_it_on_the_channel_and_refuses_what_is_no_language(alice):
    api = ApiClient(alice)
    japanese = api.post("/channels", {"name": "Tōdai", "niche": "lighthouses", "language": "ja"})
    assert japanese.status_code == 201, japanese.content
    assert "make voice-ja" in japanese.json()["voice_warning"]
    english = api.post("/channels", {"name": "Beacons", "niche": "lighthouses", "language": "en"})
    assert english.json()["voice_warning"] == ""
    bad = api.post("/channels", {"name": "Nowhere", "niche": "lighthouses", "language": "xx"})
    assert bad.status_code == 400 and "is not a language code" in str(bad.json()["detail"]["language"])
    assert api.patch(f"/channels/{english.json()['id']}", {"language": "klingon"}).status_code == 400


def test_doctor_names_each_language_and_the_fix():
    make_channel(language="en")
    assert check_voices().status == "ok" and "en: piper en_US-joe-medium" in check_voices().found
    make_channel(language="fr", name="Les phares")
    french = check_voices()
    assert french.status == "warn" and "fr: espeak-ng only (robotic)" in french.found
    assert "French (Les phares): " in french.fix and "voice_install fr_FR-siwis-medium" in french.fix
    make_channel(language="ja", name="灯台")
    japanese = check_voices()
    assert japanese.status == "fail" and "ja: NO VOICE" in japanese.found and "make voice-ja" in japanese.fix
    kokoro = check_kokoro()
    assert kokoro.status == "fail" and "1 Japanese channel(s) cannot narrate" in kokoro.found


def test_doctor_says_the_japanese_voice_is_optional_without_japanese_channels():
    result = check_kokoro()
    assert result.status == "ok" and "only Japanese channels need it" in result.found
