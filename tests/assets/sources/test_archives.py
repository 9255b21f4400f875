"""The keyless archives against local servers speaking their real APIs, on good days and bad:
Wikimedia Commons, NASA Image and Video Library and Openverse."""

from __future__ import annotations

import pytest

from assets.services.library import asset_download
from assets.sources import get_source
from assets.sources.base import RateLimited, SourceError
from assets.sources.licences import accepted_licences, licence_code
from tests.factories import make_channel
from tests.fakes.archive_servers import ArchiveItem, make_webm

pytestmark = pytest.mark.django_db

BRIDGE = ArchiveItem(11, "image", "Golden Gate Bridge in fog", categories="Golden Gate Bridge|Fog in California")


def wikimedia(channel=None):
    return get_source("wikimedia", channel=channel)


# --- Wikimedia Commons ------------------------------------------------------------------------------

def test_commons_search_sends_the_etiquette_and_reads_licence_author_and_categories(archives):
    archives.wikimedia.state.data["items"] = [BRIDGE]
    [found] = wikimedia().search(query="golden gate bridge", kind="image", orientation="landscape",
                                 language="fr")
    request = archives.wikimedia.requests[0]
    assert "ops@example.org" in request.headers["user-agent"]  # the contact Commons' policy asks for
    assert request.query["maxlag"] == ["5"] and request.query["gsrsearch"] == ["golden gate bridge filetype:bitmap"]
    assert request.query["iiextmetadatalanguage"] == ["fr"]
    assert (found.provider, found.provider_id, found.licence) == ("wikimedia", "11", "CC BY-SA 4.0")
    assert found.author == "Jane Doe" and "Fog in California" in found.tags
    assert found.attribution.startswith("\u201cGolden Gate Bridge in fog\u201d by Jane Doe via Wikimedia Commons, "
                                        "CC BY-SA 4.0")


def test_commons_skips_what_cannot_be_used_and_keeps_the_rest(archives):
    archives.wikimedia.state.data["items"] = [
        ArchiveItem(1, "image", "Logo", mime="image/svg+xml"),
        ArchiveItem(2, "image", "Bridge at night", licence="CC BY-NC-SA 2.0"),
        ArchiveItem(3, "image", "Bridge without metadata", metadata=False),
        ArchiveItem(4, "image", "Bridge scan", mime="image/tiff", width=20000, height=10000),  # 200 megapixels
        ArchiveItem(5, "image", "Bridge in the public domain", licence="Public domain"),
    ]
    found = wikimedia().search(query="bridge", kind="image", orientation="landscape")
    assert [c.provider_id for c in found] == ["4", "5"]
    scan = found[0]
    assert (scan.width, scan.height) == (1920, 960)  # the server's rendition, not the 200-megapixel original
    # A channel that allows NonCommercial licences gets the NC picture too.
    allowing = make_channel(footage_restricted_licences=True)
    assert "2" in [c.provider_id for c in wikimedia(allowing).search(query="bridge", kind="image",
                                                                        orientation="landscape")]


def test_commons_maxlag_in_a_200_body_is_waited_out_and_retried(archives):
    archives.wikimedia.state.data["items"] = [BRIDGE]
    lagged = {"error": {"code": "maxlag", "info": "Waiting for db1: 7 seconds lagged", "lag": 7}}
    archives.wikimedia.enqueue(200, lagged, {"Retry-After": "0"})
    found = wikimedia().search(query="bridge", kind="image", orientation="landscape")
    assert [c.provider_id for c in found] == ["11"] and len(archives.wikimedia.requests) == 2


def test_commons_ratelimited_in_a_200_body_and_a_429_are_a_spent_budget(archives):
    archives.wikimedia.state.data["body_error"] = "ratelimited"
    with pytest.raises(RateLimited):
        wikimedia().search(query="bridge", kind="image", orientation="landscape")
    assert len(archives.wikimedia.requests) == 1  # not retried: the budget is spent
    with pytest.raises(RateLimited, match="renews in"):  # and honoured: no second request
        wikimedia().search(query="tower", kind="image", orientation="landscape")
    assert len(archives.wikimedia.requests) == 1


def test_a_commons_429_with_retry_after_is_honoured(archives):
    archives.wikimedia.enqueue(429, "Too many requests", {"Retry-After": "120"})
    with pytest.raises(RateLimited) as spent:
        wikimedia().search(query="bridge", kind="image", orientation="landscape")
    assert 100 < spent.value.retry_after <= 120


def test_commons_without_a_contact_says_what_to_set(archives, settings):
    settings.WIKIMEDIA_CONTACT = ""
    with pytest.raises(SourceError, match="set WIKIMEDIA_CONTACT"):
        wikimedia().search(query="bridge", kind="image", orientation="landscape")
    assert archives.wikimedia.requests == []


def test_commons_clips_must_decode_and_an_ogg_clip_is_kept(archives):
    items = [ArchiveItem(21, "video", "Damaged tide clip", mode="undecodable"),
             ArchiveItem(22, "video", "Cut-off tide clip", mode="truncate"),
             ArchiveItem(23, "video", "Tide clip moved away", mode="redirect"),
             ArchiveItem(24, "video", "Tide clip in Ogg", codec="libtheora")]
    for item in items:
        item.content()  # encoded before the server needs them, so a busy machine cannot time a download out
    archives.wikimedia.state.data["items"] = items
    source = wikimedia()
    damaged, cut, moved, ogg = source.search(query="tide", kind="video", orientation="landscape")
    with pytest.raises(SourceError, match="does not decode"):
        asset_download(candidate=damaged, source=source)
    with pytest.raises(SourceError, match="stopped part way"):
        asset_download(candidate=cut, source=source)
    with pytest.raises(SourceError, match=r"Refused to download from elsewhere\.example"):
        asset_download(candidate=moved, source=source)
    asset = asset_download(candidate=ogg, source=source)
    assert (asset.kind, asset.mime_type, asset.source) == ("video", "video/ogg", "wikimedia")
    assert asset.licence == "CC BY-SA 4.0" and "Jane Doe" in asset.attribution


def test_a_damaged_webm_is_refused_by_its_frames_not_its_header(tmp_path):
    from assets.probe import NotMedia, check_decodes, probe_file

    path = tmp_path / "damaged.webm"
    path.write_bytes(make_webm(320, 180, 3.0, damaged=True))
    assert probe_file(path).kind == "video"  # the header alone looks fine
    with pytest.raises(NotMedia, match="does not decode"):
        check_decodes(path)


# --- NASA and Openverse -----------------------------------------------------------------------------

def test_nasa_search_then_manifest_gives_a_public_domain_file(archives):
    archives.nasa.state.data["items"] = [ArchiveItem(7, "image", "Apollo 11 lunar module on the Moon",
                                                     categories="Apollo 11|Moon")]
    source = get_source("nasa")
    [found] = source.search(query="apollo moon", kind="image", orientation="landscape")
    assert [r.path for r in archives.nasa.requests] == ["/search", "/asset/NASA-7"]
    assert archives.nasa.requests[0].query["media_type"] == ["image"]
    assert found.download_url.endswith("NASA-7~large.jpg")  # big enough, smaller than the original
    assert found.licence.startswith("Public domain") and "Moon" in found.tags and "NASA" in found.attribution
    assert asset_download(candidate=found, source=source).kind == "image"


def test_openverse_asks_for_reusable_licences_and_keeps_their_attribution(archives, settings):
    archives.openverse.state.data["items"] = [
        ArchiveItem(31, "image", "Crane on a lake", licence="by"),
        ArchiveItem(32, "image", "Crane in a zoo", licence="by-nc"),
        ArchiveItem(33, "image", "Crane elsewhere", licence="cc0", extra={"url": "http://elsewhere.example/c.jpg"}),
    ]
    found = get_source("openverse").search(query="crane", kind="image", orientation="landscape")
    assert archives.openverse.requests[0].query["license"] == ["by,by-sa,cc0,pdm"]
    assert [c.provider_id for c in found] == ["ov-31"]  # NC never asked for; a foreign host never offered
    assert found[0].licence == "CC BY 2.0" and found[0].attribution.startswith('"Crane on a lake" by Jane Doe')
    assert get_source("openverse").search(query="crane", kind="video", orientation="landscape") == []


@pytest.mark.parametrize(("written", "code"), [
    ("CC BY-SA 4.0", "by-sa"), ("cc-by-sa-3.0", "by-sa"), ("Public domain", "pd"), ("PD-USGov-NASA", "pd"),
    ("pdm", "pd"), ("CC0", "cc0"), ("Attribution-ShareAlike", "by-sa"), ("CC BY-NC-SA 2.0", "by-nc-sa"),
    ("CC BY-ND 4.0", "by-nd"), ("GFDL", ""), ("", ""), ("All rights reserved", ""),
])
def test_licences_are_read_however_an_archive_writes_them(written, code):
    assert licence_code(written) == code
    assert (code in accepted_licences()) == (code in ("pd", "cc0", "by", "by-sa"))
