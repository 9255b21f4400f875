"""A connected account's client: decrypts its grant, saves refreshed tokens encrypted, and puts the
account in the visible "reconnect" state when Google refuses the grant."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from faceless_site.redaction import redact_text
from publishing import crypto
from publishing.models import YouTubeAccount
from publishing.youtube.client import YouTubeClient, credentials_from_dict
from publishing.youtube.errors import ReconnectNeeded


def account_client(account: YouTubeAccount, **options: Any) -> YouTubeClient:
    """Raise ReconnectNeeded if the account is waiting to be reconnected or its grant is unreadable."""
    if account.needs_reconnect:
        raise ReconnectNeeded(account.last_error or "This channel's YouTube access must be connected again.")
    try:
        data = crypto.decrypt_json(account.encrypted_credentials)
    except crypto.CredentialsUnreadable as exc:
        account_mark_reconnect(account=account, message=str(exc))
        raise ReconnectNeeded(str(exc)) from None

    def save(new: dict[str, Any]) -> None:
        YouTubeAccount.objects.filter(pk=account.pk).update(
            encrypted_credentials=crypto.encrypt_json(new), refreshed_at=timezone.now(), updated_at=timezone.now()
        )

    return YouTubeClient(credentials_from_dict(data), on_refresh=save, **options)


def account_mark_reconnect(*, account: YouTubeAccount, message: str) -> None:
    message = redact_text(message)  # Google's error text, shown on the channel's page
    YouTubeAccount.objects.filter(pk=account.pk).update(
        state=YouTubeAccount.State.RECONNECT, last_error=message, updated_at=timezone.now()
    )
    account.state, account.last_error = YouTubeAccount.State.RECONNECT, message
