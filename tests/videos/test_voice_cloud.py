"""Cloud voices against local servers speaking the real protocols, with httpx in front: the
OpenAI-compatible speech API (OpenAI, Kokoro-FastAPI, LocalAI) and ElevenLabs' timestamps endpoint.
Their good days (audio probed, measured, word times in order) and their bad ones (429, 500, slow,
cut off, wrong key, odd JSON), the breaker, the fallback, the narration step and the doctor."""

from __future__ import annotations

import itertools
import logging
import time

import pytest

from faceless_site.health import check_elevenlabs, check_openai_speech
from faceless_site.mediastore.files import media_local
from faceless_site.providers import integration_status
from tests.factories import make_channel
from tests.fakes.server import FakeServer
from tests.fakes.speech_servers import (
    ELEVENLABS_KEY,
    ELEVENLABS_VOICE,
    OPENAI_KEY,
    SECONDS_PER_WORD,
    WORD_SHARE,
    ElevenLabsHandler,
    OpenAISpeechHandler,
)
from tests.mediafiles import nothing_under
from videos.render.probe import probe
from videos.voice import FallbackVoice, VoiceError, VoiceUnavailable, get_voice
from videos.voice.elevenlabs import ElevenLabsVoice, words_from_alignment
from videos.voice.openai_speech import OpenAISpeechVoice

TEXT = "Sputnik launched in 1957. It beeped for twenty-one days."
WORDS = TEXT.split()


def _cloud_settings(settings) -> None:
    settings.CLOUD_VOICE_TIMEOUT_SECONDS = 0.8
    settings.CLOUD_VOICE_MAX_RETRIES = 2
    settings.CLOUD_VOICE_RETRY_BASE_SECONDS = 0.01
    settings.BREAKER_FAILURE_THRESHOLD = 5


@pytest.fixture
def openai_speech(settings):
    _cloud_settings(settings)
    with FakeServer(OpenAISpeechHandler) as server:
        settings.OPENAI_SPEECH_BASE_URL = server.url
        settings.OPENAI_SPEECH_API_KEY = OPENAI_KEY
        settings.OPENAI_SPEECH_MODEL, settings.OPENAI_SPEECH_VOICE = "tts-1", "alloy"
        settings.OPENAI_SPEECH_FORMAT = "mp3"
        yield server


@pytest.fixture
def elevenlabs(settings):
    _cloud_settings(settings)
    with FakeServer(ElevenLabsHandler) as server:
        settings.ELEVENLABS_BASE_URL, settings.ELEVENLABS_API_KEY = server.url, ELEVENLABS_KEY
        settings.ELEVENLABS_MODEL, settings.ELEVENLABS_VOICE_ID = "eleven_multilingual_v2", ELEVENLABS_VOICE
        yield server


class Channel:
    """The voice fields of a channel, for the adapters' `for_channel` (no database needed)."""

    def __init__(self, voice_name: str = "", voice_rate: int = 165) -> None:
        self.voice_name, self.voice_rate = voice_name, voice_rate


def _openai(**channel) -> OpenAISpeechVoice:
    return OpenAISpeechVoice.for_channel(Channel(**channel))


def _eleven(**channel) -> ElevenLabsVoice:
    return ElevenLabsVoice.for_channel(Channel(**channel))


def _assert_good_narration(narration, folder, words=WORDS) -> None:
    info = probe(narration.path)
    assert info is not None and info.has_audio and info.audio_codec == "pcm_s16le"
    assert narration.duration == pytest.approx(SECONDS_PER_WORD * len(words), abs=0.1)
    assert info.duration == pytest.approx(narration.duration, abs=0.02)
    assert [w.word for w in narration.words] == words
    assert all(a.start <= b.start for a, b in itertools.pairwise(narration.words))
    assert all(w.end >= w.start for w in narration.words) and narration.words[-1].end <= narration.duration
    assert sorted(p.name for p in folder.iterdir()) == [narration.path.name]


def _nothing_left(folder) -> bool:
    return not folder.exists() or list(folder.iterdir()) == []


# --- OpenAI-compatible speech --------------------------------------------------------------------

def test_openai_speech_sends_the_documented_request_and_the_audio_is_probed(openai_speech, tmp_path):
    narration = _openai(voice_name="nova", voice_rate=200).synthesize(TEXT, tmp_path / "out" / "n.wav")
    request = openai_speech.requests[0]
    assert (request.method, request.path) == ("POST", "/v1/audio/speech")
    assert request.headers["authorization"] == f"Bearer {OPENAI_KEY}"
    assert request.json() == {"model": "tts-1", "input": TEXT, "voice": "nova", "response_format": "mp3",
                              "speed": 1.21}
    assert narration.engine == "openai"
    _assert_good_narration(narration, tmp_path / "out")


@pytest.mark.parametrize("audio_format", ["wav", "flac", "pcm"])
def test_openai_speech_reads_every_format_a_server_may_be_set_to(openai_speech, settings, tmp_path, audio_format):
    settings.OPENAI_SPEECH_FORMAT = audio_format
    narration = _openai().synthesize(TEXT, tmp_path / "out" / "n.wav")
    assert openai_speech.requests[0].json()["response_format"] == audio_format
    _assert_good_narration(narration, tmp_path / "out")


def test_a_self_hosted_server_without_key_and_with_v1_in_its_url(openai_speech, settings, tmp_path):
    openai_speech.state.data["key"] = ""
    settings.OPENAI_SPEECH_BASE_URL, settings.OPENAI_SPEECH_API_KEY = f"{openai_speech.url}/v1/", ""
    settings.OPENAI_SPEECH_MODEL, settings.OPENAI_SPEECH_VOICE = "kokoro", "af_bella"
    narration = _openai().synthesize("Hello there.", tmp_path / "n.wav")
    request = openai_speech.requests[0]
    assert request.path == "/v1/audio/speech" and "authorization" not in request.headers
    assert request.json()["voice"] == "af_bella" and narration.duration > 0.4


def test_openai_speech_without_settings_says_which_to_set(settings, tmp_path):
    settings.OPENAI_SPEECH_BASE_URL = ""
    with pytest.raises(VoiceUnavailable, match=r"not configured: set OPENAI_SPEECH_BASE_URL"):
        _openai().synthesize("Hello there.", tmp_path / "n.wav")


def test_429_honours_retry_after_and_then_succeeds(openai_speech, settings, tmp_path):
    settings.CLOUD_VOICE_RETRY_BASE_SECONDS = 0
    openai_speech.enqueue(429, {"error": {"message": "Rate limit reached for tts-1", "type": "requests",
                                          "code": "rate_limit_exceeded"}}, {"Retry-After": "1"})
    started = time.monotonic()
    narration = _openai().synthesize("Hello there.", tmp_path / "n.wav")
    assert time.monotonic() - started >= 1.0  # it waited as told, not its own (zero) backoff
    assert len(openai_speech.requests) == 2 and narration.duration > 0.4


def test_a_long_retry_after_fails_at_once_with_the_wait(openai_speech, tmp_path):
    openai_speech.enqueue(429, {"error": {"message": "Rate limit reached", "code": "rate_limit_exceeded"}},
                          {"Retry-After": "600"})
    with pytest.raises(VoiceUnavailable, match=r"rate-limited for 600 s.*offline one"):
        _openai().synthesize("Hello there.", tmp_path / "out" / "n.wav")
    assert len(openai_speech.requests) == 1 and _nothing_left(tmp_path / "out")


def test_out_of_credit_is_not_retried(openai_speech, tmp_path):
    openai_speech.enqueue(429, {"error": {"message": "You exceeded your current quota.", "type": "insufficient_quota",
                                          "code": "insufficient_quota"}})
    with pytest.raises(VoiceUnavailable, match=r"out of credit.*Add credit"):
        _openai().synthesize("Hello there.", tmp_path / "n.wav")
    assert len(openai_speech.requests) == 1


def test_500_a_slow_answer_and_a_cut_off_body_are_retried(openai_speech, settings, tmp_path):
    settings.CLOUD_VOICE_MAX_RETRIES = 3
    openai_speech.enqueue(500, {"error": {"message": "The server had an error", "type": "server_error"}})
    openai_speech.state.data["modes"] = ["slow", "cut"]
    narration = _openai().synthesize(TEXT, tmp_path / "out" / "n.wav")
    assert len(openai_speech.requests) == 4
    _assert_good_narration(narration, tmp_path / "out")


@pytest.mark.parametrize(("modes", "message"), [
    (["cut"] * 3, r"failed 3 times in a row \(last: the answer was cut off before its end\)"),
    (["slow"] * 3, r"failed 3 times in a row \(last: no answer within 0.8 s\)"),
])
def test_failures_beyond_the_retries_leave_no_file(openai_speech, tmp_path, modes, message):
    openai_speech.state.data["modes"] = modes
    with pytest.raises(VoiceUnavailable, match=message):
        _openai().synthesize(TEXT, tmp_path / "out" / "n.wav")
    assert len(openai_speech.requests) == 3 and _nothing_left(tmp_path / "out")


def test_undecodable_audio_fails_cleanly(openai_speech, tmp_path):
    openai_speech.state.data["modes"] = ["garbage"]
    with pytest.raises(VoiceUnavailable, match="could not be decoded"):
        _openai().synthesize(TEXT, tmp_path / "out" / "n.wav")
    assert _nothing_left(tmp_path / "out")
    assert integration_status("openai_speech")["consecutive_failures"] == 1


def test_an_error_document_instead_of_audio_says_what_to_check(openai_speech, tmp_path):
    openai_speech.enqueue(200, {"error": "model not loaded"}, {"Content-Type": "application/json"})
    with pytest.raises(VoiceUnavailable, match=r"other than audio \(HTTP 200, application/json.*OPENAI_SPEECH_MODEL"):
        _openai().synthesize(TEXT, tmp_path / "n.wav")


def test_an_unknown_voice_names_the_channel_setting(openai_speech, tmp_path):
    openai_speech.state.data["voices"] = ["alloy", "nova"]
    with pytest.raises(VoiceUnavailable, match=r"HTTP 400: Invalid value: 'gmw/en'.*channel's voice \('gmw/en'"):
        _openai(voice_name="gmw/en").synthesize(TEXT, tmp_path / "n.wav")
    assert len(openai_speech.requests) == 1


def test_a_wrong_key_fails_at_once_and_the_key_is_nowhere(openai_speech, settings, tmp_path, caplog):
    settings.OPENAI_SPEECH_API_KEY = "sk-wrong-but-secret-4242424242"
    caplog.set_level(logging.DEBUG)
    with pytest.raises(VoiceUnavailable) as failure:
        _openai().synthesize(TEXT, tmp_path / "n.wav")
    # The fake echoes the key it was sent in its 401 body, as OpenAI's error does (masked there).
    assert "sk-wrong-but-secret-4242424242" in openai_speech.requests[0].headers["authorization"]
    assert "refused the API key (HTTP 401: Incorrect API key provided" in failure.value.message
    assert "Check OPENAI_SPEECH_API_KEY" in failure.value.message
    assert len(openai_speech.requests) == 1
    stored = integration_status("openai_speech")
    assert "HTTP 401" in stored["last_failure"] and stored["breaker_state"] == "closed"
    for text in (failure.value.message, stored["last_failure"], caplog.text):
        assert "4242424242" not in text


def test_repeated_outages_open_the_breaker_and_later_calls_are_skipped(openai_speech, settings, tmp_path):
    settings.BREAKER_FAILURE_THRESHOLD, settings.CLOUD_VOICE_MAX_RETRIES = 2, 0
    for n in range(2):
        openai_speech.enqueue(503, {"error": {"message": "overloaded"}})
        with pytest.raises(VoiceUnavailable, match="HTTP 503"):
            _openai().synthesize(TEXT, tmp_path / f"n{n}.wav")
    assert integration_status("openai_speech")["breaker_state"] == "open"
    with pytest.raises(VoiceUnavailable, match="skipped after repeated failures"):
        _openai().synthesize(TEXT, tmp_path / "n3.wav")
    assert len(openai_speech.requests) == 2


def test_too_long_a_scene_is_refused_before_any_call(openai_speech, tmp_path):
    with pytest.raises(VoiceError, match="at most 4096"):
        _openai().synthesize("word " * 1000, tmp_path / "n.wav")
    assert openai_speech.requests == []


# --- ElevenLabs ------------------------------------------------------------------------------------

def test_elevenlabs_word_times_come_from_its_character_alignment(elevenlabs, tmp_path):
    narration = _eleven().synthesize(TEXT, tmp_path / "out" / "n.wav")
    request = elevenlabs.requests[0]
    assert (request.method, request.path) == ("POST", f"/v1/text-to-speech/{ELEVENLABS_VOICE}/with-timestamps")
    assert request.headers["xi-api-key"] == ELEVENLABS_KEY
    assert request.query == {"output_format": ["mp3_44100_128"]}
    assert request.json() == {"text": TEXT, "model_id": "eleven_multilingual_v2"}  # the voice's own settings kept
    assert narration.engine == "elevenlabs"
    _assert_good_narration(narration, tmp_path / "out")
    for index, word in enumerate(narration.words):
        assert word.start == pytest.approx(index * SECONDS_PER_WORD, abs=0.002)
        assert word.end == pytest.approx((index + WORD_SHARE) * SECONDS_PER_WORD, abs=0.002)


def test_elevenlabs_voice_and_pace_come_from_the_channel(elevenlabs, tmp_path):
    elevenlabs.state.data["voices"] = [ELEVENLABS_VOICE, "21m00Tcm4TlvDq8ikWAM"]
    _eleven(voice_name="21m00Tcm4TlvDq8ikWAM", voice_rate=220).synthesize("Hello there.", tmp_path / "n.wav")
    request = elevenlabs.requests[0]
    assert request.path == "/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/with-timestamps"
    assert request.json()["voice_settings"] == {"speed": 1.2}  # the fastest ElevenLabs accepts


def test_elevenlabs_extra_fields_are_ignored(elevenlabs, tmp_path):
    elevenlabs.state.data["modes"] = ["extra"]
    narration = _eleven().synthesize(TEXT, tmp_path / "out" / "n.wav")
    _assert_good_narration(narration, tmp_path / "out")
    assert narration.words[1].start == pytest.approx(SECONDS_PER_WORD, abs=0.002)


def test_elevenlabs_without_alignment_still_gets_word_times(elevenlabs, tmp_path):
    elevenlabs.state.data["modes"] = ["no_alignment"]
    narration = _eleven().synthesize(TEXT, tmp_path / "out" / "n.wav")
    _assert_good_narration(narration, tmp_path / "out")


def test_elevenlabs_json_without_audio_is_retried_then_unavailable(elevenlabs, tmp_path):
    for _ in range(3):
        elevenlabs.enqueue(200, {"alignment": None, "request_id": "x"})
    with pytest.raises(VoiceUnavailable, match=r"failed 3 times.*unreadable answer"):
        _eleven().synthesize(TEXT, tmp_path / "out" / "n.wav")
    assert _nothing_left(tmp_path / "out")


def test_elevenlabs_cut_off_json_is_retried(elevenlabs, tmp_path):
    elevenlabs.state.data["modes"] = ["cut"]
    narration = _eleven().synthesize(TEXT, tmp_path / "out" / "n.wav")
    assert len(elevenlabs.requests) == 2
    _assert_good_narration(narration, tmp_path / "out")


def test_elevenlabs_cut_off_every_time_leaves_nothing(elevenlabs, tmp_path):
    elevenlabs.state.data["modes"] = ["cut"] * 3
    with pytest.raises(VoiceUnavailable, match="cut off"):
        _eleven().synthesize(TEXT, tmp_path / "out" / "n.wav")
    assert _nothing_left(tmp_path / "out")


def test_elevenlabs_busy_then_server_error_then_slow_is_retried(elevenlabs, settings, tmp_path):
    settings.CLOUD_VOICE_MAX_RETRIES = 3
    elevenlabs.enqueue(429, {"detail": {"status": "too_many_concurrent_requests",
                                        "message": "Too many concurrent requests."}}, {"Retry-After": "0.2"})
    elevenlabs.enqueue(500, {"detail": {"status": "internal_error", "message": "Something went wrong."}})
    elevenlabs.state.data["modes"] = ["slow"]
    narration = _eleven().synthesize(TEXT, tmp_path / "n.wav")
    assert len(elevenlabs.requests) == 4 and narration.words[0].start == 0.0


def test_elevenlabs_wrong_key_fails_at_once_without_the_key(elevenlabs, settings, tmp_path):
    settings.ELEVENLABS_API_KEY = "wrong-elevenlabs-key-777777"
    with pytest.raises(VoiceUnavailable) as failure:
        _eleven().synthesize(TEXT, tmp_path / "n.wav")
    assert "refused the API key (HTTP 401: Invalid API key" in failure.value.message
    assert "Check ELEVENLABS_API_KEY" in failure.value.message and "777777" not in failure.value.message
    assert len(elevenlabs.requests) == 1


def test_elevenlabs_out_of_characters_says_so(elevenlabs, tmp_path):
    elevenlabs.enqueue(401, {"detail": {"status": "quota_exceeded", "message": "This request exceeds your quota "
                                        "of 10000. You have 12 credits remaining."}})
    with pytest.raises(VoiceUnavailable, match=r"no characters left.*Add credits"):
        _eleven().synthesize(TEXT, tmp_path / "n.wav")


def test_elevenlabs_unknown_voice_names_the_channel_setting(elevenlabs, tmp_path):
    with pytest.raises(VoiceUnavailable, match=r"no voice 'nobody'.*channel's voice"):
        _eleven(voice_name="nobody").synthesize(TEXT, tmp_path / "n.wav")


def test_elevenlabs_undecodable_audio_fails_cleanly(elevenlabs, tmp_path):
    elevenlabs.state.data["modes"] = ["garbage"]
    with pytest.raises(VoiceUnavailable, match="could not be decoded"):
        _eleven().synthesize(TEXT, tmp_path / "out" / "n.wav")
    assert _nothing_left(tmp_path / "out")


def test_elevenlabs_without_key_is_not_configured(settings, tmp_path):
    settings.ELEVENLABS_API_KEY = ""
    with pytest.raises(VoiceUnavailable, match="set ELEVENLABS_API_KEY"):
        _eleven().synthesize(TEXT, tmp_path / "n.wav")


def test_alignment_that_does_not_match_the_text_is_not_used():
    alignment = {"characters": list("Hi you"), "character_start_times_seconds": [0, 0.1, 0.2, 0.3, 0.4, 0.5],
                 "character_end_times_seconds": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]}
    assert [(w.word, w.start, w.end) for w in words_from_alignment("Hi you", alignment)] == [
        ("Hi", 0, 0.2), ("you", 0.3, 0.6)]
    assert words_from_alignment("Hi there you", alignment) is None
    assert words_from_alignment("Hi you", {**alignment, "character_end_times_seconds": [0.1]}) is None
    assert words_from_alignment("Hi you", {"characters": None}) is None


# --- Channels, the narration step, fallback --------------------------------------------------------

@pytest.mark.django_db
def test_a_cloud_channel_falls_back_to_espeak_only_when_it_allows(openai_speech, settings, tmp_path):
    settings.OPENAI_SPEECH_API_KEY = "sk-wrong-but-secret-4242424242"
    warnings: list[str] = []
    voice = get_voice(make_channel(voice_engine="openai", voice_name="nova", voice_fallback=True),
                      on_fallback=warnings.append)
    assert isinstance(voice, FallbackVoice)
    narration = voice.synthesize("Hello there.", tmp_path / "a.wav")
    assert narration.engine == "espeak" and narration.duration > 0.3
    assert len(warnings) == 1 and "Check OPENAI_SPEECH_API_KEY" in warnings[0] and "espeak-ng instead" in warnings[0]
    strict = get_voice(make_channel(voice_engine="elevenlabs", voice_fallback=False))
    with pytest.raises(VoiceUnavailable, match="ELEVENLABS"):
        strict.synthesize("Hello there.", tmp_path / "b.wav")


@pytest.mark.django_db
def test_an_elevenlabs_channel_narrates_its_scenes_through_the_narration_step(elevenlabs, media_root, settings):
    from django.utils import timezone

    from tests.factories import make_script, make_video
    from videos.models import Job, Video
    from videos.services.jobs import JobContext
    from videos.services.production import video_narrate

    scenes_text = ["First scene of the story.", "The second scene follows it closely."]
    video = make_video(channel=make_channel(voice_engine="elevenlabs", voice_fallback=False))
    make_script(video, scenes=scenes_text, approved_at=timezone.now())
    job = Job.objects.create(kind=Job.Kind.NARRATE_RENDER, video=video, channel=video.channel, step_key="narrate",
                             state=Job.State.RUNNING)
    # Not a test of timeouts: a busy machine may take longer than the module's 0.8 s to answer, and a
    # retried request would be counted twice. Scenes are narrated two at a time, in either order.
    settings.CLOUD_VOICE_TIMEOUT_SECONDS = 30
    scenes = video_narrate(video=Video.objects.get(pk=video.pk), ctx=JobContext(job=job))
    assert sorted(r.json()["text"] for r in elevenlabs.requests) == sorted(scenes_text)
    for scene in scenes:
        path = media_local(scene.narration_file)
        assert probe(path).duration == pytest.approx(scene.narration_seconds, abs=0.02)
        assert scene.narration_seconds == pytest.approx(SECONDS_PER_WORD * len(scene.narration.split()), abs=0.1)
        assert [w["word"] for w in scene.word_timings] == scene.narration.split()
        assert [w["start"] for w in scene.word_timings] == pytest.approx(
            [i * SECONDS_PER_WORD for i in range(len(scene.word_timings))], abs=0.002)
    assert Video.objects.get(pk=video.pk).status == Video.Status.VOICED


@pytest.mark.django_db
def test_an_openai_channel_job_fails_with_the_fix_and_never_the_key(openai_speech, settings, media_root):
    from django.utils import timezone

    from tests.factories import make_script, make_video
    from videos.models import Job
    from videos.services.jobs import job_run

    settings.OPENAI_SPEECH_API_KEY = "sk-wrong-but-secret-4242424242"
    video = make_video(channel=make_channel(voice_engine="openai", voice_fallback=False))
    make_script(video, scenes=["Only one scene."], approved_at=timezone.now())
    job = Job.objects.create(kind=Job.Kind.NARRATE_RENDER, video=video, channel=video.channel,
                             step_key=Job.Kind.NARRATE_RENDER)
    assert job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.error.startswith("Scene 1: ") and "Check OPENAI_SPEECH_API_KEY" in job.error
    assert "4242424242" not in job.error + str(job.details)
    assert nothing_under(f"videos/{video.pk}/narration/")


# --- doctor ----------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_doctor_lines_for_the_cloud_voices(openai_speech, elevenlabs, settings):
    assert check_openai_speech(live=False).status == "warn"
    assert "not checked" in check_openai_speech(live=False).found
    assert check_openai_speech(live=True).status == "ok"
    assert check_elevenlabs(live=True).status == "ok"
    assert [r.path for r in openai_speech.requests] == ["/v1/models"]  # no speech was paid for
    assert [r.path for r in elevenlabs.requests] == ["/v1/models"]

    settings.ELEVENLABS_API_KEY = "wrong-elevenlabs-key-777777"
    refused = check_elevenlabs(live=True)
    assert refused.status == "fail" and "ELEVENLABS_API_KEY" in refused.fix
    assert "777777" not in refused.found + refused.fix

    settings.OPENAI_SPEECH_BASE_URL, settings.ELEVENLABS_API_KEY = "", ""
    assert check_openai_speech(live=True).status == "warn" and "not configured" in check_openai_speech(True).found
    make_channel(voice_engine="elevenlabs")
    unset = check_elevenlabs(live=True)
    assert unset.status == "fail" and "1 channel(s) use it" in unset.found


@pytest.mark.django_db
def test_changing_the_server_model_redoes_the_narration_and_lists_the_voice(openai_speech, settings):
    from videos.voice import available_voices, voice_signature

    channel = make_channel(voice_engine="openai")
    before = voice_signature(channel)
    assert {"engine": "openai", "id": "alloy", "name": "alloy (tts-1)", "languages": ""} in available_voices()
    settings.OPENAI_SPEECH_MODEL = "kokoro"
    assert voice_signature(channel) != before
    settings.OPENAI_SPEECH_API_KEY = "sk-another-key-000000000000"
    assert "sk-another" not in voice_signature(channel)
