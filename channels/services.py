"""Writes on channels: creating one (its owner becomes its first member) and changing its settings.
The studio pages, the API and the admin call these, so all of them validate the same way."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from channels.models import Channel, ChannelMembership

# Fields a channel's settings may change; ownership and the slug change only through the admin.
NOT_EDITABLE = {"id", "owner", "members", "slug", "created_at", "updated_at"}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:50] or "channel"
    slug, n = base, 2
    while Channel.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def channel_create(*, owner: Any, name: str, **fields: Any) -> Channel:
    """Create a channel owned by `owner`, who becomes its first member with the owner role."""
    if not getattr(owner, "is_authenticated", False):
        raise PermissionDenied("Sign in to create a channel.")
    unknown = set(fields) - {f.name for f in Channel._meta.get_fields()} | (set(fields) & NOT_EDITABLE - {"slug"})
    if unknown:
        raise ValidationError(f"Unknown channel settings: {', '.join(sorted(unknown))}.")
    slug = fields.pop("slug", "") or _unique_slug(name)
    channel = Channel(owner=owner, name=name.strip(), slug=slug, **fields)
    channel.full_clean()
    try:
        with transaction.atomic():
            channel.save()
            ChannelMembership.objects.create(channel=channel, user=owner, role=ChannelMembership.Role.OWNER)
    except IntegrityError:
        raise ValidationError({"slug": f"The address “{slug}” is taken; choose another."}) from None
    return channel


def channel_update(*, channel: Channel, user: Any, **fields: Any) -> Channel:
    """Change a channel's settings. Only its owner (or staff) may."""
    from channels.permissions import can_manage

    if not can_manage(user, channel):
        raise PermissionDenied("Only the channel's owner can change its settings.")
    bad = set(fields) & NOT_EDITABLE | (set(fields) - {f.name for f in Channel._meta.get_fields()})
    if bad:
        raise ValidationError(f"These settings cannot be changed here: {', '.join(sorted(bad))}.")
    for name, value in fields.items():
        setattr(channel, name, value)
    channel.full_clean(exclude=["slug"])
    channel.save(update_fields=[*fields, "updated_at"])
    return channel


def channel_member_set(*, channel: Channel, user: Any, member: Any, role: str | None) -> None:
    """Add a member with a role, change their role, or remove them (role None). Owner only."""
    from channels.permissions import can_manage

    if not can_manage(user, channel):
        raise PermissionDenied("Only the channel's owner can change who works on it.")
    if member == channel.owner:
        raise ValidationError("The owner always stays a member; transfer ownership in the admin.")
    if role is None:
        ChannelMembership.objects.filter(channel=channel, user=member).delete()
        return
    if role not in ChannelMembership.Role.values:
        raise ValidationError(f"Unknown role {role!r}; use owner, editor or viewer.")
    ChannelMembership.objects.update_or_create(channel=channel, user=member, defaults={"role": role})
