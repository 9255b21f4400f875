"""The narrate-and-render step as the job runner drives it: rows written, files made, errors shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone

from assets.models import Asset
from faceless_site.mediastore.files import media_exists, media_list, media_read, media_size, media_write, work_folder
from tests.factories import make_channel, make_script, make_video
from tests.mediafiles import stored
from videos.models import Job, Render, Video
from videos.services.jobs import job_run

pytestmark = pytest.mark.django_db


def _job(video: Video, step_key: str = Job.Kind.NARRATE_RENDER) -> Job:
    return Job.objects.create(kind=Job.Kind.NARRATE_RENDER, video=video, channel=video.channel, step_key=step_key)


def _approved(video: Video, scenes: list[str] | None = None):
    return make_script(video, scenes=scenes, approved_at=timezone.now())


def _narrate(video: Video):
    from videos.services.jobs import JobContext
    from videos.services.production import video_narrate

    job = _job(video, f"narrate:{Job.objects.count()}")
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)  # as the runner's claim leaves it
    job.state = Job.State.RUNNING
    return video_narrate(video=Video.objects.get(pk=video.pk), ctx=JobContext(job=job))


def test_an_unapproved_script_is_refused(media_root):
    video = make_video()
    make_script(video)
    job = _job(video)
    assert job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.error.startswith("Approve the script first")
    assert not media_exists("videos")


def test_empty_narration_fails_with_a_clear_message(media_root):
    video = make_video()
    _approved(video, scenes=["A fine first scene.", "   "])
    job = _job(video)
    assert job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert "Scene 2 has no narration text" in job.error
    assert Video.objects.get(pk=video.pk).status == Video.Status.FAILED


def test_narration_is_measured_stored_and_not_redone_when_unchanged(media_root):
    video = make_video()
    _approved(video)
    scenes = _narrate(video)
    first = [(s.narration_file, s.narration_seconds) for s in scenes]
    for scene in scenes:
        assert media_exists(scene.narration_file)
        assert scene.narration_file.startswith(f"videos/{video.pk}/narration/scene-{scene.position}-")
        assert scene.narration_seconds > 0.5
        assert scene.word_timings[0]["word"] == scene.narration.split()[0]
    mtimes = {e.name: e.modified for e in media_list(f"videos/{video.pk}/narration/")}
    assert Video.objects.get(pk=video.pk).status == Video.Status.VOICED

    again = _narrate(video)
    assert [(s.narration_file, s.narration_seconds) for s in again] == first
    assert {e.name: e.modified for e in media_list(f"videos/{video.pk}/narration/")} == mtimes

    video.channel.voice_rate = 250
    video.channel.save()
    faster = _narrate(video)
    assert all(new.narration_file != old for new, (old, _) in zip(faster, first, strict=True))
    assert all(new.narration_seconds < old for new, (_, old) in zip(faster, first, strict=True))
    assert len(stored(f"videos/{video.pk}/narration/")) == len(first)


def test_a_gtts_channel_narrates_every_scene_through_google(media_root, google):
    from tests.fakes.google_tts import SECONDS_PER_WORD, spoken

    video = make_video(channel=make_channel(voice_engine="gtts", voice_fallback=False))
    _approved(video, ["First scene of the story.", "The second scene follows it."])
    scenes = _narrate(video)
    server, _ = google
    assert [spoken(r)[0] for r in server.requests] == [s.narration for s in scenes]
    for scene in scenes:
        assert media_exists(scene.narration_file)
        assert scene.narration_seconds == pytest.approx(SECONDS_PER_WORD * len(scene.narration.split()), abs=0.08)
    assert Video.objects.get(pk=video.pk).status == Video.Status.VOICED


@pytest.mark.slow
def test_a_scene_without_on_screen_text_is_named_by_its_opening_words():
    from videos.models import Scene
    from videos.services.production import scene_title

    assert scene_title(Scene(position=0, narration="Twice a day, almost everywhere on Earth, the sea climbs.")) \
        == "Twice a day"
    assert scene_title(Scene(position=3, narration="港の入り口に立つ白い塔は、特別な意味を持っています。")) \
        == "港の入り口に立つ白い塔は"
    long = scene_title(Scene(position=1, narration=" ".join(["lighthouse"] * 30)))
    assert long.startswith("lighthouse lighthouse") and len(long) <= 60


def test_the_step_narrates_renders_and_records_the_render(media_root):
    channel = make_channel(aspect_ratio="9:16", render_preset="ultrafast", subtitle_style="bold", karaoke=True,
                           intro_text="Space history")
    media_write("library/broken.png", b"\x89PNG\r\n\x1a\n broken")
    asset = Asset.objects.create(kind=Asset.Kind.IMAGE, file="library/broken.png", sha256="0" * 64)
    video = make_video(channel=channel)
    script = _approved(video)
    script.scenes.filter(position=0).update(asset=asset, on_screen_text="1957")
    Video.objects.filter(pk=video.pk).update(thumbnail_layout="panel")  # chosen on an earlier render

    job = _job(video)
    assert job_run(job.pk) == "succeeded"
    job.refresh_from_db()
    video.refresh_from_db()
    render = Render.objects.get(video=video)
    assert video.status == Video.Status.RENDERED and job.percent == 100
    assert render.script_version == script.version and render.is_complete
    assert (render.width, render.height) == (1080, 1920) and render.fps == pytest.approx(30, abs=0.01)
    narration = sum(s.narration_seconds for s in script.scenes.all())
    assert abs(render.duration_seconds - (narration + 2.5)) <= 0.2
    assert media_exists(render.file) and media_exists(render.thumbnail)
    assert render.size_bytes == media_size(render.file)
    assert "libx264" in render.command and "subtitles" in render.command
    assert any("broken.png" in w for w in job.warnings) and render.warnings == job.warnings
    leftovers = stored(f"videos/{video.pk}/renders/")
    assert sorted(Path(n).suffix for n in leftovers) == [".ass", ".jpg", ".jpg", ".jpg", ".mp4", ".srt"]
    assert not [p for p in work_folder(f"videos/{video.pk}/renders").iterdir() if p.name not in
                {n.rpartition("/")[2] for n in leftovers}]  # nothing left where it was made
    # Three thumbnails recorded; the one the person chose before is the video's again.
    assert [t["layout"] for t in render.thumbnails] == ["frame", "panel", "poster"]
    assert render.thumbnail == render.thumbnails[1]["file"] and render.thumbnail.endswith(".thumb-panel.jpg")
    assert all(media_exists(t["file"]) and t["bytes"] < 2 * 1024 * 1024 for t in render.thumbnails)
    # The captions for YouTube, and where each scene lies for its chapters (after the 2.5 s intro card).
    assert media_read(render.captions).decode("utf-8").startswith("1\n00:00:02,5")
    scenes = list(script.scenes.order_by("position"))
    assert render.timeline[0]["start"] == 2.5 and len(render.timeline) == len(scenes)
    assert render.timeline[0]["title"] == "1957"  # the scene's on-screen text names its chapter
    assert render.timeline[1]["start"] == pytest.approx(2.5 + round(scenes[0].narration_seconds * 30) / 30, abs=1e-3)
    assert render.timeline[-1]["end"] == pytest.approx(render.duration_seconds, abs=0.05)


def test_the_plan_names_each_file_as_it_was_uploaded(media_root):
    import hashlib

    from videos.services.production import build_plan

    def kept(kind: str, name: str, ext: str) -> Asset:
        digest = hashlib.sha256(name.encode()).hexdigest()
        return Asset.objects.create(kind=kind, file=f"assets/{digest[:2]}/{digest}{ext}", sha256=digest,
                                    original_name=name)

    channel = make_channel(music=kept(Asset.Kind.AUDIO, "Calm bed.mp3", ".mp3"),
                           watermark=kept(Asset.Kind.IMAGE, "Our logo.png", ".png"))
    video = make_video(channel=channel)
    script = _approved(video)
    script.scenes.filter(position=0).update(asset=kept(Asset.Kind.IMAGE, "Lighthouse at dusk.jpg", ".jpg"))
    for scene in script.scenes.all():
        media_write(f"n{scene.pk}.wav", b"RIFF")
        scene.narration_file, scene.narration_seconds = f"n{scene.pk}.wav", 2.0
        scene.save()
    video = Video.objects.select_related("channel__music", "channel__watermark").get(pk=video.pk)
    plan = build_plan(video=video, script=script, scenes=list(script.scenes.select_related("asset")))
    assert plan.scenes[0].visual.name == "Lighthouse at dusk.jpg" and plan.scenes[1].visual.name == ""
    assert plan.music.name == "Calm bed.mp3" and plan.watermark_name == "Our logo.png"


# --- media in an object store (issue 28) ----------------------------------------------------------

def _store_down(settings) -> None:
    from faceless_site import objectstore

    settings.MEDIA_STORE_MAX_RETRIES = 0
    settings.STORAGES["default"]["OPTIONS"]["endpoint_url"] = f"http://127.0.0.1:{objectstore.free_ports(1)[0]}"
    settings.STORAGES = dict(settings.STORAGES)


def test_a_store_that_does_not_answer_queues_the_step_again_with_the_reason_then_fails_it(s3_media, settings,
                                                                                         django_capture_on_commit_callbacks):
    video = make_video()
    _approved(video)
    _store_down(settings)
    job = _job(video)
    with django_capture_on_commit_callbacks(execute=False):
        assert job_run(job.pk) == "interrupted"
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED and "did not answer" in job.message
    assert job.details["store_interruptions"] == 1 and not Render.objects.exists()
    Job.objects.filter(pk=job.pk).update(details={"store_interruptions": settings.JOB_MAX_ATTEMPTS - 1})
    assert job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert "did not answer" in job.error and "check that the media store is reachable" in job.error
    assert s3_media.secret_key not in job.error + job.message


def test_a_missing_bucket_fails_the_step_at_once_with_the_fix(s3_media, settings):
    video = make_video()
    _approved(video)
    settings.STORAGES["default"]["OPTIONS"]["bucket_name"] = "no-such-bucket"
    settings.STORAGES = dict(settings.STORAGES)
    job = _job(video)
    assert job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert "'no-such-bucket' does not exist" in job.error and "AWS_STORAGE_BUCKET_NAME" in job.error
    assert "Unexpected error" not in job.error and "traceback" not in job.details
    video.refresh_from_db()
    assert "AWS_STORAGE_BUCKET_NAME" in video.status_message
