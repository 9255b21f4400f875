"""Creators read plain words and what they can do; operators (staff, the admin, the logs, doctor) read
the detail: setting names, HTTP statuses, what a provider answered, server folders. A job says each
warning once, and counts its topic ideas right."""

from __future__ import annotations

import pytest

from faceless_site.wording import OPERATOR_NOTE, for_creators
from tests.factories import make_channel, make_video
from videos.models import Job

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("operator_text", "creator_text"), [
    ("Pexels refused the API key (401). Check PEXELS_API_KEY.", "Pexels refused the API key."),
    ("Done by offline; the writers before it were not available. ollama: Ollama is not set up on this server. "
     "Set OLLAMA_HOST (e.g. http://127.0.0.1:11434).",
     "Done by offline; the writers before it were not available. ollama: Ollama is not set up on this server."),
    ('ElevenLabs refused the API key (HTTP 401: {"detail": {"status": "invalid_api_key"}}). Check '
     "ELEVENLABS_API_KEY. Narrated with espeak-ng instead, as the channel allows.",
     "ElevenLabs refused the API key. Narrated with espeak-ng instead, as the channel allows."),
    ("espeak-ng has no voice 'xx'. Pick one listed by `manage.py doctor`.", "espeak-ng has no voice 'xx'."),
])
def test_operator_sentences_and_raw_answers_are_left_out_and_the_fix_is_said(operator_text, creator_text):
    assert for_creators(operator_text) == f"{creator_text} {OPERATOR_NOTE}"


def test_plain_text_is_left_as_it_is():
    for text in ("", "Footage swapped for “Lighthouse”.", "The narration runs about 90 s (e.g. too long).",
                 "Scene 2 has no narration text. Write the narration, then render again."):
        assert for_creators(text) == text


def test_a_server_folder_is_an_operators_detail(settings):
    text = (f"The Piper voice 'en_GB-x' is not installed on this server; pick another voice in the channel settings. "
            f"To add it, put en_GB-x.onnx and en_GB-x.onnx.json in {settings.VOICES_DIR} (VOICES_DIR).")
    assert for_creators(text) == ("The Piper voice 'en_GB-x' is not installed on this server; pick another voice "
                                  f"in the channel settings. {OPERATOR_NOTE}")


def test_the_voice_preview_says_what_a_creator_can_do_about_an_unconfigured_voice(client, settings):
    settings.ELEVENLABS_API_KEY = ""
    channel = make_channel(voice_engine="elevenlabs", voice_fallback=False)
    client.force_login(channel.owner)
    body = client.post(f"/channels/{channel.slug}/settings/voice-preview/", {"voice_engine": "elevenlabs"},
                       HTTP_HX_REQUEST="true").content.decode()
    assert "ELEVENLABS_API_KEY" not in body
    assert "ElevenLabs is not set up on this server" in body and "offline one" in body


def test_the_settings_page_names_no_setting_to_a_creator(client, settings):
    settings.GOOGLE_OAUTH_CLIENT_ID = settings.SOCIAL_AUTH_GOOGLE_OAUTH2_KEY = ""
    channel = make_channel()
    client.force_login(channel.owner)
    page = client.get(f"/channels/{channel.slug}/settings/").content.decode()
    assert "GOOGLE_OAUTH_CLIENT_ID" not in page and "Google sign-in is not set up on this server" in page


def test_a_job_says_each_warning_once_even_when_it_runs_again():
    from videos.services.jobs import JobContext

    job = Job.objects.create(kind=Job.Kind.MATCH_FOOTAGE, video=make_video(), step_key="match_footage",
                             state=Job.State.RUNNING)
    for _attempt in range(2):  # a run, and the same job run again after its worker was lost
        ctx = JobContext(Job.objects.get(pk=job.pk))
        ctx.warn("Pixabay is skipped for now.")
        ctx.warn("Pixabay is skipped for now.")
    job.refresh_from_db()
    assert job.warnings == ["Pixabay is skipped for now."]


@pytest.mark.parametrize(("count", "said"), [(1, "Added 1 topic idea as a draft video."),
                                             (2, "Added 2 topic ideas as draft videos.")])
def test_topic_ideas_are_counted_in_words(count, said):
    from pathlib import Path

    from videos.services.jobs import job_enqueue, job_run

    channel = make_channel(writer_order=["offline"])
    text = (Path(__file__).parents[1] / "data" / "demo_source.txt").read_text()
    make_video(channel=channel, topic="", source_text=text)
    job = job_enqueue(kind=Job.Kind.SUGGEST_TOPICS, channel=channel, params={"count": count})
    assert job_run(job.pk) == "succeeded"
    job.refresh_from_db()
    assert job.message == said
