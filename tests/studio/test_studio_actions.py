"""What the studio's buttons do: edit a scene (htmx partial), start jobs, poll progress, retry,
approve, stream media with Range, and manage API tokens."""

from __future__ import annotations

import pytest
from django.utils import timezone

from faceless_site.mediastore.files import media_write
from faceless_site.models import ApiToken
from tests.factories import make_script, make_video
from tests.studio.conftest import add_member
from videos.models import Job, Render, Video

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_saving_a_scene_over_htmx_returns_only_that_scene(as_alice, channel):
    scene = make_script(make_video(channel=channel)).scenes.first()
    response = as_alice.post(f"/scenes/{scene.pk}/", {"narration": "New words here.", "visual_query": "sea",
                                                       "on_screen_text": "1957"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<article class="scene" id="scene-')
    assert "<html" not in body and "Saved." in body and "New words here." in body
    scene.refresh_from_db()
    assert (scene.narration, scene.visual_query, scene.on_screen_text) == ("New words here.", "sea", "1957")


def test_an_empty_narration_is_refused_and_the_scene_is_kept(as_alice, channel):
    scene = make_script(make_video(channel=channel), scenes=["Keep me."]).scenes.first()
    body = as_alice.post(f"/scenes/{scene.pk}/", {"narration": "   "}, **HTMX).content.decode()
    assert "Not saved." in body and 'role="alert"' in body
    scene.refresh_from_db()
    assert scene.narration == "Keep me."


def test_saving_without_htmx_redirects_back_to_the_scene(as_alice, channel):
    video = make_video(channel=channel)
    scene = make_script(video).scenes.first()
    response = as_alice.post(f"/scenes/{scene.pk}/", {"narration": "Plain form post."})
    assert response.status_code == 302 and response["Location"] == f"/videos/{video.pk}/#scene-{scene.pk}"


def test_rewrite_starts_a_job_for_that_scene(as_alice, channel):
    video = make_video(channel=channel)
    scene = make_script(video).scenes.first()
    body = as_alice.post(f"/scenes/{scene.pk}/rewrite/", {"instruction": "shorter"}, **HTMX).content.decode()
    job = Job.objects.get()
    assert f'id="job-{job.pk}"' in body and 'hx-trigger="every 2s"' in body
    assert (job.kind, job.params) == ("rewrite_scene", {"scene_id": scene.pk, "instruction": "shorter"})
    body = as_alice.post(f"/scenes/{scene.pk}/rewrite/", {"instruction": "again"}, **HTMX).content.decode()
    assert "already being rewritten" in body and Job.objects.count() == 1


def test_find_footage_keeps_picks_and_a_second_button_replaces_them(as_alice, channel):
    video = make_video(channel=channel)
    make_script(video=video, scenes=["One."])
    page = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert "Find footage, replacing my picks" in page and 'name="replace_chosen"' in page
    as_alice.post(f"/videos/{video.pk}/run/match_footage/")
    assert Job.objects.get(kind="match_footage").params == {}
    Job.objects.update(state="succeeded")
    as_alice.post(f"/videos/{video.pk}/run/match_footage/", {"replace_chosen": "1"})
    assert Job.objects.filter(kind="match_footage").latest("pk").params == {"replace_chosen": True}


def test_run_starts_a_step_once_and_says_so_when_it_already_runs(as_alice, channel):
    video = make_video(channel=channel)
    assert as_alice.post(f"/videos/{video.pk}/run/pipeline/").status_code == 302
    body = as_alice.post(f"/videos/{video.pk}/run/pipeline/", follow=True).content.decode()
    assert Job.objects.filter(kind="pipeline").count() == 1
    assert "already queued" in body
    assert as_alice.post(f"/videos/{video.pk}/run/publish/").status_code == 404


def test_creating_a_video_from_a_source_text_starts_the_pipeline(as_alice, channel):
    response = as_alice.post(f"/channels/{channel.slug}/videos/new/",
                             {"source_text": "Lighthouses warn ships.\nThey are striped.", "run_pipeline": "on"})
    video = Video.objects.get()
    assert response["Location"] == f"/videos/{video.pk}/"
    assert video.topic == "Lighthouses warn ships." and video.created_by.username == "alice"
    assert Job.objects.get().kind == "pipeline"


def test_an_empty_video_form_says_what_to_give_and_creates_nothing(as_alice, channel):
    response = as_alice.post(f"/channels/{channel.slug}/videos/new/", {"topic": "", "source_text": ""})
    assert response.status_code == 400
    assert "topic or paste a source text" in response.content.decode()
    assert not Video.objects.exists()


def test_job_progress_polls_while_active_and_stops_with_an_event_when_done(as_alice, channel):
    job = Job.objects.create(kind="pipeline", video=make_video(channel=channel), channel=channel,
                             step_key="pipeline", state="running", percent=30, stage="Writing")
    body = as_alice.get(f"/jobs/{job.pk}/", **HTMX).content.decode()
    assert 'hx-trigger="every 2s"' in body and 'value="30"' in body and "Writing" in body
    Job.objects.filter(pk=job.pk).update(state="succeeded", percent=100, stage="Done")
    response = as_alice.get(f"/jobs/{job.pk}/", **HTMX)
    assert "hx-trigger" not in response.content.decode()
    assert "jobDone" in response["HX-Trigger"]


def test_a_failed_job_shows_its_error_and_can_be_retried(as_alice, channel):
    video = make_video(channel=channel)
    job = Job.objects.create(kind="write_script", video=video, channel=channel, step_key="write_script",
                             state="failed", error="The writer timed out. Check OLLAMA_HOST.")
    body = as_alice.get("/jobs/?state=failed").content.decode()
    assert "The writer timed out." in body and ">Retry<" in body
    assert "OLLAMA_HOST" not in body and "The person who runs this studio can fix this" in body  # a creator
    response = as_alice.post(f"/jobs/{job.pk}/retry/", {"back": "https://evil.example/"})
    assert response["Location"] == "/jobs/"
    retry = Job.objects.exclude(pk=job.pk).get()
    assert (retry.kind, retry.state, retry.retry_of_id) == ("write_script", "queued", job.pk)


def test_approve_needs_a_render_and_says_so(as_alice, channel, media_root):
    video = make_video(channel=channel, status=Video.Status.SCRIPTED)
    body = as_alice.post(f"/videos/{video.pk}/approve/", follow=True).content.decode()
    assert "no finished render" in body
    Render.objects.create(video=video, file="r.mp4", duration_seconds=3)
    Video.objects.filter(pk=video.pk).update(status=Video.Status.RENDERED)
    as_alice.post(f"/videos/{video.pk}/approve/")
    assert Video.objects.get(pk=video.pk).status == Video.Status.APPROVED


def test_media_streams_with_range_to_viewers_only(client, channel, bob, media_root):
    video = make_video(channel=channel)
    media_write("r.mp4", bytes(range(256)) * 4)
    render = Render.objects.create(video=video, file="r.mp4", duration_seconds=3)
    url = f"/videos/{video.pk}/renders/{render.pk}/file/"
    client.force_login(bob)
    assert client.get(url).status_code == 404
    add_member(channel, bob, "viewer")
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert b"".join(whole.streaming_content) == bytes(range(256)) * 4
    part = client.get(url, HTTP_RANGE="bytes=10-19")
    assert part.status_code == 206 and part["Content-Range"] == "bytes 10-19/1024"
    assert b"".join(part.streaming_content) == bytes(range(10, 20))
    tail = client.get(url, HTTP_RANGE="bytes=-4")
    assert b"".join(tail.streaming_content) == bytes(range(252, 256))
    assert client.get(url, HTTP_RANGE="bytes=5000-").status_code == 416
    assert "private" in whole["Cache-Control"]


def test_media_paths_cannot_escape_media_root(as_alice, channel, media_root):
    video = make_video(channel=channel)
    render = Render.objects.create(video=video, file="../../etc/passwd", duration_seconds=3)
    assert as_alice.get(f"/videos/{video.pk}/renders/{render.pk}/file/").status_code == 404


def test_api_tokens_are_shown_once_stored_hashed_and_revocable(as_alice, alice):
    body = as_alice.post("/account/tokens/", {"name": "backup script"}).content.decode()
    token = ApiToken.objects.get(user=alice)
    raw = body.split('id="new-token" class="mono" readonly value="')[1].split('"')[0]
    assert raw.startswith("fls_") and raw not in token.key_hash and token.prefix == raw[:12]
    assert raw not in as_alice.get("/account/tokens/").content.decode()
    assert as_alice.get("/api/channels", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    as_alice.post(f"/account/tokens/{token.pk}/revoke/")
    from django.test import Client

    assert Client().get("/api/channels", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_a_token_needs_a_name(as_alice):
    response = as_alice.post("/account/tokens/", {"name": " "})
    assert response.status_code == 400 and "Name the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_subtitle_preview_follows_the_chosen_style(as_alice, channel):
    body = as_alice.get(f"/channels/{channel.slug}/settings/subtitle-preview/",
                        {"aspect_ratio": "9:16", "subtitle_style": "bold"}, **HTMX).content.decode()
    assert 'class="frame r9x16"' in body and 'class="cap bold"' in body
    body = as_alice.get(f"/channels/{channel.slug}/settings/subtitle-preview/",
                        {"aspect_ratio": "<x>", "subtitle_style": "evil"}, **HTMX).content.decode()
    assert 'class="frame r16x9"' in body and 'class="cap classic"' in body


def test_a_viewer_cannot_change_channel_settings(client, channel, bob):
    add_member(channel, bob, "editor")
    client.force_login(bob)
    body = client.get(f"/channels/{channel.slug}/settings/").content.decode()
    assert "only the channel's owner can change them" in body and "<fieldset class=\"card\" disabled" in body
    client.post(f"/channels/{channel.slug}/settings/", {"name": "Hijacked"})
    channel.refresh_from_db()
    assert channel.name == "Lighthouses"


def test_voice_preview_plays_the_unsaved_voice_choice(as_alice, channel, bob, media_root):
    body = as_alice.post(f"/channels/{channel.slug}/settings/voice-preview/",
                        {"voice_engine": "espeak", "voice_rate": "200"}, **HTMX).content.decode()
    assert "<audio controls" in body and "voice_rate=200" in body
    src = body.split('src="')[1].split('"')[0].replace("&amp;", "&")
    response = as_alice.get(src)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    channel.refresh_from_db()
    assert channel.voice_rate == 165  # nothing saved
    from django.test import Client

    stranger = Client()
    stranger.force_login(bob)
    assert stranger.get(src).status_code == 404


def test_restore_an_earlier_script_and_approve_it(as_alice, channel):
    video = make_video(channel=channel)
    first = make_script(video, scenes=["Old words."], title="First take")
    make_script(video, scenes=["New words."], title="Second take")
    body = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert "Earlier versions (1)" in body and "Restore v1" in body
    as_alice.post(f"/scripts/{first.pk}/restore/")
    current = video.scripts.order_by("-version").first()
    assert (current.version, current.title, current.restored_from) == (3, "First take", 1)
    assert [s.narration for s in current.scenes.all()] == ["Old words."]
    as_alice.post(f"/scripts/{current.pk}/approve/")
    current.refresh_from_db()
    assert current.is_approved


def test_a_stranger_cannot_restore_a_script(as_bob, channel):
    script = make_script(make_video(channel=channel))
    assert as_bob.post(f"/scripts/{script.pk}/restore/").status_code == 404


def test_swapping_to_another_channels_library_item_reads_as_a_missing_one(as_alice, channel, bobs_channel):
    from assets.models import Asset

    scene = make_script(make_video(channel=channel)).scenes.first()
    theirs = Asset.objects.create(kind="image", file="b.png", sha256="b" * 64, title="Bob's", channel=bobs_channel)

    other = as_alice.post(f"/scenes/{scene.pk}/swap/", {"asset_id": theirs.pk}, **HTMX).content.decode()
    absent = as_alice.post(f"/scenes/{scene.pk}/swap/", {"asset_id": theirs.pk + 1000}, **HTMX).content.decode()

    for body in (other, absent):
        assert "Pick one of the listed candidates or a library item." in body
        assert "another channel" not in body
    scene.refresh_from_db()
    assert scene.asset_id is None


def _rendered(channel, **video_fields):
    video = make_video(channel=channel, status=Video.Status.RENDERED, **video_fields)
    script = make_script(video, approved_at=timezone.now())
    Render.objects.create(video=video, script_version=script.version, file="r.mp4", duration_seconds=3)
    return video, script


def test_approve_refuses_a_render_made_before_a_scene_edit_and_says_to_render_again(as_alice, channel):
    video, script = _rendered(channel)
    scene = script.scenes.first()
    as_alice.post(f"/scenes/{scene.pk}/", {"narration": "Sputnik went up in October 1957.", "visual_query": "x"})

    body = as_alice.post(f"/videos/{video.pk}/approve/", follow=True).content.decode()

    assert "The script changed after this render was made. Render again" in body
    video.refresh_from_db()
    assert (video.status, video.approved_at) == (Video.Status.SCRIPTED, None)
    assert ">Approve</button>" not in body


def test_approve_refuses_a_render_of_an_earlier_script_version_in_studio_admin_and_api(as_alice, channel, alice):
    video, _old = _rendered(channel)
    make_script(video, approved_at=timezone.now())  # v2, written (or restored) after the render

    body = as_alice.post(f"/videos/{video.pk}/approve/", follow=True).content.decode()
    assert "This render was made from script v1, but the current script is v2. Render again" in body

    alice.is_staff = alice.is_superuser = True
    alice.save()
    admin = as_alice.post("/admin/videos/video/", {"action": "approve", "_selected_action": [video.pk]},
                          follow=True).content.decode()
    assert "This render was made from script v1" in admin

    response = as_alice.post(f"/api/videos/{video.pk}/approve")
    assert response.status_code == 400 and "made from script v1" in response.json()["detail"]
    assert Video.objects.get(pk=video.pk).status == Video.Status.RENDERED


def test_an_approved_video_shows_no_approve_button(as_alice, channel):
    video, _script = _rendered(channel)
    assert ">Approve</button>" in as_alice.get(f"/videos/{video.pk}/").content.decode()
    Video.objects.filter(pk=video.pk).update(status=Video.Status.APPROVED, approved_at=timezone.now())
    body = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert ">Approve</button>" not in body and "Publish now" in body


def test_the_script_summary_follows_an_edit_of_scene_one(as_alice, channel):
    video = make_video(channel=channel)
    script = make_script(video, scenes=["Sputnik launched in 1957. It was small.", "It beeped."],
                         hook="Sputnik launched in 1957.",
                         description="Sputnik launched in 1957. How it changed everything.")
    scene = script.scenes.get(position=0)

    as_alice.post(f"/scenes/{scene.pk}/", {"narration": "A beach ball changed the world. It was 1957."})

    script.refresh_from_db()
    assert script.hook == "A beach ball changed the world."
    assert script.description == "A beach ball changed the world. How it changed everything."
    body = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert "Sputnik launched in 1957." not in body.split('id="script-title"')[1].split("<article")[0]


def _waiting_publish_job(channel, steps_until):
    from videos.services.jobs import JobContext, _finish_waiting

    video = make_video(channel=channel, status=Video.Status.APPROVED)
    job = Job.objects.create(kind="publish", video=video, channel=channel, step_key="publish", state="running")
    ctx = JobContext(job=job)
    _finish_waiting(ctx, "The YouTube quota is used up; it resets at midnight Pacific.", steps_until)
    job.refresh_from_db()
    return video, job


def test_the_jobs_page_keeps_warnings_out_of_the_error_column_and_failed_jobs_do_not_say_waiting(as_alice, channel):
    video = make_video(channel=channel)
    Job.objects.create(kind="match_footage", video=video, channel=channel, step_key="match_footage",
                       state="succeeded", percent=100, stage="Done", warnings=["Pexels budget spent; trying Pixabay."])
    from videos.services.jobs import job_enqueue, job_run

    failing = job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=video)  # no script: fails before any progress
    job_run(failing.pk)

    body = as_alice.get("/jobs/").content.decode()
    rows = body.split("<tbody>")[1].split("<tr>")[1:]
    for row in rows:
        cells = row.split("<td")
        error_cell = cells[3]
        assert "Pexels budget spent" not in error_cell
    footage_row = next(r for r in rows if "Find footage" in r)
    assert "Warning: Pexels budget spent; trying Pixabay." in footage_row.split("<td")[2]
    render_row = next(r for r in rows if "Narrate and render" in r)
    assert "Waiting for a worker" not in render_row
    assert "This video has no script yet" in render_row.split("<td")[3]
    studio = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert "Waiting for a worker" not in studio


def test_a_publish_that_waits_reads_as_waiting_with_why_and_when_in_studio_jobs_and_admin(as_alice, channel, alice):
    until = timezone.now() + timezone.timedelta(hours=5)
    video, job = _waiting_publish_job(channel, until)
    when = timezone.localtime(until).strftime("%a %d %b %H:%M")

    studio = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert '<span class="badge waiting">Waiting</span>' in studio
    assert f"Waiting until {when}" in studio and "The YouTube quota is used up" in studio
    assert "Done" not in studio.split('id="jobs-title"')[1].split("</section>")[0]
    jobs_page = as_alice.get("/jobs/?state=waiting").content.decode()
    assert f"#{job.pk} Publish" in jobs_page and f"Waiting until {when}" in jobs_page

    alice.is_staff = alice.is_superuser = True
    alice.save()
    admin = as_alice.get("/admin/videos/job/").content.decode()
    row = admin.split("<tbody>")[1].split("</tbody>")[0]
    assert "Waiting" in row and "The YouTube quota is used up" in row and "Succeeded" not in row
    detail = as_alice.get(f"/admin/videos/job/{job.pk}/change/").content.decode()
    assert f"Waiting until {when}" in detail


def test_after_creating_a_channel_the_message_says_where_the_next_steps_really_are(as_alice):
    response = as_alice.post("/channels/new/", {"name": "Deep sea", "slug": "", "niche": "ocean life",
                                                "audience": "curious adults", "language": "en",
                                                "aspect_ratio": "16:9"}, follow=True)
    body = response.content.decode()
    assert response.redirect_chain == [("/channels/deep-sea/settings/", 302)]
    assert "Add your first video below" not in body
    assert "Check its voice, footage sources and publishing slots below and save" in body
    assert "Save settings" in body.split("Check its voice")[1]
    dashboard = as_alice.get("/").content.decode()  # where the message sends them for the first video
    assert 'href="/channels/deep-sea/videos/new/"' in dashboard and "New video" in dashboard


def test_a_scheduled_videos_scene_is_not_edited_under_its_render(as_alice, channel):
    video, script = _rendered(channel)
    Video.objects.filter(pk=video.pk).update(status=Video.Status.SCHEDULED, approved_at=timezone.now())
    scene = script.scenes.first()
    body = as_alice.post(f"/scenes/{scene.pk}/", {"narration": "Different words."}, **HTMX).content.decode()
    assert "This video is scheduled with its current render: unschedule it first" in body
    scene.refresh_from_db()
    assert scene.narration == "Sputnik launched in 1957."
    response = as_alice.patch(f"/api/scenes/{scene.pk}", {"narration": "Different words."},
                              content_type="application/json")
    assert response.status_code == 400 and "unschedule it first" in response.json()["detail"]
    assert Video.objects.get(pk=video.pk).status == Video.Status.SCHEDULED
