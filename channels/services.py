"""Writes on channels: creating one (its owner becomes its first member) and changing its settings.
The studio pages, the API and the admin call these, so all of them validate the same way."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import structlog
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from channels.models import Channel, ChannelMembership

log = structlog.get_logger(__name__)

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


# --- Voice samples (the settings page's voice preview) ----------------------------------------------

VOICE_SAMPLE_TEXT = "Here is how this channel sounds. Every scene is narrated in this voice."
PREVIEWS = "previews"
# Samples are kept a day, at most this many (the least recently played go first).
PREVIEW_KEEP_SECONDS = 24 * 3600
PREVIEW_KEEP_FILES = 50


@dataclass(frozen=True)
class VoiceSample:
    relative: str = ""  # under MEDIA_ROOT
    error: str = ""
    warning: str = ""  # the chosen voice could not speak and espeak-ng did


def _voice_draft(channel: Channel, voice_engine: str, voice_name: str, voice_rate: int) -> Channel:
    """An unsaved copy of the channel with other voice fields, so a sample plays before saving."""
    draft = Channel(**{f.attname: getattr(channel, f.attname) for f in Channel._meta.concrete_fields})
    draft.voice_engine, draft.voice_name, draft.voice_rate = voice_engine, voice_name, voice_rate
    return draft


def _sample_name(draft: Channel) -> str:
    """The sample's name in the media store (previews/voice-<digest>.wav)."""
    from videos.voice import voice_signature

    digest = hashlib.sha256(voice_signature(draft).encode()).hexdigest()[:24]
    return f"{PREVIEWS}/voice-{digest}.wav"


def _fallback_name(name: str) -> str:
    return name.removesuffix(".wav") + "-fallback.wav"


def _require_editor(channel: Channel, user: Any) -> None:
    from channels.permissions import can_edit

    # A sample of a cloud voice is paid for with the operator's credit: not for viewers.
    if not can_edit(user, channel):
        raise PermissionDenied("Only the channel's editors and owners can listen to voice samples.")


def voice_sample_find(*, channel: Channel, user: Any, voice_engine: str, voice_name: str, voice_rate: int) -> str:
    """The kept sample of these voice settings (its name in the media store), or "" when there is none;
    never makes one."""
    from faceless_site.mediastore import files

    _require_editor(channel, user)
    name = _sample_name(_voice_draft(channel, voice_engine, voice_name, voice_rate))
    return next((kept for kept in (name, _fallback_name(name)) if files.media_exists(kept)), "")


def voice_sample_create(*, channel: Channel, user: Any, voice_engine: str, voice_name: str,
                        voice_rate: int) -> VoiceSample:
    """A sample of the channel speaking with these voice settings (saved or not). Made once per voice
    setting and kept in the media store (previews/, a day at most, so any web server can play it);
    each person makes at most VOICE_PREVIEW_RATE_LIMIT new ones. Editors and owners only."""
    from faceless_site.mediastore import files

    _require_editor(channel, user)
    draft = _voice_draft(channel, voice_engine, voice_name, voice_rate)
    name = _sample_name(draft)
    if files.media_exists(name):
        return VoiceSample(name)
    refusal = _spend_preview_budget(user)
    if refusal:
        return VoiceSample(error=refusal)
    from videos.voice import VoiceError, get_voice

    warnings: list[str] = []
    path = files.media_output(name)
    try:
        get_voice(draft, on_fallback=warnings.append).synthesize(VOICE_SAMPLE_TEXT, path)
    except VoiceError as exc:
        path.unlink(missing_ok=True)
        # The whole message for the operator; the page shows a creator the plain part (faceless_site.wording).
        log.warning("voice_preview.failed", channel_id=channel.pk, engine=voice_engine, error=exc.message)
        return VoiceSample(error=exc.message)
    finally:
        _prune_samples(keep={name, _fallback_name(name)})
    if warnings:  # a fallback sample is not the chosen voice's: the next try asks the chosen voice again
        log.warning("voice_preview.fell_back", channel_id=channel.pk, engine=voice_engine, warning=warnings[0])
        files.media_save(path, _fallback_name(name), content_type="audio/wav")
        return VoiceSample(_fallback_name(name), warning=warnings[0])
    files.media_save(path, name, content_type="audio/wav")
    return VoiceSample(name)


def _spend_preview_budget(user: Any) -> str:
    """Count one new sample against the person's VOICE_PREVIEW_RATE_LIMIT; why not, when it is spent."""
    from faceless_site.auth import parse_rate

    limit, window = parse_rate(settings.VOICE_PREVIEW_RATE_LIMIT, name="VOICE_PREVIEW_RATE_LIMIT")
    key = f"voice-previews:{user.pk}"
    # add() starts the window with the first sample; incr() keeps its expiry.
    if cache.add(key, 1, timeout=window):
        return ""
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=window)
        return ""
    if count <= limit:
        return ""
    every = "an hour" if window == 3600 else f"every {max(1, window // 60)} minutes"
    return (f"You can make {limit} new voice samples {every}, and that many were made. The samples made already "
            "still play; try another voice again later.")


def _prune_samples(*, keep: set[str]) -> None:
    """Samples older than a day go, and beyond the newest PREVIEW_KEEP_FILES."""
    from faceless_site.mediastore import files

    now = time.time()
    samples = [entry for entry in files.media_list(f"{PREVIEWS}/")
               if Path(entry.name).name.startswith("voice-") and entry.name.endswith(".wav")]
    samples.sort(key=lambda entry: entry.modified, reverse=True)  # newest first
    for position, entry in enumerate(samples):
        if entry.name not in keep and (now - entry.modified > PREVIEW_KEEP_SECONDS or position >= PREVIEW_KEEP_FILES):
            files.media_delete(entry.name)
