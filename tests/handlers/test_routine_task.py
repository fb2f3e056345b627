"""The bedtime stretch as an Alexa routine action (custom task BedtimeStretch) and as the
one-shot "ask night legs to start my bedtime stretch": it starts at once, no questions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ask_sdk_core.skill import CustomSkill

from skill.app import create_skill
from skill.simulator.session import LocalSession
from skill.paths import content_dir, model_dir
from skill.memory.factory import sqlite_persistence

TASK_FILE = content_dir() / "tasks" / "BedtimeStretch.1.json"
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"


@pytest.fixture
def skill(tmp_path: Path) -> CustomSkill:
    return create_skill(persistence_adapter=sqlite_persistence(tmp_path / "memory.sqlite3"))


def task_launch(session: LocalSession, name: str = f"{SKILL_ID}.BedtimeStretch") -> dict:
    return session.request(session.envelope({"type": "LaunchRequest", "task": {"name": name, "version": "1", "input": {}}}))


def spoken(response: dict) -> str:
    from skill.dialog.ssml import plain_text

    return plain_text(response["response"]["outputSpeech"]["ssml"])


def test_a_routine_starts_the_stretch_with_no_questions(skill: CustomSkill) -> None:
    session = LocalSession(skill=skill)
    response = task_launch(session)
    speech = spoken(response)
    assert speech.startswith("This is not medical advice. Here is a two minute stretch.")
    assert "Pull your toes up toward your face" in speech  # the first move is led at once
    assert "What is your leg doing?" not in speech
    assert response["response"]["shouldEndSession"] is False
    assert response["sessionAttributes"]["stretch"]["routine"] == "two_minute"


def test_the_routine_goes_on_with_next(skill: CustomSkill) -> None:
    session = LocalSession(skill=skill)
    task_launch(session)
    turn = session.say("next")
    assert "Bring one knee up toward your chest" in turn.speech


def test_a_plain_launch_is_not_taken_for_the_task(skill: CustomSkill) -> None:
    session = LocalSession(skill=skill)
    other = task_launch(session, name=f"{SKILL_ID}.SomethingElse")
    assert spoken(other).endswith("What is your leg doing?")


def test_the_one_shot_phrase_does_the_same(skill: CustomSkill) -> None:
    turn = LocalSession(skill=skill).say("Alexa, ask night legs to start my bedtime stretch")
    assert turn.intent == "BedtimeStretchIntent"
    assert "Here is a two minute stretch" in turn.speech
    assert "Pull your toes up toward your face" in turn.speech
    assert not turn.end_session


def test_mid_conversation_danger_comes_before_any_stretch(skill: CustomSkill) -> None:
    session = LocalSession(skill=skill)
    warned = session.say("ask night legs my calf is swollen and hot").speech
    turn = session.say("start my bedtime stretch")
    assert turn.intent == "BedtimeStretchIntent"
    assert turn.speech == warned  # the same-day warning again, not a stretch
    assert "Pull your toes up" not in turn.speech and "stretch" not in session.attributes


def test_the_task_definition_matches_what_the_skill_answers() -> None:
    document = json.loads(TASK_FILE.read_text(encoding="utf-8"))
    assert document["openapi"].startswith("3.")
    assert list(document["paths"]) == ["/BedtimeStretch"]  # one task per file, named by its path
    assert document["info"]["version"] == "1"  # the file name's version
    assert set(document["paths"]["/BedtimeStretch"]) == {"summary", "description", "post"}
    titles = document["info"]["x-amzn-display-details"]
    locales = {p.stem for p in (model_dir() / "source" / "locales").glob("*.yaml")}
    assert locales <= set(titles), "every locale the skill ships has a title in the Alexa app"
    # Amazon: tasks offered as routine actions are public tasks, not vendor-private ones.
    assert document["info"]["x-amzn-alexa-access-scope"] == "public"


def _directive_types(response: dict) -> list[str]:
    return [d["type"] for d in response["response"].get("directives") or []]


def test_a_routine_hears_the_task_complete_when_the_user_stops(skill: CustomSkill) -> None:
    session = LocalSession(skill=skill)
    first = task_launch(session)
    assert "Tasks.CompleteTask" not in _directive_types(first), "the stretch is still going"
    turn = session.say("stop")
    assert turn.end_session is True
    assert turn.directives.count("Tasks.CompleteTask") == 1


def test_a_routine_hears_the_task_complete_when_the_stretch_ends(skill: CustomSkill) -> None:
    session = LocalSession(skill=skill)
    task_launch(session)
    turns = [session.say("next") for _ in range(6)]
    ending = next(t for t in turns if t.end_session)
    assert "Sleep well" in ending.speech
    assert ending.directives.count("Tasks.CompleteTask") == 1


def test_a_stretch_not_started_by_a_routine_completes_no_task(skill: CustomSkill) -> None:
    session = LocalSession(skill=skill)
    session.say("ask night legs to start my bedtime stretch")
    turn = session.say("stop")
    assert turn.end_session is True
    assert "Tasks.CompleteTask" not in turn.directives
