"""The safety hold as a property (issue 21, item 2), driven with intents, no NLU.

At the safety question, every aside (an info or scope question, help, repeat, remember,
a reminder, a stretch asked for now, control words) followed by every interruption (the
aside's own yes, an unclear reply, words that fit nothing) and then a plain new symptom
must leave the safety question waiting: no answer, no tips, no "what is your leg doing?".
It is let go only by a yes or a no, or once the emergency criteria have been said.
The table is exhaustive: 37 asides x 6 interruptions.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill

from skill.alexa.api_client import TimeoutApiClient
from skill.app import create_skill
from skill.content import load_content
from skill.dialog.session_keys import CONVERSATION_KEY
from skill.dialog.speech import call_sentences
from skill.dialog.ssml import plain_text
from skill.memory.factory import sqlite_persistence
from skill.simulator.session import LocalSession

Intent = tuple[str, dict[str, str]]

ASIDES: list[Intent] = [
    ("RememberIntent", {}),
    ("ForgetMeIntent", {}),
    ("SetReminderIntent", {}),
    ("CancelReminderIntent", {}),
    ("ChangeReminderIntent", {}),
    ("AMAZON.HelpIntent", {}),
    ("AMAZON.RepeatIntent", {}),
    ("AMAZON.PauseIntent", {}),
    ("AMAZON.PreviousIntent", {}),
    ("AMAZON.StartOverIntent", {}),
    ("AMAZON.NextIntent", {}),
    ("AMAZON.ResumeIntent", {}),
    ("AMAZON.MoreIntent", {}),
    ("CauseDetailIntent", {}),
    ("CauseDetailIntent", {"cause": "restless_legs"}),
    ("WhenToSeeDoctorIntent", {}),
    ("RemediesIntent", {}),
    ("MoreTipsIntent", {}),
    ("SleepPositionIntent", {}),
    ("CareQuestionIntent", {"care": "heat"}),
    ("CareQuestionIntent", {"care": "wait"}),
    ("ChildQuestionIntent", {}),
    ("WorryQuestionIntent", {}),
    ("MedicineQuestionIntent", {}),
    ("PregnancyQuestionIntent", {}),
    ("StartStretchIntent", {}),
    ("BedtimeStretchIntent", {}),
    ("SameAsBeforeIntent", {}),
    ("SlowerIntent", {}),
    ("NormalPaceIntent", {}),
    ("StepsLeftIntent", {}),
    ("SkipStepIntent", {}),
    ("WhyAskIntent", {}),
    ("LaterIntent", {}),
    ("AMAZON.FallbackIntent", {}),
    ("CatchAllIntent", {"words": "purple monkey dishwasher"}),
    ("AnswerIntent", {"position": "side"}),
]
INTERRUPTIONS: list[Intent | None] = [
    None,
    ("AMAZON.YesIntent", {}),  # yes to the aside's own question, if it asked one
    ("AMAZON.FallbackIntent", {}),
    ("CatchAllIntent", {"words": "the dog is barking"}),
    ("SkipIntent", {}),
    ("AMAZON.RepeatIntent", {}),
]
NEW_SYMPTOM: Intent = ("DescribeSymptomIntent", {"sensation": "tingling"})


@pytest.fixture(scope="module")
def skill(tmp_path_factory: pytest.TempPathFactory) -> CustomSkill:
    store = tmp_path_factory.mktemp("hold") / "memory.sqlite3"
    return create_skill(persistence_adapter=sqlite_persistence(store), api_client=TimeoutApiClient(1.0))


def send(session: LocalSession, intent: Intent) -> dict[str, Any]:
    name, slots = intent
    request = {
        "type": "IntentRequest",
        "intent": {
            "name": name,
            "confirmationStatus": "NONE",
            "slots": {k: {"name": k, "value": v, "confirmationStatus": "NONE"} for k, v in slots.items()},
        },
    }
    if session.ended:
        return {}
    return session.request(session.envelope(request))


def speech_of(envelope: dict[str, Any]) -> str:
    return plain_text(((envelope.get("response") or {}).get("outputSpeech") or {}).get("ssml", ""))


def state_of(session: LocalSession) -> dict[str, Any]:
    return dict(session.attributes.get(CONVERSATION_KEY) or {})


@pytest.mark.parametrize("aside", ASIDES, ids=[f"{n}{sorted(s.values())}" for n, s in ASIDES])
def test_the_safety_question_comes_back_after_any_aside(skill: CustomSkill, aside: Intent) -> None:
    text = load_content("en-GB")
    criteria = (call_sentences(text.summaries["emergency"], text), text.fill(text.summaries["emergency"]))
    for interruption in INTERRUPTIONS:
        session = LocalSession("en-GB", skill=skill, user_id=f"hold-{aside[0]}-{interruption}")
        session.say("my leg goes numb when I lie down")
        assert state_of(session)["pending"] == "screen"
        said = [speech_of(send(session, aside))]
        if interruption is not None:
            said.append(speech_of(send(session, interruption)))
        if session.ended:  # a stop ends the session: nothing was skipped
            continue
        said.append(speech_of(send(session, NEW_SYMPTOM)))
        state = state_of(session)
        path = f"{aside} then {interruption} then a new symptom"
        assert not state.get("answered"), f"{path}: answered before the safety question: {said[-1]}"
        if state.get("screened"):  # let go only after the emergency criteria were said
            assert any(c in s for c in criteria for s in said), f"{path}: the safety question was dropped: {said}"
        else:
            assert state["pending"] in ("screen", "screen_again"), f"{path}: waits for {state['pending']}: {said[-1]}"
            assert text.screen.prompt in said[-1] or text.prompt("screen_again") in said[-1], f"{path}: {said[-1]}"


def test_a_yes_or_no_still_answers_it_after_an_aside(skill: CustomSkill) -> None:
    session = LocalSession("en-US", skill=skill, user_id="hold-no")
    session.say("my leg goes numb when I lie down")
    send(session, ("RememberIntent", {}))
    send(session, ("AMAZON.NoIntent", {}))  # no to "remember this?": the safety question again
    assert state_of(session)["pending"] == "screen"
    send(session, ("AMAZON.NoIntent", {}))  # no to the safety question: it is answered
    state = state_of(session)
    assert state["screened"] is True and state["pending"] not in ("screen", "screen_again")
