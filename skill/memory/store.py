"""Where a user's memory is kept: ask-sdk persistence adapters and the factory that picks one.

- `SqliteAdapter`: the default. One file, WAL journal, a busy timeout, every save
  one `BEGIN IMMEDIATE` transaction (a read-merge-write that no other process can
  interleave with), so several worker processes can share it.
- DynamoDB (`ask-sdk-dynamodb-persistence-adapter`) when NIGHTLEGS_DYNAMODB_TABLE
  is set, for Lambda.
- `GuardedAdapter` wraps either one: a fault (store unreachable, locked, corrupt,
  read-only, misconfigured) never stops the skill answering. It answers with no
  memory, logs one warning (not one per request) and, if the read failed, skips the
  save for that request so stored data is never replaced by an empty record.
  `delete_attributes` ("forget me") is the exception: it raises `MemoryUnavailable`
  so the skill never claims to have erased data it could not erase.

Keys are HMAC-SHA256 hashes of the Alexa user id (`skill.memory.userkey`). Logs carry no
user id, device id, key or stored value.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping
from contextlib import closing
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.exceptions import PersistenceException

from skill.memory.merge import merge3
from skill.memory.userkey import UserKeyer, keyer_for, salt_from_env

if TYPE_CHECKING:
    from ask_sdk_model import RequestEnvelope

log = logging.getLogger(__name__)

DB_ENV = "NIGHTLEGS_DB"
TABLE_ENV = "NIGHTLEGS_DYNAMODB_TABLE"
ENDPOINT_ENV = "NIGHTLEGS_DYNAMODB_ENDPOINT"
CREATE_TABLE_ENV = "NIGHTLEGS_DYNAMODB_CREATE_TABLE"
APP_NAME = "nightlegs"
DB_FILENAME = "nightlegs.sqlite3"

Attributes = dict[str, Any]
T = TypeVar("T")


class MemoryUnavailable(PersistenceException):
    """The store could not do what was asked; raised only where silence would mislead."""


# --------------------------------------------------------------------------- helpers


def user_id_of(request_envelope: RequestEnvelope) -> str:
    try:
        user_id = request_envelope.context.system.user.user_id
    except AttributeError:
        user_id = None
    if not user_id:
        raise PersistenceException("the request carries no user id")
    return str(user_id)


def request_id_of(request_envelope: RequestEnvelope) -> str | None:
    request = getattr(request_envelope, "request", None)
    request_id = getattr(request, "request_id", None)
    return str(request_id) if request_id else None


def plain(value: Any) -> Any:
    """DynamoDB hands numbers back as Decimal; make them the ints and floats JSON knows."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def default_db_path() -> Path:
    """NIGHTLEGS_DB, else `nightlegs.sqlite3` in the per-user data folder (platformdirs)."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def hashed_user_keygen(keyer: UserKeyer) -> Callable[[RequestEnvelope], str]:
    """A partition keygen for the DynamoDB adapter that stores hashes, not user ids."""

    def keygen(request_envelope: RequestEnvelope) -> str:
        return keyer.key(user_id_of(request_envelope))

    return keygen


# --------------------------------------------------------------------------- SQLite


_SCHEMA = """
CREATE TABLE IF NOT EXISTS memory (
    user_key   TEXT PRIMARY KEY,
    attributes TEXT NOT NULL,
    etag       TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""


class SqliteAdapter(AbstractPersistenceAdapter):  # type: ignore[misc]
    """ask-sdk persistence in one SQLite file, safe for several processes at once.

    `get_attributes` remembers what it read for that request (by request id); the
    save of the same request merges its changes into whatever is stored by then
    (`skill.memory.merge.merge3`), inside one write transaction, so a concurrent writer's
    changes survive. If the record was erased after this request read it ("forget
    me" on another device), the save is dropped rather than bringing data back.
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
        self._lock = threading.Lock()
        self._reads: OrderedDict[tuple[str, str], tuple[str | None, Attributes]] = OrderedDict()
        self._max_reads = remembered_reads

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
        written = self._retrying(lambda: self._write(key, ours, read))
        if written is not None:  # a second save in this request merges against this one
            self._remember_read(request_envelope, key, *written)

    def _read_row(self, key: str) -> tuple[str, str] | None:
        with closing(self._connect()) as db:
            row = db.execute("SELECT attributes, etag FROM memory WHERE user_key = ?", (key,)).fetchone()
        return None if row is None else (row[0], row[1])

    def _write(
        self, key: str, ours: Attributes, read: tuple[str | None, Attributes] | None
    ) -> tuple[str, Attributes] | None:
        """One write transaction: merge into what is stored now, unless it was erased.
        Returns the new (etag, record), or None when the save was dropped."""
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute("SELECT attributes, etag FROM memory WHERE user_key = ?", (key,)).fetchone()
                if read is not None:
                    base_etag, base = read
                    if row is None and base_etag is not None:
                        db.execute("ROLLBACK")  # erased since we read it: do not resurrect
                        return None
                    if row is not None and row[1] != base_etag:
                        ours = merge3(base, ours, _decode(row[0]))
                etag = uuid.uuid4().hex
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
        self._retrying(lambda: self._delete(key))
        # WAL keeps old pages until a checkpoint; fold them back so erased data does not
        # linger. Best effort: a busy reader only delays it to the next checkpoint.
        try:
            with closing(self._connect()) as db:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass

    # -- internals

    def _delete(self, key: str) -> None:
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM memory WHERE user_key = ?", (key,))
            db.execute("COMMIT")

    def _retrying(self, operation: Callable[[], T]) -> T:
        """Run `operation`, retrying while another process holds the lock, up to the busy
        timeout. SQLite's own busy handler covers most waits, but some (a journal mode
        switch, WAL recovery) report "locked" at once."""
        deadline = time.monotonic() + self._busy_timeout
        delay = 0.002
        while True:
            try:
                return operation()
            except sqlite3.OperationalError as exc:
                message = str(exc)
                if ("locked" not in message and "busy" not in message) or time.monotonic() >= deadline:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 0.05)

    def _key(self, request_envelope: RequestEnvelope) -> str:
        if self._keyer is None:
            self._keyer = keyer_for(self.path)
        return self._keyer.key(user_id_of(request_envelope))

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            self._create()
        return self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self._busy_timeout, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout * 1000)}")
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA secure_delete = ON")
        except BaseException:
            db.close()
            raise
        return db

    def _create(self) -> None:
        with self._lock:
            if self._ready:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not self.path.exists():
                # Health-related data: owner-only from the first byte (-wal/-shm inherit it).
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
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


def _decode(text: str) -> Attributes:
    value = json.loads(text)
    if not isinstance(value, dict):
        raise sqlite3.DatabaseError("stored record is not a JSON object")
    return value


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- fault guard


_FAILED_REQUESTS: OrderedDict[str, None] = OrderedDict()
_FAILED_LOCK = threading.Lock()


def memory_failed(request_envelope: RequestEnvelope) -> bool:
    """Did a read or write of memory fail during this request? (So a handler can say so.)"""
    request_id = request_id_of(request_envelope)
    with _FAILED_LOCK:
        return request_id is not None and request_id in _FAILED_REQUESTS


def _note_failure(request_envelope: RequestEnvelope) -> None:
    request_id = request_id_of(request_envelope)
    if request_id is None:
        return
    with _FAILED_LOCK:
        _FAILED_REQUESTS[request_id] = None
        while len(_FAILED_REQUESTS) > 1024:
            _FAILED_REQUESTS.popitem(last=False)


class GuardedAdapter(AbstractPersistenceAdapter):  # type: ignore[misc]
    """Makes any adapter's faults degrade to "no memory" instead of failing the request."""

    def __init__(self, inner: AbstractPersistenceAdapter | None, *, name: str, reason: str = "") -> None:
        self.inner = inner
        self.name = name
        self._reason = reason
        self._failed_reads: OrderedDict[str, None] = OrderedDict()
        self._degraded = False
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return self.inner is not None

    def get_attributes(self, request_envelope: RequestEnvelope) -> Attributes:
        if self.inner is None:
            self._fault("not configured", None)
            _note_failure(request_envelope)
            return {}
        try:
            attributes = plain(self.inner.get_attributes(request_envelope=request_envelope))
        except Exception as exc:  # any fault: answer without memory
            self._fault("read", exc)
            self._mark_failed_read(request_envelope)
            _note_failure(request_envelope)
            return {}
        if not isinstance(attributes, dict):
            self._fault("read", TypeError("stored record is not a mapping"))
            self._mark_failed_read(request_envelope)
            _note_failure(request_envelope)
            return {}
        self._recovered()
        return attributes

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: Mapping[str, Any]) -> None:
        if self.inner is None or self._read_failed(request_envelope):
            _note_failure(request_envelope)
            return  # never write over data this request could not read
        try:
            self.inner.save_attributes(request_envelope=request_envelope, attributes=attributes)
        except Exception as exc:
            self._fault("write", exc)
            _note_failure(request_envelope)
            return
        self._recovered()

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        if self.inner is None:
            self._fault("not configured", None)
            raise MemoryUnavailable("no store is configured")
        try:
            self.inner.delete_attributes(request_envelope=request_envelope)
        except Exception as exc:
            self._fault("erase", exc)
            raise MemoryUnavailable("could not erase the stored record") from exc
        self._recovered()

    # -- internals

    def _fault(self, action: str, exc: BaseException | None) -> None:
        with self._lock:
            if self._degraded:
                return
            self._degraded = True
        log.warning(
            "Memory store %s: %s failed (%s); answering without memory.",
            self.name,
            action,
            _describe(exc) if exc is not None else self._reason or "unavailable",
        )

    def _recovered(self) -> None:
        with self._lock:
            if not self._degraded:
                return
            self._degraded = False
        log.info("Memory store %s works again.", self.name)

    def _mark_failed_read(self, request_envelope: RequestEnvelope) -> None:
        request_id = request_id_of(request_envelope) or f"envelope:{id(request_envelope)}"
        with self._lock:
            self._failed_reads[request_id] = None
            while len(self._failed_reads) > 1024:
                self._failed_reads.popitem(last=False)

    def _read_failed(self, request_envelope: RequestEnvelope) -> bool:
        request_id = request_id_of(request_envelope) or f"envelope:{id(request_envelope)}"
        with self._lock:
            return request_id in self._failed_reads


def _describe(exc: BaseException) -> str:
    """A log-safe description: the fault's kind, never keys or stored values."""
    cause = exc
    while isinstance(cause, PersistenceException) and (cause.__cause__ or cause.__context__):
        cause = cause.__cause__ or cause.__context__  # type: ignore[assignment]
    if isinstance(cause, sqlite3.Error):
        return f"{type(cause).__name__}: {cause}"  # sqlite messages name the fault only
    response = getattr(cause, "response", None)
    error = response.get("Error") if isinstance(response, dict) else None
    code = error.get("Code") if isinstance(error, dict) else None
    return f"{type(cause).__name__}{f' {code}' if code else ''}"


# --------------------------------------------------------------------------- factory


class DefaultSqliteAdapter(AbstractPersistenceAdapter):  # type: ignore[misc]
    """The SQLite store at `default_db_path()`, looked up at each call.

    A process keeps one skill for its whole life; following NIGHTLEGS_DB at call time
    (not at build time) lets each test point the same skill at its own temp file.
    """

    def __init__(self, *, busy_timeout: float = 2.0) -> None:
        self._busy_timeout = busy_timeout
        self._stores: dict[Path, SqliteAdapter] = {}
        self._lock = threading.Lock()

    def current(self) -> SqliteAdapter:
        path = default_db_path()
        with self._lock:
            store = self._stores.get(path)
            if store is None:
                store = self._stores[path] = SqliteAdapter(path, busy_timeout=self._busy_timeout)
            return store

    def get_attributes(self, request_envelope: RequestEnvelope) -> Attributes:
        return self.current().get_attributes(request_envelope)

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: Mapping[str, Any]) -> None:
        self.current().save_attributes(request_envelope, attributes)

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self.current().delete_attributes(request_envelope)


def sqlite_persistence(path: Path | None = None, *, busy_timeout: float = 2.0) -> GuardedAdapter:
    """SQLite at `path`, or at NIGHTLEGS_DB / the user data folder (followed per call)."""
    if path is None:
        return GuardedAdapter(DefaultSqliteAdapter(busy_timeout=busy_timeout), name="sqlite")
    return GuardedAdapter(SqliteAdapter(path, busy_timeout=busy_timeout), name="sqlite")


def dynamodb_persistence(table_name: str) -> GuardedAdapter:
    """ask-sdk's DynamoDB adapter keyed by hashed user ids (NIGHTLEGS_USER_SALT required)."""
    salt = salt_from_env()
    if salt is None:
        # A random salt would live only as long as one Lambda container: every cold start
        # would forget everyone. Refuse to store rather than store under throwaway keys.
        return GuardedAdapter(None, name="dynamodb", reason="NIGHTLEGS_USER_SALT is not set")
    try:
        import boto3
        from ask_sdk_dynamodb.adapter import DynamoDbAdapter  # needs a region at import
        from botocore.config import Config

        endpoint = os.environ.get(ENDPOINT_ENV) or None
        # Alexa waits about 8 s for an answer: fail fast and answer without memory.
        config = Config(connect_timeout=1, read_timeout=2, retries={"max_attempts": 2, "mode": "standard"})
        resource = boto3.resource("dynamodb", endpoint_url=endpoint, config=config)
        inner = DynamoDbAdapter(
            table_name=table_name,
            partition_key_name="id",
            attribute_name="attributes",
            create_table=os.environ.get(CREATE_TABLE_ENV, "") == "1",
            partition_keygen=hashed_user_keygen(UserKeyer(salt)),
            dynamodb_resource=resource,
        )
    except Exception as exc:
        return GuardedAdapter(None, name="dynamodb", reason=_describe(exc))
    return GuardedAdapter(inner, name="dynamodb")


def persistence_from_env() -> GuardedAdapter:
    """DynamoDB when NIGHTLEGS_DYNAMODB_TABLE is set, else SQLite (NIGHTLEGS_DB or the user data folder)."""
    table = os.environ.get(TABLE_ENV, "").strip()
    if table:
        return dynamodb_persistence(table)
    return sqlite_persistence()
