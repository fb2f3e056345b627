"""Where night logs are kept: beside the memory record, in the same SQLite file or DynamoDB
table, under a key of their own.

A log belongs to a person: its key is HMAC-SHA256(salt, user id + person id) when Alexa
recognised the speaker (`personId`), else HMAC-SHA256(salt, user id) with a prefix of its
own. So one person's log is never read out to another person on the same account, and the
key cannot be turned back into either id. The salt is the memory store's
(`skill.memory.userkey`).

- SQLite: table `night_log` in the memory file (WAL, owner-only, `secure_delete`), each
  change one `BEGIN IMMEDIATE` read-change-write, so two devices logging at once both land.
- DynamoDB: an item `{"id": "nightlog-<key>", "nights": {...}}` in the memory table (the
  Lambda role's GetItem, PutItem and DeleteItem are all it needs). Read then put: two saves
  for one person in the same instant keep the later one.

The memory stores themselves are untouched: `store_for` reads the adapter the skill was
built with and opens the matching night log store.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from skill.memory.envelope import plain
from skill.memory.sqlite_store import DefaultSqliteAdapter, SqliteAdapter, default_db_path
from skill.memory.userkey import UserKeyer, keyer_for, salt_from_env

Record = dict[str, Any]
DYNAMODB_PREFIX = "nightlog-"
_SEPARATOR = "\x1f"  # never in an Alexa id


class NightLogUnavailable(RuntimeError):
    """The log could not be read, changed or erased; the skill says so and keeps nothing."""


@dataclass(frozen=True)
class Owner:
    """Whose log: the Alexa account, and the recognised person on it (if any)."""

    user_id: str
    person_id: str | None = None

    def key(self, keyer: UserKeyer) -> str:
        if not self.user_id:
            raise NightLogUnavailable("no user id")
        who = f"nightlog{_SEPARATOR}{self.user_id}{_SEPARATOR}{self.person_id or ''}"
        return keyer.key(who)


class NightLogStore(Protocol):
    def read(self, owner: Owner) -> Record: ...

    def change(self, owner: Owner, change: Callable[[Record], Record]) -> Record: ...

    def delete(self, owner: Owner) -> None: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS night_log (
    owner_key  TEXT PRIMARY KEY,
    nights     TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""


class SqliteNightLog:
    """The night log table in the memory store's SQLite file (`path`, or NIGHTLEGS_DB / the
    user data folder, followed at each call as the memory store does)."""

    def __init__(self, path: Path | None = None, *, busy_timeout: float = 2.0) -> None:
        self._path = path
        self._busy_timeout = busy_timeout

    @property
    def path(self) -> Path:
        return self._path if self._path is not None else default_db_path()

    def read(self, owner: Owner) -> Record:
        def run(db: sqlite3.Connection, key: str) -> Record:
            row = db.execute("SELECT nights FROM night_log WHERE owner_key = ?", (key,)).fetchone()
            return _decode(row[0]) if row else {}

        return self._run(owner, run, write=False)

    def change(self, owner: Owner, change: Callable[[Record], Record]) -> Record:
        def run(db: sqlite3.Connection, key: str) -> Record:
            row = db.execute("SELECT nights FROM night_log WHERE owner_key = ?", (key,)).fetchone()
            after = change(_decode(row[0]) if row else {})
            db.execute(
                "INSERT INTO night_log (owner_key, nights, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(owner_key) DO UPDATE SET nights = excluded.nights, updated_at = excluded.updated_at",
                (key, json.dumps(after, sort_keys=True), _now()),
            )
            return after

        return self._run(owner, run, write=True)

    def delete(self, owner: Owner) -> None:
        def run(db: sqlite3.Connection, key: str) -> None:
            db.execute("DELETE FROM night_log WHERE owner_key = ?", (key,))

        self._run(owner, run, write=True)
        try:  # fold the WAL back so erased pages do not linger (best effort)
            with closing(self._open()) as db:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass

    def _run(self, owner: Owner, operation: Callable[[sqlite3.Connection, str], Any], *, write: bool) -> Any:
        try:
            path = self.path
            if not write and not path.exists():
                return {}
            key = owner.key(keyer_for(path))
            self._create()
            with closing(self._open()) as db:
                db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    result = operation(db, key)
                    db.execute("COMMIT")
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
                return result
        except NightLogUnavailable:
            raise
        except Exception as exc:  # sqlite3.Error, OSError, a bad salt file
            raise NightLogUnavailable(type(exc).__name__) from None

    def _open(self) -> sqlite3.Connection:
        uri = f"file:{quote(str(self.path))}?mode=rw"
        db = sqlite3.connect(uri, uri=True, timeout=self._busy_timeout, isolation_level=None)
        db.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout * 1000)}")
        db.execute("PRAGMA secure_delete = ON")
        return db

    def _create(self) -> None:
        """The file (owner-only, as the memory store makes it) and the table, if missing."""
        path = self.path
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            path.chmod(0o600)
        with closing(self._open()) as db:
            if str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            db.execute(_SCHEMA)


class DynamoDbNightLog:
    """Night logs as items of their own in the memory table."""

    def __init__(self, table: Any, keyer: UserKeyer | None) -> None:
        self._table = table  # a boto3 Table
        self._keyer = keyer

    def _id(self, owner: Owner) -> str:
        if self._keyer is None:
            raise NightLogUnavailable("NIGHTLEGS_USER_SALT is not set")
        return DYNAMODB_PREFIX + owner.key(self._keyer)

    def read(self, owner: Owner) -> Record:
        key = self._id(owner)
        try:
            item = self._table.get_item(Key={"id": key}, ConsistentRead=True).get("Item") or {}
        except Exception as exc:
            raise NightLogUnavailable(type(exc).__name__) from None
        nights = plain(item.get("nights"))
        return nights if isinstance(nights, dict) else {}

    def change(self, owner: Owner, change: Callable[[Record], Record]) -> Record:
        after = change(self.read(owner))
        try:
            self._table.put_item(Item={"id": self._id(owner), "nights": after, "updated_at": _now()})
        except Exception as exc:
            raise NightLogUnavailable(type(exc).__name__) from None
        return after

    def delete(self, owner: Owner) -> None:
        key = self._id(owner)
        try:
            self._table.delete_item(Key={"id": key})
        except Exception as exc:
            raise NightLogUnavailable(type(exc).__name__) from None


def store_for(adapter: Any) -> NightLogStore | None:
    """The night log store beside the skill's memory store; None when the skill keeps no
    memory (no adapter, or one this module does not know)."""
    inner = getattr(adapter, "inner", adapter)
    if isinstance(inner, DefaultSqliteAdapter):
        return SqliteNightLog()
    if isinstance(inner, SqliteAdapter):
        return SqliteNightLog(inner.path)
    # ask-sdk's DynamoDbAdapter or a subclass (the tombstone adapter), named so boto3 is not imported here
    is_dynamodb = any(kind.__name__ == "DynamoDbAdapter" for kind in type(inner).__mro__)
    if is_dynamodb and hasattr(inner, "dynamodb") and hasattr(inner, "table_name"):
        salt = salt_from_env()
        return DynamoDbNightLog(inner.dynamodb.Table(inner.table_name), UserKeyer(salt) if salt else None)
    return None


def _decode(text: str) -> Record:
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
