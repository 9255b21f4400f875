"""Voices: espeak-ng's measured audio and word times, gTTS without a network, the fallback."""

from __future__ import annotations

import itertools
import socket
import wave

import pytest

from tests.factories import make_channel
from videos.voice import FallbackVoice, VoiceError, VoiceUnavailable, available_voices, get_voice
from videos.voice.base import spread_by_syllables
from videos.voice.espeak import EspeakVoice
from videos.voice.gtts import GttsVoice

TEXT = "Sputnik launched in 1957. It beeped for twenty-one days, and the world listened."


def test_espeak_writes_a_wav_whose_measured_length_and_word_times_match(tmp_path):
    narration = EspeakVoice(voice="gmw/en-US", rate=165).synthesize(TEXT, tmp_path / "n.wav")
    with wave.open(str(narration.path)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (22050, 1, 2)
        assert narration.duration == pytest.approx(wav.getnframes() / 22050)
    assert 3.0 < narration.duration < 10.0
    assert [w.word for w in narration.words] == TEXT.split()
    starts = [w.start for w in narration.words]
    assert starts == sorted(starts) and starts[0] < 0.3
    assert all(w.end > w.start for w in narration.words)
    # The second sentence starts after the pause at the full stop, not at an even share of the time.
    it = narration.words[4]
    assert it.word == "It" and it.start > narration.words[3].start + 0.5


def test_espeak_says_a_text_the_same_way_whatever_was_said_before(tmp_path):
    # In one process libespeak-ng made this text 52 ms longer after "In 1822 ..." than before it, and a
    # few samples different on every repeat: a recovered render did not match an uninterrupted one.
    text = "Lighthouses guided sailors for centuries. The first great tower stood at Alexandria."
    voice = EspeakVoice(rate=165)
    first = voice.synthesize(text, tmp_path / "first.wav")
    voice.synthesize("In 1822 Augustin Fresnel designed a lens of rings and prisms.", tmp_path / "between.wav")
    again = voice.synthesize(text, tmp_path / "again.wav")
    assert (tmp_path / "first.wav").read_bytes() == (tmp_path / "again.wav").read_bytes()
    assert (first.duration, first.words) == (again.duration, again.words)


def test_a_faster_rate_makes_shorter_audio(tmp_path):
    slow = EspeakVoice(rate=120).synthesize(TEXT, tmp_path / "slow.wav")
    fast = EspeakVoice(rate=260).synthesize(TEXT, tmp_path / "fast.wav")
    assert fast.duration < slow.duration * 0.7


def test_empty_narration_is_refused_with_a_clear_message(tmp_path):
    with pytest.raises(VoiceError, match="no narration text"):
        EspeakVoice().synthesize("   \n ", tmp_path / "n.wav")
    assert not (tmp_path / "n.wav").exists()


def test_an_unknown_espeak_voice_falls_back_to_the_channel_language(tmp_path):
    narration = EspeakVoice(voice="no-such-voice", language="en").synthesize("Hello there.", tmp_path / "n.wav")
    assert narration.duration > 0.3


def test_syllable_spreading_keeps_order_and_span():
    words = spread_by_syllables("One short line. Then another, longer one.", 1.0, 5.0)
    assert words[0].start == 1.0 and words[-1].end == pytest.approx(5.0, abs=0.5)
    assert all(a.end <= b.start for a, b in itertools.pairwise(words))


@pytest.fixture
def no_network(monkeypatch):
    """Route gTTS's HTTPS through a proxy port on this machine that refuses connections, as a
    machine without internet does; no socket leaves the machine."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)


def test_gtts_without_network_says_so(no_network, tmp_path):
    with pytest.raises(VoiceUnavailable, match=r"could not be reached.*espeak-ng"):
        GttsVoice(language="en").synthesize("Hello there.", tmp_path / "out" / "n.wav")
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.django_db
def test_gtts_channel_falls_back_to_espeak_when_allowed(no_network, tmp_path):
    warnings = []
    channel = make_channel(voice_engine="gtts", voice_fallback=True)
    voice = get_voice(channel, on_fallback=warnings.append)
    assert isinstance(voice, FallbackVoice)
    first = voice.synthesize("Hello there.", tmp_path / "a.wav")
    second = voice.synthesize("And again.", tmp_path / "b.wav")
    assert first.engine == second.engine == "espeak" and first.duration > 0.3
    assert len(warnings) == 1 and "espeak-ng instead" in warnings[0]


@pytest.mark.django_db
def test_gtts_channel_without_fallback_fails_clearly(no_network, tmp_path):
    voice = get_voice(make_channel(voice_engine="gtts", voice_fallback=False))
    with pytest.raises(VoiceUnavailable, match="internet connection"):
        voice.synthesize("Hello there.", tmp_path / "a.wav")


def test_available_voices_lists_espeak_and_gtts():
    voices = available_voices()
    assert any(v["engine"] == "espeak" and v["id"] == "gmw/en-US" for v in voices)
    assert any(v["engine"] == "gtts" and v["id"] == "en" for v in voices)


def test_gtts_failures_are_recorded_and_open_its_breaker(no_network, tmp_path, settings):
    from faceless_site.providers import integration_status

    settings.BREAKER_FAILURE_THRESHOLD = 2
    for n in range(2):
        with pytest.raises(VoiceUnavailable):
            GttsVoice(language="en").synthesize("Hello there.", tmp_path / f"n{n}.wav")
    status = integration_status("gtts")
    assert status["breaker_state"] == "open" and status["last_failure_at"] is not None
    with pytest.raises(VoiceUnavailable, match="skipped after repeated failures"):
        GttsVoice(language="en").synthesize("Hello again.", tmp_path / "n3.wav")


def _wav_seconds(path) -> float:
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def test_gtts_speaks_through_googles_protocol_and_the_length_is_measured(google, tmp_path):
    from tests.fakes.google_tts import SECONDS_PER_WORD, spoken

    server, proxy = google
    text = "Sputnik launched in nineteen fifty seven."
    narration = GttsVoice(language="en-GB", rate=165).synthesize(text, tmp_path / "out" / "n.wav")
    assert proxy.asked == ["translate.google.com:443"]
    assert [spoken(r) for r in server.requests] == [(text, "en", None)]
    # The fake's tone lasts a quarter second a word; the MP3 decoder adds a few milliseconds.
    assert narration.duration == pytest.approx(6 * SECONDS_PER_WORD, abs=0.08)
    assert narration.duration == pytest.approx(_wav_seconds(narration.path))
    assert narration.engine == "gtts" and [w.word for w in narration.words] == text.split()
    assert narration.words[-1].end <= narration.duration
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["n.wav"]


def test_gtts_long_narration_is_sent_in_parts_and_joined(google, tmp_path):
    from tests.fakes.google_tts import SECONDS_PER_WORD, spoken

    server, _ = google
    text = ("The lighthouse at Alexandria stood for centuries, guiding ships into the harbour at night, "
            "and its keepers burned wood and oil at the top of the tower. Travellers wrote about it for "
            "a thousand years.")
    narration = GttsVoice(language="en", rate=110).synthesize(text, tmp_path / "n.wav")
    parts = [spoken(r) for r in server.requests]
    assert len(parts) >= 2 and all(slow is True for _, _, slow in parts)  # a slow channel gets gTTS's slow speed
    # gTTS cuts at punctuation; every word is sent once, in order.
    assert " ".join(t for t, _, _ in parts).replace(".", "").split() == text.replace(",", "").replace(".", "").split()
    expected = sum(max(0.5, SECONDS_PER_WORD * len(t.split())) for t, _, _ in parts)
    assert narration.duration == pytest.approx(expected, abs=0.1 * len(parts))


@pytest.mark.parametrize(("status", "message"), [
    (429, r"refusing requests .*429 Too Many Requests.*in an hour.*espeak-ng"),
    (500, r"failed on Google's side.*later.*espeak-ng"),
    (403, r"answered without audio.*espeak-ng"),
])
def test_gtts_errors_from_google_say_what_to_do_and_leave_nothing(google, tmp_path, status, message):
    server, _ = google
    server.enqueue(status, "error")
    with pytest.raises(VoiceUnavailable, match=message):
        GttsVoice(language="en").synthesize("Hello there.", tmp_path / "out" / "n.wav")
    assert list((tmp_path / "out").iterdir()) == []


def test_gtts_reply_without_audio_is_unavailable(google, tmp_path):
    server, _ = google
    server.enqueue(200, ")]}'\n\n20\n[[\"wrb.fr\",\"jQ1olc\",null]]\n")
    with pytest.raises(VoiceUnavailable, match="without audio"):
        GttsVoice(language="en").synthesize("Hello there.", tmp_path / "out" / "n.wav")
    assert list((tmp_path / "out").iterdir()) == []


def test_gtts_audio_that_cannot_be_decoded_fails_clearly(google, tmp_path):
    from tests.fakes.google_tts import batchexecute_reply

    server, _ = google
    server.enqueue(200, batchexecute_reply(b"not an mp3 at all" * 50))
    with pytest.raises(VoiceError, match="could not be read"):
        GttsVoice(language="en").synthesize("Hello there.", tmp_path / "out" / "n.wav")
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.django_db
def test_gtts_channel_uses_google_when_it_answers(google, tmp_path):
    warnings = []
    voice = get_voice(make_channel(voice_engine="gtts", voice_fallback=True), on_fallback=warnings.append)
    narration = voice.synthesize("Hello there.", tmp_path / "a.wav")
    assert narration.engine == "gtts" and warnings == [] and len(google[0].requests) == 1
