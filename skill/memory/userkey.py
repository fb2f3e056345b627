"""Turn an Alexa user id into a storage key that is not the user id.

Every store (SQLite locally, DynamoDB on Lambda) is keyed by
HMAC-SHA256(salt, user id). The raw id never reaches disk, a log or a table, and
without the salt the keys cannot be matched back to Alexa accounts.

The salt comes from NIGHTLEGS_USER_SALT. With no such variable, a random salt is
made once and kept in a file beside the database, readable by its owner only
(0600). Several processes may race to make it: each writes a private temp file
and hard-links it into place, so every process ends up with the same salt and no
process ever reads a half-written one.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

SALT_ENV = "NIGHTLEGS_USER_SALT"
_SALT_BYTES = 32


class SaltError(RuntimeError):
    """The salt file exists but cannot be used. Never replaced: that would orphan
    every stored record."""


@dataclass(frozen=True)
class UserKeyer:
    """Maps user ids to opaque storage keys with one salt."""

    salt: bytes

    def __post_init__(self) -> None:
        if len(self.salt) < 16:
            raise SaltError("salt is shorter than 16 bytes")

    def key(self, user_id: str) -> str:
        if not user_id:
            raise ValueError("no user id in the request")
        return hmac.new(self.salt, user_id.encode("utf-8"), hashlib.sha256).hexdigest()


def salt_from_env() -> bytes | None:
    value = os.environ.get(SALT_ENV, "")
    return value.encode("utf-8") if value else None


def load_or_create_salt(path: Path) -> bytes:
    """Read the salt file at `path`, creating it (0600) if it does not exist yet."""
    try:
        return _read_salt(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(os.urandom(_SALT_BYTES).hex() + "\n")  # as secrets.token_hex, without importing random
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # atomic; fails if another process won the race
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)
    return _read_salt(path)


def _read_salt(path: Path) -> bytes:
    text = path.read_text(encoding="ascii").strip()
    if len(text) < 32:
        raise SaltError(f"salt file {path.name} is empty or too short")
    return text.encode("ascii")


def keyer_for(db_path: Path | None) -> UserKeyer:
    """The keyer for a store: salt from the environment, else the file beside `db_path`."""
    salt = salt_from_env()
    if salt is None:
        if db_path is None:
            raise SaltError(f"{SALT_ENV} is not set and there is no local file to keep a salt in")
        salt = load_or_create_salt(salt_path_for(db_path))
    return UserKeyer(salt)


def salt_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".salt")
