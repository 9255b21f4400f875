"""“Update video” (issue 17): after a scene edit, one action renders the current script again without
a separate script approval, redoing only the changed scene; the new render can be approved. The
same service answers the studio, the API and the admin action; a viewer cannot start it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from channels.models import ChannelMembership
from tests.api.conftest import ApiClient
from tests.factories import make_script, make_user, make_video
from tests.mediafiles import stamp
from videos.models import Job, Render, Video
from videos.services.jobs import job_run

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
SCENES = ["Lighthouses guided ships for centuries.", "Keepers polished the lens every morning.",
          "The beam reached thirty kilometres."]


def _rendered(channel) -> tuple[Video, list]:
    """A video whose approved script was narrated and rendered by the real step."""
    channel.render_preset = "ultrafast"
    channel.save()
    video = make_video(channel=channel)
    script = make_script(video, scenes=SCENES, approved_at=timezone.now())
    job = Job.objects.create(kind=Job.Kind.NARRATE_RENDER, video=video, channel=channel, step_key="narrate_render")
    assert job_run(job.pk) == "succeeded", Job.objects.get(pk=job.pk).error
    return Video.objects.get(pk=video.pk), list(script.scenes.order_by("position"))


def _narration_state(scenes, media_root) -> list[tuple[str, int]]:
    out = []
    for scene in scenes:
        scene.refresh_from_db()
        out.append((scene.narration_file, stamp(scene.narration_file)[0]))
    return out


def _edit_scene_two(client, scenes) -> None:
    response = client.post(f"/scenes/{scenes[1].pk}/", {"narration": "Keepers polished the great lens at dawn.",
                                                         "visual_query": "lens"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "Update video" in body
    # The page's actions are sent along out of band: the button shows without a reload.
    actions = body.split('id="video-actions"')[1].split("</div>")[0]
    assert 'hx-swap-oob="true"' in actions and ">Update video</button>" in actions and "Approve" not in actions


def _the_update_job(video: Video, user) -> Job:
    job = Job.objects.get(video=video, state=Job.State.QUEUED)
    assert (job.kind, job.params, job.created_by) == (Job.Kind.NARRATE_RENDER, {"update": True, "script_version": 1},
                                                      user)
    return job


def _assert_updated(video: Video, scenes, before, media_root, user) -> Render:
    """The job rendered the current script, re-narrated only scene 2, and its render can be approved."""
    video.refresh_from_db()
    script = video.current_script
    assert script.approved_by == user and script.is_approved
    render = video.latest_render
    assert video.status == Video.Status.RENDERED
    assert render.script_version == script.version and Render.objects.filter(video=video).count() == 2
    after = _narration_state(scenes, media_root)
    assert after[0] == before[0] and after[2] == before[2]  # unchanged scenes: the same audio, not redone
    assert after[1][0] != before[1][0]
    from videos.services.video import render_outdated_reason, video_approve

    assert render_outdated_reason(video) == ""
    assert video_approve(video=video, user=user).status == Video.Status.APPROVED
    return render


@pytest.mark.slow
@pytest.mark.usefixtures("small_frames")
def test_update_video_from_the_studio_renders_the_edit_without_a_separate_approval(as_alice, alice, channel,
                                                                                    media_root):
    video, scenes = _rendered(channel)
    before = _narration_state(scenes, media_root)
    page = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert ">Update video</button>" not in page  # the render shows the script: nothing to update

    _edit_scene_two(as_alice, scenes)
    page = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert ">Update video</button>" in page and ">Approve</button>" not in page
    assert "Approve script" not in page  # updating approves it: no second step offered
    assert "The script changed after this render was made." in page

    body = as_alice.post(f"/videos/{video.pk}/update/", follow=True).content.decode()
    assert "Updating the video: only the changed scenes" in body
    assert ">Update video</button>" not in body  # while its job runs
    job = _the_update_job(video, alice)
    assert job_run(job.pk) == "succeeded", Job.objects.get(pk=job.pk).error

    _assert_updated(video, scenes, before, media_root, alice)
    page = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert ">Update video</button>" not in page


@pytest.mark.slow
@pytest.mark.usefixtures("small_frames")
def test_update_video_through_the_api(alice, channel, media_root, client):
    video, scenes = _rendered(channel)
    before = _narration_state(scenes, media_root)
    client.force_login(alice)
    _edit_scene_two(client, scenes)
    api = ApiClient(alice)

    response = api.post(f"/videos/{video.pk}/update")
    assert response.status_code == 202, response.content
    job = _the_update_job(video, alice)
    assert response.json()["id"] == job.pk
    again = api.post(f"/videos/{video.pk}/update")
    assert again.status_code == 409 and again.json()["job_id"] == job.pk
    assert job_run(job.pk) == "succeeded", Job.objects.get(pk=job.pk).error

    _assert_updated(video, scenes, before, media_root, alice)


@pytest.mark.slow
@pytest.mark.usefixtures("small_frames")
def test_update_video_as_an_admin_action(as_alice, alice, channel, media_root):
    video, scenes = _rendered(channel)
    before = _narration_state(scenes, media_root)
    _edit_scene_two(as_alice, scenes)
    alice.is_staff = alice.is_superuser = True
    alice.save()

    body = as_alice.post("/admin/videos/video/", {"action": "update_video", "_selected_action": [video.pk]},
                         follow=True).content.decode()
    job = _the_update_job(video, alice)
    assert f"updating (job #{job.pk})" in body
    assert job_run(job.pk) == "succeeded", Job.objects.get(pk=job.pk).error

    _assert_updated(video, scenes, before, media_root, alice)


def _edited(channel) -> Video:
    """A rendered video (a stand-in render) whose scene 2 was edited since: its script is unapproved."""
    video = make_video(channel=channel, status=Video.Status.RENDERED)
    script = make_script(video, approved_at=timezone.now())
    Render.objects.create(video=video, script_version=script.version, file="r.mp4", duration_seconds=3)
    from videos.services.video import scene_update

    scene_update(scene=script.scenes.get(position=1), narration="It beeped for three weeks.")
    return Video.objects.get(pk=video.pk)


def test_a_viewer_cannot_update_and_a_stranger_does_not_see_the_video(client, channel, bob):
    video = _edited(channel)
    viewer = make_user()
    ChannelMembership.objects.create(channel=channel, user=viewer, role=ChannelMembership.Role.VIEWER)
    client.force_login(viewer)
    page = client.get(f"/videos/{video.pk}/").content.decode()
    assert ">Update video</button>" not in page
    # The notes do not ask a viewer to press a button they do not have.
    assert "“Update video”" not in page and "An editor of this channel can update the video." in page
    assert "The script changed after the last render: an editor of this channel can update the video." in page
    assert client.post(f"/videos/{video.pk}/update/").status_code == 403
    assert ApiClient(viewer).post(f"/videos/{video.pk}/update").status_code == 403
    client.force_login(bob)
    assert client.post(f"/videos/{video.pk}/update/").status_code == 404
    assert ApiClient(bob).post(f"/videos/{video.pk}/update").status_code == 404
    assert not Job.objects.exists()
    assert not video.current_script.is_approved


def test_an_editor_may_update(client, channel):
    video = _edited(channel)
    editor = make_user()
    ChannelMembership.objects.create(channel=channel, user=editor, role=ChannelMembership.Role.EDITOR)
    response = ApiClient(editor).post(f"/videos/{video.pk}/update")
    assert response.status_code == 202
    script = Video.objects.get(pk=video.pk).current_script
    assert script.approved_by == editor


@pytest.mark.parametrize(("status", "says"), [(Video.Status.PUBLISHED, "is published"),
                                             (Video.Status.SCHEDULED, "unschedule it first")])
def test_a_published_or_scheduled_video_is_not_updated(as_alice, alice, channel, status, says):
    video = _edited(channel)
    Video.objects.filter(pk=video.pk).update(status=status)
    page = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert ">Update video</button>" not in page
    assert says in as_alice.post(f"/videos/{video.pk}/update/", follow=True).content.decode()
    response = ApiClient(alice).post(f"/videos/{video.pk}/update")
    assert response.status_code == 400 and says in response.json()["detail"]
    assert not Job.objects.exists() and not video.current_script.is_approved


def test_a_busy_render_leaves_the_script_unapproved(as_alice, channel):
    video = _edited(channel)
    running = Job.objects.create(kind=Job.Kind.NARRATE_RENDER, video=video, channel=channel,
                                 step_key="narrate_render", state=Job.State.RUNNING, heartbeat_at=timezone.now())
    body = as_alice.post(f"/videos/{video.pk}/update/", follow=True).content.decode()
    assert f"job #{running.pk}" in body and "already running" in body
    assert Job.objects.count() == 1 and not video.current_script.is_approved


def test_an_edit_made_after_update_was_pressed_is_not_rendered_unasked(as_alice, alice, channel):
    video = _edited(channel)
    assert as_alice.post(f"/videos/{video.pk}/update/").status_code == 302
    job = Job.objects.get()
    scene = video.current_script.scenes.get(position=0)
    as_alice.post(f"/scenes/{scene.pk}/", {"narration": "A later change nobody asked to render."})

    assert job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.error.startswith("The script was edited after “Update video” was pressed.")
    assert ">Update video</button>" in as_alice.get(f"/videos/{video.pk}/").content.decode()
