"""The thumbnail a person chose among the render's variants is the one YouTube gets (through the real
client against the local YouTube server) and the one the export copies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from faceless_site.mediastore.files import media_write
from publishing.models import Publication
from tests.publishing.conftest import make_approved_video
from videos.models import Job, Video
from videos.services.jobs import job_enqueue, job_run
from videos.services.thumbnails import thumbnail_variants, video_thumbnail_choose

pytestmark = pytest.mark.django_db


def with_variants(video: Video, media_root: Path) -> dict[str, bytes]:
    """Three variant files of distinct bytes on the video's render; the first is its thumbnail."""
    render = video.latest_render
    contents, variants = {}, []
    for layout in ("frame", "panel", "poster"):
        relative = f"renders/{video.pk}/video.thumb-{layout}.jpg"
        contents[layout] = b"\xff\xd8\xff\xe0" + layout.encode() + os.urandom(3000)
        media_write(relative, contents[layout])
        variants.append({"layout": layout, "label": layout.title(), "words": "FIRST SATELLITE", "bytes": 3009,
                         "type_px_at_168": 15.0, "contrast_at_168": 9.0, "file": relative})
    render.thumbnails, render.thumbnail = variants, variants[0]["file"]
    render.save(update_fields=["thumbnails", "thumbnail"])
    return contents


def publish(video: Video) -> tuple[Job, Publication]:
    job = job_enqueue(kind=Job.Kind.PUBLISH, video=video)
    job_run(job.pk)
    job.refresh_from_db()
    return job, Publication.objects.get(video=video)


@pytest.mark.clock
def test_the_chosen_variant_is_what_youtube_receives(youtube, yt_channel, media_root):
    video = make_approved_video(yt_channel, media_root)
    contents = with_variants(video, media_root)
    video_thumbnail_choose(video=Video.objects.get(pk=video.pk), layout="poster", user=yt_channel.owner)

    job, publication = publish(Video.objects.get(pk=video.pk))

    assert job.state == Job.State.SUCCEEDED, job.error
    [video_id] = youtube.videos
    [call] = youtube.calls("POST", "/upload/youtube/v3/thumbnails/set")
    assert call.query["videoId"] == [video_id]
    assert youtube.state.data["thumbnails"][video_id] == contents["poster"] != contents["frame"]
    assert publication.thumbnail_set_at is not None


def test_the_chosen_variant_is_exported_and_kept_by_the_video(media_root, settings):
    from tests.factories import make_channel

    video = make_approved_video(make_channel(slug="space-history"), media_root)
    contents = with_variants(video, media_root)
    render = video_thumbnail_choose(video=Video.objects.get(pk=video.pk), layout="panel", user=None)
    assert [v["layout"] for v in thumbnail_variants(render) if v["chosen"]] == ["panel"]
    assert Video.objects.get(pk=video.pk).thumbnail_layout == "panel"

    job, _ = publish(Video.objects.get(pk=video.pk))

    assert job.state == Job.State.SUCCEEDED, job.error
    folder = Path(settings.EXPORT_ROOT) / "space-history" / f"{video.pk}-the-first-satellite"
    assert (folder / "thumbnail.jpg").read_bytes() == contents["panel"]


def test_an_unknown_variant_or_a_video_without_a_render_is_refused_with_what_to_do(media_root):
    from django.core.exceptions import ValidationError

    from tests.factories import make_channel, make_video

    video = make_approved_video(make_channel(), media_root)
    with_variants(video, media_root)
    with pytest.raises(ValidationError, match="choose one of: frame, panel, poster"):
        video_thumbnail_choose(video=Video.objects.get(pk=video.pk), layout="collage")
    assert Video.objects.get(pk=video.pk).latest_render.thumbnail.endswith("thumb-frame.jpg")  # unchanged
    with pytest.raises(ValidationError, match="render it first"):
        video_thumbnail_choose(video=make_video(channel=video.channel), layout="frame")
