"""A local HTTPS YouTube (Data API, uploads, Analytics, OAuth token endpoint) wired into settings,
and a channel linked to it with a video ready to publish."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
import trustme
from cryptography.fernet import Fernet

from publishing import crypto
from publishing.models import YouTubeAccount
from tests.factories import make_channel, make_script, make_video
from tests.fakes.youtube_server import YouTubeServer
from videos.models import Render, Video

CLIENT = ("faceless-test.apps.googleusercontent.com", "test-client-secret-do-not-log")
SCOPES = ["https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.readonly",
          "https://www.googleapis.com/auth/youtube.force-ssl", "https://www.googleapis.com/auth/yt-analytics.readonly"]
CHUNK = 256 * 1024


@pytest.fixture(scope="session")
def ca():
    return trustme.CA()


@pytest.fixture
def youtube(settings, ca, tmp_path):
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    with YouTubeServer(tls=ca, client=CLIENT, scopes=SCOPES) as server:
        settings.YOUTUBE_API_ENDPOINT = server.url + "/"
        settings.YOUTUBE_ANALYTICS_API_ENDPOINT = server.url + "/"
        settings.GOOGLE_OAUTH_TOKEN_URL = server.url + "/token"
        settings.GOOGLE_OAUTH_CLIENT_ID, settings.GOOGLE_OAUTH_CLIENT_SECRET = CLIENT
        settings.YOUTUBE_CA_CERTS = str(ca_file)
        settings.YOUTUBE_HTTP_TIMEOUT = 10
        settings.TOKEN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
        settings.YOUTUBE_RETRY_BASE_SECONDS = 0.01
        settings.YOUTUBE_UPLOAD_CHUNK_BYTES = CHUNK
        settings.YOUTUBE_PROJECT = "test-project"
        settings.JOB_HEARTBEAT_SECONDS = 60
        yield server


def link_account(server: YouTubeServer, channel, *, expired: bool = False) -> tuple[YouTubeAccount, str]:
    access, refresh = server.grant()
    expiry = datetime.now(UTC) + (timedelta(minutes=-5) if expired else timedelta(hours=1))
    credentials = {"token": access, "refresh_token": refresh, "expiry": expiry.isoformat(), "scopes": SCOPES}
    account = YouTubeAccount.objects.create(
        channel=channel, user=channel.owner, youtube_channel_id=f"UC{channel.pk:022d}", title="Fake Space History",
        encrypted_credentials=crypto.encrypt_json(credentials), scopes=SCOPES)
    return account, refresh


def make_render(video: Video, media_root, *, size: int = 5 * CHUNK + 12345, thumbnail: bool = True) -> Render:
    """A render's files in the media store (the folder, or the object store of the PostgreSQL pass)."""
    from faceless_site.mediastore.files import media_write

    media_write(f"renders/{video.pk}/video.mp4", os.urandom(size))
    if thumbnail:
        media_write(f"renders/{video.pk}/thumbnail.jpg", b"\xff\xd8\xff\xe0" + os.urandom(2000))
    return Render.objects.create(
        video=video, script_version=video.current_script.version if video.current_script else None,
        file=f"renders/{video.pk}/video.mp4", thumbnail=f"renders/{video.pk}/thumbnail.jpg" if thumbnail else "",
        duration_seconds=61.0, size_bytes=size, width=1920, height=1080, fps=30)


def make_approved_video(channel, media_root, **render_options) -> Video:
    video = make_video(channel=channel)
    make_script(video, title="The first satellite", description="How Sputnik changed everything.",
                tags=["space", "history", "sputnik 1957"])
    make_render(video, media_root, **render_options)
    Video.objects.filter(pk=video.pk).update(status=Video.Status.APPROVED, approved_at=datetime.now(UTC))
    video.refresh_from_db()
    return video


@pytest.fixture
def yt_channel(youtube):
    server = youtube
    server.state.data["playlists"].add("PLfaceless")
    channel = make_channel(publish_target="youtube", default_privacy="public", category_id="28",
                           made_for_kids=False, synthetic_media=True, playlist_id="PLfaceless", language="en",
                           timezone="Europe/Berlin", cadence=[{"weekday": 1, "time": "17:00"},
                                                              {"weekday": 4, "time": "09:30"}])
    _account, refresh = link_account(server, channel)
    channel.refresh_token_for_tests = refresh
    return channel
