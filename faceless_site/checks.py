"""System checks that refuse an unsafe production configuration."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=False)
def production_secrets(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    errors = []
    if settings.SECRET_KEY == settings.DEV_SECRET_KEY or len(settings.SECRET_KEY) < 32:
        errors.append(Error(
            "DJANGO_SECRET_KEY is the development key (or too short) while DJANGO_DEBUG is off.",
            hint="Set DJANGO_SECRET_KEY to a long random value (python -c 'import secrets; "
                 "print(secrets.token_urlsafe(50))'), or run `make setup` to write a local .env.",
            id="faceless.E001",
        ))
    if not settings.ALLOWED_HOSTS:
        errors.append(Error(
            "DJANGO_ALLOWED_HOSTS is empty while DJANGO_DEBUG is off.",
            hint="Set DJANGO_ALLOWED_HOSTS to the host names the site answers on, e.g. studio.example.com.",
            id="faceless.E002",
        ))
    return errors
