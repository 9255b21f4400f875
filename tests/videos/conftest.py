"""Fixtures shared by the video tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def google(monkeypatch):
    """gTTS's HTTPS to Google's fixed host goes through a CONNECT proxy on this machine to a fake
    that answers as Google's batchexecute endpoint does; the real gTTS and requests send it."""
    import trustme

    from tests.fakes.google_tts import google_tts

    with google_tts(trustme.CA()) as (server, proxy):
        for name in ("HTTPS_PROXY", "https_proxy"):
            monkeypatch.setenv(name, proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        yield server, proxy
