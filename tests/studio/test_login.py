"""Signing in: password, wrong password, the rate limit, safe redirects, sign-out by POST only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def test_pages_need_a_signed_in_user(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/")


def test_sign_in_with_the_right_password_goes_to_next(client, alice):
    response = client.post("/login/", {"username": "alice", "password": PASSWORD, "next": "/calendar/"})
    assert response.status_code == 302
    assert response["Location"] == "/calendar/"
    assert client.get("/").status_code == 200


def test_an_offsite_next_is_ignored(client, alice):
    response = client.post("/login/", {"username": "alice", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_wrong_password_says_what_to_check_and_keeps_the_username(client, alice):
    response = client.post("/login/", {"username": "alice", "password": "nope"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "do not match" in body
    assert 'value="alice"' in body
    assert "_auth_user_id" not in client.session


def test_the_rate_limit_blocks_even_the_right_password_after_too_many_failures(client, alice, settings):
    settings.LOGIN_RATE_LIMIT = "3/15m"
    for _ in range(3):
        assert client.post("/login/", {"username": "alice", "password": "wrong"}).status_code == 400
    response = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "Wait 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_rate_limit_is_per_username(client, alice, bob, settings):
    settings.LOGIN_RATE_LIMIT = "2/15m"
    for _ in range(2):
        client.post("/login/", {"username": "alice", "password": "wrong"})
    assert client.post("/login/", {"username": "bob", "password": PASSWORD}).status_code == 302


def test_a_success_resets_the_failure_count(client, alice, settings):
    settings.LOGIN_RATE_LIMIT = "2/15m"
    client.post("/login/", {"username": "alice", "password": "wrong"})
    assert client.post("/login/", {"username": "alice", "password": PASSWORD}).status_code == 302
    client.post("/logout/")
    client.post("/login/", {"username": "alice", "password": "wrong"})
    assert client.post("/login/", {"username": "alice", "password": PASSWORD}).status_code == 302


def test_sign_out_is_post_only(as_alice):
    assert as_alice.get("/logout/").status_code == 405
    assert as_alice.post("/logout/").status_code == 302
    assert as_alice.get("/").status_code == 302


def test_the_login_form_carries_a_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/login/", {"username": "x", "password": "y"}).status_code == 403
    assert "csrfmiddlewaretoken" in client.get("/login/").content.decode()


def test_google_sign_in_shows_only_when_configured(client, settings):
    settings.GOOGLE_OAUTH_CLIENT_ID = ""
    assert "Sign in with Google" not in client.get("/login/").content.decode()
    settings.GOOGLE_OAUTH_CLIENT_ID = "client-id.apps.googleusercontent.com"
    body = client.get("/login/").content.decode()
    assert "Sign in with Google" in body
    assert 'action="/login/google-oauth2/"' in body
