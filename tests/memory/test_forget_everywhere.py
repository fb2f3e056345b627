"""Issue 23, finding 3: "forget me" holds across devices and sessions (a tombstone in
the store, SQLite and DynamoDB), and an erase that cannot find the record says so."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from ask_sdk_model import Context, IntentRequest, RequestEnvelope, Session, User
from ask_sdk_model.interfaces.system import SystemState

from skill.app import create_skill
from skill.dialog import signing
from skill.memory.factory import persistence_from_env, sqlite_persistence
from skill.memory.guard import MemoryUnavailable
from skill.memory.session import SESSION_KEY, MemorySession
from skill.simulator.session import LocalSession

from memory_support import use_dynamodb

NUMB = ["my left leg goes numb when I lie on my side", "no"]
USER = "amzn1.ask.account.FORGET-TEST-USER"


def _rows(db: Path) -> list[dict]:
    with sqlite3.connect(db) as conn:
        return [json.loads(row[0]) for row in conn.execute("SELECT attributes FROM memory")]


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("NIGHTLEGS_USER_SALT", raising=False)
    return tmp_path / "memory.sqlite3"


def test_a_session_open_on_another_device_cannot_bring_the_record_back(db: Path) -> None:
    skill = create_skill(persistence_adapter=sqlite_persistence(db))
    bedroom = LocalSession(skill=skill, user_id=USER)
    bedroom.launch()
    for said in NUMB:
        bedroom.say(said)  # the bedroom session stays open

    kitchen = LocalSession(skill=skill, user_id=USER)
    kitchen.launch()
    kitchen.say("forget me")
    assert "erased everything" in kitchen.say("yes").speech

    bedroom.say("remember this")
    answer = bedroom.say("yes").speech
    assert "I will remember it" not in answer, "it does not claim to keep what it may not"
    assert all(row.get("memory", {}).get("symptoms") is None for row in _rows(db)), _rows(db)
    for said in ["stretch with me", "next", "slower", "stop"]:
        bedroom.say(said)
    assert all(not row for row in _rows(db)), f"the open session saved again: {_rows(db)}"


def test_a_session_opened_after_the_erase_is_remembered_again(db: Path) -> None:
    skill = create_skill(persistence_adapter=sqlite_persistence(db))
    first = LocalSession(skill=skill, user_id=USER)
    first.launch()
    first.say("forget me")
    first.say("yes")
    time.sleep(1.1)  # Alexa's timestamps are whole seconds: a session of a later second
    later = LocalSession(skill=skill, user_id=USER)
    later.launch()
    for said in [*NUMB, "remember this"]:
        later.say(said)
    assert "I will remember it" in later.say("yes").speech
    assert any(row.get("memory", {}).get("symptoms") for row in _rows(db))


def test_after_losing_the_salt_forget_me_does_not_claim_an_erase(db: Path) -> None:
    skill = create_skill(persistence_adapter=sqlite_persistence(db))
    session = LocalSession(skill=skill, user_id=USER)
    session.launch()
    for said in [*NUMB, "remember this", "yes"]:
        session.say(said)
    assert any(row.get("memory", {}).get("symptoms") for row in _rows(db))

    db.with_name(db.name + ".salt").unlink()  # the salt is lost
    fresh = create_skill(persistence_adapter=sqlite_persistence(db))  # a restarted service
    again = LocalSession(skill=fresh, user_id=USER)
    again.launch()
    again.say("forget me")
    answer = again.say("yes").speech
    assert "erased" not in answer and "could not erase" in answer
    assert any(row.get("memory", {}).get("symptoms") for row in _rows(db)), "the old row is still there"


def test_an_erase_with_no_record_says_so(db: Path) -> None:
    adapter = sqlite_persistence(db)
    with pytest.raises(MemoryUnavailable):
        adapter.delete_attributes(_envelope(new=True, at=datetime.now(timezone.utc)))


# --------------------------------------------------------------------------- DynamoDB


def _envelope(*, new: bool, at: datetime, opened: datetime | None = None, user: str = USER) -> RequestEnvelope:
    attributes: dict = {}
    if opened is not None:
        from skill.memory.tombstone import stamp  # (imported here: the SQLite tests need none of it)

        signing.store(attributes, SESSION_KEY, MemorySession(opened_at=stamp(opened)).to_dict())
    return RequestEnvelope(
        context=Context(system=SystemState(user=User(user_id=user))),
        session=Session(new=new, session_id=f"s-{uuid.uuid4()}", user=User(user_id=user), attributes=attributes),
        request=IntentRequest(request_id=f"amzn1.echo-api.request.{uuid.uuid4()}", timestamp=at),
    )


@pytest.fixture
def dynamodb(monkeypatch: pytest.MonkeyPatch, dynamodb_endpoint: str) -> str:
    table = f"nightlegs-forget-{uuid.uuid4().hex[:8]}"
    return use_dynamodb(monkeypatch, dynamodb_endpoint, table, "forget-test-salt-0123456789abcdef")


def test_dynamodb_refuses_a_save_from_a_session_opened_before_the_erase(dynamodb: str) -> None:
    now = datetime.now(timezone.utc)
    adapter = persistence_from_env()
    first = _envelope(new=True, at=now - timedelta(minutes=5))
    adapter.get_attributes(first)
    adapter.save_attributes(first, {"memory": {"pace": "slow"}})

    adapter.delete_attributes(_envelope(new=False, at=now - timedelta(minutes=1), opened=now - timedelta(minutes=2)))
    assert persistence_from_env().get_attributes(_envelope(new=True, at=now)) == {}

    stale = _envelope(new=False, at=now, opened=now - timedelta(minutes=5))  # open since before the erase
    adapter.get_attributes(stale)
    adapter.save_attributes(stale, {"memory": {"pace": "fast", "symptoms": {"side": "left"}}})
    assert persistence_from_env().get_attributes(_envelope(new=True, at=now)) == {}

    fresh = _envelope(new=True, at=now)  # opened after the erase
    adapter.get_attributes(fresh)
    adapter.save_attributes(fresh, {"memory": {"pace": "fast"}})
    assert persistence_from_env().get_attributes(_envelope(new=True, at=now)) == {"memory": {"pace": "fast"}}


def test_dynamodb_erase_with_no_record_says_so(dynamodb: str) -> None:
    with pytest.raises(MemoryUnavailable):
        persistence_from_env().delete_attributes(_envelope(new=True, at=datetime.now(timezone.utc), user="amzn1.ask.account.NOBODY"))


def test_dynamodb_with_another_salt_refuses_to_claim_an_erase(dynamodb: str, monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime.now(timezone.utc)
    adapter = persistence_from_env()
    request = _envelope(new=True, at=now)
    adapter.get_attributes(request)
    adapter.save_attributes(request, {"memory": {"pace": "slow"}})
    monkeypatch.setenv("NIGHTLEGS_USER_SALT", "another-salt-entirely-0123456789ab")
    with pytest.raises(MemoryUnavailable):
        persistence_from_env().delete_attributes(_envelope(new=True, at=now))
