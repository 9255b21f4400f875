"""The stock catalog in the document store the make targets start: indexes, expiry, items."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from pymongo.errors import DuplicateKeyError

from assets import catalog


def index_info(docstore, name):
    return docstore.collection(name).index_information()


def test_indexes_unique_per_provider_item_and_ttl_on_expiry(docstore):
    catalog.ensure_indexes()
    responses, items = index_info(docstore, catalog.RESPONSES), index_info(docstore, catalog.ITEMS)
    assert responses["expires_at_ttl"]["expireAfterSeconds"] == 0
    assert responses["key_unique"]["unique"] is True
    assert items["provider_id_unique"]["key"] == [("provider", 1), ("provider_id", 1)]
    docstore.collection(catalog.ITEMS).insert_one({"provider": "pexels", "provider_id": "1"})
    with pytest.raises(DuplicateKeyError):
        docstore.collection(catalog.ITEMS).insert_one({"provider": "pexels", "provider_id": "1"})


def test_a_cached_search_is_read_until_it_expires(docstore):
    key = catalog.search_key("pixabay", "/api/", {"q": "sea"})
    catalog.store_response(key, provider="pixabay", endpoint="/api/", params={"q": "sea"}, body={"hits": [1]})
    assert catalog.cached_response(key) == {"hits": [1]}
    later = timezone.now() + timedelta(hours=24, seconds=1)
    assert catalog.cached_response(key, now=later) is None  # honoured on read, whatever the TTL monitor did


def test_the_search_key_ignores_parameter_order_and_differs_by_provider():
    assert catalog.search_key("a", "/s", {"q": "x", "n": 1}) == catalog.search_key("a", "/s", {"n": 1, "q": "x"})
    assert catalog.search_key("a", "/s", {"q": "x"}) != catalog.search_key("b", "/s", {"q": "x"})


def test_items_keep_the_raw_provider_metadata_and_the_asset_they_became(docstore):
    catalog.store_items("pexels", [{"id": 5, "duration": 9}, {"id": 6, "duration": 4}, {"no": "id"}])
    catalog.store_items("pexels", [{"id": 5, "duration": 10}])
    catalog.store_item("pexels", "5", asset_id=77)
    assert catalog.item("pexels", "5")["metadata"] == {"id": 5, "duration": 10}
    assert catalog.item("pexels", "5")["asset_id"] == 77
    assert docstore.collection(catalog.ITEMS).count_documents({"provider": "pexels"}) == 2


def test_an_unreachable_store_means_no_cache_not_a_crash(settings):
    settings.MONGODB_URL = "mongodb://127.0.0.1:1"
    settings.MONGODB_TIMEOUT_MS = 200
    settings.MONGODB_DB = "faceless_unreachable"
    assert catalog.cached_response("k") is None
    assert not catalog._available()  # later calls skip the store instead of waiting for it again
    catalog.store_response("k", provider="p", endpoint="/", params={}, body={})
