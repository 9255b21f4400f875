"""The social-auth pipeline step that turns a Google grant into a linked YouTube channel.

The channel to link comes from the session key "channel" (a slug): the connect form posts it to
`social:begin` and SOCIAL_AUTH_FIELDS_STORED_IN_SESSION = ["channel"] keeps it across the round
trip to Google. Without it the step does nothing, so plain Google sign-in still works.
The tokens go only into YouTubeAccount, encrypted; the pipeline should leave out social-core's
`load_extra_data` so they are never stored in clear in UserSocialAuth.extra_data.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError

from channels.models import Channel, ChannelMembership
from publishing.models import YouTubeAccount
from publishing.services.accounts import credentials_from_token_response, youtube_account_link

SESSION_KEY = "channel"
TOKEN_KEYS = ("access_token", "refresh_token", "id_token", "expires", "expires_in", "token_type", "auth_time")


def _editable_channel(user: Any, slug: str) -> Channel | None:
    channel = Channel.objects.filter(slug=slug).first()
    if channel is None or user is None or not getattr(user, "is_authenticated", False):
        return None
    if channel.owner_id == user.pk or user.is_superuser:
        return channel
    allowed = ChannelMembership.objects.filter(channel=channel, user=user, role__in=[
        ChannelMembership.Role.OWNER, ChannelMembership.Role.EDITOR]).exists()
    return channel if allowed else None


def link_youtube_channel(strategy: Any, backend: Any, response: dict[str, Any], user: Any = None,
                         social: Any = None, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
    slug = strategy.session_get(SESSION_KEY)
    if backend.name != "google-oauth2" or not slug:
        return None
    strategy.session_set(SESSION_KEY, None)
    request = getattr(strategy, "request", None)
    if social is not None and any(key in (social.extra_data or {}) for key in TOKEN_KEYS):
        social.extra_data = {k: v for k, v in social.extra_data.items() if k not in TOKEN_KEYS}
        social.save(update_fields=["extra_data"])
    channel = _editable_channel(user, slug)
    if channel is None:
        _say(request, messages.ERROR, "You cannot connect YouTube for that channel (sign in as an owner or editor).")
        return None
    previous = YouTubeAccount.objects.filter(channel=channel).first()
    try:
        credentials = credentials_from_token_response(response, previous=_previous_credentials(previous))
        account = youtube_account_link(channel=channel, user=user, credentials=credentials)
    except ValidationError as exc:
        _say(request, messages.ERROR, " ".join(exc.messages))
        return None
    _say(request, messages.SUCCESS, f"Connected YouTube channel “{account.title}” to {channel.name}.")
    return {"youtube_account": account}


def _previous_credentials(account: YouTubeAccount | None) -> dict[str, Any] | None:
    from publishing import crypto

    if account is None:
        return None
    try:
        return crypto.decrypt_json(account.encrypted_credentials)
    except crypto.CredentialsUnreadable:
        return None


def _say(request: Any, level: int, text: str) -> None:
    if request is not None and hasattr(request, "_messages"):
        messages.add_message(request, level, text)
