"""The narration's captions uploaded with the video (captions.insert through the real client, against
the local YouTube server) and chapters in its description; neither can fail the upload."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from faceless_site.mediastore.files import media_write
from publishing.models import Publication
from publishing.services.chapters import chapters_text, timestamp, video_chapters
from publishing.youtube.quota import quota_usage
from tests.publishing.conftest import make_approved_video
from videos.models import Job, Render, Video
from videos.services.jobs import job_enqueue, job_run

SRT = ("1\n00:00:00,000 --> 00:00:02,400\nTwice a day the sea climbs the shore.\n\n"
       "2\n00:00:02,500 --> 00:00:04,000\nThen it slips away again.\n")


def timeline(*lengths: float, titles: list[str] | None = None) -> list[dict]:
    scenes, start = [], 0.0
    for index, length in enumerate(lengths):
        title = titles[index] if titles else f"Scene {index + 1}"
        scenes.append({"start": start, "end": start + length, "title": title})
        start += length
    return scenes


def test_chapters_follow_youtubes_rules():
    # Twelve five-second scenes: a chapter every ten seconds at least, the first at 0:00.
    chapters = video_chapters(timeline(*[5.0] * 12), 60.0)
    assert [second for second, _ in chapters] == [0, 10, 20, 30, 40, 50]
    assert all(b[0] - a[0] >= 10 for a, b in itertools.pairwise(chapters))
    # An intro card: the first scene starts at 2.5 s, its chapter still at 0:00.
    intro = [{"start": 2.5 + s["start"], "end": 2.5 + s["end"], "title": s["title"]} for s in timeline(*[8.0] * 5)]
    assert video_chapters(intro, 42.5)[0] == (0, "Scene 1")
    # Fewer than three chapters of ten seconds: none at all.
    assert video_chapters(timeline(5.0, 5.0, 5.0, 5.0, 5.0), 25.0) == []
    assert video_chapters([], 60.0) == []
    # Ten minutes: about eight chapters, none in the last ten seconds.
    long = video_chapters(timeline(*[15.0] * 40), 600.0)
    assert 3 <= len(long) <= 8 and 600 - long[-1][0] >= 10
    assert timestamp(3725) == "1:02:05" and timestamp(65) == "1:05"


def test_chapter_titles_are_one_clean_line():
    chapters = video_chapters(timeline(12, 12, 12, titles=["A <b>bold</b>\nstart", "灯台の光", "x" * 90]), 36.0)
    text = chapters_text(chapters)
    assert text.splitlines()[0] == "0:00 A ‹b›bold‹/b› start"
    assert text.splitlines()[1] == "0:12 灯台の光"
    assert len(text.splitlines()[2]) <= len("0:24 ") + 60


def _with_captions(video: Video, media_root: Path, *, lengths=(12.0, 12.0, 12.0, 12.0, 13.0)) -> Render:
    render = video.latest_render
    captions = Path(render.file).with_suffix(".srt").as_posix()
    media_write(captions, SRT.encode())
    Render.objects.filter(pk=render.pk).update(captions=captions, timeline=timeline(*lengths),
                                               duration_seconds=sum(lengths))
    return render


def _publish(video: Video) -> tuple[Job, Publication]:
    job = job_enqueue(kind=Job.Kind.PUBLISH, video=video)
    job_run(job.pk)
    job.refresh_from_db()
    return job, Publication.objects.get(video=video)


@pytest.mark.clock
@pytest.mark.django_db
def test_the_captions_go_up_with_the_video_and_the_chapters_into_its_description(youtube, yt_channel, media_root):
    video = make_approved_video(yt_channel, media_root)
    _with_captions(video, media_root)
    job, publication = _publish(video)
    assert job.state == Job.State.SUCCEEDED and job.warnings == []
    [video_id] = youtube.videos
    [track] = youtube.state.data["captions"].values()
    assert track["videoId"] == video_id and track["language"] == "en" and track["name"] == yt_channel.name
    assert track["body"].decode() == SRT and track["isDraft"] is False
    assert publication.captions_id in youtube.state.data["captions"]
    description = youtube.calls("POST", "/upload/youtube/v3/videos")[0].json()["snippet"]["description"]
    assert description.startswith("How Sputnik changed everything.\n\n0:00 Scene 1\n0:12 Scene 2\n0:24 Scene 3\n"
                                   "0:36 Scene 4\n0:48 Scene 5")
    # captions.insert costs 400 units, counted in the ledger with the rest.
    assert quota_usage()["units"]["used"] == 50 + 400 + 1 + 50


@pytest.mark.clock
@pytest.mark.django_db
@pytest.mark.parametrize(("fault", "says"), [(403, "HTTP 403"), (400, "HTTP 400"), ("drop", "could not be reached")])
def test_a_refused_caption_track_is_a_warning_on_the_job_never_a_failed_upload(youtube, yt_channel, media_root,
                                                                               fault, says):
    youtube.fail("captions", fault, times=50)  # httplib2 sends a dropped request twice per attempt
    video = make_approved_video(yt_channel, media_root)
    _with_captions(video, media_root)
    job, publication = _publish(video)
    assert job.state == Job.State.SUCCEEDED and publication.state == Publication.State.PUBLISHED
    assert len(youtube.videos) == 1 and youtube.state.data["captions"] == {}
    [warning] = job.warnings
    assert warning.startswith("Captions not uploaded:") and says in warning and "YouTube Studio" in warning
    assert publication.captions_id == ""


@pytest.mark.clock
@pytest.mark.django_db
def test_a_503_is_tried_again_and_a_track_already_there_is_taken_for_ours(youtube, yt_channel, media_root):
    youtube.fail("captions", 503, times=2)
    video = make_approved_video(yt_channel, media_root)
    _with_captions(video, media_root)
    _job, publication = _publish(video)
    assert len(youtube.state.data["captions"]) == 1 and publication.captions_id
    # A re-run whose first answer was lost: YouTube says 409 captionExists, and the track is looked up.
    Publication.objects.filter(pk=publication.pk).update(state=Publication.State.UPLOADING, captions_id="")
    job = job_enqueue(kind=Job.Kind.PUBLISH, video=video)
    job_run(job.pk)
    publication.refresh_from_db()
    assert publication.captions_id in youtube.state.data["captions"] and len(youtube.state.data["captions"]) == 1


@pytest.mark.clock
@pytest.mark.django_db
def test_without_captions_or_enough_scenes_nothing_extra_is_sent(youtube, yt_channel, media_root):
    video = make_approved_video(yt_channel, media_root)
    Render.objects.filter(pk=video.latest_render.pk).update(timeline=timeline(5.0, 5.0), duration_seconds=10.0)
    job, _publication = _publish(video)
    assert job.state == Job.State.SUCCEEDED
    assert youtube.calls("POST", "/upload/youtube/v3/captions") == []
    description = youtube.calls("POST", "/upload/youtube/v3/videos")[0].json()["snippet"]["description"]
    assert "0:00" not in description


@pytest.mark.django_db
def test_the_local_export_carries_the_captions_and_the_chapters(media_root, settings):
    import json

    from tests.factories import make_channel

    video = make_approved_video(make_channel(slug="tides"), media_root)
    _with_captions(video, media_root)
    job, _publication = _publish(video)
    assert job.state == Job.State.SUCCEEDED, job.error
    folder = Path(settings.EXPORT_ROOT) / "tides" / f"{video.pk}-the-first-satellite"
    assert (folder / "captions.srt").read_text(encoding="utf-8") == SRT
    metadata = json.loads((folder / "metadata.json").read_text())
    assert metadata["files"]["captions"] == "captions.srt"
    assert "\n0:00 Scene 1\n0:12 Scene 2\n" in (folder / "description.txt").read_text()
