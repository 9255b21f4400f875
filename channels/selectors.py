"""Reads scoped to what a user may see. Every page, API endpoint and admin queryset starts here so
that "another user's video id gives 404" holds everywhere."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from channels.models import Channel, ChannelMembership
from channels.permissions import can_edit, can_manage, can_view, role_for

__all__ = ["can_edit", "can_manage", "can_view", "channel_for_user", "channel_voice_warning", "channels_for_user",
           "role_for", "videos_for_user"]


def channel_voice_warning(channel: Channel) -> str:
    """What a person must know about the channel's voice: that nothing here reads its language (and
    narration will refuse), or that espeak-ng reads it robotically; with what to install. "" when a
    neural (or online) voice reads it."""
    from videos.voice.languages import voice_check

    check = voice_check(channel)
    return "" if check.ok else check.text()


def channels_for_user(user: Any) -> QuerySet[Channel]:
    """Channels the user owns or is a member of (all channels for staff), memberships prefetched so
    role checks on each row need no further query."""
    qs = Channel.objects.select_related("owner").prefetch_related(
        Prefetch("memberships", queryset=ChannelMembership.objects.only("id", "channel_id", "user_id", "role"))
    )
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if user.is_staff:
        return qs
    member_of = ChannelMembership.objects.filter(user=user).values("channel_id")
    return qs.filter(Q(owner=user) | Q(pk__in=member_of))


def channel_ids_for_user(user: Any) -> QuerySet:
    return channels_for_user(user).values("pk")


def videos_for_user(user: Any) -> QuerySet:
    from videos.models import Video

    if getattr(user, "is_staff", False) and user.is_authenticated:
        return Video.objects.select_related("channel")
    return Video.objects.select_related("channel").filter(channel__in=channel_ids_for_user(user))


def channel_for_user(user: Any, slug: str, *, edit: bool = False, manage: bool = False) -> Channel:
    """The channel, or 404 when the user may not see it (its existence is not revealed), or 403
    when they may see it but their role is too low for the action."""
    try:
        channel = channels_for_user(user).get(slug=slug)
    except Channel.DoesNotExist:
        raise Http404("No such channel.") from None
    if (manage and not can_manage(user, channel)) or (edit and not can_edit(user, channel)):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Your role on this channel does not allow this.")
    return channel
