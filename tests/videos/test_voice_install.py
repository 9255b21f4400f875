"""`manage.py voice_install <name>` against a local piper-voices repository that serves the bundled
voice's real bytes, and misbehaves the way a repository or a mirror does on a bad day."""

from __future__ import annotations

import os
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.fakes.piper_voices import PiperVoicesServer, joe_files
from videos.voice.install import VoiceInstallError, voice_install
from videos.voice.languages import voice_check
from videos.voice.piper import voice_files

MODEL = "fr_FR-siwis-medium.onnx"
CONFIG = "fr_FR-siwis-medium.onnx.json"


@pytest.fixture(scope="module")
def repository():
    with PiperVoicesServer() as server:
        yield server


@pytest.fixture
def server(repository):
    repository.state.data["faults"].clear()
    yield repository
    repository.state.data["faults"].clear()


@pytest.fixture(autouse=True)
def voices(tmp_path, settings, repository):
    settings.PIPER_VOICES_URL = repository.base
    settings.VOICES_DIR = tmp_path / "voices"
    settings.PIPER_VOICES_RETRY_BASE_SECONDS = 0
    return settings.VOICES_DIR


def install(*args: str) -> str:
    out = StringIO()
    call_command("voice_install", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def nothing_left(folder) -> bool:
    return not folder.exists() or sorted(p.name for p in folder.iterdir()) == []


@pytest.mark.django_db
def test_a_voice_is_installed_by_name_checked_and_a_french_channel_speaks_with_it(voices, server, tmp_path):
    from tests.factories import make_channel
    from videos.voice import get_voice

    out = install("fr_FR-siwis-medium")
    assert "Installed fr_FR-siwis-medium" in out
    assert sorted(p.name for p in voices.iterdir()) == [MODEL, CONFIG]
    model, _ = joe_files()
    assert (voices / MODEL).read_bytes() == model
    assert voice_files()["fr_FR-siwis-medium"].language == "fr"
    channel = make_channel(language="fr")
    assert voice_check(channel).voice == "fr_FR-siwis-medium"
    narration = get_voice(channel).synthesize("Bonjour.", tmp_path / "n.wav")
    assert narration.engine == "piper" and narration.duration > 0.3
    # Again: the files are there with the right checksums, so nothing is fetched.
    fetched = server.downloads(MODEL)
    install("fr_FR-siwis-medium")
    assert server.downloads(MODEL) == fetched


def test_an_unknown_name_is_refused_with_the_nearest_names(server):
    with pytest.raises(CommandError, match=r"No Piper voice named “fr_FR-siwis-medum”.*Did you mean fr_FR-siwis-med"):
        install("fr_FR-siwis-medum")
    listing = install("--list", "fr")
    assert "fr_FR-siwis-medium" in listing and "fr_FR-upmc-medium" in listing and "63 MB" in listing
    assert "nochecksum" not in install("--list")  # listed without checksums: never offered


@pytest.mark.parametrize(("fault", "times", "message"), [
    (404, 1, r"has no fr/fr_FR/siwis/medium/fr_FR-siwis-medium\.onnx \(HTTP 404\)"),
    ("cut", 4, r"cut off after 1,048,576 of 63,201,294 bytes"),
    (503, 4, r"answered HTTP 503 for fr_FR-siwis-medium\.onnx"),
])
def test_a_failed_download_says_what_happened_and_leaves_nothing(voices, server, fault, times, message):
    server.fail(MODEL, fault, times=times)
    with pytest.raises(VoiceInstallError, match=message):
        voice_install(name="fr_FR-siwis-medium")
    assert nothing_left(voices)


def test_a_file_with_the_wrong_checksum_is_discarded(voices, server):
    server.fail(CONFIG, "corrupt", times=4)
    models = server.downloads(MODEL)
    with pytest.raises(VoiceInstallError, match=r"arrived with the wrong checksum.*discarded"):
        voice_install(name="fr_FR-siwis-medium")
    assert nothing_left(voices) and server.downloads(MODEL) == models  # the config comes first


def test_a_cut_a_500_and_a_429_are_tried_again(voices, server):
    server.fail(MODEL, "cut")
    server.fail(CONFIG, 500)
    server.fail("voices.json", "429:0")
    assert voice_install(name="fr_FR-siwis-medium") == voices / MODEL
    assert (voices / MODEL).read_bytes() == joe_files()[0]


def test_a_stalled_download_gives_up_with_the_setting_to_raise(voices, server, settings):
    settings.PIPER_VOICES_TIMEOUT_SECONDS = 0.2
    server.fail(CONFIG, "slow:0.6", times=4)
    with pytest.raises(VoiceInstallError, match=r"stalled: no data for 0.2 s.*PIPER_VOICES_TIMEOUT_SECONDS"):
        voice_install(name="fr_FR-siwis-medium")
    assert nothing_left(voices)


@pytest.mark.parametrize(("fault", "message"), [
    ("html", r"voices\.json is not a voice list \(it begins “<!doctype html>"),
    (404, r"voices\.json does not exist \(HTTP 404\): PIPER_VOICES_URL must be the root"),
])
def test_a_base_address_that_is_not_a_voice_repository_is_named(server, fault, message):
    server.fail("voices.json", fault)
    with pytest.raises(VoiceInstallError, match=message):
        voice_install(name="fr_FR-siwis-medium")


def test_nothing_answering_is_named_with_the_setting(settings):
    settings.PIPER_VOICES_URL = "http://127.0.0.1:9/piper"
    with pytest.raises(VoiceInstallError, match=r"could not be reached.*PIPER_VOICES_URL to a mirror"):
        voice_install(name="fr_FR-siwis-medium")


def test_a_full_disk_is_said_before_and_while_downloading(voices, server):
    entry = server.state.data["catalogue"]["fr_FR-siwis-medium"]
    path = next(p for p in entry["files"] if p.endswith(".onnx"))
    real = entry["files"][path]["size_bytes"]
    entry["files"][path]["size_bytes"] = 10**15
    try:
        with pytest.raises(VoiceInstallError, match=r"Not enough disk space .*needs 1000000000 MB"):
            voice_install(name="fr_FR-siwis-medium")
    finally:
        entry["files"][path]["size_bytes"] = real
    voices.mkdir(parents=True, exist_ok=True)
    os.symlink("/dev/full", voices / f".{CONFIG}.partial")  # every write there fails with ENOSPC
    with pytest.raises(VoiceInstallError, match=r"Not enough disk space in .*Free some space"):
        voice_install(name="fr_FR-siwis-medium")
    assert nothing_left(voices)
