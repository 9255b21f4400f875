"""GET /api/health for a load balancer's probe: no credentials, 200 or 503, the status and nothing more."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.conftest import ApiClient
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_probe_without_credentials_gets_200_and_only_the_overall_status():
    response = Client().get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": response.json()["status"]}
    assert response.json()["status"] in ("ok", "warn")


def test_a_probe_gets_503_when_a_required_service_is_down(settings, tmp_path):
    # Redis configured but nothing listening there (port 9 is discard, closed on this machine).
    settings.REDIS_URL = "redis://127.0.0.1:9/0"
    response = Client().get("/api/health")
    assert response.status_code == 503
    assert response.json() == {"status": "fail"}
    assert "127.0.0.1" not in response.content.decode()


def test_a_media_folder_that_cannot_be_written_fails_the_probe(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker / "media"
    settings.MEDIA_SCRATCH_DIR = blocker / "scratch"  # with an object store, the folder this machine writes
    assert Client().get("/api/health").status_code == 503


def test_an_optional_integration_down_does_not_fail_the_probe(settings):
    settings.MONGODB_URL = ""  # the document store: analytics and the catalog say so on their pages
    settings.OLLAMA_HOST = "http://127.0.0.1:9"
    response = Client().get("/api/health")
    assert response.status_code == 200 and set(response.json()) == {"status"}


def test_a_token_sees_every_check_and_staff_see_the_details(settings):
    settings.MONGODB_URL = ""
    data = ApiClient(make_user()).get("/health").json()
    assert data["status"] == "fail"  # the full report counts the document store
    assert {c["name"] for c in data["checks"]} >= {"database", "document store", "ffmpeg"}
    assert all(c["found"] == "" for c in data["checks"])
    staff = ApiClient(make_user(is_staff=True)).get("/health")
    assert staff.status_code == 200  # the document store is not needed to serve requests
    assert any(c["found"] for c in staff.json()["checks"])


def test_a_signed_in_user_with_a_required_service_down_gets_503_with_the_details(settings):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"
    response = ApiClient(make_user(is_staff=True)).get("/health")
    assert response.status_code == 503
    redis = next(c for c in response.json()["checks"] if c["name"] == "redis")
    assert redis["status"] == "fail" and redis["fix"]


def test_a_session_user_is_not_treated_as_anonymous():
    client = Client()
    client.force_login(make_user())
    assert "checks" in client.get("/api/health").json()
