"""The Japanese voice (Kokoro, `make voice-ja`): correct readings, a plausible pace, and phrase times
for captions. It runs only where the voice is installed; elsewhere the tests say why they skip."""

from __future__ import annotations

import itertools
import wave

import pytest

from videos.voice.languages import kokoro_installed

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not kokoro_installed(), reason="the Japanese voice is not installed here: `make voice-ja` installs it")]

TEXT = "灯台の光は遠くまで届きます。船乗りたちは何百年もの間、この光を頼りに夜の海を渡ってきました。"


@pytest.fixture(scope="module")
def narration(tmp_path_factory):
    from django.test import override_settings

    from videos.voice.kokoro_ja import KokoroJaVoice

    with override_settings(KOKORO_JA_CACHE=tmp_path_factory.mktemp("kokoro")):  # the model is joined there once
        yield KokoroJaVoice().synthesize(TEXT, tmp_path_factory.mktemp("out") / "n.wav")


def test_japanese_is_narrated_in_the_common_format_at_a_speaking_pace(narration):
    from videos.voice.kokoro_ja import morae

    with wave.open(str(narration.path)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (22050, 1, 2)
        assert narration.duration == pytest.approx(wav.getnframes() / 22050, abs=0.01)
    # Japanese is spoken at about 7 morae a second; espeak-ng's "Chinese letter" took three times as long.
    pace = morae(TEXT) / narration.duration
    assert 5.0 < pace < 9.5, pace


def test_every_phrase_is_timed_in_order_inside_the_audio(narration):
    words = narration.words
    assert "".join(w.word for w in words) == TEXT
    assert all(0 <= w.start < w.end <= narration.duration + 0.01 for w in words)
    assert all(a.end <= b.start + 1e-6 for a, b in itertools.pairwise(words))
    first_sentence_end = next(w.end for w in words if w.word.endswith("。"))
    second_sentence_start = words[[w.word for w in words].index("船乗りたちは")].start
    assert second_sentence_start - first_sentence_end >= 0.3  # the pause between sentences


def test_every_kanji_gets_a_reading_and_an_unknown_one_is_named():
    from videos.voice.kokoro_ja import unread

    assert unread(TEXT) == []
    assert unread("この字は彁です。") == ["彁"]


@pytest.mark.django_db
def test_a_japanese_channel_speaks_with_kokoro(settings, tmp_path):
    from tests.factories import make_channel
    from videos.voice import get_voice
    from videos.voice.kokoro_ja import KokoroJaVoice

    settings.VOICES_DIR = tmp_path
    notices: list[str] = []
    voice = get_voice(make_channel(language="ja"), on_fallback=notices.append)
    assert isinstance(voice, KokoroJaVoice) and voice.voice == "jf_alpha" and notices == []
