"""Downloading a chosen stock item: only from the provider's media hosts, streamed under the cap,
checked by content, kept once under its hash, and never a half file when anything goes wrong."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from assets import catalog
from assets.models import Asset
from assets.services import asset_download
from assets.sources import SourceError, get_source
from faceless_site.mediastore.files import media_local
from tests.fakes.stock_servers import StockItem
from tests.mediafiles import library_files

pytestmark = pytest.mark.django_db


def files_in(media_root: Path) -> list[str]:
    return library_files()


def search_one(stock, name: str, item: StockItem, kind: str = "video"):
    stock.set_items(name, [item])
    item.content()  # made now (cached), so on a busy machine the fake still answers within the read timeout
    [candidate] = get_source(name).search(query="q", kind=kind, orientation="portrait")
    return candidate


def test_a_pexels_clip_is_kept_under_its_hash_with_its_credit(stock, media_root):
    candidate = search_one(stock, "pexels", StockItem(101, "video", 270, 480, 3, words="lighthouse storm"))
    asset = asset_download(candidate=candidate, source=get_source("pexels"))
    path = media_local(asset.file)
    assert asset.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert asset.file == f"assets/{asset.sha256[:2]}/{asset.sha256}.mp4"
    probe = json.loads(subprocess.run(["ffprobe", "-v", "error", "-print_format", "json", "-show_streams", str(path)],
                                      capture_output=True, check=True).stdout)
    assert (probe["streams"][0]["width"], probe["streams"][0]["height"]) == (270, 480)
    assert (asset.kind, asset.source, asset.provider_id, asset.width, asset.height) == ("video", "pexels", "101",
                                                                                          270, 480)
    assert asset.duration_seconds == pytest.approx(3, abs=0.2)
    assert asset.author == "Jane Doe" and asset.page_url.startswith("https://www.pexels.com/video/")
    assert "Pexels License" in asset.licence
    assert files_in(media_root) == [asset.file]  # no temporary file left behind
    item = catalog.item("pexels", "101")
    assert item["asset_id"] == asset.pk and item["metadata"]["duration"] == 3  # the raw provider item


def test_the_same_item_twice_is_one_asset_and_one_download(stock):
    candidate = search_one(stock, "pixabay", StockItem(9, "image", 300, 500, words="forest"), kind="image")
    first = asset_download(candidate=candidate, source=get_source("pixabay"))
    second = asset_download(candidate=candidate, source=get_source("pixabay"))
    assert first.pk == second.pk and Asset.objects.count() == 1
    assert sum(r.path.startswith("/media/") for r in stock.pixabay.requests) == 1


def test_the_same_content_from_two_providers_is_kept_once(stock):
    a = search_one(stock, "pexels", StockItem(1, "image", 320, 200, color="red"), kind="image")
    b = search_one(stock, "pixabay", StockItem(2, "image", 320, 200, color="red"), kind="image")
    assert asset_download(candidate=a, source=get_source("pexels")).pk == \
        asset_download(candidate=b, source=get_source("pixabay")).pk


def test_a_host_the_provider_does_not_serve_media_from_is_refused(stock, media_root):
    item = StockItem(3, "video", 270, 480, 2, media_url="http://evil.example.com/video.mp4")
    candidate = search_one(stock, "pexels", item)
    with pytest.raises(SourceError, match=r"Refused to download from evil\.example\.com"):
        asset_download(candidate=candidate, source=get_source("pexels"))
    assert Asset.objects.count() == 0 and files_in(media_root) == []


def test_a_redirect_to_another_host_is_refused(stock, media_root):
    candidate = search_one(stock, "pexels", StockItem(4, "video", 270, 480, 2))
    stock.pexels.enqueue(302, b"", {"Location": "http://169.254.169.254/latest/meta-data"})
    with pytest.raises(SourceError, match=r"Refused to download from 169\.254\.169\.254"):
        asset_download(candidate=candidate, source=get_source("pexels"))
    assert files_in(media_root) == []


@pytest.mark.parametrize(("mode", "expected"), [
    ("truncate", "stopped part way"),
    ("slow", "stopped part way"),
    ("html", "not a usable video"),
    ("wrong_type", "download is text/html, not a video"),
])
def test_a_broken_download_keeps_nothing(stock, media_root, settings, mode, expected):
    settings.STOCK_DOWNLOAD_READ_TIMEOUT = 0.5  # the fake stalls for 2 s
    candidate = search_one(stock, "pexels", StockItem(5, "video", 270, 480, 2))
    stock.pexels.state.data["download_modes"] = {5: mode}
    with pytest.raises(SourceError) as failure:
        asset_download(candidate=candidate, source=get_source("pexels"))
    assert expected in failure.value.message
    assert Asset.objects.count() == 0 and files_in(media_root) == []


def test_an_image_where_a_clip_was_promised_is_refused(stock, media_root):
    candidate = search_one(stock, "pixabay", StockItem(6, "video", 270, 480, 2))
    stock.pixabay.state.data["items"] = [StockItem(6, "image", 270, 480)]  # the file at that URL is a JPEG
    stock.pixabay.state.data["items"][0].media_name = lambda: "video-6.mp4"
    stock.pixabay.state.data["download_modes"] = {6: "octet_stream"}
    with pytest.raises(SourceError, match="file is image, not the video"):
        asset_download(candidate=candidate, source=get_source("pixabay"))
    assert files_in(media_root) == []


def test_a_file_over_the_cap_is_refused(stock, settings, media_root):
    settings.STOCK_DOWNLOAD_MAX_BYTES = 2000
    candidate = search_one(stock, "pexels", StockItem(7, "video", 270, 480, 2))
    with pytest.raises(SourceError, match="larger than"):
        asset_download(candidate=candidate, source=get_source("pexels"))
    assert files_in(media_root) == []


def test_using_an_unsplash_photo_calls_its_download_tracking_link(stock):
    candidate = search_one(stock, "unsplash", StockItem(8, "image", 400, 600, words="cliff"), kind="image")
    asset = asset_download(candidate=candidate, source=get_source("unsplash"))
    asset_download(candidate=candidate, source=get_source("unsplash"))  # used again: reported again
    tracking = [r for r in stock.unsplash.requests if r.path == "/photos/u8/download"]
    assert len(tracking) == 2
    assert asset.source == "unsplash" and "utm_source=faceless_test" in asset.page_url
    assert asset.preview_url  # hotlinked for display
