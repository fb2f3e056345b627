"""Remember, not remember, forget me, welcome back, and going on where a stretch stopped:
through the real skill (skill.simulator.session.LocalSession) with a real SQLite store on a temp file."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from ask_sdk_core.skill import CustomSkill

from memory_support import envelope
from skill.alexa.api_client import TimeoutApiClient
from skill.app import create_skill
from skill.simulator.session import DEFAULT_USER_ID, LocalSession
from skill.memory.factory import sqlite_persistence

NUMB_LEFT_SIDE = ["my leg goes numb when I lie on my side", "no", "moving it", "the left one"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "memory.sqlite3"


@pytest.fixture
def skill(db: Path) -> CustomSkill:
    return create_skill(persistence_adapter=sqlite_persistence(db), api_client=TimeoutApiClient(1.0))


def stored(db: Path, user: str = DEFAULT_USER_ID) -> dict:
    record = sqlite_persistence(db).get_attributes(envelope(user))
    return record.get("memory", {})


def talk(skill: CustomSkill, *utterances: str, launch: bool = True) -> list:
    session = LocalSession(skill=skill)
    turns = [session.launch()] if launch else []
    return turns + [session.say(u) for u in utterances]


# --------------------------------------------------------------------------- remember


def test_symptoms_are_kept_only_after_a_yes(skill: CustomSkill, db: Path) -> None:
    turns = talk(skill, *NUMB_LEFT_SIDE, "remember this", "yes")
    ask, done = turns[-2], turns[-1]
    assert "Do you want me to remember this for next time?" in ask.speech and not ask.end_session
    assert "I will remember it" in done.speech and "forget me" in done.speech
    assert done.speech.endswith("Or say, stop.")  # always a next step
    assert stored(db)["symptoms"] == {"sensation": "numb", "side": "left", "position": "side", "relief": "moving"}


def test_what_was_kept_is_said_back_next_time_and_the_safety_question_is_asked_again(skill: CustomSkill) -> None:
    talk(skill, *NUMB_LEFT_SIDE, "remember this", "yes", "stop")
    session = LocalSession(skill=skill)
    welcome = session.launch()
    assert welcome.speech.startswith(
        "Welcome back. I kept what you told me last time. You said your left leg goes numb when you lie on your side."
    )
    turn = session.say("my leg goes numb")
    assert "safety check" in turn.speech  # danger signs are never carried over
    answered = session.say("no")
    assert "Is it one leg, or both?" not in answered.speech  # the side was kept
    assert "What makes it better?" not in answered.speech  # and what helps


def test_no_means_nothing_about_the_legs_is_kept(skill: CustomSkill, db: Path) -> None:
    turns = talk(skill, *NUMB_LEFT_SIDE, "remember this", "no")
    assert "I will not keep it" in turns[-1].speech
    assert "symptoms" not in stored(db)
    assert talk(skill)[0].speech.startswith("Welcome back. This is not medical advice.")  # nothing said back


def test_without_being_asked_no_health_detail_is_stored(skill: CustomSkill, db: Path) -> None:
    talk(skill, *NUMB_LEFT_SIDE, "stop")
    memory = stored(db)
    assert "symptoms" not in memory
    assert memory["last_visit"] and memory["disclaimer_heard"] is True


def test_nothing_to_remember_yet(skill: CustomSkill, db: Path) -> None:
    turns = talk(skill, "remember this")
    assert "nothing to remember yet" in turns[-1].speech
    assert "symptoms" not in stored(db)


def test_a_later_yes_is_not_taken_as_remember_me(skill: CustomSkill, db: Path) -> None:
    # The question answers one turn only: a yes after a detour is not consent.
    talk(skill, *NUMB_LEFT_SIDE, "remember this", "how should i sleep", "yes")
    assert "symptoms" not in stored(db)


def test_help_at_the_memory_question_says_what_yes_does_and_keeps_asking(skill: CustomSkill, db: Path) -> None:
    turns = talk(skill, *NUMB_LEFT_SIDE, "remember this", "help", "yes")
    assert "Say yes, and I will keep it. Or say no." in turns[-2].speech  # the question is asked again
    assert "I will remember it" in turns[-1].speech and stored(db)["symptoms"]


# --------------------------------------------------------------------------- forget me


def test_forget_me_asks_then_erases_everything(skill: CustomSkill, db: Path) -> None:
    talk(skill, *NUMB_LEFT_SIDE, "remember this", "yes", "stop")
    assert stored(db)

    turns = talk(skill, "delete my data", "yes", "stop")
    assert "forget everything I know about you" in turns[1].speech and not turns[1].end_session
    assert "erased everything" in turns[2].speech
    assert stored(db) == {}, "and nothing more is saved in that session"

    again = talk(skill)[0]
    assert again.speech.startswith("Welcome to Night Legs"), "a first visit again"


def test_forget_me_no_keeps_it(skill: CustomSkill, db: Path) -> None:
    talk(skill, *NUMB_LEFT_SIDE, "remember this", "yes", "stop")
    turns = talk(skill, "forget me", "no")
    assert "I will keep it" in turns[-1].speech
    assert stored(db)["symptoms"]


def test_forget_me_never_claims_an_erase_that_failed(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    broken = create_skill(persistence_adapter=sqlite_persistence(blocker / "memory.sqlite3"))
    turns = talk(broken, "forget me", "yes")
    assert "could not erase it" in turns[-1].speech
    assert "erased" not in turns[-1].speech


# --------------------------------------------------------------------------- returning users


def test_a_returning_user_hears_a_shorter_welcome(skill: CustomSkill) -> None:
    first = talk(skill, "stop")[0]
    assert first.speech.startswith("Welcome to Night Legs. I help when")
    second = talk(skill)[0]
    assert second.speech.startswith("Welcome back.")
    assert "I can help when your legs" not in second.speech
    assert "not medical advice" in second.speech  # still once per session
    assert second.speech.endswith("What is your leg doing?") and not second.end_session


def test_a_one_shot_question_counts_as_a_visit_every_time(skill: CustomSkill, db: Path) -> None:
    talk(skill, "help", launch=False)
    first = stored(db)["last_visit"]
    talk(skill, "help", launch=False)  # the same day again: nothing new to store
    assert stored(db)["last_visit"] == first
    assert talk(skill)[0].speech.startswith("Welcome back.")


def test_after_forget_me_the_next_visit_counts_again(skill: CustomSkill, db: Path) -> None:
    talk(skill, "help", launch=False)
    talk(skill, "forget me", "yes", launch=False)
    assert stored(db) == {}
    time.sleep(1.1)  # a session of a later second than the erase (Alexa's timestamps are whole seconds)
    talk(skill, "help", launch=False)
    assert stored(db).get("last_visit"), "the visit after forget me is stored"


def test_users_are_remembered_apart(skill: CustomSkill) -> None:
    talk(skill, "stop")
    stranger = LocalSession(skill=skill, user_id="amzn1.ask.account.SOMEONE-ELSE").launch()
    assert stranger.speech.startswith("Welcome to Night Legs")


def test_going_on_where_the_stretch_stopped(skill: CustomSkill, db: Path) -> None:
    started = talk(skill, "start my bedtime stretch", "stop", launch=False)
    assert "Next is the knee hug" in started[0].speech
    assert stored(db)["progress"]["step"] == 1

    session = LocalSession(skill=skill)
    welcome = session.launch()
    assert welcome.speech.startswith("Welcome back.")
    assert welcome.speech.endswith("Last time you stopped at the knee hug. Do you want to go on?")
    went_on = session.say("yes")
    assert "Bring one knee up toward your chest" in went_on.speech
    assert "end of the two minute stretch" in went_on.speech
    assert "progress" not in stored(db), "finished: nothing left to go back to"


def test_no_to_going_on_asks_about_the_legs(skill: CustomSkill) -> None:
    talk(skill, "start my bedtime stretch", "stop", launch=False)
    session = LocalSession(skill=skill)
    session.launch()
    declined = session.say("no")
    assert declined.speech == "Okay. What is your leg doing?"
    assert not declined.end_session


def test_the_skill_still_answers_when_the_store_is_broken(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    corrupt = tmp_path / "memory.sqlite3"
    corrupt.write_bytes(b"garbage " * 500)
    broken = create_skill(persistence_adapter=sqlite_persistence(corrupt))
    with caplog.at_level(logging.WARNING):
        turns = talk(broken, *NUMB_LEFT_SIDE, "remember this", "yes")
    assert turns[0].speech.startswith("Welcome to Night Legs")
    assert "A common reason is pressure on a nerve" in turns[4].speech
    assert "could not save it" in turns[-1].speech
    assert corrupt.read_bytes() == b"garbage " * 500
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and r.name == "skill.memory.guard"]
    assert len(warnings) == 1
    assert DEFAULT_USER_ID not in warnings[0].getMessage()


def test_a_request_with_no_context_is_answered_without_memory(skill: CustomSkill, db: Path) -> None:
    session = LocalSession(skill=skill)
    envelope_ = session.envelope({"type": "LaunchRequest"})
    del envelope_["context"]  # Alexa always sends one; a hand-made request may not
    response = session.request(envelope_)
    assert "What is your leg doing?" in response["response"]["outputSpeech"]["ssml"]
    assert not db.exists() or stored(db) == {}


def test_the_next_step_it_offers_does_what_it_says(skill: CustomSkill) -> None:
    session = LocalSession(skill=skill)
    session.launch()
    session.say("forget me")
    kept = session.say("no")
    assert kept.speech.endswith("To stretch now, say, start my bedtime stretch. Or say, stop.")
    turn = session.say("start my bedtime stretch")
    assert "Here is a two minute stretch" in turn.speech


def test_after_forget_me_nothing_more_is_saved_in_that_session(skill: CustomSkill, db: Path) -> None:
    # A record to forget: symptoms kept, a stretch under way.
    session = LocalSession(skill=skill)
    session.launch()
    for said in [*NUMB_LEFT_SIDE, "remember this", "yes", "stretch with me", "next"]:
        session.say(said)
    assert stored(db)
    session.say("forget me")
    assert "erased everything" in session.say("yes").speech
    assert stored(db) == {}
    # Whatever follows in the same session stores nothing: not "remember this", not a
    # stretch with its progress and pace, not a "yes" to remembering the symptoms.
    for said in ["remember this", "stretch with me", "next", "slower", "stop"]:
        session.say(said)
        assert stored(db) == {}, f"saved again after {said!r}"

    session = LocalSession(skill=skill)  # and a yes to remembering stores nothing either
    session.launch()
    for said in [*NUMB_LEFT_SIDE, "forget me", "yes"]:
        session.say(said)
    assert "keep nothing more" in session.say("remember this").speech
    for said in ["yes", "stretch with me", "next", "stop"]:
        session.say(said)
        assert stored(db) == {}, f"saved again after {said!r}"


# --------------------------------------------------------------------------- same as last time, in one breath


@pytest.mark.parametrize(("opening", "locale"), [
    ("same as last time", "en-US"), ("its the same as before", "en-CA"), ("same thing again", "en-GB"),
    ("same as usual", "en-AU"), ("same as the other night", "en-IN"),
])
def test_a_one_shot_same_as_last_time_goes_on_from_what_was_kept(skill: CustomSkill, opening: str, locale: str) -> None:
    first = LocalSession(locale, skill=skill)
    for said in (*NUMB_LEFT_SIDE, "remember this", "yes", "stop"):
        first.say(said)
    session = LocalSession(locale, skill=skill)
    turn = session.say(f"ask night legs {opening}")
    assert turn.intent == "SameAsBeforeIntent", turn.intent
    assert "numb" in turn.speech and "safety check" in turn.speech, turn.speech  # the safety question first
    answered = session.say("no")
    assert "Is it one leg, or both?" not in answered.speech  # what was kept is used


@pytest.mark.parametrize("locale", ["en-US", "en-CA", "en-GB", "en-AU", "en-IN"])
def test_a_one_shot_same_as_last_time_with_nothing_kept_says_so_and_asks(skill: CustomSkill, locale: str) -> None:
    session = LocalSession(locale, skill=skill)
    turn = session.say("ask night legs same as last time")
    assert "nothing saved" in turn.speech or "anything saved" in turn.speech, turn.speech
    assert turn.speech.endswith("What is your leg doing?") and not turn.end_session
    assert "did not catch" not in turn.speech


def test_same_as_before_at_the_safety_question_asks_it_again(skill: CustomSkill) -> None:
    session = LocalSession(skill=skill)
    session.say("my calf cramps at night")
    turn = session.say("same as before")
    assert "safety check" in turn.speech or "Anything new and sudden" in turn.speech, turn.speech
