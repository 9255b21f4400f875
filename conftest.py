"""Root fixtures: a temporary MEDIA_ROOT for every test, and small factories."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    settings.EXPORT_ROOT = tmp_path / "export"
    return settings.MEDIA_ROOT
