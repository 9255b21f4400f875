"""API clients that authenticate with a personal token, as scripts do."""

from __future__ import annotations

import pytest
from django.test import Client

from faceless_site.auth import api_token_create


class ApiClient:
    def __init__(self, user):
        _token, raw = api_token_create(user=user, name="tests")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.user = user

    def get(self, path, params=None):
        return self.client.get(f"/api{path}", params or {})

    def post(self, path, data=None):
        return self.client.post(f"/api{path}", data or {}, content_type="application/json")

    def patch(self, path, data):
        return self.client.patch(f"/api{path}", data, content_type="application/json")


@pytest.fixture
def api(alice):
    return ApiClient(alice)


@pytest.fixture
def bob_api(bob):
    return ApiClient(bob)
