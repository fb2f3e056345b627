"""A fault guard around any memory store: a fault never stops the skill answering.

`GuardedAdapter` answers a failed read with no memory, logs one warning (not one per
request) and, if the read failed, skips the save for that request so stored data is
never replaced by an empty record. `delete_attributes` ("forget me") is the exception:
it raises `MemoryUnavailable` so the skill never claims to have erased data it could
not erase (nor one it could not find: `skill.memory.tombstone.NothingToErase`). A save
refused because the record was erased after the session opened counts as not stored.
Logs carry no user id, device id, key or stored value.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.exceptions import PersistenceException

from skill.memory.envelope import Attributes, plain, request_id_of, user_id_of
from skill.memory.tombstone import ErasedMeanwhile
from skill.memory.visits import RecentVisits

if TYPE_CHECKING:
    from ask_sdk_model import RequestEnvelope

log = logging.getLogger(__name__)


class MemoryUnavailable(PersistenceException):
    """The store could not do what was asked; raised only where silence would mislead."""



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
        self._visits = RecentVisits()

    @property
    def visits(self) -> RecentVisits:
        """Users whose visit today is known to be stored (per store file, where a store
        follows NIGHTLEGS_DB from call to call)."""
        found = getattr(self.inner, "visits", None)
        return found if isinstance(found, RecentVisits) else self._visits

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
        except ErasedMeanwhile:  # "forget me" since this session opened: refused, not a fault
            _note_failure(request_envelope)
            return
        except Exception as exc:
            self._fault("write", exc)
            _note_failure(request_envelope)
            return
        self._recovered()

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        try:
            self.visits.forget(user_id_of(request_envelope))
        except PersistenceException:
            pass
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
            describe(exc) if exc is not None else self._reason or "unavailable",
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


def describe(exc: BaseException) -> str:
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
