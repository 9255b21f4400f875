"""The local export target: a complete folder per video, written atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faceless_site.mediastore.files import media_delete, media_exists, media_read
from publishing.models import Publication
from tests.factories import make_channel
from tests.publishing.conftest import make_approved_video
from videos.models import Job, Video
from videos.services.jobs import job_enqueue, job_run

pytestmark = pytest.mark.django_db


def publish(video):
    job = job_enqueue(kind=Job.Kind.PUBLISH, video=video)
    job_run(job.pk)
    job.refresh_from_db()
    return job


def test_export_writes_video_thumbnail_metadata_and_description(media_root, settings):
    channel = make_channel(slug="space-history", category_id="27", language="de", made_for_kids=True,
                           synthetic_media=True, default_privacy="unlisted")
    video = make_approved_video(channel, media_root)
    job = publish(video)

    assert job.state == Job.State.SUCCEEDED, job.error
    folder = Path(settings.EXPORT_ROOT) / "space-history" / f"{video.pk}-the-first-satellite"
    render = video.latest_render
    assert (folder / "video.mp4").read_bytes() == media_read(render.file)
    assert (folder / "thumbnail.jpg").read_bytes() == media_read(render.thumbnail)
    metadata = json.loads((folder / "metadata.json").read_text())
    assert metadata["faceless_video_id"] == video.pk
    assert metadata["youtube"]["snippet"]["title"] == "The first satellite"
    assert metadata["youtube"]["snippet"]["categoryId"] == "27"
    assert metadata["youtube"]["snippet"]["defaultLanguage"] == "en"  # the script's language wins
    assert metadata["youtube"]["status"] == {"privacyStatus": "unlisted", "selfDeclaredMadeForKids": True,
                                             "containsSyntheticMedia": True}
    assert metadata["files"] == {"video": "video.mp4", "thumbnail": "thumbnail.jpg",
                                 "metadata": "metadata.json", "description": "description.txt"}
    assert (folder / "description.txt").read_text() == "The first satellite\n\nHow Sputnik changed everything.\n"
    publication = Publication.objects.get(video=video)
    assert publication.external_url == f"/publications/{publication.pk}/files/video.mp4"
    assert str(settings.EXPORT_ROOT) not in publication.message + publication.external_url
    assert Video.objects.get(pk=video.pk).status == Video.Status.PUBLISHED


def test_the_studio_links_the_exported_video_through_the_media_view_and_shows_no_server_path(
        client, media_root, settings):
    from tests.factories import make_user

    channel = make_channel(slug="space-history")
    video = make_approved_video(channel, media_root)
    publish(video)
    client.force_login(channel.owner)

    studio = client.get(f"/videos/{video.pk}/").content.decode()

    publication = Publication.objects.get(video=video)
    link = f'<a href="/publications/{publication.pk}/files/video.mp4">open the exported video</a>'
    assert link in studio
    assert str(settings.EXPORT_ROOT) not in studio and str(media_root) not in studio
    opened = client.get(f"/publications/{publication.pk}/files/video.mp4", HTTP_RANGE="bytes=0-99")
    assert opened.status_code == 206
    assert b"".join(opened.streaming_content) == media_read(video.latest_render.file)[:100]
    assert client.get(f"/publications/{publication.pk}/files/description.txt").status_code == 200
    assert client.get(f"/publications/{publication.pk}/files/..%2F..%2Fsecret").status_code == 404

    client.force_login(make_user())  # someone who cannot see the video
    assert client.get(f"/publications/{publication.pk}/files/video.mp4").status_code == 404


def test_an_export_made_before_shows_no_server_path_in_the_studio(client, media_root, settings):
    channel = make_channel(slug="space-history")
    video = make_approved_video(channel, media_root)
    publish(video)
    folder = Path(settings.EXPORT_ROOT) / "space-history" / f"{video.pk}-the-first-satellite"
    Publication.objects.filter(video=video).update(message=f"Exported to {folder}", external_url=str(folder))
    client.force_login(channel.owner)
    studio = client.get(f"/videos/{video.pk}/").content.decode()
    assert str(settings.EXPORT_ROOT) not in studio
    assert "open the exported video" in studio


def test_a_second_export_replaces_the_first_and_leaves_no_temporary_folders(media_root, settings):
    channel = make_channel(slug="space-history")
    video = make_approved_video(channel, media_root)
    publish(video)
    folder = Path(settings.EXPORT_ROOT) / "space-history" / f"{video.pk}-the-first-satellite"
    (folder / "stale.txt").write_text("from an earlier export")
    Publication.objects.filter(video=video).update(state=Publication.State.PENDING)
    assert publish(video).state == Job.State.SUCCEEDED
    assert not (folder / "stale.txt").exists()
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]


def test_a_missing_render_file_fails_with_what_to_do_and_writes_nothing(media_root, settings):
    channel = make_channel(slug="space-history")
    video = make_approved_video(channel, media_root)
    media_delete(video.latest_render.file)
    job = publish(video)

    assert job.state == Job.State.FAILED
    assert "render the video again" in job.error
    assert str(media_root) not in job.error  # the creator reads this: no server paths
    assert Publication.objects.get(video=video).state == Publication.State.FAILED
    assert not (Path(settings.EXPORT_ROOT) / "space-history").exists() or not any(
        (Path(settings.EXPORT_ROOT) / "space-history").iterdir())
    # The render row and the thumbnail are untouched.
    assert media_exists(video.latest_render.thumbnail)


def test_an_export_folder_that_cannot_be_written_says_so_without_server_paths(media_root, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the export folder should be")
    settings.EXPORT_ROOT = blocker / "export"
    video = make_approved_video(make_channel(slug="space-history"), media_root)
    job = publish(video)
    assert job.state == Job.State.FAILED
    assert job.error.startswith("Could not write the export: ") and "EXPORT_ROOT" in job.error
    assert str(tmp_path) not in job.error
