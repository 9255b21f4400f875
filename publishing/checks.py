"""System checks: YouTube publishing configured halfway fails later, in a worker, at upload time;
say so at startup instead."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register
from django.core.exceptions import ImproperlyConfigured


@register()
def youtube_settings(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if not settings.GOOGLE_OAUTH_CLIENT_ID:
        return []  # YouTube is off; local export needs none of this
    problems = []
    if not settings.GOOGLE_OAUTH_CLIENT_SECRET:
        problems.append(Warning("GOOGLE_OAUTH_CLIENT_ID is set but GOOGLE_OAUTH_CLIENT_SECRET is empty.",
                                hint="Set the client secret from the Google Cloud console.", id="publishing.W001"))
    from publishing import crypto

    try:
        crypto._fernet()
    except ImproperlyConfigured as exc:
        problems.append(Warning(str(exc), hint="YouTube tokens are stored encrypted with this key.",
                                id="publishing.W002"))
    return problems
