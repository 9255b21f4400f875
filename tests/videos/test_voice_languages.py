"""A channel's language gets a voice that reads it, or a clear refusal naming what to install: never
espeak-ng for Japanese or Chinese, never a voice of another language in silence."""

from __future__ import annotations

import json
import subprocess

import pytest
from django.utils import timezone

from tests.factories import make_channel, make_script, make_video
from videos.models import Job, Video
from videos.services.jobs import JobContext, StepFailed
from videos.services.production import video_narrate
from videos.voice import FallbackVoice, VoiceError, get_voice, voice_signature
from videos.voice import languages as voice_languages
from videos.voice.espeak import EspeakVoice
from videos.voice.gtts import GttsVoice
from videos.voice.languages import ESPEAK_VOICES, espeak_voice, family, offline_voice, voice_check
from videos.voice.piper import BUNDLED_VOICE, PiperVoice, voice_files

# One sentence in each language mapped to espeak-ng (regional forms share their language's).
SAMPLES = {
    "af": "Die vuurtoring lei skepe al eeue lank deur die nag.",
    "ar": "يرشد المنارة السفن في الليل منذ قرون.",
    "bg": "Фарът води корабите през нощта от векове.",
    "ca": "El far guia els vaixells de nit des de fa segles.",
    "cs": "Maják po staletí vede lodě nocí.",
    "da": "Fyret har ledt skibene gennem natten i århundreder.",
    "de": "Der Leuchtturm führt die Schiffe seit Jahrhunderten durch die Nacht.",
    "el": "Ο φάρος οδηγεί τα πλοία μέσα στη νύχτα εδώ και αιώνες.",
    "en": "The lighthouse has guided ships through the night for centuries.",
    "es": "El faro guía a los barcos por la noche desde hace siglos.",
    "fa": "فانوس دریایی قرن‌ها کشتی‌ها را در شب راهنمایی کرده است.",
    "fi": "Majakka on ohjannut laivoja yön läpi vuosisatojen ajan.",
    "fr": "Le phare guide les navires la nuit depuis des siècles.",
    "he": "המגדלור מנחה את הספינות בלילה במשך מאות שנים.",
    "hi": "प्रकाशस्तंभ सदियों से रात में जहाजों का मार्गदर्शन करता है।",
    "hr": "Svjetionik stoljećima vodi brodove kroz noć.",
    "hu": "A világítótorony évszázadok óta vezeti a hajókat az éjszakában.",
    "id": "Mercusuar telah memandu kapal di malam hari selama berabad-abad.",
    "it": "Il faro guida le navi di notte da secoli.",
    "ko": "등대는 수세기 동안 밤에 배들을 안내해 왔습니다.",
    "ms": "Rumah api telah memandu kapal pada waktu malam selama berabad-abad.",
    "nb": "Fyret har ledet skipene gjennom natten i århundrer.",
    "no": "Fyret har ledet skipene gjennom natten i århundrer.",
    "nl": "De vuurtoren leidt de schepen al eeuwen door de nacht.",
    "pl": "Latarnia morska od wieków prowadzi statki nocą.",
    "pt": "O farol guia os navios à noite há séculos.",
    "ro": "Farul ghidează navele prin noapte de secole.",
    "ru": "Маяк веками ведёт корабли сквозь ночь.",
    "sk": "Maják po stáročia vedie lode nocou.",
    "sr": "Светионик вековима води бродове кроз ноћ.",
    "sv": "Fyren har lett fartygen genom natten i århundraden.",
    "sw": "Mnara wa taa umeongoza meli usiku kwa karne nyingi.",
    "th": "ประภาคารนำทางเรือในเวลากลางคืนมาหลายศตวรรษ",
    "tr": "Deniz feneri yüzyıllardır gemilere gece yol gösteriyor.",
    "uk": "Маяк століттями веде кораблі крізь ніч.",
    "vi": "Ngọn hải đăng dẫn đường cho tàu thuyền vào ban đêm suốt nhiều thế kỷ.",
}
JAPANESE = "灯台は何世紀にもわたって夜の船を導いてきました。"


@pytest.fixture(autouse=True)
def voices_dir(tmp_path, settings, monkeypatch):
    folder = tmp_path / "voices"
    folder.mkdir()
    settings.VOICES_DIR = folder
    monkeypatch.setattr(voice_languages, "kokoro_installed", lambda: False)  # whatever this machine has
    return folder


def add_piper_voice(folder, name: str, family_code: str, *, phoneme_type: str = "espeak"):
    """A Piper voice of another language, as voice_install would leave it (the bundled model under
    a config that says so)."""
    bundled = voice_files()[BUNDLED_VOICE]
    (folder / f"{name}.onnx").symlink_to(bundled.model)
    config = json.loads(bundled.config.read_text())
    config["language"] = {"code": name.split("-")[0], "family": family_code}
    config["espeak"] = {"voice": family_code}
    config["phoneme_type"] = phoneme_type
    (folder / f"{name}.onnx.json").write_text(json.dumps(config))


def test_espeak_reads_every_language_it_is_mapped_to_without_falling_into_english():
    """espeak-ng switches to English phonemes, "(en)", for characters it cannot read: that is how
    Japanese became "Chinese letter". No mapped language may do so."""
    assert {family(code) for code in ESPEAK_VOICES} == set(SAMPLES)
    for code, sentence in SAMPLES.items():
        result = subprocess.run(["espeak-ng", "-q", "-x", "-v", espeak_voice(code), sentence],
                                capture_output=True, text=True, check=True, timeout=20)
        switched = "(en)" in result.stdout and code != "en"
        assert not switched and len(result.stdout.strip()) > 10, (code, result.stdout)


@pytest.mark.parametrize("language", ["ja", "ja-JP", "zh", "zh-TW", "yue"])
def test_espeak_is_never_the_voice_of_japanese_or_chinese(tmp_path, language):
    assert espeak_voice(language) is None
    with pytest.raises(VoiceError, match="espeak-ng cannot read"):
        EspeakVoice(language=language).synthesize(JAPANESE, tmp_path / "out" / "n.wav")
    assert not (tmp_path / "out").exists()


@pytest.mark.django_db
def test_a_japanese_channel_without_the_japanese_voice_is_refused_naming_the_install():
    channel = make_channel(language="ja")
    check = voice_check(channel)
    assert check.quality == "none" and "make voice-ja" in check.fix
    with pytest.raises(VoiceError, match=r"No voice here can read Japanese.*make voice-ja"):
        get_voice(channel)
    # Google TTS reads Japanese (online); espeak-ng is not its fallback.
    online = get_voice(make_channel(language="ja", voice_engine="gtts", voice_fallback=True))
    assert isinstance(online, GttsVoice)
    with pytest.raises(VoiceError, match="espeak-ng cannot read Japanese"):
        get_voice(make_channel(language="ja", voice_engine="espeak"))


@pytest.mark.django_db
def test_the_narrate_step_refuses_before_making_anything(media_root):
    channel = make_channel(language="ja")
    video = make_video(channel=channel)
    make_script(video, scenes=[JAPANESE], approved_at=timezone.now(), language="ja")
    job = Job.objects.create(kind=Job.Kind.NARRATE_RENDER, video=video, channel=channel, step_key="narrate",
                             state=Job.State.RUNNING)
    with pytest.raises(StepFailed, match="make voice-ja"):
        video_narrate(video=Video.objects.get(pk=video.pk), ctx=JobContext(job=job))
    assert not (media_root / f"videos/{video.pk}/narration").exists()


@pytest.mark.django_db
def test_french_without_a_neural_voice_is_narrated_by_espeak_with_a_warning_naming_the_voice_to_install(tmp_path):
    notices: list[str] = []
    voice = get_voice(make_channel(language="fr"), on_fallback=notices.append)
    assert isinstance(voice, EspeakVoice) and voice.voice == "fr-fr"
    assert len(notices) == 1 and "espeak-ng narrates it" in notices[0]
    assert "voice_install fr_FR-siwis-medium" in notices[0] and "make voice VOICE=fr_FR-siwis-medium" in notices[0]
    narration = voice.synthesize("Le phare guide les navires.", tmp_path / "fr.wav")
    assert narration.engine == "espeak" and narration.duration > 1.0


@pytest.mark.django_db
def test_an_installed_french_piper_voice_is_chosen_and_a_new_narration_follows(voices_dir):
    channel = make_channel(language="fr")
    before = voice_signature(channel)
    add_piper_voice(voices_dir, "fr_FR-test-medium", "fr")
    notices: list[str] = []
    voice = get_voice(channel, on_fallback=notices.append)
    assert isinstance(voice, FallbackVoice) and isinstance(voice.primary, PiperVoice)
    assert voice.primary.voice == "fr_FR-test-medium" and voice.fallback.voice == "fr-fr" and notices == []
    assert voice_signature(channel) != before  # scenes narrated by espeak-ng are narrated again


@pytest.mark.django_db
def test_a_piper_voice_of_another_language_is_refused():
    channel = make_channel(language="fr", voice_engine="piper", voice_name=BUNDLED_VOICE)
    with pytest.raises(VoiceError, match=f"The Piper voice {BUNDLED_VOICE} does not read French"):
        get_voice(channel)


@pytest.mark.django_db
def test_a_chinese_piper_voice_phonemized_by_espeak_does_not_count(voices_dir):
    add_piper_voice(voices_dir, "zh_CN-test-medium", "zh")
    assert offline_voice("zh").quality == "none"
    add_piper_voice(voices_dir, "zh_CN-pinyin-medium", "zh", phoneme_type="pinyin")
    assert offline_voice("zh").voice == "zh_CN-pinyin-medium"
