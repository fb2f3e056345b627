"""The leg's part is heard whatever the possessive ("me", "ma", "mi" for "my") and knees and
hips are parts: said back as said, never as "leg", while the joint pain is still noted."""

from __future__ import annotations

from skill.dialog import signing

import pytest

from conftest import run_dialog
from skill.content import supported_locales
from skill.content import load_content
from skill.dialog import state as session_state
from skill.simulator.session import LocalSession

SAID_BACK = {
    "me knees ache at night": "Your knees ache",
    "me hips ache in bed": "Your hips ache",
    "ma knees are killing me": "Your knees",
    "me feet are burning": "Your feet are burning",
    "mi calves keep cramping": "Your calves",
    "me foot goes dead when i lie on me side": "Your foot",
}


@pytest.mark.parametrize("locale", supported_locales())
@pytest.mark.parametrize("utterance", SAID_BACK)
def test_the_part_is_said_back_whatever_the_possessive(utterance: str, locale: str) -> None:
    [turn] = run_dialog([utterance], locale=locale)
    assert turn.speech.startswith(SAID_BACK[utterance]), turn.speech
    assert "safety check" in turn.speech


@pytest.mark.parametrize("locale", ["en-GB", "en-AU"])
def test_the_part_is_heard_in_an_answer_to_the_welcome_question_too(locale: str) -> None:
    turns = run_dialog(["me feet are burning"], launch=True, locale=locale)
    assert turns[-1].speech.startswith("Your feet"), turns[-1].speech


def test_sore_knees_still_count_as_joint_pain() -> None:
    session = LocalSession("en-GB")
    session.say("me knees ache at night")
    with signing.bound_to(session.user_id, session.session_id):  # signed state holds for its own session
        assert "joint_pain" in session_state.load(session.attributes, load_content("en-GB")).symptoms.signs
