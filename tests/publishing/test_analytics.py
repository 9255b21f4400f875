"""The daily analytics sync into the document store, and the numbers pages read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from publishing.models import Publication, YouTubeAccount
from publishing.selectors import channel_stats, video_stats
from publishing.services import analytics_sync_all
from tests.publishing.conftest import make_approved_video
from videos.models import Job
from videos.services.jobs import job_enqueue, job_run

pytestmark = pytest.mark.django_db


def published(youtube, channel, media_root, video_id, days):
    video = make_approved_video(channel, media_root)
    published_at = datetime.now(UTC) - timedelta(days=3)
    Publication.objects.create(video=video, target="youtube", state="published", external_id=video_id,
                               published_at=published_at)
    youtube.state.data["analytics"][video_id] = days
    return video


def day(offset, views, minutes, subs):
    return {"day": (datetime.now(UTC).date() - timedelta(days=offset)).isoformat(), "views": views,
            "estimatedMinutesWatched": minutes, "subscribersGained": subs}


@pytest.mark.clock
def test_sync_stores_daily_numbers_per_video_and_pages_read_totals(youtube, yt_channel, media_root, docstore):
    first = published(youtube, yt_channel, media_root, "vidA", [day(2, 100, 250, 3), day(1, 40, 90, 1)])
    second = published(youtube, yt_channel, media_root, "vidB", [day(1, 7, 12, 0), day(30, 999, 999, 9)])

    job = job_enqueue(kind=Job.Kind.SYNC_ANALYTICS, channel=yt_channel)
    assert job_run(job.pk) == "succeeded"

    stats = video_stats(first)
    assert (stats.views, stats.minutes_watched, stats.subscribers_gained, stats.days) == (140, 340.0, 4, 2)
    # Days before the video was published are not asked for.
    assert video_stats(second).views == 7
    queries = youtube.calls("GET", "/v2/reports")
    assert sorted(q.query["filters"][0] for q in queries) == ["video==vidA", "video==vidB"]
    for query in queries:
        assert query.query["ids"] == ["channel==MINE"] and query.query["dimensions"] == ["day"]
        assert query.query["metrics"] == ["views,estimatedMinutesWatched,subscribersGained"]
    assert channel_stats(yt_channel).views == 147

    # A second sync overwrites days instead of adding them again.
    youtube.state.data["analytics"]["vidA"] = [day(2, 100, 250, 3), day(1, 50, 95, 1)]
    job_run(job_enqueue(kind=Job.Kind.SYNC_ANALYTICS, channel=yt_channel).pk)
    assert video_stats(first).views == 150
    assert docstore.collection("youtube_daily").count_documents({"youtube_video_id": "vidA"}) == 2


def test_the_daily_schedule_enqueues_connected_channels_only(youtube, yt_channel):
    assert analytics_sync_all() == [yt_channel.pk]
    YouTubeAccount.objects.filter(channel=yt_channel).update(state="reconnect")
    Job.objects.update(state=Job.State.SUCCEEDED)
    assert analytics_sync_all() == []


@pytest.mark.clock
def test_sync_analytics_command_reports_and_exits_non_zero_on_failure(youtube, yt_channel, media_root, docstore):
    published(youtube, yt_channel, media_root, "vidA", [day(1, 5, 6, 0)])
    out = StringIO()
    call_command("sync_analytics", stdout=out)
    assert f"{yt_channel.slug}: 1 video(s) updated" in out.getvalue()

    youtube.revoke(yt_channel.refresh_token_for_tests)
    youtube.expire_tokens()
    err = StringIO()
    with pytest.raises(CommandError, match="Analytics not synced"):
        call_command("sync_analytics", yt_channel.slug, stdout=StringIO(), stderr=err)
    assert "Connect YouTube again" in err.getvalue()
    assert YouTubeAccount.objects.get(channel=yt_channel).state == "reconnect"
    with pytest.raises(CommandError, match="No channel with slug nope"):
        call_command("sync_analytics", "nope")


def test_commands_explain_themselves():
    from publishing.management.commands import publish_due, sync_analytics

    for module, words in ((publish_due, "every minute"), (sync_analytics, "YouTube Analytics API")):
        parser = module.Command().create_parser("manage.py", module.__name__.rsplit(".", 1)[1])
        assert words in parser.format_help()


@pytest.mark.clock
def test_the_partials_render_numbers_and_the_reconnect_state(youtube, yt_channel, media_root, docstore, rf):
    from django.template.loader import render_to_string

    from publishing.selectors import youtube_state

    video = published(youtube, yt_channel, media_root, "vidA", [day(1, 1234, 56, 7)])
    assert "No numbers yet" in render_to_string("publishing/_stats.html", {"stats": video_stats(video)})
    call_command("sync_analytics", stdout=StringIO())
    html = render_to_string("publishing/_stats.html", {"stats": video_stats(video)})
    assert "<b>1234</b>" in html and "<b>7</b>" in html

    YouTubeAccount.objects.filter(channel=yt_channel).update(state="reconnect", last_error="Connect YouTube again.")
    request = rf.get("/")
    html = render_to_string("publishing/_youtube_connection.html", {
        "channel": yt_channel, "editable": True, "youtube": youtube_state(yt_channel)}, request=request)
    assert "reconnect</span> Connect YouTube again." in html
    assert f'name="channel" value="{yt_channel.slug}"' in html and "Reconnect YouTube" in html
