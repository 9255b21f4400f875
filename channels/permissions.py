"""Who may do what on a channel. One answer for the pages, the admin and the API.

Roles come from ChannelMembership; the channel's `owner` field always counts as owner even if the
membership row is missing, and staff may do everything (operators support every channel).
"""

from __future__ import annotations

from typing import Any

from channels.models import Channel, ChannelMembership

Role = ChannelMembership.Role
_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.OWNER: 3}


def role_for(user: Any, channel: Channel) -> str | None:
    """The user's role on the channel ("owner", "editor", "viewer") or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_staff or channel.owner_id == user.pk:
        return Role.OWNER
    # A prefetched `memberships` (see channels_for_user) answers without a query per channel.
    for membership in channel.memberships.all():
        if membership.user_id == user.pk:
            return membership.role
    return None


def _at_least(user: Any, channel: Channel, role: str) -> bool:
    found = role_for(user, channel)
    return found is not None and _RANK[found] >= _RANK[role]


def can_view(user: Any, channel: Channel) -> bool:
    return _at_least(user, channel, Role.VIEWER)


def can_edit(user: Any, channel: Channel) -> bool:
    """Edit scripts, run jobs, approve, schedule and publish."""
    return _at_least(user, channel, Role.EDITOR)


def can_manage(user: Any, channel: Channel) -> bool:
    """Change the channel's settings and its YouTube connection."""
    return _at_least(user, channel, Role.OWNER)
