"""Care questions in everyday wording: "til", "till", "'til" and "until" are one word to
every intent, people "apply", "use" or "put on" things, and call a heat pack many names.
After same-day advice, waiting is always answered "do not wait"."""

from __future__ import annotations

import pytest

from conftest import run_dialog
from skill.content import supported_locales
from skill.simulator.resolver import resolver_for
from skill.simulator.text import normalise

SAME_DAY = "my calf is swollen and hot"
WAITS = [
    "can it wait til the morning",
    "cant i just leave it till tomorrow",
    "is it ok to wait 'til morning",
    "can I hold off until my gp opens",
    "could i leave it til daylight",
]
HEAT = [
    "should i apply a heat pack",
    "can i use a wheat pack on it",
    "would putting some heat on it help",
    "is it ok to put heat on my leg",
    "could i put a hot water bag on it",
    "can i put on a heating pad",
    "what about a hottie",
]


@pytest.mark.parametrize("word", ["til", "till", "'til", "until", "untill"])
def test_every_spelling_of_until_is_one_word(word: str) -> None:
    assert normalise(f"wait {word} morning") == ["wait", "until", "morning"]


@pytest.mark.parametrize("locale", supported_locales())
@pytest.mark.parametrize("question", WAITS)
def test_waiting_after_same_day_advice_is_never_allowed(question: str, locale: str) -> None:
    turns = run_dialog([SAME_DAY, question], locale=locale)
    assert turns[-1].intent == "CareQuestionIntent", (question, turns[-1].intent)
    assert "Do not wait" in turns[-1].speech, turns[-1].speech


@pytest.mark.parametrize("locale", supported_locales())
@pytest.mark.parametrize("question", HEAT)
def test_heat_in_any_words_is_a_heat_question(question: str, locale: str) -> None:
    resolution = resolver_for(locale).resolve(question)
    assert resolution.intent == "CareQuestionIntent" and resolution.slots["care"].id == "heat", (question, resolution)


@pytest.mark.parametrize("locale", ["en-IN", "en-GB"])
def test_no_heat_on_a_calf_that_may_hold_a_clot(locale: str) -> None:
    turns = run_dialog([SAME_DAY, "could i put a hot water bag on it"], locale=locale)
    assert "do not put heat" in turns[-1].speech, turns[-1].speech


def test_heat_after_an_answer_warns_about_numb_skin() -> None:
    turns = run_dialog(["my calf cramps at night", "no", "on my back", "stretching", "should i apply a heat pack"])
    assert "burn" in turns[-1].speech, turns[-1].speech
