from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from channels.models import ChannelMembership
from channels.services import channel_create, channel_member_set, channel_update
from tests.factories import make_channel, make_user

pytestmark = pytest.mark.django_db


def test_create_makes_the_owner_a_member_and_a_unique_slug():
    owner = make_user()
    first = channel_create(owner=owner, name="Space Stories", niche="space")
    second = channel_create(owner=owner, name="Space Stories", niche="space")
    assert (first.slug, second.slug) == ("space-stories", "space-stories-2")
    assert ChannelMembership.objects.get(channel=first, user=owner).role == "owner"


def test_create_validates_like_the_model():
    with pytest.raises(ValidationError) as raised:
        channel_create(owner=make_user(), name="Bad", niche="x", primary_color="red", timezone="Mars/Base")
    assert {"primary_color", "timezone"} <= set(raised.value.message_dict)


def test_only_the_owner_changes_settings():
    channel = make_channel()
    editor = make_user()
    ChannelMembership.objects.create(channel=channel, user=editor, role="editor")
    with pytest.raises(PermissionDenied):
        channel_update(channel=channel, user=editor, niche="other")
    channel_update(channel=channel, user=channel.owner, niche="ocean life", aspect_ratio="9:16")
    channel.refresh_from_db()
    assert (channel.niche, channel.frame_size) == ("ocean life", (1080, 1920))
    with pytest.raises(ValidationError):
        channel_update(channel=channel, user=channel.owner, owner=editor)
    with pytest.raises(ValidationError):
        channel_update(channel=channel, user=channel.owner, cadence=[{"weekday": 9, "time": "25:00"}])


def test_members_are_added_changed_and_removed_by_the_owner():
    channel = make_channel()
    member = make_user()
    channel_member_set(channel=channel, user=channel.owner, member=member, role="viewer")
    channel_member_set(channel=channel, user=channel.owner, member=member, role="editor")
    assert ChannelMembership.objects.get(channel=channel, user=member).role == "editor"
    with pytest.raises(PermissionDenied):
        channel_member_set(channel=channel, user=member, member=make_user(), role="editor")
    channel_member_set(channel=channel, user=channel.owner, member=member, role=None)
    assert not ChannelMembership.objects.filter(channel=channel, user=member).exists()
