from __future__ import annotations

from cryptography.fernet import Fernet

from publishing.checks import youtube_settings


def test_half_configured_youtube_is_reported_at_startup(settings):
    settings.GOOGLE_OAUTH_CLIENT_ID = ""
    assert youtube_settings() == []
    settings.GOOGLE_OAUTH_CLIENT_ID, settings.GOOGLE_OAUTH_CLIENT_SECRET = "id.apps.googleusercontent.com", ""
    settings.TOKEN_ENCRYPTION_KEYS = ["secret-but-malformed"]
    problems = youtube_settings()
    assert [p.id for p in problems] == ["publishing.W001", "publishing.W002"]
    assert all("secret-but-malformed" not in p.msg for p in problems)
    settings.GOOGLE_OAUTH_CLIENT_SECRET = "s"
    settings.TOKEN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    assert youtube_settings() == []
