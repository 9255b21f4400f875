"""Two people with their own channels, and helpers to sign in as each."""

from __future__ import annotations

import pytest

from channels.models import ChannelMembership
from tests.factories import make_channel


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
