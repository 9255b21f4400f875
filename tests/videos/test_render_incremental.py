"""Incremental renders: after an edit only the changed pieces are encoded, and the video is the same,
frame for frame, as a full render of the edited plan (and sample for sample where the narration did
not change; after a narration edit the update keeps the video's gain while it lands on the target)."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from faceless_site.mediastore.files import media_exists
from tests.mediafiles import stamp as stored_stamp
from tests.videos.render_helpers import ffmpeg_pcm, ffprobe, loudness, make_clip, make_still, narrate, simple_plan
from videos.render import Output, RenderPlan, Style, Visual, render_video

pytestmark = pytest.mark.slow

TINY = Output(width=320, height=180, preset="ultrafast")
TEXTS = ["Lighthouses guided sailors along the dangerous rocky coasts for many centuries.",
         "Keepers polished the glass every morning.",
         "Fresnel designed a lens of rings and prisms whose beam reached thirty kilometres."]


def checksums(path: Path, streams: str = "0") -> list[str]:
    """The decoded frames' and audio packets' MD5s (ffmpeg's framemd5), without the header."""
    result = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-map", streams, "-f", "framemd5",
                             "-"], capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if line and not line.startswith("#")]


def scene_pieces(seconds: float) -> int:
    """A scene after the first: its half-second crossfade (15 frames), then the rest in two halves
    if that is at least 240 frames (8 s), else whole."""
    return 1 + (2 if round(seconds * 30) - 15 >= 240 else 1)


def first_plan(folder: Path) -> RenderPlan:
    visuals = [Visual("image", make_still(folder / "still.png")), Visual("generated"),
               Visual("video", make_clip(folder / "clip.mp4"))]
    return simple_plan(folder, output=TINY, texts=TEXTS, visuals=visuals, style=Style(karaoke=True))


def render(plan: RenderPlan, folder: Path, name: str, cache: Path | None = None, **options):
    return render_video(plan, work_dir=folder / "work", out_path=folder / f"{name}.mp4", cache_dir=cache, **options)


def test_an_edited_scene_is_encoded_alone_and_the_video_matches_a_full_render(tmp_path):
    plan = first_plan(tmp_path)
    cache = tmp_path / "cache"
    first = render(plan, tmp_path, "first", cache)
    assert first.segments_reused == 0 and first.segments_encoded >= 4

    edited_folder = tmp_path / "edited"
    edited_folder.mkdir()
    ((path, seconds, words),) = narrate(edited_folder, ["Keepers polished the great glass lens every single morning."])
    scenes = list(plan.scenes)
    scenes[1] = dataclasses.replace(scenes[1], narration_path=path, duration=seconds, words=words)
    edited = dataclasses.replace(plan, scenes=tuple(scenes))

    update = render(edited, tmp_path, "update", cache)
    full = render(edited, tmp_path, "full")
    # The edited scene's pieces and the next scene's crossfade from it; nothing else.
    assert update.segments_encoded == scene_pieces(seconds) + 1
    assert update.segments_reused == first.segments_encoded - scene_pieces(plan.scenes[1].duration) - 1
    assert update.frames == full.frames != first.frames
    assert checksums(update.path, "0:v") == checksums(full.path, "0:v")
    # The soundtrack is made again (one chunk here) with the gain the video had, which still lands on
    # -14 LUFS: the update sounds as loud as a full render and lasts as long.
    assert ffprobe(update.path)["format"]["duration"] == ffprobe(full.path)["format"]["duration"]
    for result in (update, full):
        integrated, peak = loudness(result.path)
        assert abs(integrated - -14) <= 0.5 and peak <= -1.0


def test_swapped_footage_is_encoded_alone_and_the_video_matches_a_full_render(tmp_path):
    plan = first_plan(tmp_path)
    cache = tmp_path / "cache"
    render(plan, tmp_path, "first", cache)
    other = tmp_path / "other.png"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=400x300", "-frames:v", "1",
                    str(other)], check=True)
    scenes = list(plan.scenes)
    scenes[1] = dataclasses.replace(scenes[1], visual=Visual("image", other))
    swapped = dataclasses.replace(plan, scenes=tuple(scenes))

    update = render(swapped, tmp_path, "update", cache)
    full = render(swapped, tmp_path, "full")
    # The swapped scene's pieces and the next scene's crossfade from it; not the rest of it.
    assert scene_pieces(plan.scenes[2].duration) >= 2
    assert update.segments_encoded == scene_pieces(plan.scenes[1].duration) + 1
    assert checksums(update.path) == checksums(full.path)


def records(cache: Path) -> dict[str, dict]:
    return {path.stem: json.loads(path.read_text()) for path in cache.glob("*.json")}


def thumbnail_entries(cache: Path) -> set[str]:
    return {path.name for path in cache.glob("*-*.jpg")}


def test_the_thumbnails_are_kept_until_their_pictures_or_title_change(tmp_path):
    plan = first_plan(tmp_path)
    cache = tmp_path / "cache"
    first = render(plan, tmp_path, "first", cache)
    kept = thumbnail_entries(cache)
    assert len(kept) == 3
    scenes = list(plan.scenes)
    scenes[1] = dataclasses.replace(scenes[1], on_screen_text="Polished daily")  # no picture a thumbnail shows
    edited = dataclasses.replace(plan, scenes=tuple(scenes))

    update = render(edited, tmp_path, "update", cache)
    assert thumbnail_entries(cache) == kept  # taken from the cache, not drawn again
    assert update.thumbnail_path.read_bytes() == first.thumbnail_path.read_bytes()

    retitled = render(dataclasses.replace(edited, title="A new title for the lighthouse video"), tmp_path, "retitled",
                      cache)
    assert len(thumbnail_entries(cache) - kept) == 3
    assert retitled.thumbnail_path.read_bytes() != first.thumbnail_path.read_bytes()
    assert retitled.segments_encoded == 0


def test_a_corrupt_or_missing_cached_segment_is_rebuilt_not_joined(tmp_path):
    plan = simple_plan(tmp_path, output=TINY, texts=TEXTS[:2])
    cache = tmp_path / "cache"
    first = render(plan, tmp_path, "first", cache)
    segments = sorted(cache.glob("*.h264"))
    assert len(segments) == first.segments_encoded >= 3
    damaged, missing = segments[0], segments[1]
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2: len(data) // 2 + 64] = bytes(64)  # damaged in the middle, same size
    damaged.write_bytes(bytes(data))
    missing.unlink()

    again = render(plan, tmp_path, "again", cache)
    assert again.segments_encoded == 2 and again.segments_reused == len(segments) - 2
    assert checksums(again.path) == checksums(first.path)
    record = records(cache)[damaged.stem]
    assert damaged.stat().st_size == record["bytes"] and missing.is_file()

    # A segment cut short is caught as well.
    with open(damaged, "r+b") as handle:
        handle.truncate(record["bytes"] // 2)
    third = render(plan, tmp_path, "third", cache)
    assert third.segments_encoded == 1
    assert checksums(third.path) == checksums(first.path)


def test_two_renders_of_the_same_video_run_one_after_the_other(tmp_path):
    plan = simple_plan(tmp_path, output=TINY, texts=TEXTS[:2])
    cache = tmp_path / "cache"
    events: list[tuple[str, float, float, str]] = []
    results = {}

    def run(name: str) -> None:
        results[name] = render(plan, tmp_path, name, cache, on_progress=lambda percent, stage: events.append(
            (name, time.monotonic(), percent, stage)))

    first = threading.Thread(target=run, args=("a",))
    first.start()
    while not any(name == "a" for name, *_ in events):
        time.sleep(0.01)
    second = threading.Thread(target=run, args=("b",))
    second.start()
    first.join(120)
    second.join(120)
    a_done = max(moment for name, moment, percent, _ in events if name == "a" and percent == 100)
    b_started = min(moment for name, moment, _, stage in events if name == "b" and stage == "Preparing the render")
    assert any(name == "b" and stage.startswith("Waiting for the other update") for name, _, _, stage in events)
    assert a_done < b_started
    # The second found every piece the first made.
    assert results["b"].segments_reused == results["a"].segments_encoded >= 3
    assert checksums(results["a"].path) == checksums(results["b"].path)


@pytest.mark.django_db
def test_narration_is_reused_by_content_when_an_edit_is_undone_or_the_script_is_new(media_root):
    from django.utils import timezone

    from tests.factories import make_script, make_video
    from videos.models import Job, Script, Video
    from videos.services.jobs import JobContext
    from videos.services.production import video_narrate

    def narrate_video(video: Video):
        job = Job.objects.create(kind=Job.Kind.NARRATE_RENDER, video=video, channel=video.channel,
                                 step_key=f"narrate:{Job.objects.count()}", state=Job.State.RUNNING)
        return video_narrate(video=Video.objects.get(pk=video.pk), ctx=JobContext(job=job))

    def stamp(scene) -> tuple[str, int]:
        return stored_stamp(scene.narration_file)

    video = make_video()
    script = make_script(video, scenes=["The first scene stays.", "The second scene is edited."],
                         approved_at=timezone.now())
    original = narrate_video(video)
    before = [stamp(s) for s in original]

    edited = original[1]
    edited.narration = "The second scene, now said differently."
    edited.save()
    Script.objects.filter(pk=script.pk).update(approved_at=timezone.now())
    changed = narrate_video(video)
    assert changed[1].narration_file != original[1].narration_file
    assert not media_exists(original[1].narration_file)  # the old file of that scene is gone

    edited.narration = "The second scene is edited."
    edited.save()
    Script.objects.filter(pk=script.pk).update(approved_at=timezone.now())
    undone = narrate_video(video)
    # The first synthesis's audio (same file, same time stamp), not a new synthesis.
    assert [stamp(s) for s in undone] == before
    assert [(s.narration_file, s.narration_seconds, s.word_timings) for s in undone] == [
        (s.narration_file, s.narration_seconds, s.word_timings) for s in original]

    # A new version of the script with the scenes in another order: nothing is synthesised again.
    make_script(video, scenes=["The second scene is edited.", "The first scene stays."], version=2,
                approved_at=timezone.now())
    video = Video.objects.get(pk=video.pk)
    reordered = narrate_video(video)
    assert [s.narration_seconds for s in reordered] == [original[1].narration_seconds, original[0].narration_seconds]
    assert [stamp(s)[0] for s in reordered] == [before[1][0], before[0][0]]


def _entry(folder: Path, name: str, size: int, used: float) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    media = folder / f"{name}.mp4"
    media.write_bytes(b"x" * size)
    (folder / f"{name}.json").write_text("{}")
    os.utime(media, (used, used))
    os.utime(folder / f"{name}.json", (used, used))
    return media


def test_a_video_cache_over_its_budget_drops_the_least_recently_used_pieces_first():
    from videos.render.cache import RenderCache

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        oldest, older, current = (_entry(folder, name, 1000, used) for name, used in
                                  (("a", 1000.0), ("b", 2000.0), ("c", 500.0)))
        leftover = folder / ".d.1234.tmp"  # a killed render's half-moved piece
        leftover.write_bytes(b"x")
        RenderCache(folder).trim(keep={"c"}, budget=2000)
        assert not oldest.exists() and not (folder / "a.json").exists()
        assert older.exists() and current.exists()  # the current render's pieces stay, however old
        assert not leftover.exists()


@pytest.mark.django_db
def test_the_daily_clean_up_deletes_published_deleted_stale_and_over_budget_caches(media_root, settings):
    from tests.factories import make_video
    from videos.models import Video
    from videos.services.render_cache import cache_folder, render_cache_usage, render_caches_clean

    now = 1_800_000_000.0
    day = 86400
    settings.RENDER_CACHE_MAX_AGE_DAYS = 14
    settings.RENDER_CACHE_TOTAL_BYTES = 2500
    recent, older_draft, published, stale = (make_video() for _ in range(4))
    Video.objects.filter(pk=published.pk).update(status=Video.Status.PUBLISHED)
    _entry(cache_folder(recent.pk) / "segments", "a", 1000, now - day)
    _entry(cache_folder(older_draft.pk) / "segments", "a", 1000, now - 3 * day)
    _entry(cache_folder(published.pk) / "segments", "a", 1000, now - day)
    _entry(cache_folder(stale.pk) / "segments", "a", 1000, now - 15 * day)
    _entry(cache_folder(999999) / "segments", "a", 1000, now - day)  # its video was deleted
    _entry(cache_folder(recent.pk) / "narration", "n", 1000, now - day)
    assert render_cache_usage().videos == 5

    report = render_caches_clean(now=now)
    # Published, stale and orphaned go; then the total (3000 > 2500) drops the least recently used.
    assert not cache_folder(published.pk).exists() and not cache_folder(stale.pk).exists()
    assert not cache_folder(999999).exists() and not cache_folder(older_draft.pk).exists()
    assert cache_folder(recent.pk).exists()
    assert report.deleted_videos == 4 and report.kept_bytes == render_cache_usage().bytes
    assert render_cache_usage().videos == 1


def test_the_health_report_shows_the_render_caches_space(settings, tmp_path):
    from faceless_site.health import check_render_cache

    settings.MEDIA_ROOT = str(tmp_path)
    from videos.services.render_cache import segments_folder

    _entry(segments_folder(7), "a", 3 * 1024**2, time.time())
    result = check_render_cache()
    assert result.name == "render cache" and result.status == "ok"
    assert result.found.startswith("3 MB for 1 video(s)")


RENDER_IN_A_WORKER = """
import os, pickle, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faceless_site.settings")
django.setup()
from videos.render import render_video
plan, work, out, cache = pickle.loads(open(sys.argv[1], "rb").read())
render_video(plan, work_dir=work, out_path=out, cache_dir=cache)
"""


def test_a_worker_killed_mid_update_leaves_the_previous_video_and_the_next_update_matches(tmp_path):
    import pickle
    import signal
    import sys

    plan = first_plan(tmp_path)
    cache = tmp_path / "cache"
    previous = render(plan, tmp_path, "previous", cache)
    before = checksums(previous.path)
    other = tmp_path / "other.png"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=400x300", "-frames:v", "1",
                    str(other)], check=True)
    # Every scene changes (another picture, no crossfade), so the update has many pieces to encode.
    swapped = dataclasses.replace(plan, crossfade=0.0, scenes=tuple(
        dataclasses.replace(scene, visual=Visual("image", other)) for scene in plan.scenes))
    job = tmp_path / "job.pickle"
    job.write_bytes(pickle.dumps((swapped, tmp_path / "work", tmp_path / "update.mp4", cache)))
    entries = len(list(cache.glob("*.json")))
    worker = subprocess.Popen([sys.executable, "-c", RENDER_IN_A_WORKER, str(job)], start_new_session=True,
                              cwd=Path(__file__).resolve().parents[2])
    deadline = time.monotonic() + 120
    while len(list(cache.glob("*.json"))) < entries + 2 and worker.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(worker.pid, signal.SIGKILL)  # the worker and its ffmpegs, with no chance to clean up
    worker.wait()
    assert worker.returncode == -signal.SIGKILL, "the update finished before it could be killed"
    assert not (tmp_path / "update.mp4").exists()
    assert checksums(previous.path) == before  # the previous video is untouched and plays

    update = render(swapped, tmp_path, "update", cache)
    full = render(swapped, tmp_path, "full")
    assert update.segments_reused >= 2  # what the killed worker finished was kept
    assert checksums(update.path) == checksums(full.path)
    for name, record in records(cache).items():  # every entry whole, none half-written
        (media,) = (path for path in cache.glob(f"{name}.*") if path.suffix != ".json")
        assert media.stat().st_size == record["bytes"]
    assert not list(cache.glob(".*.tmp"))


@pytest.mark.django_db
def test_publishing_a_video_deletes_its_render_cache(media_root):
    from tests.factories import make_channel
    from tests.publishing.conftest import make_approved_video
    from videos.models import Job, Video
    from videos.services.jobs import job_enqueue, job_run
    from videos.services.render_cache import cache_folder

    video = make_approved_video(make_channel(), media_root)
    kept = _entry(cache_folder(video.pk) / "segments", "a", 1000, time.time())
    other = make_approved_video(make_channel(slug="other"), media_root)
    _entry(cache_folder(other.pk) / "segments", "a", 1000, time.time())
    job = job_enqueue(kind=Job.Kind.PUBLISH, video=video)
    job_run(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED, job.error
    assert Video.objects.get(pk=video.pk).status == Video.Status.PUBLISHED
    assert not kept.exists() and not cache_folder(video.pk).exists()
    assert cache_folder(other.pk).exists()  # another video's cache stays


def test_a_narration_edit_mixes_and_encodes_again_only_the_soundtrack_chunks_it_falls_in(tmp_path, monkeypatch):
    import array

    from videos.render import audio

    monkeypatch.setattr(audio, "CHUNK_SCENES", 1)  # a chunk per scene, as a dozen scenes are in a long video
    texts = ["The first keeper lit the lamp at dusk.", "The second trimmed the wick at midnight.",
             "The third wound the clockwork before dawn.", "The fourth polished the lens all morning."]
    plan = simple_plan(tmp_path, output=TINY, texts=texts, crossfade=0.0)
    cache = tmp_path / "cache"
    first = render(plan, tmp_path, "first", cache)

    def made(result) -> tuple[int, int]:
        mixes = sum("pcm_f32le" in command for command in result.commands)
        encodes = sum("-f adts" in command for command in result.commands)
        return mixes, encodes

    assert made(first) == (4, 4)
    # The third scene's narration, half a decibel quieter: its chunk is made again, and those whose
    # windows reach into it (the second's last frames, the fourth's first two seconds), with the gain
    # the video had; the first is kept.
    quieter = tmp_path / "quieter.wav"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(plan.scenes[2].narration_path), "-af",
                    "volume=-0.5dB", str(quieter)], check=True)
    scenes = list(plan.scenes)
    scenes[2] = dataclasses.replace(scenes[2], narration_path=quieter)
    update = render(dataclasses.replace(plan, scenes=tuple(scenes)), tmp_path, "update", cache)
    assert made(update) == (3, 3)
    before, after = (array.array("h", ffmpeg_pcm(r.path)) for r in (first, update))
    assert len(before) == len(after)
    second_starts = round(plan.scenes[0].duration * 30) * 1600 * 2  # in stereo samples
    kept = second_starts - 4096 * 2  # the second chunk's own samples start within 512 of there
    assert before[:kept] == after[:kept]  # the kept chunk is the same samples
    third_starts = second_starts + round(plan.scenes[1].duration * 30) * 1600 * 2
    assert before[third_starts:] != after[third_starts:]
    integrated, peak = loudness(update.path)
    assert abs(integrated - -14) <= 0.5 and peak <= -1.0

    # A scene far louder than the rest moves the whole past the gain the video had: the gain is found
    # again and every chunk made with it.
    loud = tmp_path / "loud.wav"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                    f"aevalsrc=0.9*sin(2*PI*440*t):s=22050:d={plan.scenes[3].duration}", str(loud)], check=True)
    scenes[3] = dataclasses.replace(scenes[3], narration_path=loud)
    louder = render(dataclasses.replace(plan, scenes=tuple(scenes)), tmp_path, "louder", cache)
    assert made(louder)[1] == 2 + 4  # the last two chunks with the former gain, then all four again
    integrated, peak = loudness(louder.path)
    assert abs(integrated - -14) <= 0.5 and peak <= -1.0


def test_a_scene_swapped_to_the_picture_its_neighbour_shows_does_not_redo_the_neighbour(tmp_path):
    stills = [make_still(tmp_path / f"still-{n}.png") for n in range(3)]
    plan = simple_plan(tmp_path, output=TINY, texts=TEXTS, visuals=[Visual("image", s) for s in stills])
    cache = tmp_path / "cache"
    render(plan, tmp_path, "first", cache)

    def swapped(picture: Path) -> RenderPlan:
        scenes = list(plan.scenes)
        scenes[0] = dataclasses.replace(scenes[0], visual=Visual("image", picture))
        return dataclasses.replace(plan, scenes=tuple(scenes))

    # Scene 1 gets scene 2's picture, then a picture of its own again: each time, scene 1's pieces and
    # scene 2's crossfade from it; scene 2's other pieces read the same file, but did not change.
    same_as_next = render(swapped(stills[1]), tmp_path, "same", cache)
    other = make_still(tmp_path / "other.png")
    different = render(swapped(other), tmp_path, "other", cache)
    assert same_as_next.segments_encoded == different.segments_encoded
    first_scene_pieces = 2 if round(plan.scenes[0].duration * 30) >= 240 else 1
    assert different.segments_encoded == first_scene_pieces + 1
