"""Library search on the Asset table (full-text on PostgreSQL, icontains elsewhere), and the assets
a channel used in its recent videos."""

from __future__ import annotations

import itertools

import pytest

from assets.models import Asset
from assets.selectors import asset_search, asset_used_in_recent_videos
from tests.factories import make_channel, make_script, make_video

pytestmark = pytest.mark.django_db
_n = itertools.count()


def make_asset(**fields) -> Asset:
    n = next(_n)
    values = {"kind": "video", "file": f"assets/x/{n}.mp4", "sha256": f"{n:064d}", "title": f"item {n}"}
    values.update(fields)
    return Asset.objects.create(**values)


def test_search_finds_words_in_title_tags_and_description():
    storm = make_asset(title="Lighthouse at night", tags="storm waves")
    calm = make_asset(title="Calm beach", description="sunny waves on the sand")
    make_asset(title="City traffic", tags="cars")
    assert set(asset_search(query="storm")) == {storm}
    assert set(asset_search(query="waves")) == {storm, calm}
    assert set(asset_search(query="lighthouse cars")) >= {storm}


def test_search_filters_by_kind_and_keeps_other_channels_items_out():
    channel, other = make_channel(), make_channel()
    shared = make_asset(title="rain loop", kind="audio")
    own = make_asset(title="rain bed", kind="audio", channel=channel)
    make_asset(title="rain music", kind="audio", channel=other)
    make_asset(title="rain clip", kind="video")
    assert set(asset_search(query="rain", kind="audio", channel=channel)) == {shared, own}
    assert set(asset_search(query="rain", kind="audio")) == {shared}


def test_assets_used_in_the_last_n_videos():
    channel = make_channel()
    old, recent, current = make_video(channel=channel), make_video(channel=channel), make_video(channel=channel)
    a, b = make_asset(), make_asset()
    for video, asset in ((old, a), (recent, b)):
        make_script(video=video, scenes=["One."]).scenes.update(asset=asset)
    assert asset_used_in_recent_videos(channel=channel, videos=1, exclude_video=current) == {b.pk}
    assert asset_used_in_recent_videos(channel=channel, videos=2, exclude_video=current) == {a.pk, b.pk}
    assert asset_used_in_recent_videos(channel=channel, videos=0, exclude_video=current) == set()
