"""The media store on S3-compatible object storage, through django-storages' S3Storage (its bucket,
prefix, credentials and boto3 client): what the plain Storage API does not give, with retries.

- `put_file`: one PUT for a small file; a larger one as a multipart upload, aborted if anything
  fails, so the object either appears whole (with its SHA-256 in its metadata) or not at all. A
  killed worker cannot abort; `clean_uploads` aborts what such workers left.
- ranged reads, server-side copies, listings by prefix, presigned GET URLs.
- every request is retried MEDIA_STORE_MAX_RETRIES times when the store did not answer, answered
  5xx or asked to slow down (503 SlowDown), and every failure becomes a MediaStoreError with a
  message that names the fix (errors.py).
"""

from __future__ import annotations

import contextlib
import mimetypes
import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import structlog
import urllib3.exceptions
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, ParamValidationError
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from storages.utils import clean_name

from faceless_site.mediastore.errors import (
    CREDENTIAL_CODES,
    RETRYABLE_CODES,
    SKEW_CODES,
    SKEW_SECONDS,
    BucketMissing,
    ClockSkew,
    MediaMissing,
    MediaStoreError,
    StoreRefused,
    StoreUnavailable,
    clock_offset,
    error_code,
    http_status,
    skew_message,
)

log = structlog.get_logger(__name__)
T = TypeVar("T")
MIN_PART_BYTES = 5 * 1024**2  # S3's smallest part (but the last)
# What a cut connection or a stalled stream raises, from botocore or the urllib3 under it.
TRANSPORT_ERRORS = (BotoCoreError, urllib3.exceptions.HTTPError, ConnectionError, TimeoutError)


@dataclass(frozen=True)
class Entry:
    name: str  # relative to the storage's location, as callers name files
    size: int
    modified: float


def _read(path: Path, offset: int, length: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(offset)
        return handle.read(length)


class S3Store:
    """One per storage instance and process (boto3 clients are not shared across a fork)."""

    def __init__(self, storage: Any) -> None:
        self.storage = storage
        self.bucket = storage.bucket_name
        self._client: Any = None
        self._lock = threading.Lock()
        self._bucket_seen = -1e9

    @property
    def client(self) -> Any:
        """One boto3 client per process, made from the storage's settings and shared by its threads
        (clients are thread-safe; django-storages makes a session per thread, which render threads
        would pay for every piece)."""
        if self._client is None:
            with self._lock:
                if self._client is None:
                    storage = self.storage
                    self._client = storage._create_session().client(
                        "s3", region_name=storage.region_name, use_ssl=storage.use_ssl,
                        endpoint_url=storage.endpoint_url, config=storage.client_config, verify=storage.verify)
        return self._client

    def key(self, name: str) -> str:
        try:
            return self.storage._normalize_name(clean_name(name))
        except SuspiciousOperation:  # a name that climbs out of the storage's prefix is no file of ours
            raise MediaMissing(name) from None

    def name_of(self, key: str) -> str:
        location = self.storage.location.strip("/")
        return key[len(location) + 1:] if location and key.startswith(location + "/") else key

    def where(self) -> str:
        endpoint = self.storage.endpoint_url or f"AWS S3 ({self.storage.region_name or 'default region'})"
        parts = urlsplit(endpoint) if "://" in endpoint else None
        shown = f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}" if parts else endpoint
        return f"bucket {self.bucket!r} at {shown}"

    # --- requests, retried -------------------------------------------------------------------
    def call(self, what: str, request: Callable[[], T], *, name: str = "") -> T:
        retries = max(0, settings.MEDIA_STORE_MAX_RETRIES)
        for attempt in range(retries + 1):
            try:
                return request()
            except (ClientError, *TRANSPORT_ERRORS) as exc:
                error = self.explain(exc, name=name, tries=attempt + 1)
                if not error.retryable or attempt == retries:
                    raise error from exc
                delay = settings.MEDIA_STORE_RETRY_BASE_SECONDS * 2**attempt * (0.5 + random.random() / 2)
                log.warning("mediastore.retry", operation=what, attempt=attempt + 1, error=error.message,
                            wait=round(delay, 2))
                time.sleep(delay)
        raise AssertionError("unreachable")

    def explain(self, exc: BaseException, *, name: str = "", tries: int = 1) -> MediaStoreError:
        where = self.where()
        after = f" after {tries} tries" if tries > 1 else ""
        if isinstance(exc, ParamValidationError | NoCredentialsError):  # settings, not the store
            return MediaStoreError(
                f"The media store's settings are incomplete ({type(exc).__name__}): set AWS_STORAGE_BUCKET_NAME, "
                "AWS_S3_ACCESS_KEY_ID and AWS_S3_SECRET_ACCESS_KEY (and AWS_S3_ENDPOINT_URL for a store other "
                "than AWS S3).")
        if not isinstance(exc, ClientError):
            return StoreUnavailable(
                f"The media store ({where}) did not answer{after} ({type(exc).__name__}). Check that it is up, and "
                "AWS_S3_ENDPOINT_URL; nothing made was lost.")
        code, status = error_code(exc), http_status(exc)
        offset = clock_offset(exc)
        if code in SKEW_CODES or (code in CREDENTIAL_CODES and offset is not None and abs(offset) > SKEW_SECONDS):
            return ClockSkew(skew_message(offset, where, code))
        if code in CREDENTIAL_CODES or status == 403:
            return StoreRefused(
                f"The media store ({where}) refused this machine's credentials ({code or status}). Check "
                "AWS_S3_ACCESS_KEY_ID and AWS_S3_SECRET_ACCESS_KEY, and that they may read and write the bucket; "
                "nothing made was lost.")
        if code == "NoSuchBucket":
            return self._bucket_missing()
        if code in ("NoSuchKey", "404", "NotFound") or status == 404:
            return MediaMissing(name or "requested")
        if code in RETRYABLE_CODES or status >= 500 or status == 429:
            return StoreUnavailable(
                f"The media store ({where}) answered {status} {code}{after}; nothing made was lost.")
        return MediaStoreError(f"The media store ({where}) refused the request ({status} {code}).")

    def _bucket_missing(self) -> BucketMissing:
        return BucketMissing(
            f"The bucket {self.bucket!r} does not exist at the media store ({self.where()}). Create it, or fix "
            "AWS_STORAGE_BUCKET_NAME (the local SeaweedFS of `manage.py objectstore start` creates its own); "
            "nothing made was lost.")

    def missing(self, name: str) -> MediaStoreError:
        """A 404 for an object: the object, or the whole bucket (HEAD answers carry no code to tell).
        The bucket is asked about at most once a minute (a render looks up many pieces not kept yet)."""
        if time.monotonic() - self._bucket_seen < 60:
            return MediaMissing(name)
        try:
            self.client.head_bucket(Bucket=self.bucket)
            self._bucket_seen = time.monotonic()
        except ClientError as exc:
            if http_status(exc) == 404:
                return self._bucket_missing()
        except TRANSPORT_ERRORS:
            pass
        return MediaMissing(name)

    # --- objects -------------------------------------------------------------------------------
    def head(self, name: str) -> dict[str, Any]:
        try:
            return self.call("head", lambda: self.client.head_object(Bucket=self.bucket, Key=self.key(name)),
                             name=name)
        except MediaMissing:
            raise self.missing(name) from None

    def exists(self, name: str) -> bool:
        try:
            self.head(name)
        except MediaMissing:
            return False
        return True

    def put_file(self, path: Path, name: str, *, size: int, sha256: str, content_type: str = "") -> None:
        key = self.key(name)
        extra = {"ContentType": content_type or mimetypes.guess_type(name)[0] or "application/octet-stream",
                 "Metadata": {"sha256": sha256}}
        part = max(MIN_PART_BYTES, settings.MEDIA_UPLOAD_PART_BYTES)
        if size <= part:
            self.call("put", lambda: self.client.put_object(Bucket=self.bucket, Key=key, Body=_read(path, 0, size),
                                                            **extra), name=name)
        else:
            self._multipart(path, name, key, size, part, extra)
        stored = self.head(name)
        if int(stored["ContentLength"]) != size or stored.get("Metadata", {}).get("sha256") != sha256:
            with contextlib.suppress(MediaStoreError):
                self.delete(name)  # never a half or foreign object under a name a render points to
            raise StoreUnavailable(f"The media store ({self.where()}) kept {stored['ContentLength']} bytes of "
                                   f"{name}, not {size}; nothing made was lost.")

    def _multipart(self, path: Path, name: str, key: str, size: int, part: int, extra: dict[str, Any]) -> None:
        upload = self.call("start upload", lambda: self.client.create_multipart_upload(
            Bucket=self.bucket, Key=key, **extra), name=name)["UploadId"]
        try:
            parts = []
            for number, offset in enumerate(range(0, size, part), start=1):
                answer = self.call("upload part", lambda n=number, o=offset: self.client.upload_part(
                    Bucket=self.bucket, Key=key, UploadId=upload, PartNumber=n, Body=_read(path, o, part)), name=name)
                parts.append({"PartNumber": number, "ETag": answer["ETag"]})
            try:
                self.call("finish upload", lambda: self.client.complete_multipart_upload(
                    Bucket=self.bucket, Key=key, UploadId=upload, MultipartUpload={"Parts": parts}), name=name)
            except MediaMissing:  # NoSuchUpload: a retry after the store finished it but its answer was lost
                if int(self.head(name)["ContentLength"]) != size:
                    raise
        except BaseException:
            # Never a half object: the parts go. If the store is down this fails too; clean_uploads retries.
            with contextlib.suppress(ClientError, *TRANSPORT_ERRORS):
                self.client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload)
            log.warning("mediastore.upload_aborted", name=name)
            raise

    def put_bytes(self, name: str, data: bytes, content_type: str = "") -> None:
        import hashlib

        key = self.key(name)
        self.call("put", lambda: self.client.put_object(
            Bucket=self.bucket, Key=key, Body=data, Metadata={"sha256": hashlib.sha256(data).hexdigest()},
            ContentType=content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"), name=name)

    def _get(self, name: str, byte_range: str = "") -> dict[str, Any]:
        extra = {"Range": byte_range} if byte_range else {}
        return self.client.get_object(Bucket=self.bucket, Key=self.key(name), **extra)

    def _fetch(self, what: str, request: Callable[[], T], name: str) -> T:
        try:
            return self.call(what, request, name=name)
        except MediaMissing:
            raise self.missing(name) from None

    def get(self, name: str, *, byte_range: str = "") -> dict[str, Any]:
        """The GetObject answer, its body unread (`byte_range`: an HTTP Range value)."""
        return self._fetch("get", lambda: self._get(name, byte_range), name)

    def read(self, name: str, *, byte_range: str = "") -> bytes:
        return self._fetch("read", lambda: self._get(name, byte_range)["Body"].read(), name)

    def download(self, name: str, target: Path) -> int:
        """Stream the object into `target` (written again from the start if a try is cut off part way);
        returns its size."""
        def fetch() -> int:
            body = self._get(name)["Body"]
            size = 0
            with open(target, "wb") as out:
                for chunk in body.iter_chunks(1024 * 1024):
                    out.write(chunk)
                    size += len(chunk)
            return size
        return self._fetch("download", fetch, name)

    def stream(self, body: Any, name: str) -> Iterator[bytes]:
        """A GetObject body in chunks; a cut-off stream ends the response (the client sees it short)."""
        try:
            yield from body.iter_chunks(64 * 1024)
        except TRANSPORT_ERRORS as exc:
            log.warning("mediastore.stream_cut", name=name, error=type(exc).__name__)
        finally:
            body.close()

    def delete(self, name: str) -> None:
        self.call("delete", lambda: self.client.delete_object(Bucket=self.bucket, Key=self.key(name)), name=name)

    def copy(self, source: str, target: str) -> None:
        source_key = self.key(source)
        try:
            self.call("copy", lambda: self.client.copy_object(
                Bucket=self.bucket, Key=self.key(target), CopySource={"Bucket": self.bucket, "Key": source_key}),
                name=source)
        except MediaMissing:
            raise self.missing(source) from None

    def list(self, prefix: str) -> list[Entry]:
        location = self.storage.location.strip("/")
        if prefix.strip("/"):
            key_prefix = self.key(prefix) + ("/" if prefix.endswith("/") else "")
        else:  # everything (under the storage's own prefix)
            key_prefix = location + "/" if location else ""
        entries: list[Entry] = []
        token: dict[str, str] = {}
        while True:
            page = self.call("list", lambda token=token: self.client.list_objects_v2(
                Bucket=self.bucket, Prefix=key_prefix, **token), name=prefix)
            entries += [Entry(self.name_of(item["Key"]), int(item["Size"]), item["LastModified"].timestamp())
                        for item in page.get("Contents", [])]
            if not page.get("IsTruncated"):
                return entries
            token = {"ContinuationToken": page["NextContinuationToken"]}

    def delete_many(self, names: list[str]) -> None:
        for start in range(0, len(names), 1000):
            batch = [{"Key": self.key(name)} for name in names[start:start + 1000]]
            self.call("delete", lambda b=batch: self.client.delete_objects(
                Bucket=self.bucket, Delete={"Objects": b, "Quiet": True}))

    def presign(self, name: str, *, seconds: int, download_name: str = "") -> str:
        params = {"Bucket": self.bucket, "Key": self.key(name)}
        if download_name:
            params["ResponseContentDisposition"] = f'attachment; filename="{download_name}"'
        return self.client.generate_presigned_url("get_object", Params=params, ExpiresIn=seconds)

    def pending_uploads(self) -> list[tuple[str, str, datetime]]:
        """Multipart uploads begun and neither finished nor aborted: (name, upload id, begun at)."""
        location = self.storage.location.strip("/")
        found: list[tuple[str, str, datetime]] = []
        marker: dict[str, str] = {}
        while True:
            page = self.call("list uploads", lambda marker=marker: self.client.list_multipart_uploads(
                Bucket=self.bucket, **({"Prefix": location + "/"} if location else {}), **marker))
            found += [(self.name_of(u["Key"]), u["UploadId"], u["Initiated"]) for u in page.get("Uploads", [])]
            if not page.get("IsTruncated"):
                return found
            marker = {"KeyMarker": page["NextKeyMarker"], "UploadIdMarker": page["NextUploadIdMarker"]}

    def abort_upload(self, name: str, upload_id: str) -> None:
        self.call("abort upload", lambda: self.client.abort_multipart_upload(
            Bucket=self.bucket, Key=self.key(name), UploadId=upload_id), name=name)


_stores: dict[tuple[int, int], S3Store] = {}


def s3_store(storage: Any) -> S3Store:
    key = (id(storage), os.getpid())
    store = _stores.get(key)
    if store is None or store.storage is not storage:
        _stores.clear()  # settings changed (a new storage) or a new process: the old ones are done
        store = _stores[key] = S3Store(storage)
    return store
