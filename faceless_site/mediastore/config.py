"""STORAGES["default"] for each MEDIA_STORAGE (settings.py, and tests that switch stores)."""

from __future__ import annotations

from typing import Any


def storage_config(kind: str, *, bucket: str = "", endpoint: str = "", access_key: str = "", secret_key: str = "",
                   region: str = "", addressing_style: str = "", location: str = "", timeout: float = 20.0,
                   presign_seconds: int = 300, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        return {"BACKEND": kind, "OPTIONS": dict(options or {})}
    from botocore.config import Config

    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": bucket, "endpoint_url": endpoint or None, "access_key": access_key or None,
        "secret_key": secret_key or None, "region_name": region or None, "location": location,
        "file_overwrite": True, "querystring_auth": True, "querystring_expire": presign_seconds, "default_acl": None,
        # faceless_site.mediastore retries itself (with its own backoff and messages): one attempt here.
        "client_config": Config(
            signature_version="s3v4", s3={"addressing_style": addressing_style or "auto"},
            connect_timeout=min(10.0, timeout), read_timeout=timeout,
            retries={"mode": "standard", "total_max_attempts": 1}),
    }}
