"""Saying back what was heard, in the person's own words (issue 13, item 3).

The turn where the leg is first heard says it back before the first question ("Your foot
burns at night. First, a quick safety check. ..."), with the body part, the number of legs,
and the words they used for the feeling and the timing. It never says a sign they did not
say, a sign they said was absent, or words the model could not resolve. "Why" says it back
again; the first answer still starts with the thing to do.
"""

from __future__ import annotations

import re

import pytest

from conftest import run_dialog
from skill.content import load_content, supported_locales

# utterance (as people say it at night) -> (words the echo must hold, words it must not)
ECHO: dict[str, tuple[list[str], list[str]]] = {
    "my foot burns at night": (["foot", "burns", "at night"], ["leg", "sore", "feet"]),
    "both my feet burn at night": (["feet", "burn", "at night"], ["leg", "burns", "foot"]),
    "my legs ache": (["legs", "ache"], ["aches", "leg"]),
    "my feet get really hot when i get into bed": (["feet", "hot"], ["sore", "burn", "leg"]),
    "i get pins and needles in my toes": (["pins and needles", "toes"], ["tingle", "leg"]),
    "my calf keeps cramping at night": (["calf", "cramping", "at night"], ["leg", "legs"]),
    "my feet tingle suddenly": (["feet", "tingle", "suddenly"], ["leg", "all of a sudden"]),
    "my thighs go numb when i sleep on my side": (["thighs", "go numb", "on your side"], ["leg", "goes numb"]),
    "my knee aches in bed": (["knee", "aches", "in bed"], ["leg"]),
    "me left foot goes dead when i lie on me side": (["left foot", "dead"], ["numb", "right", "leg"]),
    # a sign said to be absent is never echoed, nor is speech that fits nothing
    "my foot is numb but no chest pain": (["foot", "numb"], ["chest", "pain"]),
    "my leg goes numb blorp wibble fandango": (["leg", "numb"], ["blorp", "wibble", "fandango"]),
    "my leg tingles, not weak or anything": (["leg", "tingles"], ["weak"]),
}


def words_of(speech: str) -> set[str]:
    return set(re.findall(r"[a-z']+", speech.lower()))


def holds(speech: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}\b", speech.lower()) is not None


def echo_of(speech: str, locale: str) -> str:
    """What comes before the safety question: the echo."""
    question = load_content(locale).screen.prompt
    assert question in speech, speech
    return speech.split(question)[0]


@pytest.mark.parametrize("locale", supported_locales())
@pytest.mark.parametrize("utterance", ECHO)
def test_the_first_turn_says_back_their_own_words_before_the_safety_question(utterance: str, locale: str) -> None:
    must, never = ECHO[utterance]
    [turn] = run_dialog([utterance], locale=locale)
    echo = echo_of(turn.speech, locale)
    for phrase in must:
        assert holds(echo, phrase), (utterance, echo)
    for phrase in never:
        assert not holds(echo, phrase), (utterance, echo)
    assert len(echo.split()) <= 12, echo


@pytest.mark.parametrize("locale", supported_locales())
def test_why_says_it_back_again_in_their_words(locale: str) -> None:
    turns = run_dialog(["both my feet burn at night", "no", "i dunno", "nothing helps", "why"], locale=locale)
    why = turns[-1].speech
    said = why.split(".")[0]
    assert holds(said, "feet") and holds(said, "burn") and not holds(said, "legs"), why


@pytest.mark.parametrize("locale", supported_locales())
def test_the_first_answer_starts_with_the_thing_to_do_not_the_echo(locale: str) -> None:
    turns = run_dialog(["my foot goes numb when i lie on my side", "no", "moving it"], locale=locale)
    answer = turns[-1].speech
    assert not answer.startswith(("You said", "Your ")), answer
    assert "foot" not in answer.split(".")[0], answer


def test_a_follow_up_question_is_not_echoed_again() -> None:
    turns = run_dialog(["my foot burns at night", "no"])
    assert "foot" not in turns[1].speech.lower(), turns[1].speech


def test_where_and_when_are_said_once() -> None:
    turns = run_dialog(["why does my leg go numb when i lie down", "no", "on my side", "moving it", "why"])
    said = turns[-1].speech.split(".")[0]
    assert said == "You said your leg goes numb when you lie on your side", said
