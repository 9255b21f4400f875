"""A person swapping a scene's footage: to a stored candidate, a library item, or an Unsplash photo
found in the studio; and who may do it."""

from __future__ import annotations

import pytest

from assets.models import Asset
from assets.services import FootageError, footage_match, scene_footage_options, scene_swap_footage
from channels.models import ChannelMembership
from tests.factories import make_channel, make_script, make_user, make_video
from tests.fakes.stock_servers import StockItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def matched(stock):
    stock.set_items("pexels", [StockItem(101, "video", 270, 480, 6, words="lighthouse storm"),
                               StockItem(102, "video", 320, 180, 3, words="city traffic")])
    channel = make_channel(aspect_ratio="9:16", footage_sources=["pexels"])
    video = make_video(channel=channel)
    script = make_script(video=video, scenes=["A lighthouse in a storm."])
    script.scenes.update(visual_query="lighthouse storm", narration_seconds=5)
    footage_match(video=video)
    return script.scenes.get()


def test_swap_to_a_runner_up_downloads_it_and_says_who_chose(matched):
    owner = matched.script.video.channel.owner
    scene = scene_swap_footage(scene=matched, candidate_index=1, user=owner)
    scene.refresh_from_db()
    assert scene.asset.provider_id == "102"
    assert scene.footage_reason.startswith(f"Chosen by {owner}:")
    assert Asset.objects.count() == 2


def test_swap_to_a_library_item(matched):
    item = Asset.objects.create(kind="image", file="assets/x/1.png", sha256="1" * 64, title="my photo")
    scene = scene_swap_footage(scene=matched, asset=item, user=matched.script.video.channel.owner)
    assert scene.asset == item and "library item my photo" in scene.footage_reason


def test_another_channels_item_or_music_cannot_be_a_scene(matched):
    owner = matched.script.video.channel.owner
    theirs = Asset.objects.create(kind="image", file="a", sha256="2" * 64, channel=make_channel())
    music = Asset.objects.create(kind="audio", file="b", sha256="3" * 64)
    with pytest.raises(FootageError, match="another channel"):
        scene_swap_footage(scene=matched, asset=theirs, user=owner)
    with pytest.raises(FootageError, match="music cannot"):
        scene_swap_footage(scene=matched, asset=music, user=owner)


def test_only_owners_and_editors_swap(matched):
    viewer = make_user()
    ChannelMembership.objects.create(channel=matched.script.video.channel, user=viewer, role="viewer")
    for user in (viewer, make_user()):
        with pytest.raises(FootageError, match="owners and editors"):
            scene_swap_footage(scene=matched, candidate_index=1, user=user)


def test_a_stale_index_or_failed_download_leaves_the_footage_unchanged(matched, stock):
    owner, before = matched.script.video.channel.owner, matched.asset_id
    with pytest.raises(FootageError, match="no longer listed"):
        scene_swap_footage(scene=matched, candidate_index=9, user=owner)
    stock.pexels.state.data["download_modes"] = {102: "truncate"}
    with pytest.raises(FootageError, match=r"stopped part way.*unchanged"):
        scene_swap_footage(scene=matched, candidate_index=1, user=owner)
    matched.refresh_from_db()
    assert matched.asset_id == before


def test_the_studio_offers_unsplash_photos_and_using_one_reports_the_download(matched, stock):
    stock.set_items("unsplash", [StockItem(7, "image", 400, 600, words="lighthouse storm")])
    owner = matched.script.video.channel.owner
    options = scene_footage_options(scene=matched, user=owner, sources=["unsplash"])
    assert [c.provider for c in options.candidates] == ["unsplash"] and options.problems == []
    matched.refresh_from_db()
    index = next(i for i, c in enumerate(matched.footage_candidates) if c["provider"] == "unsplash")
    assert matched.footage_candidates[index]["preview_url"].startswith(stock.unsplash.url)  # hotlinked
    scene_swap_footage(scene=matched, candidate_index=index, user=owner)
    assert [r.path for r in stock.unsplash.requests if r.path.endswith("/download")] == ["/photos/u7/download"]
    matched.refresh_from_db()
    assert matched.asset.source == "unsplash"


def test_studio_search_reports_a_broken_source_and_keeps_the_others(matched, stock, settings):
    settings.UNSPLASH_ACCESS_KEY = ""
    options = scene_footage_options(scene=matched, user=matched.script.video.channel.owner,
                                    sources=["unsplash", "pexels"])
    assert any("UNSPLASH_ACCESS_KEY" in p for p in options.problems)


def test_more_options_for_a_french_scene_are_searched_in_english(stock):
    stock.set_items("pexels", [StockItem(301, "image", 1920, 1080, words="suspension bridge over a river")])
    channel = make_channel(footage_sources=["pexels"], language="fr")
    script = make_script(video=make_video(channel=channel), scenes=["Le pont suspendu franchit le fleuve."],
                         language="fr")
    script.scenes.update(footage_queries=["pont suspendu fleuve"], queries_language="fr",
                         english_queries=["suspension bridge river"])
    scene = script.scenes.get()
    scene_footage_options(scene=scene, user=channel.owner, sources=["pexels"])
    searched = {r.query["query"][0] for r in stock.pexels.requests if "query" in r.query}
    assert searched == {"suspension bridge river"}
    scene.refresh_from_db()
    assert [(c["provider_id"], c["fits"]) for c in scene.footage_candidates] == [("301", True)]
