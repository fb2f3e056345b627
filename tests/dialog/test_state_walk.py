"""No dead ends (issue 21, item 3): every state the skill can wait in, walked with a set of
off-script everyday replies, end to end (the words go through the simulator's NLU).

A reply moves on when the session ends kindly, or it stays open with a question to answer
(a reprompt) and, when a symptom question was waiting, that question (or the next one) is
still what waits: the thread is never lost to "what is your leg doing?".
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill

from skill.alexa.api_client import TimeoutApiClient
from skill.app import create_skill
from skill.content import load_content
from skill.dialog.session_keys import CONVERSATION_KEY
from skill.memory.factory import sqlite_persistence
from skill.simulator.session import LocalSession

# How to reach each state, from a new session (en-GB words; the state is checked).
STATES: dict[str, list[str]] = {
    "launch": ["open night legs"],
    "screen": ["my leg goes numb when I lie down"],
    "screen_again": ["my leg goes numb when I lie down", "yes"],
    "position": ["my leg goes numb at night", "no"],
    "relief": ["my leg goes numb when I lie on my side", "no"],
    "offer_stretch": ["my calf cramps at night", "no", "on my back", "stretching it"],
    "offer_tips": ["my leg goes numb when I lie on my side", "no", "moving it", "the left one", "why"],
    "not_caught": ["open night legs", "purple monkey dishwasher"],
    "remember": ["my leg goes numb when I lie down", "no", "remember this"],
    "stretching": ["start the stretch"],
}
OFF_SCRIPT = [
    "um", "what", "not now", "nah", "yeah alright", "why do you ask", "go back", "start again",
    "i'm lost", "that'll do ta", "purple monkey dishwasher", "hmm maybe", "say that again",
]
# Everyday control words: understood for what they are, never "Sorry, I did not catch that".
CONTROL = {"not now", "nah", "yeah alright", "why do you ask", "go back", "start again", "i'm lost", "that'll do ta", "say that again"}
THREAD = {"screen", "screen_again", "position", "relief", "timing", "side", "sign", "clarify"}
GOODBYES = ("Good night", "Ask me again any time", "Sleep well", "call", "Call")


@pytest.fixture(scope="module")
def skill(tmp_path_factory: pytest.TempPathFactory) -> CustomSkill:
    store = tmp_path_factory.mktemp("walk") / "memory.sqlite3"
    return create_skill(persistence_adapter=sqlite_persistence(store), api_client=TimeoutApiClient(1.0))


def _pending(session: LocalSession) -> Any:
    return (session.attributes.get(CONVERSATION_KEY) or {}).get("pending")


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("reply", OFF_SCRIPT)
def test_every_state_moves_on_after_an_everyday_reply(skill: CustomSkill, state: str, reply: str) -> None:
    text = load_content("en-GB")
    session = LocalSession("en-GB", skill=skill, user_id=f"walk-{state}-{reply}")
    for said in STATES[state]:
        session.say(said)
    before = _pending(session)
    if state not in ("launch", "stretching", "not_caught"):
        assert before == state, f"the script did not reach {state}: {before}"
    turn = session.say(reply)
    where = f"{state} + {reply!r}: {turn.speech!r}"
    repeats_the_fallback = state == "not_caught" and reply in ("say that again", "go back")  # asked for it again
    if reply in CONTROL and state != "stretching" and not repeats_the_fallback:
        assert "did not catch" not in turn.speech, f"a control word taken for nothing: {where}"
    if turn.end_session:
        assert any(g in turn.speech for g in GOODBYES), f"ended without a kind word: {where}"
        return
    assert turn.reprompt, f"open with nothing to answer: {where}"
    if before in THREAD and reply != "start again":  # starting again lets the thread go on purpose
        assert _pending(session) in THREAD, f"the waiting question was lost: {where}"
        assert text.prompt("launch_question") not in turn.speech, where


@pytest.mark.parametrize("reply", ["not tonight", "nah", "that'll do ta"])
def test_declining_after_same_day_advice_hears_the_advice_again(skill: CustomSkill, reply: str) -> None:
    text = load_content("en-GB")
    session = LocalSession("en-GB", skill=skill, user_id=f"walk-same-day-{reply}")
    session.say("my calf is swollen and hot")
    turn = session.say(reply)
    assert text.fill(text.tiers["same_day"].action) in turn.speech, turn.speech
