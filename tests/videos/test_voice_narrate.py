"""A video narrated with the default Piper voice, scenes in parallel: what lands on the scenes and
the job when the voice works, is missing, and when the channel does or does not allow a fallback."""

from __future__ import annotations

import pytest
from django.utils import timezone

from faceless_site.mediastore.files import media_exists
from tests.factories import make_channel, make_script, make_video
from tests.mediafiles import nothing_under, stored
from videos.models import Job, Video
from videos.services.jobs import JobContext, StepFailed
from videos.services.production import video_narrate

pytestmark = pytest.mark.django_db

SCENES = ["Sputnik launched in 1957.", "It beeped for 21 days.", "Who was listening? Radio amateurs everywhere.",
          "The space race had begun."]


@pytest.fixture(autouse=True)
def voices_dir(tmp_path, settings):
    settings.VOICES_DIR = tmp_path / "voices"
    settings.VOICE_PARALLEL_SCENES = 2
    return settings.VOICES_DIR


def _narrate(channel):
    video = make_video(channel=channel)
    make_script(video, scenes=SCENES, approved_at=timezone.now())
    job = Job.objects.create(kind=Job.Kind.NARRATE_RENDER, video=video, channel=channel, step_key="narrate",
                             state=Job.State.RUNNING)  # as the runner's claim leaves it
    return video, job, lambda: video_narrate(video=Video.objects.get(pk=video.pk), ctx=JobContext(job=job))


def test_every_scene_is_narrated_by_piper_with_word_times(media_root):
    channel = make_channel()
    assert channel.voice_engine == "piper"  # what a new channel speaks with
    video, job, run = _narrate(channel)
    scenes = run()
    for scene, text in zip(scenes, SCENES, strict=True):
        assert media_exists(scene.narration_file) and scene.narration_seconds > 0.8
        words = scene.word_timings
        assert [w["word"] for w in words] == text.split()
        assert all(0 <= w["start"] <= w["end"] <= scene.narration_seconds + 0.001 for w in words)
        assert [w["start"] for w in words] == sorted(w["start"] for w in words)
    assert stored(f"videos/{video.pk}/narration/") == sorted(s.narration_file for s in scenes)
    job.refresh_from_db()
    assert job.warnings == []


def test_a_missing_voice_falls_back_to_espeak_with_a_warning_on_the_job(media_root, voices_dir):
    channel = make_channel(voice_engine="piper", voice_name="en_US-gone-medium", voice_fallback=True)
    _, job, run = _narrate(channel)
    scenes = run()
    assert all(media_exists(s.narration_file) for s in scenes)
    job.refresh_from_db()
    assert len(job.warnings) == 1
    assert "en_US-gone-medium.onnx" in job.warnings[0] and str(voices_dir) in job.warnings[0]
    assert "espeak-ng instead" in job.warnings[0]


def test_a_missing_voice_without_fallback_fails_naming_the_fix_and_writes_no_audio(media_root):
    channel = make_channel(voice_engine="piper", voice_name="en_US-gone-medium", voice_fallback=False)
    video, _, run = _narrate(channel)
    with pytest.raises(StepFailed, match=r"Scene \d: The Piper voice 'en_US-gone-medium' is not installed on this "
                                         r"server; pick another voice.*put en_US-gone-medium.onnx"):
        run()
    assert nothing_under(f"videos/{video.pk}/narration/")
