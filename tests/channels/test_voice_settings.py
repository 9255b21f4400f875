"""The channel's voice settings as a user meets them: engine and voice choices (voices added to the
voices folder included), validation, and the preview that speaks with the chosen voice."""

from __future__ import annotations

import wave
from io import BytesIO

import pytest
from django.forms.models import model_to_dict

from channels.forms import ChannelSettingsForm
from tests.factories import make_channel
from tests.mediafiles import stored
from videos.voice.piper import BUNDLED_VOICE, voice_files

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def voices_dir(tmp_path, settings):
    folder = tmp_path / "voices"
    folder.mkdir()
    settings.VOICES_DIR = folder
    bundled = voice_files()[BUNDLED_VOICE]
    (folder / "en_GB-added-medium.onnx").symlink_to(bundled.model)
    (folder / "en_GB-added-medium.onnx.json").write_text(bundled.config.read_text())
    return folder


def _form(channel, **changes):
    data = {k: v for k, v in model_to_dict(channel).items() if v is not None}
    data.update(writers=", ".join(channel.writer_order), sources=", ".join(channel.footage_sources),
                cadence_text="", music="")
    data.update(changes)
    return ChannelSettingsForm(data, instance=channel)


def test_the_form_offers_piper_first_and_every_installed_voice_grouped_by_engine(alice):
    channel = make_channel(owner=alice)
    form = ChannelSettingsForm(instance=channel)
    engines = [value for value, _ in form.fields["voice_engine"].choices if value]
    assert engines[:3] == ["piper", "espeak", "gtts"]
    groups = dict(form.fields["voice_name"].widget.choices[1:])
    piper = dict(groups["Piper neural voice (offline)"])
    assert set(piper) == {BUNDLED_VOICE, "en_GB-added-medium"}
    assert "gmw/en-US" in dict(groups["espeak-ng (offline)"])
    assert "Google TTS (online)" not in groups  # it speaks the channel language; no voice to pick


def test_a_voice_from_the_folder_is_saved_and_one_of_another_engine_is_refused(alice):
    channel = make_channel(owner=alice)
    form = _form(channel, voice_engine="piper", voice_name="en_GB-added-medium", voice_rate="150")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["voice_name"] == "en_GB-added-medium"
    wrong = _form(channel, voice_engine="piper", voice_name="gmw/en-US")
    assert not wrong.is_valid()
    assert "is not a Piper neural voice (offline) voice" in wrong.errors["voice_name"][0]
    # A channel moving from espeak-ng to Piper is told its old espeak-ng voice will not do.
    moving = make_channel(owner=alice, voice_engine="espeak", voice_name="gmw/en")
    assert not _form(moving, voice_engine="piper", voice_name="gmw/en").is_valid()
    assert _form(moving, voice_engine="piper", voice_name="").is_valid()


def test_the_settings_page_lists_the_added_voice(client, alice):
    channel = make_channel(owner=alice)
    client.force_login(alice)
    body = client.get(f"/channels/{channel.slug}/settings/").content.decode()
    assert '<option value="en_GB-added-medium"' in body and '<option value="piper" selected' in body


def _sample(client, channel, **query):
    body = client.post(f"/channels/{channel.slug}/settings/voice-preview/", query, **HTMX).content.decode()
    return body


def test_the_preview_speaks_with_the_chosen_piper_voice(client, alice, media_root):
    channel = make_channel(owner=alice, voice_engine="espeak")
    client.force_login(alice)
    body = _sample(client, channel, voice_engine="piper", voice_name="en_GB-added-medium", voice_rate="165")
    assert "<audio controls" in body and "voice_name=en_GB-added-medium" in body and "flash-warning" not in body
    src = body.split('src="')[1].split('"')[0].replace("&amp;", "&")
    response = client.get(src)
    audio = b"".join(response.streaming_content)
    with wave.open(BytesIO(audio)) as wav:
        assert wav.getframerate() == 22050 and wav.getnframes() / 22050 > 2.0
    channel.refresh_from_db()
    assert channel.voice_engine == "espeak"  # a preview saves nothing


def test_the_preview_says_when_the_voice_is_missing(client, alice, voices_dir):
    lenient = make_channel(owner=alice, voice_fallback=True)
    client.force_login(alice)
    body = _sample(client, lenient, voice_engine="piper", voice_name="en_US-gone-medium")
    assert "flash-warning" in body and "en_US-gone-medium" in body and "espeak-ng instead" in body
    assert "<audio controls" in body and "pick another voice" in body
    strict = make_channel(owner=alice, voice_fallback=False)
    body = _sample(client, strict, voice_engine="piper", voice_name="en_US-gone-medium")
    assert 'class="error"' in body and "pick another voice" in body and "<audio" not in body
    assert str(voices_dir) not in body  # a server folder is the operator's business
    alice.is_staff = True
    alice.save()
    staff = _sample(client, strict, voice_engine="piper", voice_name="en_US-gone-medium")
    assert str(voices_dir) in staff and "en_US-gone-medium.onnx" in staff


def test_the_demo_channel_speaks_with_the_bundled_piper_voice(django_user_model):
    from django.core.management import call_command

    from channels.models import Channel
    from videos.voice import get_voice

    django_user_model.objects.create_superuser("boss", "boss@example.com", "not-used-here-123")
    call_command("demo_channel")
    channel = Channel.objects.get(slug="demo")
    assert (channel.voice_engine, channel.voice_name, channel.voice_fallback) == ("piper", BUNDLED_VOICE, True)
    assert get_voice(channel).primary.voice == BUNDLED_VOICE


# --- Who may make a sample, how often, and what is kept (issue 24) ----------------------------------

@pytest.fixture
def speech(settings):
    """The OpenAI-compatible speech server (a paid voice) on 127.0.0.1."""
    from tests.fakes.server import FakeServer
    from tests.fakes.speech_servers import OPENAI_KEY, OpenAISpeechHandler

    settings.CLOUD_VOICE_MAX_RETRIES, settings.CLOUD_VOICE_RETRY_BASE_SECONDS = 0, 0.01
    with FakeServer(OpenAISpeechHandler) as server:
        settings.OPENAI_SPEECH_BASE_URL, settings.OPENAI_SPEECH_API_KEY = server.url, OPENAI_KEY
        settings.OPENAI_SPEECH_MODEL, settings.OPENAI_SPEECH_VOICE = "tts-1", "alloy"
        settings.OPENAI_SPEECH_FORMAT = "mp3"
        yield server


def _spoken(server) -> list[str]:
    return [r.json()["voice"] for r in server.requests if r.path == "/v1/audio/speech"]


def test_a_viewer_neither_makes_nor_plays_a_sample(client, alice, bob, speech, media_root):
    from channels.models import ChannelMembership

    channel = make_channel(owner=alice, voice_engine="openai", voice_fallback=False)
    ChannelMembership.objects.create(channel=channel, user=bob, role=ChannelMembership.Role.VIEWER)
    client.force_login(bob)
    page = client.get(f"/channels/{channel.slug}/settings/").content.decode()
    assert "Load a sample" not in page and "Editors and owners can listen" in page
    response = client.post(f"/channels/{channel.slug}/settings/voice-preview/", {"voice_engine": "openai"}, **HTMX)
    assert response.status_code == 403
    played = client.get(f"/channels/{channel.slug}/settings/voice-sample.wav", {"voice_engine": "openai"})
    assert played.status_code == 403
    assert _spoken(speech) == [] and stored("previews/") == []


def test_a_sample_is_made_by_post_only_and_playing_it_never_makes_one(client, alice, speech, media_root):
    channel = make_channel(owner=alice, voice_engine="openai", voice_fallback=False)
    client.force_login(alice)
    assert client.get(f"/channels/{channel.slug}/settings/voice-preview/", {"voice_name": "echo"}).status_code == 405
    missing = client.get(f"/channels/{channel.slug}/settings/voice-sample.wav", {"voice_engine": "openai",
                                                                                 "voice_name": "echo"})
    assert missing.status_code == 404 and "Load the sample again" in missing.content.decode()
    assert _spoken(speech) == []


def test_each_voice_is_paid_for_once_and_a_person_is_held_to_the_rate(client, alice, settings, speech, media_root):
    settings.VOICE_PREVIEW_RATE_LIMIT = "2/h"
    channel = make_channel(owner=alice, voice_engine="openai", voice_fallback=False)
    client.force_login(alice)
    first = _sample(client, channel, voice_engine="openai", voice_name="echo")
    again = _sample(client, channel, voice_engine="openai", voice_name="echo")
    assert "<audio controls" in first and "<audio controls" in again
    assert _spoken(speech) == ["echo"]  # the second was the kept sample
    assert "<audio controls" in _sample(client, channel, voice_engine="openai", voice_name="nova")
    held = _sample(client, channel, voice_engine="openai", voice_name="onyx")
    assert "2 new voice samples an hour" in held and "<audio" not in held
    assert _spoken(speech) == ["echo", "nova"]
    assert "<audio controls" in _sample(client, channel, voice_engine="openai", voice_name="echo")  # kept: free


def test_old_samples_are_cleaned_up_when_a_new_one_is_made(client, alice, local_media):
    import os
    import time

    folder = local_media / "previews"
    folder.mkdir()
    day_old = time.time() - 25 * 3600
    for n in range(3):
        stale = folder / f"voice-stale{n}.wav"
        stale.write_bytes(b"RIFF")
        os.utime(stale, (day_old, day_old))
    for n in range(60):
        (folder / f"voice-recent{n:02d}.wav").write_bytes(b"RIFF")
        os.utime(folder / f"voice-recent{n:02d}.wav", (time.time() - 3600 + n, time.time() - 3600 + n))
    channel = make_channel(owner=alice, voice_engine="espeak")
    client.force_login(alice)
    assert "<audio controls" in _sample(client, channel, voice_engine="espeak", voice_rate="190")
    kept = sorted(p.name for p in folder.iterdir())
    assert not any("stale" in name for name in kept) and len(kept) <= 50
    assert "voice-recent59.wav" in kept and "voice-recent00.wav" not in kept  # the oldest go first
