"""The social-auth pipeline step that turns a Google grant into a linked YouTube channel.

The channel to link comes from the session key "channel" (a slug): the connect form posts it to
`social:begin` and SOCIAL_AUTH_FIELDS_STORED_IN_SESSION = ["channel"] keeps it across the round
trip to Google. Without it the step does nothing, so plain Google sign-in still works.
The tokens go only into YouTubeAccount, encrypted; the pipeline should leave out social-core's
`load_extra_data` so they are never stored in clear in UserSocialAuth.extra_data.
"""

from __future__ import annotations

from typing import Any

import structlog
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from social_core.exceptions import (
    AuthAssociationError,
    AuthCanceled,
    AuthConfigurationError,
    AuthCredentialError,
    AuthInputError,
    AuthProviderError,
    AuthResponseError,
    AuthSessionError,
    SocialAuthBaseException,
)
from social_django import views as social_views

from channels.models import Channel
from channels.permissions import can_manage
from publishing.models import YouTubeAccount
from publishing.services.accounts import credentials_from_token_response, youtube_account_link

log = structlog.get_logger(__name__)

SESSION_KEY = "channel"
TOKEN_KEYS = ("access_token", "refresh_token", "id_token", "expires", "expires_in", "token_type", "auth_time")


def _manageable_channel(user: Any, slug: str) -> Channel | None:
    """The channel, if the user may change its YouTube connection: the same rule as the settings
    page and the disconnect button (channels.permissions.can_manage, owners only)."""
    channel = Channel.objects.filter(slug=slug).first()
    if channel is None or user is None or not can_manage(user, channel):
        return None
    return channel


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
    channel = _manageable_channel(user, slug)
    if channel is None:
        _say(request, messages.ERROR, "Only the channel's owner can connect or replace its YouTube account; "
                                      "ask the owner to connect it.")
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


def google_missing_settings(*, connecting: bool = False) -> list[str]:
    """The settings still empty for Google sign-in, and to connect a channel, for encrypting its
    tokens. Named as the operator sets them: social-auth reads GOOGLE_OAUTH_CLIENT_ID and _SECRET as
    SOCIAL_AUTH_GOOGLE_OAUTH2_KEY and _SECRET."""
    needed = {"GOOGLE_OAUTH_CLIENT_ID": settings.SOCIAL_AUTH_GOOGLE_OAUTH2_KEY,
              "GOOGLE_OAUTH_CLIENT_SECRET": settings.SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET}
    if connecting:
        needed["TOKEN_ENCRYPTION_KEYS"] = settings.TOKEN_ENCRYPTION_KEYS
    return [name for name, value in needed.items() if not value]


def _not_set_up(request: HttpRequest, missing: list[str]) -> HttpResponse:
    context = {"missing": missing,
               "redirect_uri": request.build_absolute_uri(reverse("social:complete", args=["google-oauth2"]))}
    return TemplateResponse(request, "account/google_not_set_up.html", context, status=503)


@never_cache
@login_not_required
@require_POST
def begin(request: HttpRequest, backend: str) -> HttpResponse:
    """social-auth's begin view, after two checks it cannot make: Google is set up on this server,
    and whoever asks to connect a channel may change its YouTube connection."""
    slug = request.POST.get(SESSION_KEY, "")
    if backend == "google-oauth2":
        missing = google_missing_settings(connecting=bool(slug))
        if missing:
            return _not_set_up(request, missing)
    if slug:
        channel = Channel.objects.filter(slug=slug).first()
        if channel is None or not can_manage(request.user, channel):
            messages.error(request, "Only the channel's owner can connect or replace its YouTube account.")
            return redirect("channel_settings", slug=slug) if channel is not None else redirect("dashboard")
    return social_views.auth(request, backend)


@never_cache
@login_not_required
@csrf_exempt
def complete(request: HttpRequest, backend: str, *args: Any, **kwargs: Any) -> HttpResponse:
    if backend == "google-oauth2" and (missing := google_missing_settings()):
        return _not_set_up(request, missing)
    try:
        return social_views.complete(request, backend, *args, **kwargs)
    except SocialAuthBaseException as exc:
        # social-core raises one typed error for every way the return from Google can fail; nothing
        # else turns it into a page (social-django's middleware re-raises in DEBUG and answers 5xx).
        return _failed(request, exc)


# What the person who pressed "Connect YouTube" is told, by social-core's error family.
FAILURES: tuple[tuple[type[SocialAuthBaseException], str], ...] = (
    (AuthCanceled, "Google was not given permission to connect the channel."),
    (AuthSessionError, "The answer from Google did not come from this studio's sign-in (it was opened twice, or "
                       "the sign-in took too long)."),
    (AuthInputError, "The answer from Google did not come from this studio's sign-in (a part of it is missing)."),
    (AuthCredentialError, "Google did not accept the sign-in: the link was used already or has expired."),
    (AuthAssociationError, "This Google account is already linked to another user of this studio."),
    (AuthConfigurationError, "Google refused this studio's sign-in request. An operator needs to check this "
                             "server's Google sign-in settings; try again once they have."),
    (AuthProviderError, "Google could not be reached or did not answer properly; try again in a few minutes."),
    (AuthResponseError, "Google could not be reached or did not answer properly; try again in a few minutes."),
)


def _failed(request: HttpRequest, exc: SocialAuthBaseException) -> HttpResponse:
    reason = next((text for family, text in FAILURES if isinstance(exc, family)), "Signing in with Google did "
                                                                                   "not finish.")
    operator_fix = ("run `manage.py doctor --check-keys`: Google refused GOOGLE_OAUTH_CLIENT_ID / "
                    "GOOGLE_OAUTH_CLIENT_SECRET" if isinstance(exc, AuthConfigurationError) else "")
    log.warning("social.complete_failed", error=type(exc).__name__, code=exc.code, stage=exc.stage,
                provider_status=exc.status_code, fix=operator_fix)
    slug = request.session.get(SESSION_KEY) or ""
    channel = _manageable_channel(request.user, slug) if slug and request.user.is_authenticated else None
    context = {"reason": reason, "channel": channel,
               "detail": f"{type(exc).__name__} ({exc.code}, {exc.stage})" if request.user.is_staff else ""}
    return TemplateResponse(request, "account/google_failed.html", context, status=400)


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
