"""The SQLite memory store: one file, safe for several worker processes at once.

WAL journal, a busy timeout, every save one `BEGIN IMMEDIATE` transaction (a
read-merge-write that no other process can interleave with). The store refuses to
open through a symbolic link (the database, its -wal or -shm file). Keys are HMAC-SHA256
hashes of the Alexa user id (`skill.memory.userkey`); the file holds no user id.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import stat
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter

from skill.memory.envelope import Attributes, request_id_of, user_id_of
from skill.memory.merge import merge3
from skill.memory.tombstone import (
    ErasedMeanwhile,
    NothingToErase,
    SaltChanged,
    request_time,
    salt_check,
    save_allowed,
    session_opened_at,
)
from skill.memory.sqlite_connections import ThreadConnections
from skill.memory.visits import RecentVisits
from skill.memory.userkey import UserKeyer, keyer_for

if TYPE_CHECKING:
    from ask_sdk_model import RequestEnvelope

DB_ENV = "NIGHTLEGS_DB"
APP_NAME = "nightlegs"
DB_FILENAME = "nightlegs.sqlite3"

T = TypeVar("T")


def default_db_path() -> Path:
    """NIGHTLEGS_DB, else `nightlegs.sqlite3` in the per-user data folder (platformdirs)."""
    return _db_path(os.environ.get(DB_ENV) or None, os.environ.get("XDG_DATA_HOME"), os.environ.get("HOME"))


@functools.lru_cache(maxsize=8)
def _db_path(override: str | None, _xdg_data_home: str | None, _home: str | None) -> Path:
    """Looked up at every request; the answer changes only with these variables."""
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME



_SCHEMA = """
CREATE TABLE IF NOT EXISTS memory (
    user_key   TEXT PRIMARY KEY,
    attributes TEXT NOT NULL,
    etag       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    erased_at  TEXT
)
"""
_META = "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"


class SqliteAdapter(AbstractPersistenceAdapter):  # type: ignore[misc]
    """ask-sdk persistence in one SQLite file, safe for several processes at once.

    `get_attributes` remembers what it read for that request (by request id); the
    save of the same request merges its changes into whatever is stored by then
    (`skill.memory.merge.merge3`), inside one write transaction, so a concurrent writer's
    changes survive. "Forget me" leaves a tombstone (an empty record and the time of
    the erase, `skill.memory.tombstone`): a save from a session opened before it is
    refused with `ErasedMeanwhile`, on any device; an erase that finds no record, or a
    store keyed with another salt, says so (`NothingToErase`, `SaltChanged`).
    """

    def __init__(
        self,
        path: Path,
        *,
        keyer: UserKeyer | None = None,
        busy_timeout: float = 2.0,
        remembered_reads: int = 1024,
    ) -> None:
        self.path = Path(path)
        self._keyer = keyer
        self._busy_timeout = busy_timeout
        self._ready = False
        self._connections = ThreadConnections(self.path)
        self.visits = RecentVisits()  # this file's users with today's visit stored
        self._lock = threading.Lock()
        self._reads: OrderedDict[tuple[str, str], tuple[str | None, Attributes]] = OrderedDict()
        self._max_reads = remembered_reads
        self._salt_checked = False

    # -- ask-sdk interface

    def get_attributes(self, request_envelope: RequestEnvelope) -> Attributes:
        key = self._key(request_envelope)
        row = self._retrying(lambda: self._read_row(key))
        etag, attributes = (None, {}) if row is None else (row[1], _decode(row[0]))
        self._remember_read(request_envelope, key, etag, attributes)
        return json.loads(json.dumps(attributes))  # the caller may mutate its copy

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: Mapping[str, Any]) -> None:
        key = self._key(request_envelope)
        ours = json.loads(json.dumps(attributes))  # fails before any write if not JSON-safe
        read = self._take_read(request_envelope, key)
        opened = session_opened_at(request_envelope)
        written = self._retrying(lambda: self._write(key, ours, read, opened))
        if written is not None:  # a second save in this request merges against this one
            self._remember_read(request_envelope, key, *written)

    def _read_row(self, key: str) -> tuple[str, str] | None:
        db = self._connect()
        row = db.execute("SELECT attributes, etag FROM memory WHERE user_key = ?", (key,)).fetchone()
        return None if row is None else (row[0], row[1])

    def _write(
        self, key: str, ours: Attributes, read: tuple[str | None, Attributes] | None, opened: str | None
    ) -> tuple[str, Attributes] | None:
        """One write transaction: merge into what is stored now, unless it was erased.
        Returns the new (etag, record), or None when the save was dropped; raises
        ErasedMeanwhile when a tombstone is newer than this request's session."""
        db = self._connect()
        db.execute("BEGIN IMMEDIATE")
        try:
            row = db.execute("SELECT attributes, etag, erased_at FROM memory WHERE user_key = ?", (key,)).fetchone()
            if row is not None and not save_allowed(row[2], opened):
                db.execute("ROLLBACK")
                raise ErasedMeanwhile("the record was erased after this session opened")
            if read is not None:
                base_etag, base = read
                if row is None and base_etag is not None:
                    db.execute("ROLLBACK")  # erased since we read it: do not resurrect
                    return None
                if row is not None and row[1] != base_etag:
                    ours = merge3(base, ours, _decode(row[0]))
            etag = os.urandom(16).hex()  # secrets.token_hex's source (secrets imports random)
            db.execute(
                "INSERT INTO memory (user_key, attributes, etag, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(user_key) DO UPDATE SET attributes = excluded.attributes, "
                "etag = excluded.etag, updated_at = excluded.updated_at",
                (key, json.dumps(ours, sort_keys=True), etag, _now()),
            )
            db.execute("COMMIT")
            return etag, ours
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        key = self._key(request_envelope)
        self._take_read(request_envelope, key)
        erased_at = request_time(request_envelope)
        if not self._retrying(lambda: self._delete(key, erased_at)):
            raise NothingToErase("no stored record was found for this user")
        # WAL keeps old pages until a checkpoint; fold them back so erased data does not
        # linger. Best effort: a busy reader only delays it to the next checkpoint.
        try:
            self._connect().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass

    # -- internals

    def _delete(self, key: str, erased_at: str) -> bool:
        """Empty the record and leave the tombstone; False when there was no record."""
        db = self._connect()
        db.execute("BEGIN IMMEDIATE")
        try:
            found = db.execute(
                "UPDATE memory SET attributes = '{}', etag = ?, updated_at = ?, "
                "erased_at = max(?, coalesce(erased_at, '')) WHERE user_key = ?",
                (os.urandom(16).hex(), _now(), erased_at, key),
            ).rowcount
            db.execute("COMMIT")
            return bool(found)
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def _retrying(self, operation: Callable[[], T]) -> T:
        """Run `operation`, retrying while another process holds the lock, up to the busy
        timeout. SQLite's own busy handler covers most waits, but some (a journal mode
        switch, WAL recovery) report "locked" at once. A store whose table is gone (its
        files deleted while we run) is made again, once, and the operation retried."""
        deadline = time.monotonic() + self._busy_timeout
        delay = 0.002
        healed = False
        while True:
            try:
                return operation()
            except sqlite3.Error as exc:
                self._connections.drop()  # never reuse a connection that just failed
                if not isinstance(exc, sqlite3.OperationalError):
                    raise
                message = str(exc)
                if "no such table" in message and not healed:
                    healed = True
                    self._ready = False
                    continue
                if ("locked" not in message and "busy" not in message) or time.monotonic() >= deadline:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 0.05)

    def _key(self, request_envelope: RequestEnvelope) -> str:
        if self._keyer is None:
            self._keyer = keyer_for(self.path)
        if not self._salt_checked:
            keyer = self._keyer
            self._retrying(lambda: self._check_salt(keyer))
            self._salt_checked = True
        return self._keyer.key(user_id_of(request_envelope))

    def _check_salt(self, keyer: UserKeyer) -> None:
        """The first use of a store keeps a fingerprint of its salt; a store whose
        fingerprint is another salt's raises SaltChanged (its rows cannot be found).
        A read only, unless the fingerprint is still to be written (WAL: reads go on
        while another process writes)."""
        db = self._connect()
        row = db.execute("SELECT value FROM meta WHERE name = 'salt_check'").fetchone()
        if row is None:
            # A new store, or one from before fingerprints: taken as keyed with this salt.
            db.execute("INSERT OR IGNORE INTO meta (name, value) VALUES ('salt_check', ?)", (salt_check(keyer),))
            row = db.execute("SELECT value FROM meta WHERE name = 'salt_check'").fetchone()
        if row[0] != salt_check(keyer):
            self._keyer = None  # look again next time (the salt may be put back)
            raise SaltChanged("the store's records were keyed with another salt")

    def _connect(self) -> sqlite3.Connection:
        """This thread's kept connection, or a new one (making the file and table if missing)."""
        db = self._connections.current()
        if db is not None and self._ready:
            return db
        if not self._ready or not self.path.exists():
            self._create()
        db = self._open()
        self._connections.keep(db)
        return db

    def _open(self) -> sqlite3.Connection:
        # mode=rw: SQLite never creates the file itself (it would, world-readable, if the
        # file vanished between our check and this open); _create makes it, owner-only.
        _refuse_links(self.path)
        uri = f"file:{quote(str(self.path))}?mode=rw"
        db = sqlite3.connect(uri, uri=True, timeout=self._busy_timeout, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout * 1000)}")
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA secure_delete = ON")
        except BaseException:
            db.close()
            raise
        return db

    def _create(self) -> None:
        """Make the folder, the file (owner-only) and the table, if any is missing."""
        with self._lock:
            if self._ready and self.path.exists():
                return
            self._ready = False
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            _refuse_links(self.path)
            # Health-related data: owner-only from the first byte; SQLite gives the -wal
            # and -shm files the mode of the main file. O_NOFOLLOW: never through a link.
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, 0o600))
            for path in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
                _owner_only(path)
            self._retrying(self._init_schema)
            self._ready = True

    def _init_schema(self) -> None:
        with closing(self._open()) as db:
            mode = db.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise sqlite3.OperationalError(f"could not switch to WAL (journal mode {mode})")
            db.execute(_SCHEMA)
            db.execute(_META)
            columns = {row[1] for row in db.execute("PRAGMA table_info(memory)")}
            if "erased_at" not in columns:  # a store made before tombstones
                db.execute("ALTER TABLE memory ADD COLUMN erased_at TEXT")

    def _remember_read(self, request_envelope: RequestEnvelope, key: str, etag: str | None, attributes: Attributes) -> None:
        request_id = request_id_of(request_envelope)
        if request_id is None:
            return
        with self._lock:
            self._reads[(request_id, key)] = (etag, attributes)
            while len(self._reads) > self._max_reads:
                self._reads.popitem(last=False)

    def _take_read(self, request_envelope: RequestEnvelope, key: str) -> tuple[str | None, Attributes] | None:
        request_id = request_id_of(request_envelope)
        if request_id is None:
            return None
        with self._lock:
            return self._reads.pop((request_id, key), None)


def _refuse_links(db_path: Path) -> None:
    """sqlite3.OperationalError if the database, its -wal or its -shm file is a symbolic
    link: SQLite would follow it and write health data (or read a planted journal)
    wherever it points."""
    for path in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        if path.is_symlink():
            raise sqlite3.OperationalError(f"refusing a symbolic link in place of the store file {path.name}")


def _owner_only(path: Path) -> None:
    try:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            path.chmod(0o600)
    except FileNotFoundError:
        pass


def _decode(text: str) -> Attributes:
    value = json.loads(text)
    if not isinstance(value, dict):
        raise sqlite3.DatabaseError("stored record is not a JSON object")
    return value


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class DefaultSqliteAdapter(AbstractPersistenceAdapter):  # type: ignore[misc]
    """The SQLite store at `default_db_path()`, looked up at each call.

    A process keeps one skill for its whole life; following NIGHTLEGS_DB at call time
    (not at build time) lets each test point the same skill at its own temp file.
    """

    def __init__(self, *, busy_timeout: float = 2.0) -> None:
        self._busy_timeout = busy_timeout
        # A few recent paths only: each store keeps a connection open per thread.
        self._stores: OrderedDict[Path, SqliteAdapter] = OrderedDict()
        self._lock = threading.Lock()

    def current(self) -> SqliteAdapter:
        path = default_db_path()
        with self._lock:
            store = self._stores.get(path)
            if store is None:
                store = self._stores[path] = SqliteAdapter(path, busy_timeout=self._busy_timeout)
                while len(self._stores) > 4:
                    self._stores.popitem(last=False)
            else:
                self._stores.move_to_end(path)
            return store

    @property
    def visits(self) -> RecentVisits:
        return self.current().visits

    def get_attributes(self, request_envelope: RequestEnvelope) -> Attributes:
        return self.current().get_attributes(request_envelope)

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: Mapping[str, Any]) -> None:
        self.current().save_attributes(request_envelope, attributes)

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self.current().delete_attributes(request_envelope)
