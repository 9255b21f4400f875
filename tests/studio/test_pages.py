"""The studio pages: who sees what, what each page shows, and that query counts stay flat."""

from __future__ import annotations

import calendar as pycalendar
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from faceless_site.mediastore.files import media_write
from tests.factories import make_channel, make_script, make_user, make_video
from tests.studio.conftest import add_member
from videos.models import Job, Render, Video

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_dashboard_shows_my_channels_on_a_board_and_not_anyone_elses(as_alice, channel, bobs_channel):
    make_video(channel=channel, topic="Why lighthouses are striped")
    make_video(channel=channel, topic="The Fresnel lens", status=Video.Status.FAILED, status_message="No voice")
    make_video(channel=bobs_channel, topic="Secret bird video")
    body = as_alice.get("/").content.decode()
    assert "Lighthouses" in body and "Why lighthouses are striped" in body
    assert "No voice" in body
    assert "Secret bird video" not in body and "Bob&#x27;s birds" not in body
    for column in ("Draft", "Scripted", "Rendered", "Approved", "Scheduled", "Published", "Failed"):
        assert f"<span>{column}</span>" in body


def test_a_member_sees_the_channel_with_their_role(client, channel, bob):
    add_member(channel, bob, "viewer")
    client.force_login(bob)
    body = client.get("/").content.decode()
    assert "Lighthouses" in body and ">viewer<" in body
    assert "New video" not in body


def test_staff_see_every_channel(client, channel, bobs_channel):
    client.force_login(make_user(is_staff=True))
    body = client.get("/").content.decode()
    assert "Lighthouses" in body and "birds" in body


def test_dashboard_queries_do_not_grow_with_rows(as_alice, channel, alice):
    for n in range(2):
        video = make_video(channel=channel, topic=f"Video {n}", status=Video.Status.SCHEDULED,
                           scheduled_for=timezone.now() + timedelta(days=1))
        make_script(video)
        Job.objects.create(kind="pipeline", video=video, channel=channel, step_key="pipeline", state="running")
    few = _queries(as_alice, "/")
    second = make_channel(owner=alice)
    for n in range(8):
        video = make_video(channel=second if n % 2 else channel, topic=f"More {n}",
                           status=Video.Status.SCHEDULED, scheduled_for=timezone.now() + timedelta(days=n + 1))
        make_script(video)
        Job.objects.create(kind="pipeline", video=video, channel=video.channel, step_key="pipeline", state="queued")
    assert _queries(as_alice, "/") == few


def test_dashboard_lists_the_next_scheduled_uploads_in_order(as_alice, channel):
    soon = timezone.now() + timedelta(days=1)
    make_video(channel=channel, topic="Later one", status="scheduled", scheduled_for=soon + timedelta(days=2))
    make_video(channel=channel, topic="Sooner one", status="scheduled", scheduled_for=soon)
    body = as_alice.get("/").content.decode()
    upcoming = body[body.index("Next scheduled uploads"):]
    assert upcoming.index("Sooner one") < upcoming.index("Later one")


def test_another_users_video_is_a_404_everywhere(as_bob, channel):
    video = make_video(channel=channel, topic="Alice only")
    script = make_script(video)
    scene = script.scenes.first()
    job = Job.objects.create(kind="pipeline", video=video, channel=channel, step_key="pipeline")
    for url in (f"/videos/{video.pk}/", f"/jobs/{job.pk}/", f"/scenes/{scene.pk}/narration/",
                f"/channels/{channel.slug}/settings/", f"/channels/{channel.slug}/videos/new/"):
        assert as_bob.get(url).status_code == 404, url
    for url in (f"/scenes/{scene.pk}/", f"/videos/{video.pk}/approve/", f"/videos/{video.pk}/run/pipeline/",
                f"/jobs/{job.pk}/retry/"):
        assert as_bob.post(url, {"narration": "hijacked"}).status_code == 404, url
    scene.refresh_from_db()
    assert scene.narration != "hijacked"
    assert "Alice only" not in as_bob.get("/jobs/").content.decode()


def test_a_viewer_can_read_but_not_change(client, channel, bob):
    add_member(channel, bob, "viewer")
    video = make_video(channel=channel)
    scene = make_script(video).scenes.first()
    client.force_login(bob)
    body = client.get(f"/videos/{video.pk}/").content.decode()
    assert "Save scene" not in body and "readonly" in body
    assert client.post(f"/scenes/{scene.pk}/", {"narration": "changed"}).status_code == 403
    assert client.post(f"/videos/{video.pk}/run/pipeline/").status_code == 403
    assert not Job.objects.exists()


def test_video_studio_shows_scenes_player_and_jobs(as_alice, channel, media_root):
    video = make_video(channel=channel, status=Video.Status.RENDERED)
    script = make_script(video, scenes=["First words.", "Second words."])
    media_write("renders/v.mp4", b"0123456789" * 10)
    render = Render.objects.create(video=video, file="renders/v.mp4", duration_seconds=4.0, width=1920,
                                   height=1080, script_version=script.version)
    Job.objects.create(kind="narrate_render", video=video, channel=channel, step_key="narrate_render",
                       state="running", percent=42, stage="Rendering scene 2")
    body = as_alice.get(f"/videos/{video.pk}/").content.decode()
    assert "First words." in body and "Second words." in body
    assert f'src="/videos/{video.pk}/renders/{render.pk}/file/"' in body
    assert 'value="42"' in body and "Rendering scene 2" in body and 'hx-trigger="every 2s"' in body
    assert ">Approve<" in body


def test_studio_queries_do_not_grow_with_scenes(as_alice, channel):
    video = make_video(channel=channel)
    make_script(video, scenes=["One."])
    few = _queries(as_alice, f"/videos/{video.pk}/")
    big = make_video(channel=channel)
    make_script(big, scenes=[f"Scene {n}." for n in range(12)])
    for _ in range(5):
        Job.objects.create(kind="write_script", video=big, channel=channel, step_key="x", state="failed")
    assert _queries(as_alice, f"/videos/{big.pk}/") == few


@pytest.mark.clock
def test_every_page_renders_without_inline_scripts_or_styles(as_alice, channel, alice):
    alice.is_staff = True
    alice.save()
    video = make_video(channel=channel)
    make_script(video)
    pages = ["/", f"/videos/{video.pk}/", f"/channels/{channel.slug}/settings/", "/channels/new/",
             f"/channels/{channel.slug}/videos/new/", "/calendar/", "/library/", "/jobs/", "/analytics/",
             "/account/tokens/", "/system/health/"]
    for url in pages:
        response = as_alice.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), url
        assert " style=" not in body, url
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert 'hx-headers=\'{"x-csrftoken": "' in body, url
        assert '<main id="main"' in body and 'name="viewport"' in body


def test_user_text_is_escaped(as_alice, channel):
    video = make_video(channel=channel, topic="<script>alert(1)</script>")
    make_script(video, title="<img src=x onerror=alert(1)>", scenes=["<b>bold</b> words"])
    body = as_alice.get(f"/videos/{video.pk}/").content.decode() + as_alice.get("/").content.decode()
    assert "<script>alert(1)" not in body and "<img src=x" not in body and "<b>bold</b>" not in body
    assert "&lt;b&gt;bold&lt;/b&gt;" in body


def test_health_page_is_for_staff(as_alice, alice):
    assert as_alice.get("/system/health/").status_code == 403
    alice.is_staff = True
    alice.save()
    body = as_alice.get("/system/health/").content.decode()
    assert "database" in body and "Fix" in body


def _at(moment: str):
    """The whole test, fixtures included, at this moment (a login made earlier would have expired)."""
    return pytest.param(moment, marks=pytest.mark.time_machine(moment, tick=False), id=moment[:16])


@pytest.mark.parametrize("moment", [
    _at("2026-12-01T07:00:00+00:00"),  # the first of a month: November's grid pads into it
    _at("2026-12-31T23:30:00+00:00"),  # New Year's Eve, half an hour before the year turns
    _at("2028-02-29T12:00:00+00:00"),  # a leap day
    _at("2026-11-15T12:00:00+00:00"),  # the middle of a month
])
@pytest.mark.clock
def test_calendar_shows_scheduled_and_published_videos_of_the_month(as_alice, channel, bobs_channel, moment):
    now = timezone.now()
    make_video(channel=channel, topic="Going out", status="scheduled", scheduled_for=now)
    make_video(channel=channel, topic="Went out", status="published", published_at=now)
    make_video(channel=bobs_channel, topic="Not mine", status="scheduled", scheduled_for=now)
    body = as_alice.get("/calendar/").content.decode()
    assert "Going out" in body and "Went out" in body and "Not mine" not in body
    # The grid pads whole weeks, so last month's page shows today only when today sits in its last week.
    today = timezone.localdate()
    last_month = today.replace(day=1) - timedelta(days=1)
    padded = [day for week in pycalendar.Calendar().monthdatescalendar(last_month.year, last_month.month)
              for day in week]
    shown_last_month = "Going out" in as_alice.get(f"/calendar/?month={last_month:%Y-%m}").content.decode()
    assert shown_last_month == (today in padded)
    two_months_ago = (last_month.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    assert "Going out" not in as_alice.get(f"/calendar/?month={two_months_ago}").content.decode()
    assert as_alice.get("/calendar/?month=garbage").status_code == 200


@pytest.mark.clock
def test_analytics_draws_charts_for_my_channel_only(as_alice, channel, bobs_channel):
    make_video(channel=channel, status="published", published_at=timezone.now())
    body = as_alice.get("/analytics/").content.decode()
    assert "<svg" in body and "Published per week" in body
    assert "Published: 1" in body
    other = as_alice.get(f"/analytics/?channel={bobs_channel.slug}").content.decode()
    assert "Bob" not in other


@pytest.mark.clock
def test_analytics_charts_youtube_views_from_the_document_store(as_alice, channel, docstore):
    from publishing.services.analytics import DAILY, TOTALS

    channel.publish_target = "youtube"
    channel.save(update_fields=["publish_target"])
    video = make_video(channel=channel, topic="Striped towers", status="published", published_at=timezone.now())
    today = timezone.localdate()
    for days_ago, views in ((0, 120), (1, 80)):
        docstore.collection(DAILY).insert_one({"channel_id": channel.pk, "video_id": video.pk, "views": views,
                                               "day": (today - timedelta(days=days_ago)).isoformat(),
                                               "minutes_watched": 10.0, "subscribers_gained": 1})
    docstore.collection(TOTALS).insert_one({"channel_id": channel.pk, "video_id": video.pk, "views": 200,
                                            "minutes_watched": 20.0, "subscribers_gained": 2})
    docstore.collection(DAILY).insert_one({"channel_id": channel.pk + 1, "video_id": 999, "views": 5000,
                                           "day": today.isoformat()})
    body = as_alice.get("/analytics/").content.decode()
    assert "200 views" in body
    assert f"{today:%d %b}: 120" in body
    assert "Striped towers" in body and ">200<" in body


@pytest.mark.clock
def test_analytics_says_why_when_the_document_store_is_missing(as_alice, channel, settings):
    settings.MONGODB_URL = ""
    channel.publish_target = "youtube"
    channel.save(update_fields=["publish_target"])
    body = as_alice.get("/analytics/").content.decode()
    assert "MONGODB_URL is not set" in body and "Published per week" in body


@pytest.mark.clock
def test_analytics_draws_no_youtube_chart_for_a_channel_that_only_exports_locally(as_alice, channel, settings):
    settings.PUBLISH_DEFAULT_TARGET = "local"
    make_video(channel=channel, status="published", published_at=timezone.now())
    body = as_alice.get("/analytics/").content.decode()
    assert "Published per week" in body
    assert 'id="views-title"' not in body and "YouTube views per day" not in body
    assert "Lighthouses exports its videos locally, so there are no YouTube numbers to show." in body
    assert f'href="/channels/{channel.slug}/settings/"' in body


@pytest.mark.clock
@pytest.mark.parametrize("url", ["/jobs/", "/calendar/", "/library/?channel=lighthouses"])
def test_list_pages_queries_do_not_grow_with_rows(as_alice, channel, url):
    from assets.models import Asset

    def add(n: int, offset: int) -> None:
        for i in range(n):
            when = timezone.now() + timedelta(hours=i + 1)
            video = make_video(channel=channel, status="scheduled", scheduled_for=when)
            make_script(video)
            Job.objects.create(kind="pipeline", video=video, channel=channel, step_key=f"k{offset + i}", state="failed")
            Asset.objects.create(kind="image", file=f"{offset + i}.png", sha256=f"{offset + i:064d}", channel=channel)

    add(1, 0)
    few = _queries(as_alice, url)
    add(9, 100)
    assert _queries(as_alice, url) == few


def test_unschedule_takes_a_video_off_the_calendar(as_alice, channel):
    from publishing.models import Publication

    video = make_video(channel=channel, status="scheduled", scheduled_for=timezone.now() + timedelta(days=1))
    Publication.objects.create(video=video, state="scheduled", scheduled_for=video.scheduled_for)
    assert ">Unschedule<" in as_alice.get(f"/videos/{video.pk}/").content.decode()
    as_alice.post(f"/videos/{video.pk}/unschedule/")
    video.refresh_from_db()
    assert (video.status, video.scheduled_for) == ("approved", None)


def test_the_library_shows_each_stock_items_credit_with_links(as_alice, channel):
    from assets.models import Asset

    Asset.objects.create(kind="image", source="pexels", provider_id="42", file="assets/ab/abc.jpg", sha256="a" * 64,
                         title="Lighthouse at dusk", author="Jo Keeper", author_url="https://www.pexels.com/@jo",
                         page_url="https://www.pexels.com/photo/42/", licence="Pexels License")
    html = as_alice.get("/library/").content.decode()
    assert "Image by" in html and 'href="https://www.pexels.com/@jo"' in html
    assert 'href="https://www.pexels.com/photo/42/"' in html and "Pexels License" in html


def test_suggest_topics_starts_a_channel_job_for_editors_only(as_alice, client, channel, bob):
    response = as_alice.post(f"/channels/{channel.slug}/suggest-topics/")
    assert response.status_code == 302
    job = Job.objects.get(channel=channel, kind=Job.Kind.SUGGEST_TOPICS)
    assert job.params == {"count": 5} and job.video is None
    as_alice.post(f"/channels/{channel.slug}/suggest-topics/")  # already running: no second job
    assert Job.objects.filter(channel=channel, kind=Job.Kind.SUGGEST_TOPICS).count() == 1

    add_member(channel, bob, "viewer")
    client.force_login(bob)
    assert client.post(f"/channels/{channel.slug}/suggest-topics/").status_code == 403
    stranger = make_user()
    client.force_login(stranger)
    assert client.post(f"/channels/{channel.slug}/suggest-topics/").status_code == 404


def test_the_jobs_page_pages_through_older_jobs(as_alice, channel):
    video = make_video(channel=channel)
    Job.objects.bulk_create([Job(kind=Job.Kind.WRITE_SCRIPT, video=video, channel=channel, step_key=f"k{n}",
                                 state=Job.State.SUCCEEDED) for n in range(60)])
    first = as_alice.get("/jobs/").content.decode()
    assert "Page 1 of 2" in first and "page=2" in first
    second = as_alice.get("/jobs/?page=2").content.decode()
    assert "Page 2 of 2" in second and second.count("<tr>") == 10 + 1  # ten rows and the header
