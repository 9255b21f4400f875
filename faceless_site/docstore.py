"""The document store: one lazily created pymongo client per process.

django-q2 forks its workers, and PyMongo is not fork-safe, so the client is created on first use
in the process that uses it and re-created if the process id changed since.
"""

from __future__ import annotations

import os
import threading

from django.conf import settings
from pymongo import MongoClient
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import PyMongoError

_lock = threading.Lock()
_client: MongoClient | None = None
_client_pid: int | None = None
_client_url: str | None = None


class DocumentStoreUnavailable(RuntimeError):
    """The document store is not configured or not answering; the message says what to do."""


def get_client() -> MongoClient:
    global _client, _client_pid, _client_url
    url = settings.MONGODB_URL
    if not url:
        raise DocumentStoreUnavailable(
            "MONGODB_URL is not set. Start the local document store with `make docstore` "
            "(or `make up`), or point MONGODB_URL at a MongoDB server."
        )
    with _lock:
        if _client is None or _client_pid != os.getpid() or _client_url != url:
            if _client is not None and _client_pid == os.getpid():
                _client.close()
            _client = MongoClient(
                url, connect=False, tz_aware=True, serverSelectionTimeoutMS=settings.MONGODB_TIMEOUT_MS,
                appname="faceless",
            )
            _client_pid, _client_url = os.getpid(), url
        return _client


def get_db() -> Database:
    return get_client()[settings.MONGODB_DB]


def collection(name: str) -> Collection:
    return get_db()[name]


def ping() -> None:
    """Raise DocumentStoreUnavailable with a readable reason unless the server answers."""
    try:
        get_client().admin.command("ping")
    except PyMongoError as exc:
        raise DocumentStoreUnavailable(
            f"The document store at MONGODB_URL does not answer ({type(exc).__name__}). "
            "Start it with `make docstore`, or check MONGODB_URL."
        ) from exc


def close() -> None:
    global _client
    with _lock:
        if _client is not None and _client_pid == os.getpid():
            _client.close()
        _client = None
