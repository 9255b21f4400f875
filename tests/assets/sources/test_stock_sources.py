"""Pexels, Pixabay and Unsplash searches against local servers speaking their APIs: the request
sent, the candidates parsed, the 24-hour cache, and every way a provider says no."""

from __future__ import annotations

import time

import pytest

from assets import catalog
from assets.sources import RateLimited, SourceError, get_source
from tests.fakes.server import FakeServer
from tests.fakes.stock_servers import PexelsHandler, StockItem

pytestmark = pytest.mark.django_db

LIGHTHOUSE = StockItem(101, "video", 270, 480, 12, words="lighthouse storm waves")


def test_pexels_video_search_sends_the_key_bare_and_parses_the_mp4_file(stock):
    stock.set_items("pexels", [LIGHTHOUSE])
    [candidate] = get_source("pexels").search(query="lighthouse storm", kind="video", orientation="portrait")
    [request] = stock.pexels.requests
    assert request.path == "/videos/search"
    assert request.headers["authorization"] == stock.pexels.state.data["key"]  # no "Bearer"
    assert request.query["query"] == ["lighthouse storm"] and request.query["orientation"] == ["portrait"]
    assert (candidate.provider, candidate.provider_id, candidate.kind) == ("pexels", "101", "video")
    assert (candidate.width, candidate.height, candidate.duration_seconds) == (270, 480, 12.0)
    assert candidate.download_url == f"{stock.pexels.url}/media/video-101.mp4"  # the hd file, not the hls one
    assert candidate.description == "lighthouse storm waves"
    assert candidate.author == "Jane Doe" and candidate.page_url.startswith("https://www.pexels.com/video/")


def test_a_repeated_search_is_served_from_the_catalog_cache(stock):
    stock.set_items("pexels", [LIGHTHOUSE])
    source = get_source("pexels")
    first = source.search(query="lighthouse storm", kind="video", orientation="portrait")
    second = source.search(query="lighthouse storm", kind="video", orientation="portrait")
    assert first == second
    assert len(stock.pexels.requests) == 1
    cached = catalog.docstore.collection(catalog.RESPONSES).find_one({"provider": "pexels"})
    assert cached["body"]["videos"][0]["id"] == 101
    assert 23.9 * 3600 < (cached["expires_at"] - cached["created_at"]).total_seconds() <= 24 * 3600
    assert "key" not in cached["params"]


def test_a_search_cached_from_another_endpoint_is_not_served(stock, settings):
    """Its links belong to the server that answered (seen: a run against a new server was given
    the last run's links, every download refused, and the scenes were left empty)."""
    stock.set_items("pexels", [LIGHTHOUSE])
    get_source("pexels").search(query="lighthouse storm", kind="video", orientation="portrait")
    with FakeServer(PexelsHandler) as moved:
        moved.state.data.update(key=stock.pexels.state.data["key"], items=[LIGHTHOUSE])
        settings.PEXELS_BASE_URL = moved.url
        [candidate] = get_source("pexels").search(query="lighthouse storm", kind="video", orientation="portrait")
    assert len(moved.requests) == 1
    assert candidate.download_url == f"{moved.url}/media/video-101.mp4"


def test_pixabay_sends_the_key_in_the_query_and_reads_tags(stock):
    stock.set_items("pixabay", [StockItem(7, "video", 480, 270, 8, words="city traffic night")])
    [candidate] = get_source("pixabay").search(query="city traffic", kind="video", orientation="landscape")
    [request] = stock.pixabay.requests
    assert request.path == "/api/videos/" and request.query["key"] == [stock.pixabay.state.data["key"]]
    assert candidate.tags == ("city", "traffic", "night")
    assert candidate.download_url.endswith("/media/video-7.mp4")  # the empty "large" rendition is skipped
    assert candidate.author_url == "https://pixabay.com/users/JaneDoe-42/"


def test_unsplash_offers_photos_with_utm_credit_links_and_reports_a_use(stock):
    stock.set_items("unsplash", [StockItem(5, "image", 400, 600, words="old lighthouse")])
    source = get_source("unsplash")
    assert source.unattended is False
    assert source.search(query="lighthouse", kind="video", orientation="portrait") == []
    assert stock.unsplash.requests == []  # no request spent on a kind Unsplash does not have
    [photo] = source.search(query="lighthouse", kind="image", orientation="portrait")
    assert stock.unsplash.requests[0].headers["authorization"] == f"Client-ID {stock.unsplash.state.data['key']}"
    assert stock.unsplash.requests[0].query["orientation"] == ["portrait"]
    assert "utm_source=faceless_test" in photo.page_url and "utm_medium=referral" in photo.author_url
    source.record_use(candidate=photo)
    tracking = stock.unsplash.requests[-1]
    assert tracking.path == "/photos/u5/download" and tracking.query["ixid"] == ["abc"]
    assert tracking.headers["authorization"].startswith("Client-ID ")


@pytest.mark.parametrize("name", ["pexels", "unsplash"])
def test_a_bad_key_says_which_setting_to_fix(stock, settings, name):
    setting = {"pexels": "PEXELS_API_KEY", "unsplash": "UNSPLASH_ACCESS_KEY"}[name]
    setattr(settings, setting, "wrong-key")
    with pytest.raises(SourceError) as failure:
        get_source(name).search(query="sea", kind="image", orientation="landscape")
    assert "refused the API key (401)" in failure.value.message and setting in failure.value.message


def test_pixabay_bad_key_message_names_the_setting_and_not_the_key(stock, settings):
    settings.PIXABAY_API_KEY = "secret-wrong-key"
    with pytest.raises(SourceError) as failure:
        get_source("pixabay").search(query="sea", kind="video", orientation="landscape")
    assert "PIXABAY_API_KEY" in failure.value.message
    assert "secret-wrong-key" not in failure.value.message


def test_a_missing_key_says_how_to_set_it_up_without_a_request(stock, settings):
    settings.PEXELS_API_KEY = ""
    with pytest.raises(SourceError, match="Set PEXELS_API_KEY"):
        get_source("pexels").search(query="sea", kind="video", orientation="landscape")
    assert stock.pexels.requests == []


def test_429_with_retry_after_marks_the_budget_spent_until_then(stock):
    stock.pexels.enqueue(429, {"error": "Rate limit exceeded"},
                         {"Retry-After": "120", "X-Ratelimit-Remaining": "0"})
    source = get_source("pexels")
    with pytest.raises(RateLimited) as failure:
        source.search(query="sea", kind="video", orientation="landscape")
    assert 110 < failure.value.retry_after <= 120
    with pytest.raises(RateLimited):  # the next search does not even ask
        source.search(query="forest", kind="video", orientation="landscape")
    assert len(stock.pexels.requests) == 1


def test_429_with_an_epoch_reset_header_is_honoured(stock):
    stock.pixabay.enqueue(429, "Too many requests", {"X-RateLimit-Reset": str(int(time.time()) + 30)})
    with pytest.raises(RateLimited) as failure:
        get_source("pixabay").search(query="sea", kind="video", orientation="landscape")
    assert 20 < failure.value.retry_after <= 31


def test_our_own_budget_stops_requests_before_the_provider_has_to(stock, settings):
    settings.PIXABAY_RATE_LIMIT_PER_MINUTE = 2
    source = get_source("pixabay")
    source.search(query="one", kind="video", orientation="landscape")
    source.search(query="two", kind="video", orientation="landscape")
    with pytest.raises(RateLimited, match="The Pixabay request budget is spent"):
        source.search(query="three", kind="video", orientation="landscape")
    assert len(stock.pixabay.requests) == 2


@pytest.mark.parametrize(("status", "body", "expected"), [
    (500, {"error": "boom"}, "server error (500)"),
    (503, "<html>down</html>", "server error (503)"),
    (200, "{not json", "not valid JSON"),
    (200, ["a", "list"], "unexpected response"),
])
def test_server_errors_and_malformed_json_become_clear_messages(stock, status, body, expected):
    stock.pexels.enqueue(status, body, {"Content-Type": "application/json"})
    with pytest.raises(SourceError) as failure:
        get_source("pexels").search(query="sea", kind="video", orientation="landscape")
    assert expected in failure.value.message
    assert catalog.docstore.collection(catalog.RESPONSES).count_documents({}) == 0  # errors are not cached


def test_a_dropped_connection_is_a_clear_message(stock):
    stock.pexels.enqueue(0)
    with pytest.raises(SourceError, match="could not be reached"):
        get_source("pexels").search(query="sea", kind="video", orientation="landscape")


def test_malformed_items_are_skipped_not_fatal(stock):
    stock.pexels.enqueue(200, {"videos": [{"id": 1, "video_files": "nope"}, {"no": "id"}, "x",
                                          {"id": 2, "duration": 5, "video_files": [
                                              {"file_type": "video/mp4", "width": 640, "height": 360,
                                               "link": f"{stock.pexels.url}/media/a.mp4"}]}]})
    candidates = get_source("pexels").search(query="sea", kind="video", orientation="landscape")
    assert [c.provider_id for c in candidates] == ["2"]


def test_unknown_source_name_is_a_clear_error():
    with pytest.raises(SourceError, match='Unknown footage source "vimeo"'):
        get_source("vimeo")


def test_the_pixabay_key_never_appears_in_any_log_record(stock, caplog):
    stock.set_items("pixabay", [StockItem(7, "video", 480, 270, 8, words="city traffic")])
    stock.pixabay.enqueue(500, "boom")
    key = stock.pixabay.state.data["key"]
    with caplog.at_level("DEBUG"), caplog.at_level("DEBUG", logger="httpx"):
        with pytest.raises(SourceError):
            get_source("pixabay").search(query="a", kind="video", orientation="landscape")
        get_source("pixabay").search(query="b", kind="video", orientation="landscape")
    assert any("pixabay" in r.getMessage() for r in caplog.records)
    assert not [r.getMessage() for r in caplog.records if key in r.getMessage()]


def test_repeated_server_errors_open_the_breaker_and_the_source_is_skipped_without_a_request(stock, settings):
    from faceless_site.providers import integration_status

    settings.BREAKER_FAILURE_THRESHOLD = 3
    for n in range(3):
        stock.pexels.enqueue(503, "<html>down</html>")
        with pytest.raises(SourceError, match="server error"):
            get_source("pexels").search(query=f"sea {n}", kind="video", orientation="landscape")
    requests_before = len(stock.pexels.requests)
    with pytest.raises(SourceError, match="skipped after repeated failures"):
        get_source("pexels").search(query="sea again", kind="video", orientation="landscape")
    assert len(stock.pexels.requests) == requests_before
    status = integration_status("pexels")
    assert status["breaker_state"] == "open" and "503" in status["last_failure"]


@pytest.mark.parametrize(("name", "status"), [("pexels", 429), ("pixabay", 429), ("unsplash", 403)])
def test_a_spent_vendor_budget_is_a_wait_never_a_key_to_check(stock, name, status):
    """Each fake answers as its vendor does once the budget is spent (Unsplash: 403 with
    X-Ratelimit-Remaining: 0); the search says the budget is spent and the next one is not sent."""
    server = getattr(stock, name)
    server.state.data["used"] = server.state.data.get("limit", {"pexels": 200, "unsplash": 50}.get(name, 100))
    source = get_source(name)
    with pytest.raises(RateLimited) as failure:
        source.search(query="sea", kind="image", orientation="landscape")
    assert "request budget is spent" in failure.value.message and "key" not in failure.value.message.lower()
    assert failure.value.retry_after > 0
    with pytest.raises(RateLimited):
        source.search(query="forest", kind="image", orientation="landscape")
    assert len(server.requests) == 1


def test_a_403_without_a_rate_limit_signal_is_still_a_refused_key(stock):
    stock.unsplash.enqueue(403, {"errors": ["OAuth error: The access token is invalid"]},
                           {"X-Ratelimit-Remaining": "12"})
    with pytest.raises(SourceError) as failure:
        get_source("unsplash").search(query="sea", kind="image", orientation="landscape")
    assert not isinstance(failure.value, RateLimited)
    assert "refused the API key (403)" in failure.value.message and "UNSPLASH_ACCESS_KEY" in failure.value.message


def test_the_last_request_of_a_budget_marks_it_spent_before_the_vendor_refuses(stock):
    stock.unsplash.state.data.update(limit=50, used=49)
    source = get_source("unsplash")
    source.search(query="sea", kind="image", orientation="landscape")  # Remaining: 0 on a success
    with pytest.raises(RateLimited):
        source.search(query="forest", kind="image", orientation="landscape")
    assert len(stock.unsplash.requests) == 1
