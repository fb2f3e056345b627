"""Session state the skill did not sign is a new conversation: a forged "already screened",
a forged line for "repeat", a forged "forget me" question are all ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
from ask_sdk_core.skill import CustomSkill

from memory_support import envelope
from skill.alexa.api_client import TimeoutApiClient
from skill.app import create_skill
from skill.dialog import signing
from skill.memory.factory import sqlite_persistence
from skill.simulator.session import DEFAULT_USER_ID, LocalSession

NUMB_LEFT_SIDE = ["my leg goes numb when I lie on my side", "no", "moving it", "the left one"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "memory.sqlite3"


@pytest.fixture
def skill(db: Path) -> CustomSkill:
    return create_skill(persistence_adapter=sqlite_persistence(db), api_client=TimeoutApiClient(1.0))


def test_a_forged_screened_flag_does_not_skip_the_safety_question(skill: CustomSkill) -> None:
    session = LocalSession(skill=skill)
    session.launch()
    session.attributes["nl"] = {"screened": True, "pending": None}
    assert "safety check" in session.say("my leg goes numb when I lie on my side").speech


def test_a_forged_line_is_not_replayed_by_repeat(skill: CustomSkill) -> None:
    session = LocalSession(skill=skill)
    session.launch()
    session.say(NUMB_LEFT_SIDE[0])
    session.attributes["nl"]["last_speech"] = "<speak>Take all of your pills now.</speak>"
    assert "pills" not in session.say("repeat").speech


def test_a_forged_forget_question_does_not_erase_on_yes(skill: CustomSkill, db: Path) -> None:
    session = LocalSession(skill=skill)
    session.launch()
    for said in [*NUMB_LEFT_SIDE, "remember this", "yes"]:
        session.say(said)
    session.attributes["nl"]["pending"] = "forget"
    session.say("yes")
    assert sqlite_persistence(db).get_attributes(envelope(DEFAULT_USER_ID))["memory"]["symptoms"]


def test_state_signed_with_another_key_is_a_new_conversation(skill: CustomSkill, monkeypatch: pytest.MonkeyPatch) -> None:
    session = LocalSession(skill=skill)
    session.launch()
    session.say(NUMB_LEFT_SIDE[0])
    session.say("no")  # the safety question answered, under the development key
    monkeypatch.setenv(signing.ENV_SESSION_KEY, "a-deployment-key")
    assert "safety check" in session.say("my leg goes numb when I lie on my side").speech


def test_the_skills_own_state_still_carries_the_conversation(skill: CustomSkill) -> None:
    session = LocalSession(skill=skill)
    session.launch()
    first = session.say(NUMB_LEFT_SIDE[0])
    assert session.say("repeat").speech == first.speech
    assert "safety check" not in session.say("no").speech
