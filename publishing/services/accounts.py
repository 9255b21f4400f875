"""Linking a Faceless channel to the YouTube channel an OAuth grant acts as."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from channels.models import Channel
from publishing import crypto
from publishing.models import YouTubeAccount
from publishing.youtube.client import YouTubeClient, credentials_from_dict
from publishing.youtube.errors import YouTubeError
from publishing.youtube.upload import my_channel


def credentials_from_token_response(response: dict[str, Any], *,
                                    previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The parts of Google's token answer worth keeping (no id_token, no client secret)."""
    refresh = response.get("refresh_token") or (previous or {}).get("refresh_token")
    if not refresh:
        raise ValidationError(
            "Google granted no offline access (no refresh token), so uploads could not run unattended. "
            "Remove Faceless at https://myaccount.google.com/permissions and connect again.")
    expires_in = int(response.get("expires_in") or 0)
    expiry = datetime.now(UTC) + timedelta(seconds=expires_in) if expires_in else None
    scope = response.get("scope") or ""
    return {"token": response.get("access_token"), "refresh_token": refresh,
            "expiry": expiry.isoformat() if expiry else None,
            "scopes": scope.split() if isinstance(scope, str) else list(scope)}


def youtube_account_link(*, channel: Channel, user: Any, credentials: dict[str, Any]) -> YouTubeAccount:
    """Read which YouTube channel the grant acts as and link it to `channel` (replacing an earlier
    grant for the same channel, and clearing a "reconnect" state)."""
    client = YouTubeClient(credentials_from_dict(credentials))
    try:
        found = my_channel(client)
    except YouTubeError as exc:
        raise ValidationError(f"Could not read your YouTube channel: {exc.message}") from exc
    if found is None:
        raise ValidationError("This Google account has no YouTube channel. Create one at youtube.com (or pick "
                              "the brand account that owns the channel when Google asks), then connect again.")
    client.save_if_refreshed()
    stored = {**credentials, "token": client.credentials.token}
    with transaction.atomic():
        other = YouTubeAccount.objects.filter(youtube_channel_id=found["id"]).exclude(channel=channel).first()
        if other is not None:
            raise ValidationError(f"The YouTube channel “{found['snippet']['title']}” is already linked to the "
                                  f"Faceless channel “{other.channel}”. Disconnect it there first.")
        account, _ = YouTubeAccount.objects.update_or_create(channel=channel, defaults={
            "user": user, "youtube_channel_id": found["id"], "title": found["snippet"].get("title", ""),
            "encrypted_credentials": crypto.encrypt_json(stored), "scopes": stored.get("scopes", []),
            "state": YouTubeAccount.State.CONNECTED, "last_error": "", "refreshed_at": timezone.now(),
        })
    return account


def youtube_account_disconnect(*, channel: Channel) -> None:
    """Forget the grant (uploads fall back to waiting until a new one is linked)."""
    YouTubeAccount.objects.filter(channel=channel).delete()


def youtube_accounts_rotate_keys() -> int:
    """Re-encrypt every stored grant with the newest TOKEN_ENCRYPTION_KEYS key."""
    count = 0
    for account in YouTubeAccount.objects.all():
        YouTubeAccount.objects.filter(pk=account.pk).update(
            encrypted_credentials=crypto.rotate(account.encrypted_credentials))
        count += 1
    return count
