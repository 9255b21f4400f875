"""Coming back from Google (`/complete/google-oauth2/`) when it went wrong: a forged or lost state, a
declined consent, a rejected code, a token endpoint that refuses this server's client (401). Each is
a 400 page in plain words with the way back to the channel, never a 500; what an operator needs goes
to the log."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from publishing.models import YouTubeAccount
from tests.factories import make_channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def google(settings, youtube):
    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_KEY = settings.GOOGLE_OAUTH_CLIENT_ID
    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = settings.GOOGLE_OAUTH_CLIENT_SECRET
    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_ACCESS_TOKEN_URL = settings.GOOGLE_OAUTH_TOKEN_URL
    settings.SOCIAL_AUTH_VERIFY_SSL = settings.YOUTUBE_CA_CERTS
    return youtube


def _begin(client, channel) -> str:
    client.force_login(channel.owner)
    response = client.post("/login/google-oauth2/", {"channel": channel.slug})
    return parse_qs(urlsplit(response["Location"]).query)["state"][0]


@pytest.mark.parametrize(("case", "words"), [
    ("forged state", "did not come from this studio"),
    ("no state", "did not come from this studio"),
    ("declined", "Google was not given permission"),
    ("code rejected", "Google did not accept the sign-in"),
    ("client refused", "Google refused this studio&#x27;s sign-in request"),
])
def test_a_failed_return_from_google_is_a_400_page_with_the_way_back(client, settings, google, case, words):
    channel = make_channel()
    state = _begin(client, channel)
    query = {"state": state, "code": "4/0AX4XfWg-planted-code"}
    if case == "forged state":
        query["state"] = "forged-state-value"
    elif case == "no state":
        del query["state"]
    elif case == "declined":
        query = {"state": state, "error": "access_denied"}
    elif case == "client refused":
        settings.SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = "not-the-client-secret"  # the token endpoint answers 401
    response = client.get("/complete/google-oauth2/", query)
    assert response.status_code == 400, response.content[:300]
    page = response.content.decode()
    assert words in page and "YouTube is not connected" in page
    assert f'href="/channels/{channel.slug}/settings/"' in page
    assert "planted-code" not in page and "GOOGLE_OAUTH" not in page  # no operator detail for a creator
    assert not YouTubeAccount.objects.filter(channel=channel).exists()


def test_the_operator_reads_why_in_the_log(client, settings, google, caplog):
    channel = make_channel()
    state = _begin(client, channel)
    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = "not-the-client-secret"
    with caplog.at_level("WARNING"):
        client.get("/complete/google-oauth2/", {"state": state, "code": "4/0AX4XfWg-planted-code"})
    [record] = [r for r in caplog.records if r.name == "publishing.social"]
    assert "invalid_setting" in str(record.msg) and "doctor --check-keys" in str(record.msg)
