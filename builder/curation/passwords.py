"""Curator passwords: argon2id hashes, and a minimal length policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .. import caches

MIN_LENGTH = 12
_hasher = PasswordHasher()  # argon2id, library defaults (RFC 9106 low-memory profile)


def _dummy_hash() -> str:
    """A hash to verify against when the account does not exist, so timing does not tell.

    Made on first use, not at import: hashing is slow on purpose and would slow every start.
    """
    return caches.dummy_password_hash.get(None, lambda: _hasher.hash("bouwpakket-dummy-password"))


def hash_password(password: str) -> str:
    """An argon2id hash of a new password, to store."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; spends the same effort for unknown accounts."""
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def weak_reason(password: str) -> str | None:
    """Why a new password is refused, or None (English: used by the CLI)."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if password.strip() != password:
        return "Do not start or end with a space."
    return None
