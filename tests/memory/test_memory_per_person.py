"""Issue 23, finding 2: what "remember this" keeps is kept per person, is never read out
to another person on the account, and never holds a danger sign (checked against the
labels docs/privacy.md lists)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from skill import paths
from skill.memory import policy
from skill.simulator.session import LocalSession, Turn

TOLD = "my right leg burns when i lie on my back"
HEARD = "right leg burns"


def _say_as(session: LocalSession, text: str, person: str | None) -> Turn:
    """One turn as the simulator would send it, with Alexa's recognised speaker (or none)."""
    if person is None:
        return session.say(text)
    original = session.envelope

    def with_person(request: Any) -> dict[str, Any]:
        document = original(request)
        document["context"]["System"]["person"] = {"personId": person}
        return document

    session.envelope = with_person  # type: ignore[method-assign]
    try:
        return session.say(text)
    finally:
        session.envelope = original  # type: ignore[method-assign]


def _launch_as(user: str, person: str | None) -> str:
    session = LocalSession("en-US", user_id=user)
    if person is None:
        return session.launch().speech
    original = session.envelope

    def with_person(request: Any) -> dict[str, Any]:
        document = original(request)
        document["context"]["System"]["person"] = {"personId": person}
        return document

    session.envelope = with_person  # type: ignore[method-assign]
    return session.launch().speech


def _remember(user: str, person: str | None, *extra: str) -> None:
    session = LocalSession("en-US", user_id=user)
    for text in (TOLD, *extra, "remember this", "yes"):
        turn = _say_as(session, text, person)
    assert "I will remember it" in turn.speech


def _user() -> str:
    return f"amzn1.ask.account.{uuid.uuid4()}"


def test_a_recognised_person_hears_their_own_details_and_another_person_does_not() -> None:
    user, alice, bob = _user(), "amzn1.ask.person.ALICE", "amzn1.ask.person.BOB"
    _remember(user, alice)
    assert HEARD in _launch_as(user, alice)
    assert HEARD not in _launch_as(user, bob)


def test_an_unrecognised_speaker_on_an_account_with_people_hears_nothing_kept() -> None:
    user, alice = _user(), "amzn1.ask.person.ALICE"
    _remember(user, alice)
    speech = _launch_as(user, None)
    assert HEARD not in speech and "burns" not in speech


def test_an_account_without_voice_profiles_still_gets_its_welcome_back() -> None:
    user = _user()
    _remember(user, None)
    assert HEARD in _launch_as(user, None)


def test_what_an_unrecognised_speaker_kept_is_not_read_to_a_recognised_person() -> None:
    user = _user()
    _remember(user, None)
    assert HEARD not in _launch_as(user, "amzn1.ask.person.CAROL")


# --------------------------------------------------------------------------- danger never stored


def _privacy_labels() -> dict[str, frozenset[str]]:
    """The labels docs/privacy.md says "remember this" can keep, by slot."""
    text = (paths.project_root() / "docs" / "privacy.md").read_text(encoding="utf-8")
    labels: dict[str, frozenset[str]] = {}
    for slot, values in re.findall(r"^- [^\n(]*\(`(\w+)`\): ([^\n]+)$", text, flags=re.M):
        labels[slot] = frozenset(v.strip().replace(" ", "_") for v in values.split(","))
    return labels


def _stored_records() -> list[dict[str, Any]]:
    with sqlite3.connect(os.environ["NIGHTLEGS_DB"]) as db:
        return [json.loads(row[0]) for row in db.execute("SELECT attributes FROM memory")]


def test_the_privacy_page_and_the_code_list_the_same_labels() -> None:
    assert _privacy_labels() == dict(policy.KEPT_SYMPTOMS)


DANGER = [
    "I have cancer",
    "I take blood thinners",
    "I can't control my bladder or bowels",
    "I have chest pain",
    "it came on suddenly and my leg is weak",
    "I have diabetes and I'm pregnant",
]


@pytest.mark.parametrize("said", DANGER)
def test_remember_this_never_stores_a_danger_sign(said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIGHTLEGS_DB", str(tmp_path / "memory.sqlite3"))
    user = _user()
    session = LocalSession("en-US", user_id=user)
    for text in (TOLD, said, "remember this", "yes"):
        session.say(text)
    allowed = _privacy_labels()
    records = _stored_records()
    assert records, "something was stored"
    for record in records:
        memory = record.get(policy.RECORD_KEY, {})
        kept = [memory.get("symptoms", {}), *memory.get("people", {}).values()]
        for symptoms in kept:
            for slot, value in symptoms.items():
                assert slot in allowed and value in allowed[slot], f"{slot}={value!r} is not on the privacy page's list"
        dumped = json.dumps(record)
        for word in ("cancer", "thinners", "bladder", "chest", "diabetes", "pregnan", "sudden", "weak", "signs"):
            assert word not in dumped, f"{word!r} stored: {dumped}"
