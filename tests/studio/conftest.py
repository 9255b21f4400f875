"""Two people with their own channels, and helpers to sign in as each."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from channels.models import ChannelMembership
from tests.factories import make_channel, make_user


@pytest.fixture(autouse=True)
def clear_cache():
    # Sign-in failures are counted in the cache; each test starts from none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice(db):
    return make_user(username="alice")


@pytest.fixture
def bob(db):
    return make_user(username="bob")


@pytest.fixture
def channel(alice):
    return make_channel(owner=alice, name="Lighthouses", slug="lighthouses")


@pytest.fixture
def bobs_channel(bob):
    return make_channel(owner=bob, name="Bob's birds", slug="birds")


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def as_bob(client, bob):
    client.force_login(bob)
    return client


def add_member(channel, user, role):
    return ChannelMembership.objects.create(channel=channel, user=user, role=role)
