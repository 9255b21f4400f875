"""OAuth credentials encrypted at rest: MultiFernet over their JSON, keys from TOKEN_ENCRYPTION_KEYS.

The first key encrypts; every key decrypts, so a new key can be put first and the old one kept until
`credentials_rotate` has re-encrypted every account.
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

GENERATE_HINT = ("Generate one with: python -c \"from cryptography.fernet import Fernet; "
                 "print(Fernet.generate_key().decode())\"")


class CredentialsUnreadable(Exception):
    """The stored credentials cannot be decrypted with any configured key."""


def _fernet() -> MultiFernet:
    keys = [key.strip() for key in settings.TOKEN_ENCRYPTION_KEYS if key.strip()]
    if not keys:
        raise ImproperlyConfigured(
            f"TOKEN_ENCRYPTION_KEYS is empty, so YouTube tokens cannot be stored. {GENERATE_HINT}")
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key.encode()))
        except (ValueError, TypeError):
            # Never echo the key itself: it is a secret even when malformed.
            raise ImproperlyConfigured(
                f"TOKEN_ENCRYPTION_KEYS entry {position} is not a Fernet key (32 url-safe base64 bytes). "
                f"{GENERATE_HINT}"
            ) from None
    return MultiFernet(fernets)


def encrypt_json(data: dict[str, Any]) -> str:
    return _fernet().encrypt(json.dumps(data, sort_keys=True).encode()).decode()


def decrypt_json(token: str) -> dict[str, Any]:
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken:
        raise CredentialsUnreadable(
            "The stored YouTube tokens cannot be decrypted with TOKEN_ENCRYPTION_KEYS (was a key removed?). "
            "Put the old key back after the new one, or connect YouTube again."
        ) from None


def rotate(token: str) -> str:
    """Re-encrypt with the newest key (decrypting with any)."""
    try:
        return _fernet().rotate(token.encode()).decode()
    except InvalidToken:
        raise CredentialsUnreadable("The stored YouTube tokens cannot be decrypted with any configured key.") from None
