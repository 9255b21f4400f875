"""Draft preview (issue 17): the whole video fast at 480 lines, stamped DRAFT PREVIEW, for review before
the full render. It needs no approval, leaves the video's state and render as they were, and is never
approved, scheduled or published. Studio, API and admin come to the same service; viewers cannot."""

from __future__ import annotations

import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from channels.models import ChannelMembership
from faceless_site.mediastore.files import media_local, media_read, media_write
from tests.api.conftest import ApiClient
from tests.factories import make_script, make_user, make_video
from videos.models import Job, Render, Video
from videos.services.jobs import job_run

pytestmark = pytest.mark.django_db
SCENES = ["Lighthouses guided ships for centuries.", "Keepers polished the lens every morning."]


def _scripted(channel) -> Video:
    channel.render_preset = "ultrafast"
    channel.save()
    video = make_video(channel=channel, status=Video.Status.SCRIPTED)
    make_script(video, scenes=SCENES)  # written, not approved, never rendered
    return video


def _corner_luma(path, seconds: float, *, width: int, height: int) -> bytes:
    """The grey pixels of a frame's top-left corner, where the stamp goes."""
    return subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-ss", str(seconds), "-i", str(path), "-frames:v", "1",
                           "-vf", f"crop={width}:{height}:0:0,format=gray", "-f", "rawvideo", "-"],
                          capture_output=True, check=True).stdout


@pytest.mark.slow
def test_a_draft_preview_from_the_studio_is_small_stamped_and_changes_nothing_else(as_alice, alice, channel,
                                                                                   media_root):
    video = _scripted(channel)
    page = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert ">Draft preview</button>" in page and "No render yet" in page

    body = as_alice.post(f"/videos/{video.pk}/draft/", follow=True).content.decode()
    assert "Making a draft preview" in body and ">Draft preview</button>" not in body  # while it runs
    job = Job.objects.get(video=video)
    assert job.params == {"draft": True, "script_version": 1} and job.label == "Draft preview"
    assert job_run(job.pk) == "succeeded", Job.objects.get(pk=job.pk).error

    video = Video.objects.get(pk=video.pk)
    draft = Render.objects.get(video=video)
    assert draft.draft and (draft.width, draft.height) == (854, 480)
    assert video.latest_render is None and video.latest_draft == draft
    assert video.status == Video.Status.SCRIPTED and not video.current_script.is_approved
    path = media_local(draft.file)
    assert path.is_file() and draft.file.endswith("-draft.mp4")
    # The stamp: white letters on a dark box in the corner, in every frame.
    for seconds in (0.5, draft.duration_seconds - 0.8):
        corner = _corner_luma(path, seconds, width=200, height=40)
        assert max(corner) > 200 and sorted(corner)[len(corner) // 4] < 70, seconds

    page = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert "Draft preview</span>" in page and f"/renders/{draft.pk}/file" in page
    assert "never approved or published" in page and "No render yet" not in page
    # A poster, so the player shows the draft (stamp and all) before it plays, not a black box.
    assert f'poster="/videos/{video.pk}/renders/{draft.pk}/thumbnail/"' in page
    poster = media_local(draft.thumbnail)
    assert poster.suffix == ".jpg" and poster.stat().st_size > 1000
    corner = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(poster), "-vf",
                             "crop=200:40:0:0,format=gray", "-f", "rawvideo", "-"], capture_output=True,
                            check=True).stdout
    assert max(corner) > 200 and sorted(corner)[len(corner) // 4] < 70  # the stamp shows on the poster
    assert as_alice.get(f"/videos/{video.pk}/renders/{draft.pk}/thumbnail/").status_code == 200
    with pytest.raises(ValidationError, match="no finished render"):
        from videos.services.video import video_approve

        video_approve(video=video, user=alice)


@pytest.mark.slow
def test_a_draft_through_the_api_is_listed_as_a_draft(alice, channel, media_root):
    video = _scripted(channel)
    api = ApiClient(alice)
    response = api.post(f"/videos/{video.pk}/draft")
    assert response.status_code == 202, response.content
    assert response.json()["label"] == "Draft preview"
    again = api.post(f"/videos/{video.pk}/draft")
    assert again.status_code == 409
    assert job_run(response.json()["id"]) == "succeeded"

    (listed,) = api.get(f"/videos/{video.pk}/renders").json()
    assert listed["draft"] is True and (listed["width"], listed["height"]) == (854, 480)
    assert listed["file_url"].endswith(f"/renders/{listed['id']}/file/")


def test_a_draft_as_an_admin_action_and_the_viewer_and_stranger_refused(as_alice, alice, channel, bob):
    from django.test import Client

    video = _scripted(channel)
    viewer = make_user()
    ChannelMembership.objects.create(channel=channel, user=viewer, role=ChannelMembership.Role.VIEWER)
    client = Client()
    client.force_login(viewer)
    assert ">Draft preview</button>" not in client.get(f"/videos/{video.pk}/").content.decode()
    assert client.post(f"/videos/{video.pk}/draft/").status_code == 403
    assert ApiClient(viewer).post(f"/videos/{video.pk}/draft").status_code == 403
    assert ApiClient(bob).post(f"/videos/{video.pk}/draft").status_code == 404
    assert not Job.objects.exists()

    alice.is_staff = alice.is_superuser = True
    alice.save()
    body = as_alice.post("/admin/videos/video/", {"action": "draft_preview", "_selected_action": [video.pk]},
                         follow=True).content.decode()
    job = Job.objects.get()
    assert f"making a draft preview (job #{job.pk})" in body and job.params["draft"] is True


def test_a_published_video_gets_no_draft(alice, channel):
    video = _scripted(channel)
    Video.objects.filter(pk=video.pk).update(status=Video.Status.PUBLISHED)
    response = ApiClient(alice).post(f"/videos/{video.pk}/draft")
    assert response.status_code == 400 and "published" in response.json()["detail"]


def test_a_draft_is_shown_only_while_it_is_newer_than_the_full_render(channel):
    video = _scripted(channel)
    draft = Render.objects.create(video=video, script_version=1, file="d.mp4", duration_seconds=3, draft=True)
    video = Video.objects.get(pk=video.pk)
    assert video.latest_draft == draft and video.latest_render is None
    full = Render.objects.create(video=video, script_version=1, file="f.mp4", duration_seconds=3)
    Render.objects.filter(pk=full.pk).update(created_at=draft.created_at + timezone.timedelta(seconds=5))
    video = Video.objects.get(pk=video.pk)
    assert video.latest_render == full and video.latest_draft is None


def test_a_publication_pinned_to_a_draft_is_refused(channel):
    from publishing.models import Publication
    from publishing.services.publish import PublishError, publication_publish

    video = _scripted(channel)
    full = Render.objects.create(video=video, script_version=1, file="f.mp4", duration_seconds=3)
    draft = Render.objects.create(video=video, script_version=1, file="d.mp4", duration_seconds=3, draft=True)
    Video.objects.filter(pk=video.pk).update(status=Video.Status.APPROVED, approved_at=timezone.now())
    video.current_script.__class__.objects.filter(video=video).update(approved_at=timezone.now())
    Publication.objects.create(video=video, target="local", render=draft, upload_uri="pinned-session")
    video = Video.objects.get(pk=video.pk)
    assert video.latest_render == full
    with pytest.raises(PublishError, match="A draft preview is never published"):
        publication_publish(video=video, owner="test", progress=lambda *args: None, target="local")


def test_a_draft_made_before_an_edit_says_it_is_out_of_date(as_alice, alice, channel, time_machine):
    from videos.services.video import scene_update

    time_machine.move_to("2026-12-03 10:00:00+00:00", tick=False)
    video = _scripted(channel)
    draft = Render.objects.create(video=video, script_version=1, file="d.mp4", duration_seconds=3, draft=True)
    page = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert "Draft preview</span>" in page and "changed after this draft" not in page
    assert ApiClient(alice).get(f"/videos/{video.pk}/renders").json()[0]["current"] is True

    time_machine.move_to("2026-12-03 10:05:00+00:00", tick=False)
    scene_update(scene=video.current_script.scenes.get(position=1), narration="Keepers wound the clockwork.")
    page = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert "The script or footage changed after this draft was made; press “Draft preview”" in page
    assert ">Draft preview</button>" in page  # and it can be made again
    assert ApiClient(alice).get(f"/videos/{video.pk}/renders").json()[0]["current"] is False

    time_machine.move_to("2026-12-03 10:06:00+00:00", tick=False)
    Render.objects.create(video=video, script_version=1, file="d2.mp4", duration_seconds=3, draft=True)
    assert "changed after this draft" not in as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert draft.pk in {r["id"] for r in ApiClient(alice).get(f"/videos/{video.pk}/renders").json()}


def test_a_draft_of_a_script_with_an_empty_scene_asks_for_its_words_not_an_approval(channel):
    from videos.services.production import StepFailed, _scenes

    video = _scripted(channel)
    script = video.current_script
    script.scenes.filter(position=1).update(narration="  ")
    with pytest.raises(StepFailed) as draft:
        _scenes(script, draft=True)
    assert str(draft.value) == ("Scene 2 has no narration text. Write the narration (or delete the scene), then make "
                                "the draft preview again.")
    with pytest.raises(StepFailed, match="approve the script again"):
        _scenes(script)


def test_an_api_client_downloads_a_render_with_its_token(alice, channel, bob, media_root):
    video = _scripted(channel)
    media_write("videos/r.mp4", b"\x00\x00\x00\x18ftypmp42" + b"x" * 1000)
    render = Render.objects.create(video=video, script_version=1, file="videos/r.mp4", duration_seconds=3)
    api = ApiClient(alice)
    (listed,) = api.get(f"/videos/{video.pk}/renders").json()
    assert listed["download_url"] == f"/api/videos/{video.pk}/renders/{render.pk}/file"
    whole = api.get(f"/videos/{video.pk}/renders/{render.pk}/file")
    assert whole.status_code == 200 and whole["Content-Type"] == "video/mp4"
    assert b"".join(whole.streaming_content) == media_read("videos/r.mp4")
    part = api.client.get(f"/api/videos/{video.pk}/renders/{render.pk}/file", HTTP_RANGE="bytes=4-11")
    assert part.status_code == 206 and b"".join(part.streaming_content) == b"ftypmp42"
    assert api.get(f"/videos/{video.pk}/renders/{render.pk}/thumbnail").status_code == 404  # none made
    assert api.get(f"/videos/{video.pk}/renders/{render.pk + 1}/file").status_code == 404
    assert ApiClient(bob).get(f"/videos/{video.pk}/renders/{render.pk}/file").status_code == 404  # not his channel
