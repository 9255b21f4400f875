"""Linking a channel after Google's grant (the social-auth pipeline step), tokens encrypted at rest
with rotatable keys."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from social_django.models import UserSocialAuth
from social_django.utils import load_backend, load_strategy

from publishing import crypto
from publishing.models import YouTubeAccount
from publishing.services.accounts import youtube_accounts_rotate_keys
from publishing.social import link_youtube_channel
from publishing.youtube.accounts import account_client
from publishing.youtube.errors import ReconnectNeeded
from tests.factories import make_channel, make_user
from tests.publishing.conftest import SCOPES, link_account

pytestmark = pytest.mark.django_db


def strategy_for(user, channel_slug):
    request = RequestFactory().get("/complete/google-oauth2/")
    SessionMiddleware(lambda r: None).process_request(request)
    request.user = user
    request._messages = FallbackStorage(request)
    strategy = load_strategy(request)
    strategy.session_set("channel", channel_slug)
    return strategy, load_backend(strategy, "google-oauth2", redirect_uri="/complete/google-oauth2/"), request


def token_response(server):
    access, refresh = server.grant()
    return {"access_token": access, "refresh_token": refresh, "expires_in": 3599, "token_type": "Bearer",
            "scope": " ".join(SCOPES), "id_token": "header.payload.signature"}


@pytest.mark.clock
def test_the_grant_is_linked_to_the_channel_it_acts_as_and_stored_encrypted(youtube):
    channel = make_channel()
    strategy, backend, request = strategy_for(channel.owner, channel.slug)
    response = token_response(youtube)
    social = UserSocialAuth.objects.create(user=channel.owner, provider="google-oauth2", uid="sub-1",
                                           extra_data={"access_token": response["access_token"], "auth_time": 1})

    result = link_youtube_channel(strategy=strategy, backend=backend, response=response, user=channel.owner,
                                  social=social)

    account = YouTubeAccount.objects.get(channel=channel)
    assert result == {"youtube_account": account}
    assert (account.youtube_channel_id, account.title) == ("UCfakeChannel0000000000", "Fake Space History")
    [channels_call] = youtube.calls("GET", "/youtube/v3/channels")
    assert channels_call.query["mine"] == ["true"]
    assert channels_call.headers["authorization"] == f"Bearer {response['access_token']}"
    stored = crypto.decrypt_json(account.encrypted_credentials)
    assert stored["refresh_token"] == response["refresh_token"] and stored["token"] == response["access_token"]
    assert "id_token" not in stored and "client_secret" not in stored
    for secret in (response["access_token"], response["refresh_token"]):
        assert secret not in account.encrypted_credentials
    social.refresh_from_db()
    assert "access_token" not in social.extra_data  # no clear-text copy left in social-auth's table
    assert strategy.session_get("channel") is None
    assert [str(m) for m in request._messages] == [f"Connected YouTube channel “Fake Space History” to {channel.name}."]


@pytest.mark.clock
def test_a_user_links_several_channels_and_a_reconnect_clears_the_reconnect_state(youtube):
    owner = make_user()
    first, second = make_channel(owner=owner), make_channel(owner=owner)
    strategy, backend, _ = strategy_for(owner, first.slug)
    link_youtube_channel(strategy=strategy, backend=backend, response=token_response(youtube), user=owner)
    youtube.state.data["channel"] = {"id": "UCsecond000000000000000", "title": "Second"}
    strategy, backend, _ = strategy_for(owner, second.slug)
    link_youtube_channel(strategy=strategy, backend=backend, response=token_response(youtube), user=owner)
    assert sorted(YouTubeAccount.objects.filter(user=owner).values_list("title", flat=True)) == [
        "Fake Space History", "Second"]

    YouTubeAccount.objects.filter(channel=second).update(state="reconnect", last_error="revoked")
    strategy, backend, _ = strategy_for(owner, second.slug)
    link_youtube_channel(strategy=strategy, backend=backend, response=token_response(youtube), user=owner)
    account = YouTubeAccount.objects.get(channel=second)
    assert (account.state, account.last_error) == ("connected", "")


@pytest.mark.clock
def test_linking_refuses_with_a_message_and_stores_nothing(youtube):
    channel = make_channel()
    stranger = make_user()
    strategy, backend, request = strategy_for(stranger, channel.slug)
    link_youtube_channel(strategy=strategy, backend=backend, response=token_response(youtube), user=stranger)
    assert "Only the channel's owner can connect" in str(next(iter(request._messages)))

    strategy, backend, request = strategy_for(channel.owner, channel.slug)
    response = {**token_response(youtube), "refresh_token": None}
    link_youtube_channel(strategy=strategy, backend=backend, response=response, user=channel.owner)
    assert "no offline access" in str(next(iter(request._messages)))

    youtube.state.data["channel"] = None
    strategy, backend, request = strategy_for(channel.owner, channel.slug)
    link_youtube_channel(strategy=strategy, backend=backend, response=token_response(youtube), user=channel.owner)
    assert "has no YouTube channel" in str(next(iter(request._messages)))
    assert not YouTubeAccount.objects.exists()

    youtube.state.data["channel"] = {"id": "UCtaken", "title": "Taken"}
    other = make_channel(owner=channel.owner)
    strategy, backend, _ = strategy_for(channel.owner, other.slug)
    link_youtube_channel(strategy=strategy, backend=backend, response=token_response(youtube), user=channel.owner)
    strategy, backend, request = strategy_for(channel.owner, channel.slug)
    link_youtube_channel(strategy=strategy, backend=backend, response=token_response(youtube), user=channel.owner)
    assert "already linked to the Faceless channel" in str(next(iter(request._messages)))
    assert not YouTubeAccount.objects.filter(channel=channel).exists()


def test_without_a_channel_in_the_session_the_step_leaves_plain_sign_in_alone(youtube):
    user = make_user()
    strategy, backend, _ = strategy_for(user, None)
    assert link_youtube_channel(strategy=strategy, backend=backend, response=token_response(youtube), user=user) is None
    assert not youtube.requests


def test_keys_rotate_and_a_removed_key_asks_for_reconnect(youtube, settings):
    channel = make_channel()
    account, _ = link_account(youtube, channel)
    old_key = settings.TOKEN_ENCRYPTION_KEYS[0]
    settings.TOKEN_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old_key]
    before = crypto.decrypt_json(account.encrypted_credentials)
    assert youtube_accounts_rotate_keys() == 1
    settings.TOKEN_ENCRYPTION_KEYS = settings.TOKEN_ENCRYPTION_KEYS[:1]  # the old key is gone
    account.refresh_from_db()
    assert crypto.decrypt_json(account.encrypted_credentials) == before

    settings.TOKEN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ReconnectNeeded, match="cannot be decrypted"):
        account_client(account)
    account.refresh_from_db()
    assert account.state == YouTubeAccount.State.RECONNECT


def test_missing_or_malformed_keys_say_how_to_make_one(settings):
    settings.TOKEN_ENCRYPTION_KEYS = []
    with pytest.raises(ImproperlyConfigured, match=r"Fernet\.generate_key"):
        crypto.encrypt_json({"token": "x"})
    settings.TOKEN_ENCRYPTION_KEYS = ["not-a-key-secret-value"]
    with pytest.raises(ImproperlyConfigured) as raised:
        crypto.encrypt_json({"token": "x"})
    assert "entry 1 is not a Fernet key" in str(raised.value)
    assert "not-a-key-secret-value" not in str(raised.value)


PIPELINE = (
    "social_core.pipeline.social_auth.social_details", "social_core.pipeline.social_auth.social_uid",
    "social_core.pipeline.social_auth.auth_allowed", "social_core.pipeline.social_auth.social_user",
    # No create_user: only people already signed in to Faceless connect YouTube. No load_extra_data:
    # tokens are kept only encrypted, in publishing.YouTubeAccount.
    "social_core.pipeline.social_auth.associate_user", "publishing.social.link_youtube_channel",
)


def test_connect_starts_googles_consent_with_offline_access_and_remembers_the_channel(client, settings):
    """With the settings proposed for faceless_site/settings.py, the channel settings form's POST to
    social:begin sends the user to Google asking for the YouTube scopes and a refresh token."""
    from urllib.parse import parse_qs, urlsplit

    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_KEY = "faceless-test.apps.googleusercontent.com"
    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = "faceless-test-secret"
    settings.TOKEN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]  # connecting stores tokens encrypted
    settings.SOCIAL_AUTH_FIELDS_STORED_IN_SESSION = ["channel"]
    settings.SOCIAL_AUTH_PIPELINE = PIPELINE
    channel = make_channel()
    client.force_login(channel.owner)
    response = client.post("/login/google-oauth2/", {"channel": channel.slug, "next": "/"})

    assert response.status_code == 302
    url = urlsplit(response["Location"])
    query = parse_qs(url.query)
    assert f"{url.scheme}://{url.netloc}{url.path}" == settings.GOOGLE_OAUTH_AUTH_URL
    assert query["access_type"] == ["offline"] and query["prompt"] == ["consent"]
    assert {"https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.force-ssl",
            "https://www.googleapis.com/auth/yt-analytics.readonly"} <= set(query["scope"][0].split())
    assert client.session["channel"] == channel.slug


def test_an_editor_cannot_connect_or_replace_the_youtube_account_when_sign_in_completes(youtube):
    from channels.models import ChannelMembership

    channel = make_channel()
    editor = make_user()
    ChannelMembership.objects.create(channel=channel, user=editor, role=ChannelMembership.Role.EDITOR)
    strategy, backend, request = strategy_for(editor, channel.slug)

    result = link_youtube_channel(strategy=strategy, backend=backend, response=token_response(youtube), user=editor)

    assert result is None
    assert not YouTubeAccount.objects.filter(channel=channel).exists()
    assert [str(m) for m in request._messages] == [
        "Only the channel's owner can connect or replace its YouTube account; ask the owner to connect it."]

    link_account(youtube, channel)  # the owner's connection stays when an editor tries to replace it
    before = YouTubeAccount.objects.get(channel=channel).encrypted_credentials
    strategy, backend, _ = strategy_for(editor, channel.slug)
    link_youtube_channel(strategy=strategy, backend=backend, response=token_response(youtube), user=editor)
    assert YouTubeAccount.objects.get(channel=channel).encrypted_credentials == before


def test_an_editor_asking_to_connect_youtube_is_refused_before_going_to_google(client, settings, youtube):
    from channels.models import ChannelMembership

    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_KEY = "faceless-test.apps.googleusercontent.com"
    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = "faceless-test-secret"

    channel = make_channel()
    editor = make_user()
    ChannelMembership.objects.create(channel=channel, user=editor, role=ChannelMembership.Role.EDITOR)
    client.force_login(editor)

    response = client.post("/login/google-oauth2/", {"channel": channel.slug}, follow=True)

    assert response.redirect_chain == [(f"/channels/{channel.slug}/settings/", 302)]
    assert "Only the channel&#x27;s owner can connect or replace its YouTube account." in response.text
    assert client.session.get("channel") is None


@pytest.mark.parametrize("connecting", [False, True])
def test_google_routes_say_google_is_not_set_up_and_how_instead_of_redirecting(client, settings, connecting):
    settings.GOOGLE_OAUTH_CLIENT_ID = settings.GOOGLE_OAUTH_CLIENT_SECRET = ""
    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_KEY = settings.SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = ""
    channel = make_channel()
    client.force_login(channel.owner)

    begin = client.post("/login/google-oauth2/", {"channel": channel.slug} if connecting else {})
    complete = client.get("/complete/google-oauth2/?code=x&state=y")

    for response in (begin, complete):
        assert response.status_code == 503
        assert "Location" not in response.headers
        assert "Google sign-in is not set up on this server" in response.text
        assert "<code>GOOGLE_OAUTH_CLIENT_ID</code>" in response.text
        assert "http://testserver/complete/google-oauth2/" in response.text
    assert "<code>GOOGLE_OAUTH_CLIENT_SECRET</code>" in begin.text and "<code>GOOGLE_OAUTH_CLIENT_SECRET</code>" \
        in complete.text
    assert ("TOKEN_ENCRYPTION_KEYS" in begin.text) == (connecting and not settings.TOKEN_ENCRYPTION_KEYS)
