"""Every endpoint of /api/, with the permission cases: owner, member roles, a stranger, no token."""

from __future__ import annotations

import pytest
from django.test import Client

from channels.models import ChannelMembership
from tests.factories import make_script, make_user, make_video
from videos.models import Job, Render, Video

pytestmark = pytest.mark.django_db


def _member(channel, user, role):
    ChannelMembership.objects.create(channel=channel, user=user, role=role)


# --- authentication ----------------------------------------------------------------------------

def test_no_or_bad_token_is_401_json(channel):
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer fls_nope"}, {"HTTP_AUTHORIZATION": "Basic abc"}):
        response = Client().get("/api/channels", **headers)
        assert response.status_code == 401
        assert response.json() == {"detail": "Unauthorized"}


def test_a_deactivated_user_token_stops_working(api, alice):
    assert api.get("/channels").status_code == 200
    alice.is_active = False
    alice.save()
    assert api.get("/channels").status_code == 401


def test_session_auth_needs_the_csrf_token_for_writes(channel, alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get("/api/channels").status_code == 200
    response = client.post("/api/videos", {"channel_id": channel.pk, "topic": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert not Video.objects.exists()


def test_token_use_is_recorded(api):
    from faceless_site.models import ApiToken

    api.get("/channels")
    assert ApiToken.objects.get().last_used_at is not None


def test_docs_and_schema_are_served():
    assert Client().get("/api/docs").status_code == 200
    schema = Client().get("/api/openapi.json").json()
    assert "/api/jobs/{job_id}" in schema["paths"]
    assert schema["components"]["securitySchemes"]


# --- channels ----------------------------------------------------------------------------------

def test_channels_list_only_mine_paginated(api, channel, bob):
    from tests.factories import make_channel

    make_channel(owner=bob, name="Birds")
    for n in range(3):
        make_channel(owner=api.user, name=f"Extra {n}")
    data = api.get("/channels", {"limit": 2}).json()
    assert data["count"] == 4 and len(data["items"]) == 2
    assert {c["role"] for c in data["items"]} == {"owner"}
    assert "Birds" not in str(api.get("/channels", {"limit": 200}).json())
    assert api.get("/channels", {"limit": 201}).status_code == 422


def test_channel_detail_is_404_for_a_stranger(api, bob_api, channel):
    assert api.get(f"/channels/{channel.pk}").json()["slug"] == "lighthouses"
    response = bob_api.get(f"/channels/{channel.pk}")
    assert response.status_code == 404 and "detail" in response.json()


def test_create_channel(api):
    response = api.post("/channels", {"name": "Deep sea", "niche": "ocean life"})
    assert response.status_code == 201, response.content
    assert response.json()["slug"] == "deep-sea" and response.json()["role"] == "owner"
    bad = api.post("/channels", {"name": "", "niche": ""})
    assert bad.status_code == 400 and "name" in bad.json()["detail"]


def test_patch_channel_owner_only_and_validated(api, bob_api, channel, bob):
    response = api.patch(f"/channels/{channel.pk}", {"tone": "calm", "subtitle_style": "bold"})
    assert response.status_code == 200, response.content
    assert response.json()["subtitle_style"] == "bold"
    bad = api.patch(f"/channels/{channel.pk}", {"timezone": "Mars/Olympus"})
    assert bad.status_code == 400 and "time zone" in bad.json()["detail"]
    _member(channel, bob, "editor")
    assert bob_api.patch(f"/channels/{channel.pk}", {"tone": "loud"}).status_code == 403
    channel.refresh_from_db()
    assert channel.tone == "calm"


def test_suggest_topics_is_a_channel_job_for_editors(api, bob_api, channel, bob):
    response = api.post(f"/channels/{channel.pk}/suggest-topics", {"count": 3})
    assert response.status_code == 202, response.content
    job = Job.objects.get(pk=response.json()["id"])
    assert job.kind == Job.Kind.SUGGEST_TOPICS and job.channel == channel and job.params == {"count": 3}
    again = api.post(f"/channels/{channel.pk}/suggest-topics", {})
    assert again.status_code == 409 and again.json()["job_id"] == job.pk
    assert api.post(f"/channels/{channel.pk}/suggest-topics", {"count": 500}).status_code == 422
    assert bob_api.post(f"/channels/{channel.pk}/suggest-topics", {}).status_code == 404
    _member(channel, bob, "viewer")
    assert bob_api.post(f"/channels/{channel.pk}/suggest-topics", {}).status_code == 403


# --- videos ------------------------------------------------------------------------------------

def test_create_video_from_a_source_and_run_the_pipeline(api, channel, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        response = api.post("/videos", {"channel_id": channel.pk, "source_text": "Lighthouses.\nStripes.",
                                        "run_pipeline": True})
    assert response.status_code == 201
    video = Video.objects.get(pk=response.json()["id"])
    assert video.source_text == "Lighthouses.\nStripes." and video.created_by == api.user
    assert Job.objects.get().kind == "pipeline"


def test_create_video_errors(api, bob_api, channel, bob):
    empty = api.post("/videos", {"channel_id": channel.pk})
    assert empty.status_code == 400 and "topic" in empty.json()["detail"]
    assert bob_api.post("/videos", {"channel_id": channel.pk, "topic": "x"}).status_code == 404
    _member(channel, bob, "viewer")
    assert bob_api.post("/videos", {"channel_id": channel.pk, "topic": "x"}).status_code == 403
    assert api.post("/videos", {"channel_id": 0, "topic": "x"}).status_code == 422
    assert api.post("/videos", {"channel_id": channel.pk, "topic": "a\x00b"}).status_code == 422
    assert not Video.objects.exists()


def test_list_and_filter_videos(api, bob_api, channel):
    make_video(channel=channel, status="draft")
    make_video(channel=channel, status="failed")
    assert api.get("/videos").json()["count"] == 2
    assert [v["status"] for v in api.get("/videos", {"status": "failed"}).json()["items"]] == ["failed"]
    assert api.get("/videos", {"channel_id": channel.pk + 999}).json()["count"] == 0
    assert api.get("/videos", {"status": "bogus"}).status_code == 422
    assert bob_api.get("/videos").json()["count"] == 0


def test_get_video_404_for_others_and_huge_ids(api, bob_api, channel):
    video = make_video(channel=channel, topic="Mine")
    assert api.get(f"/videos/{video.pk}").json()["title"] == "Mine"
    assert bob_api.get(f"/videos/{video.pk}").status_code == 404
    assert api.get(f"/videos/{2**70}").status_code == 422


def test_run_a_step_and_conflict_when_it_already_runs(api, bob_api, channel, bob):
    video = make_video(channel=channel)
    response = api.post(f"/videos/{video.pk}/run", {"step": "write_script"})
    assert response.status_code == 202 and response.json()["kind"] == "write_script"
    again = api.post(f"/videos/{video.pk}/run", {"step": "write_script"})
    assert again.status_code == 409 and again.json()["job_id"] == response.json()["id"]
    assert api.post(f"/videos/{video.pk}/run", {"step": "publish"}).status_code == 422
    _member(channel, bob, "viewer")
    assert bob_api.post(f"/videos/{video.pk}/run", {"step": "pipeline"}).status_code == 403


def test_find_footage_keeps_chosen_footage_unless_asked(api, channel):
    video = make_video(channel=channel)
    kept = api.post(f"/videos/{video.pk}/run", {"step": "match_footage"})
    assert kept.status_code == 202 and Job.objects.get(pk=kept.json()["id"]).params == {}
    Job.objects.filter(pk=kept.json()["id"]).update(state="succeeded")
    replacing = api.post(f"/videos/{video.pk}/run", {"step": "match_footage", "replace_chosen": True})
    assert Job.objects.get(pk=replacing.json()["id"]).params == {"replace_chosen": True}


def test_approve(api, channel):
    video = make_video(channel=channel, status="scripted")
    assert api.post(f"/videos/{video.pk}/approve").status_code == 400
    Render.objects.create(video=video, file="r.mp4", duration_seconds=2)
    Video.objects.filter(pk=video.pk).update(status="rendered")
    response = api.post(f"/videos/{video.pk}/approve")
    assert response.status_code == 200 and response.json()["status"] == "approved"


# --- scripts and scenes ------------------------------------------------------------------------

def test_script_with_scenes_and_scene_edits(api, bob_api, channel):
    video = make_video(channel=channel)
    assert api.get(f"/videos/{video.pk}/script").status_code == 404
    script = make_script(video, scenes=["One.", "Two."])
    data = api.get(f"/videos/{video.pk}/script").json()
    assert [s["narration"] for s in data["scenes"]] == ["One.", "Two."]
    scene = script.scenes.get(position=1)
    assert api.get(f"/scenes/{scene.pk}").json()["narration"] == "Two."
    edited = api.patch(f"/scenes/{scene.pk}", {"narration": "Three.", "visual_query": "waves"})
    assert edited.status_code == 200 and edited.json()["visual_query"] == "waves"
    assert api.patch(f"/scenes/{scene.pk}", {"narration": " "}).status_code == 400
    assert bob_api.patch(f"/scenes/{scene.pk}", {"narration": "x"}).status_code == 404
    assert bob_api.get(f"/scenes/{scene.pk}").status_code == 404
    scene.refresh_from_db()
    assert scene.narration == "Three."


def test_rewrite_scene_is_a_job(api, channel):
    scene = make_script(make_video(channel=channel)).scenes.first()
    response = api.post(f"/scenes/{scene.pk}/rewrite", {"instruction": "shorter"})
    assert response.status_code == 202
    assert Job.objects.get().params == {"scene_id": scene.pk, "instruction": "shorter"}


def test_swap_footage_errors_are_400_with_the_reason(api, channel):
    scene = make_script(make_video(channel=channel)).scenes.first()
    response = api.post(f"/scenes/{scene.pk}/footage", {"candidate_index": 3})
    assert response.status_code == 400 and "search again" in response.json()["detail"]
    assert api.post(f"/scenes/{scene.pk}/footage", {"asset_id": 999}).status_code == 404


def test_swap_footage_to_a_library_asset(api, channel):
    from assets.models import Asset

    scene = make_script(make_video(channel=channel)).scenes.first()
    asset = Asset.objects.create(kind="image", file="a.png", sha256="a" * 64, title="Beam")
    response = api.post(f"/scenes/{scene.pk}/footage", {"asset_id": asset.pk})
    assert response.status_code == 200, response.content
    assert response.json()["asset_id"] == asset.pk


# --- jobs --------------------------------------------------------------------------------------

def test_job_progress_filter_retry_cancel(api, bob_api, channel):
    video = make_video(channel=channel)
    job = Job.objects.create(kind="narrate_render", video=video, channel=channel, step_key="narrate_render",
                             state="running", percent=55, stage="Rendering")
    data = api.get(f"/jobs/{job.pk}").json()
    assert (data["percent"], data["stage"], data["state"]) == (55, "Rendering", "running")
    assert bob_api.get(f"/jobs/{job.pk}").status_code == 404
    assert api.get("/jobs", {"state": "running"}).json()["count"] == 1
    assert api.get("/jobs", {"state": "failed"}).json()["count"] == 0
    assert api.get(f"/videos/{video.pk}/jobs").json()["count"] == 1
    assert api.post(f"/jobs/{job.pk}/retry").status_code == 409
    assert api.post(f"/jobs/{job.pk}/cancel").json()["state"] == "running"
    Job.objects.filter(pk=job.pk).update(state="failed", error="boom")
    retried = api.post(f"/jobs/{job.pk}/retry")
    assert retried.status_code == 202 and retried.json()["state"] == "queued"


def test_a_viewer_cannot_retry_or_cancel(bob_api, channel, bob):
    _member(channel, bob, "viewer")
    job = Job.objects.create(kind="pipeline", video=make_video(channel=channel), channel=channel,
                             step_key="pipeline", state="failed")
    assert bob_api.get(f"/jobs/{job.pk}").status_code == 200
    assert bob_api.post(f"/jobs/{job.pk}/retry").status_code == 403
    assert bob_api.post(f"/jobs/{job.pk}/cancel").status_code == 403


# --- assets ------------------------------------------------------------------------------------

def test_assets_search_and_scope(api, bob_api, channel):
    from assets.models import Asset

    Asset.objects.create(kind="image", file="a.png", sha256="a" * 64, title="Stormy lighthouse", tags="sea")
    own = Asset.objects.create(kind="video", file="b.mp4", sha256="b" * 64, title="Our lighthouse", channel=channel)
    assert api.get("/assets", {"q": "lighthouse"}).json()["count"] == 1
    assert api.get("/assets", {"q": "lighthouse", "channel_id": channel.pk}).json()["count"] == 2
    assert api.get("/assets", {"kind": "video", "channel_id": channel.pk}).json()["count"] == 1
    # A channel you cannot see filters to nothing, as /api/videos?channel_id= does, rather than a 404.
    for path in ("/assets", "/videos"):
        foreign = bob_api.get(path, {"channel_id": channel.pk})
        assert foreign.status_code == 200 and foreign.json() == {"items": [], "count": 0}, path
    assert api.get(f"/assets/{own.pk}").json()["title"] == "Our lighthouse"
    assert bob_api.get(f"/assets/{own.pk}").status_code == 404


def test_upload_checks_content_and_permission(api, bob_api, channel, bob):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("cat.png", b"this is not an image", content_type="image/png")
    response = api.client.post("/api/assets", {"file": fake, "channel_id": channel.pk})
    assert response.status_code == 400 and response.json()["detail"]
    png = SimpleUploadedFile("dot.png", _tiny_png(), content_type="image/png")
    assert api.client.post("/api/assets", {"file": png}).status_code == 403  # shared library: staff only
    png.seek(0)
    created = api.client.post("/api/assets", {"file": png, "channel_id": channel.pk, "tags": "dot"})
    assert created.status_code == 201, created.content
    assert created.json()["kind"] == "image" and created.json()["channel_id"] == channel.pk
    _member(channel, bob, "viewer")
    png.seek(0)
    assert bob_api.client.post("/api/assets", {"file": png, "channel_id": channel.pk}).status_code == 403


def _tiny_png() -> bytes:
    import subprocess

    return subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=red:s=16x16", "-frames:v", "1",
                           "-f", "image2pipe", "-vcodec", "png", "-"], capture_output=True, check=True).stdout


# --- publications and health -------------------------------------------------------------------

def test_publications_list_and_publish_now(api, bob_api, channel, django_capture_on_commit_callbacks):
    from publishing.models import Publication

    video = make_video(channel=channel, status="approved")
    pub = Publication.objects.create(video=video, state="scheduled")
    assert api.get("/publications").json()["count"] == 1
    assert api.get("/publications", {"state": "published"}).json()["count"] == 0
    assert api.get(f"/publications/{pub.pk}").json()["state"] == "scheduled"
    assert bob_api.get(f"/publications/{pub.pk}").status_code == 404
    assert bob_api.get("/publications").json()["count"] == 0
    draft = make_video(channel=channel)
    assert api.post("/publications/publish", {"video_id": draft.pk}).status_code == 400
    with django_capture_on_commit_callbacks(execute=False):
        response = api.post("/publications/publish", {"video_id": video.pk})
    assert response.status_code == 202 and Job.objects.get(pk=response.json()["job_id"]).kind == "publish"
    assert bob_api.post("/publications/publish", {"video_id": video.pk}).status_code == 404


def test_health_details_for_staff_only(api):
    from tests.api.conftest import ApiClient

    data = api.get("/health").json()
    assert data["status"] in ("ok", "warn", "fail")
    assert {c["name"] for c in data["checks"]} >= {"database"}
    assert all(c["found"] == "" for c in data["checks"])
    staff = ApiClient(make_user(is_staff=True)).get("/health").json()
    assert any(c["found"] for c in staff["checks"])


def test_swap_footage_answers_the_same_for_another_channels_asset_and_a_missing_one(api, channel):
    from assets.models import Asset
    from tests.factories import make_channel

    scene = make_script(make_video(channel=channel)).scenes.first()
    theirs = Asset.objects.create(kind="image", file="t.png", sha256="t" * 64, title="Theirs",
                                  channel=make_channel())
    missing = theirs.pk + 1000

    other = api.post(f"/scenes/{scene.pk}/footage", {"asset_id": theirs.pk})
    absent = api.post(f"/scenes/{scene.pk}/footage", {"asset_id": missing})

    assert (other.status_code, other.json()) == (absent.status_code, absent.json())
    assert other.status_code == 404 and "another channel" not in other.json()["detail"]
    scene.refresh_from_db()
    assert scene.asset_id is None


def test_a_waiting_job_reads_as_waiting_with_why_and_when(api, channel):
    from datetime import timedelta

    from django.utils import timezone

    from videos.services.jobs import JobContext, _finish_waiting

    video = make_video(channel=channel, status="approved")
    job = Job.objects.create(kind="publish", video=video, channel=channel, step_key="publish", state="running")
    until = timezone.now() + timedelta(hours=2)
    _finish_waiting(JobContext(job=job), "Connect YouTube again in the channel settings.", None)
    body = api.get(f"/jobs/{job.pk}").json()
    assert (body["state"], body["waiting_until"]) == ("waiting", None)
    assert body["message"] == "Connect YouTube again in the channel settings."
    assert body["stage"] == "Waiting for you to act"

    Job.objects.filter(pk=job.pk).update(state="running")
    job.refresh_from_db()
    _finish_waiting(JobContext(job=job), "Quota used up.", until)
    body = api.get(f"/jobs/{job.pk}").json()
    assert body["state"] == "waiting" and body["waiting_until"].startswith(until.isoformat()[:19])
    assert [j["id"] for j in api.get("/jobs?state=waiting").json()["items"]] == [job.pk]


def test_the_render_download_documents_its_answers():
    from faceless_site.api import api

    operation = api.get_openapi_schema()["paths"]["/api/videos/{video_id}/renders/{render_id}/{what}"]["get"]
    responses = operation["responses"]
    binary = {"schema": {"type": "string", "format": "binary"}}
    assert responses[200]["content"] == {"video/mp4": binary, "image/jpeg": binary}
    assert responses[206]["content"] == {"video/mp4": binary, "image/jpeg": binary}
    assert responses[416]["description"]
    assert {404, 401} <= set(responses)


def test_scene_text_has_sensible_limits_in_the_studio_the_api_and_the_service(api, client, alice, channel):
    """About a minute of narration, two or three lines on screen: longer is refused with what to do,
    not stored (nor a database error on PostgreSQL, whose column holds 200)."""
    from django.core.exceptions import ValidationError

    from videos.models import NARRATION_MAX_CHARS, ON_SCREEN_TEXT_MAX_CHARS
    from videos.services.video import scene_update

    scene = make_script(make_video(channel=channel), scenes=["One."]).scenes.get()
    long_narration, long_words = "word " * (NARRATION_MAX_CHARS // 5 + 1), "x" * (ON_SCREEN_TEXT_MAX_CHARS + 1)
    assert (NARRATION_MAX_CHARS, ON_SCREEN_TEXT_MAX_CHARS) == (1000, 100)
    from videos.llm.base import ON_SCREEN_MAX

    assert ON_SCREEN_MAX == ON_SCREEN_TEXT_MAX_CHARS  # what a writer makes, a person can save again
    for patch in ({"narration": long_narration}, {"narration": "Fine.", "on_screen_text": long_words},
                  {"narration": "Fine.", "on_screen_text": "y" * 300}):
        response = api.patch(f"/scenes/{scene.pk}", patch)
        assert response.status_code == 422 and "at most" in str(response.json()["detail"]), patch
    schema = api.get("/openapi.json").json()["components"]["schemas"]["ScenePatch"]["properties"]
    assert schema["narration"]["maxLength"] == NARRATION_MAX_CHARS
    assert schema["on_screen_text"]["maxLength"] == ON_SCREEN_TEXT_MAX_CHARS

    client.force_login(alice)
    page = client.get(f"/videos/{scene.script.video_id}/").content.decode()
    assert f'maxlength="{NARRATION_MAX_CHARS}"' in page and f'maxlength="{ON_SCREEN_TEXT_MAX_CHARS}"' in page
    saved = client.post(f"/scenes/{scene.pk}/", {"narration": long_narration}, HTTP_HX_REQUEST="true")
    assert "Not saved" in saved.content.decode() and f"at most {NARRATION_MAX_CHARS} characters" in \
        saved.content.decode()

    with pytest.raises(ValidationError, match="split a longer passage over two scenes"):
        scene_update(scene=scene, narration=long_narration)
    with pytest.raises(ValidationError, match="the narration can say the rest"):
        scene_update(scene=scene, narration="Fine.", on_screen_text=long_words)
    scene.refresh_from_db()
    assert scene.narration == "One." and scene.on_screen_text == ""
