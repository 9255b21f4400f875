"""The stock catalog in the document store: cached search responses and each provider item's
metadata as the provider sent it.

Only what any MongoDB-wire server offers is used (plain and TTL indexes, no text indexes). Cached
searches carry `expires_at`; reads ignore expired documents themselves, because a TTL monitor runs
only about once a minute (and some servers not at all), and the TTL index lets the server clean up.
"""

from __future__ import annotations

import hashlib
import json
import time
from datetime import datetime, timedelta
from typing import Any

import structlog
from django.conf import settings
from django.utils import timezone
from pymongo import ASCENDING, UpdateOne
from pymongo.errors import PyMongoError

from faceless_site import docstore

log = structlog.get_logger(__name__)

RESPONSES = "stock_responses"
ITEMS = "stock_items"
CACHE_TTL = timedelta(hours=24)  # Pixabay requires 24 h caching; Pexels asks for it
_indexed: set[tuple[str, str]] = set()
# After a failure the store is left alone for a while, so a dead server costs one timeout, not one per call.
RETRY_AFTER_FAILURE_SECONDS = 60.0
_down_until: dict[tuple[str, str], float] = {}


def _available() -> bool:
    return _down_until.get((settings.MONGODB_URL, settings.MONGODB_DB), 0.0) <= time.monotonic()


def _failed(exc: Exception) -> None:
    _down_until[(settings.MONGODB_URL, settings.MONGODB_DB)] = time.monotonic() + RETRY_AFTER_FAILURE_SECONDS
    log.warning("catalog.unavailable", error=type(exc).__name__)


def ensure_indexes() -> None:
    marker = (settings.MONGODB_URL, settings.MONGODB_DB)
    if marker in _indexed:
        return
    responses = docstore.collection(RESPONSES)
    responses.create_index([("key", ASCENDING)], unique=True, name="key_unique")
    responses.create_index([("expires_at", ASCENDING)], expireAfterSeconds=0, name="expires_at_ttl")
    responses.create_index([("provider", ASCENDING), ("created_at", ASCENDING)], name="provider_created")
    items = docstore.collection(ITEMS)
    items.create_index([("provider", ASCENDING), ("provider_id", ASCENDING)], unique=True,
                       name="provider_id_unique")
    _indexed.add(marker)


def search_key(provider: str, endpoint: str, params: dict[str, Any]) -> str:
    """A stable key for a search; callers pass the params without the API key."""
    blob = json.dumps([provider, endpoint, sorted((str(k), str(v)) for k, v in params.items())])
    return hashlib.sha256(blob.encode()).hexdigest()


def cached_response(key: str, *, now: datetime | None = None) -> Any | None:
    """The cached body for `key` unless it expired; None also when the store is unreachable."""
    if not _available():
        return None
    try:
        ensure_indexes()
        doc = docstore.collection(RESPONSES).find_one({"key": key})
    except (PyMongoError, docstore.DocumentStoreUnavailable) as exc:
        _failed(exc)
        return None
    if doc is None or doc["expires_at"] <= (now or timezone.now()):
        return None
    return doc["body"]


def store_response(key: str, *, provider: str, endpoint: str, params: dict[str, Any], body: Any) -> None:
    now = timezone.now()
    doc = {"key": key, "provider": provider, "endpoint": endpoint, "params": {k: str(v) for k, v in params.items()},
           "body": body, "created_at": now, "expires_at": now + CACHE_TTL}
    if not _available():
        return None
    try:
        ensure_indexes()
        docstore.collection(RESPONSES).replace_one({"key": key}, doc, upsert=True)
    except (PyMongoError, docstore.DocumentStoreUnavailable) as exc:
        _failed(exc)


def store_items(provider: str, items: list[dict[str, Any]]) -> None:
    """Keep each item of a search response as the provider sent it, keyed by (provider, id)."""
    now = timezone.now()
    ops = [UpdateOne({"provider": provider, "provider_id": str(raw["id"])},
                     {"$set": {"metadata": raw, "updated_at": now}, "$setOnInsert": {"created_at": now}}, upsert=True)
           for raw in items if isinstance(raw, dict) and raw.get("id") is not None]
    if not ops:
        return
    if not _available():
        return None
    try:
        ensure_indexes()
        docstore.collection(ITEMS).bulk_write(ops, ordered=False)
    except (PyMongoError, docstore.DocumentStoreUnavailable) as exc:
        _failed(exc)


def store_item(provider: str, provider_id: str, *, asset_id: int | None = None, **fields: Any) -> None:
    """Record facts about one provider item (the library asset it became, the candidate we saw)."""
    now = timezone.now()
    fields["updated_at"] = now
    if asset_id is not None:
        fields["asset_id"] = asset_id
    if not _available():
        return None
    try:
        ensure_indexes()
        docstore.collection(ITEMS).update_one(
            {"provider": provider, "provider_id": str(provider_id)},
            {"$set": fields, "$setOnInsert": {"created_at": now}}, upsert=True,
        )
    except (PyMongoError, docstore.DocumentStoreUnavailable) as exc:
        _failed(exc)


def item(provider: str, provider_id: str) -> dict[str, Any] | None:
    if not _available():
        return None
    try:
        ensure_indexes()
        return docstore.collection(ITEMS).find_one({"provider": provider, "provider_id": str(provider_id)},
                                                   {"_id": 0})
    except (PyMongoError, docstore.DocumentStoreUnavailable) as exc:
        _failed(exc)
        return None
