""""Forget me" that holds across devices and sessions, and an erase that says when it
cannot find what it should erase.

An erase leaves a tombstone in the store (the key, an empty record and the time of the
erase), not only a flag in the erasing session's state. A save is accepted only from a
session that opened after the erase (a later second: Alexa's timestamps are whole
seconds); one already open on another device (its
"remember this", its stretch progress) is refused with `ErasedMeanwhile`, so it cannot
bring the record back. A session's opening time is this request's timestamp when the
session is new, else the time the skill signed into the session's own state at its
first request (`skill.memory.session.MemorySession.opened_at`); unknown means "before".

An erase that finds no record raises `NothingToErase`; a store whose rows were keyed
with another salt (the salt file lost and made again) raises `SaltChanged` for every
operation, so "forget me" never claims an erase while the old row stays.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ask_sdk_core.exceptions import PersistenceException

from skill.dialog import signing
from skill.memory.session import SESSION_KEY, MemorySession
from skill.memory.userkey import UserKeyer

if TYPE_CHECKING:
    from ask_sdk_model import RequestEnvelope

SALT_CHECK_INPUT = "nightlegs:salt-check"  # hashed like a user id: a fingerprint of the salt


class ErasedMeanwhile(PersistenceException):
    """The record was erased after this session opened: the save is refused."""


class NothingToErase(PersistenceException):
    """No stored record was found to erase."""


class SaltChanged(PersistenceException):
    """The store's records were keyed with another salt: nothing here can be found or erased."""


def stamp(moment: datetime) -> str:
    """A UTC time as fixed-width ISO text, so comparing the text compares the times."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def request_time(request_envelope: RequestEnvelope) -> str:
    """This request's timestamp (Alexa's clock), else now."""
    moment = getattr(getattr(request_envelope, "request", None), "timestamp", None)
    return stamp(moment if isinstance(moment, datetime) else datetime.now(timezone.utc))


def session_opened_at(request_envelope: RequestEnvelope) -> str | None:
    """When this request's session opened, or None when that is not known."""
    session = getattr(request_envelope, "session", None)
    if session is None:
        return None
    if session.new:
        return request_time(request_envelope)
    attributes: Any = session.attributes or {}
    opened = MemorySession.from_dict(signing.read(attributes, SESSION_KEY)).opened_at
    return opened


def save_allowed(erased_at: str | None, opened_at: str | None) -> bool:
    """May a session opened at ``opened_at`` save over a record erased at ``erased_at``?"""
    # Strictly after: Alexa's timestamps are whole seconds, and a session opened in the
    # second of the erase may have opened before it.
    return erased_at is None or (opened_at is not None and opened_at > erased_at)


def salt_check(keyer: UserKeyer) -> str:
    """A fingerprint of the salt, stored beside the records to notice a changed salt."""
    return keyer.key(SALT_CHECK_INPUT)
