"""Done when: a channel linked to the local YouTube publishes an approved video at its scheduled
slot with all metadata, thumbnail and playlist, surviving injected faults, with the ledger correct."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from faceless_site.mediastore.files import media_read
from publishing.models import Publication, QuotaUsage
from publishing.services import publication_schedule, publish_due
from publishing.youtube.quota import quota_day
from tests.publishing.conftest import CHUNK, make_approved_video
from videos.models import Job, Video
from videos.services.jobs import job_run

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_an_approved_video_goes_out_at_its_slot_through_faults(youtube, yt_channel, media_root, settings):
    settings.PUBLISH_MIN_LEAD_MINUTES = 60  # the slot stays far enough ahead for publishAt however long this runs
    video = make_approved_video(yt_channel, media_root)
    before = datetime.now(UTC)
    publication = publication_schedule(video=video, user=yt_channel.owner)
    slot = publication.scheduled_for
    local = slot.astimezone(ZoneInfo("Europe/Berlin"))
    assert (local.weekday(), local.strftime("%H:%M")) in {(1, "17:00"), (4, "09:30")}
    # A public video is uploaded ahead of its slot, private with publishAt.
    ahead = slot - timedelta(minutes=120)
    assert publication.due_at == ahead or (ahead < before <= publication.due_at <= datetime.now(UTC))

    assert publish_due(now=publication.due_at - timedelta(seconds=1)) == []
    assert not youtube.requests
    youtube.fail("init", 503)
    youtube.fail("chunk", 503, after=1)
    youtube.fail("chunk", "drop_mid", times=2, after=2)
    youtube.fail("token", 503)  # the access token has expired, and Google's token endpoint hiccups once
    youtube.expire_tokens()
    youtube.fail("playlist", 500)
    assert publish_due(now=publication.due_at) == [publication.pk]
    job = Job.objects.get(video=video, kind=Job.Kind.PUBLISH)
    assert job_run(job.pk) == "succeeded", Job.objects.get(pk=job.pk).error

    publication.refresh_from_db()
    video.refresh_from_db()
    [video_id] = youtube.videos
    assert publication.state == Publication.State.PUBLISHED and publication.external_id == video_id
    assert youtube.videos[video_id]["bytes"] == media_read(video.latest_render.file)
    body = youtube.videos[video_id]["resource"]
    assert body["snippet"]["title"] == "The first satellite"
    assert body["snippet"]["tags"] == ["space", "history", "sputnik 1957"]
    assert body["snippet"]["categoryId"] == "28" and body["snippet"]["defaultAudioLanguage"] == "en"
    assert body["status"]["privacyStatus"] == "private"
    assert body["status"]["publishAt"] == slot.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert body["status"]["selfDeclaredMadeForKids"] is False
    assert body["status"]["containsSyntheticMedia"] is True
    assert youtube.state.data["thumbnails"][video_id]
    assert list(youtube.state.data["playlist_items"].values()) == [("PLfaceless", video_id)]
    assert video.status == Video.Status.PUBLISHED and video.published_at == slot
    assert "makes it public at" in publication.message

    # Ledger: one upload in its own bucket; 50 (thumbnail) + 1 (playlist lookup) + 50 (insert) units, the
    # failed playlist insert charged too, as Google charges failed calls; retried chunks cost nothing.
    ledger = {row.bucket: row.used for row in QuotaUsage.objects.filter(project="test-project", day=quota_day())}
    assert ledger == {"uploads": 1, "units": 50 + 1 + 50 + 50}
    # Session starts: 401 (expired token, refreshed), 503 (retried), then the session that worked.
    assert len(youtube.calls("POST", "/upload/youtube/v3/videos")) == 3
    assert len(youtube.calls("POST", "/token")) == 2  # the 503, then the refresh that worked
    # The cut chunk resumed from what the server kept: never from zero after the first chunk.
    starts = [int(r.headers["content-range"].split()[1].split("-")[0]) for r in youtube.requests
              if r.path.startswith("/upload/session/") and not r.headers["content-range"].startswith("bytes */")]
    assert starts[0] == 0 and 0 not in starts[1:] and starts == sorted(starts)
    assert starts[-1] == 5 * CHUNK
    assert publish_due(now=slot + timedelta(hours=1)) == []
