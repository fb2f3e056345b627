"""Questions outside the skill's scope get a short, kind, safe answer in every locale: who to
ask, and the emergency signs with the locale's number, never a fallback."""

from __future__ import annotations

import pytest

from conftest import run_dialog
from skill.content import load_content, phone_numbers, supported_locales

SCOPE = {
    "can I take ibuprofen": ("MedicineQuestionIntent", "pharmacist"),
    "can I take my husband's pills": ("MedicineQuestionIntent", "Never take someone else's medicine"),
    "is it growing pains": ("ChildQuestionIntent", "made for adults"),
    "I am pregnant": ("PregnancyQuestionIntent", "midwife"),
    "am I dying": ("WorryQuestionIntent", "A doctor can check you"),
}


@pytest.mark.parametrize("locale", supported_locales())
@pytest.mark.parametrize("utterance", SCOPE)
def test_scope_questions_get_who_to_ask_and_the_danger_signs(utterance: str, locale: str) -> None:
    intent, words = SCOPE[utterance]
    [turn] = run_dialog([utterance], locale=locale)
    assert turn.intent == intent
    assert words in turn.speech and "did not catch" not in turn.speech
    assert set(load_content(locale).locale.numbers) <= set(phone_numbers(turn.speech))
    assert not turn.end_session and turn.speech.endswith("?")


def test_a_scope_question_while_a_question_waits_answers_then_asks_it_again() -> None:
    turns = run_dialog(["my leg goes numb", "no", "can I take ibuprofen"])
    assert "pharmacist" in turns[-1].speech
    assert turns[-1].speech.endswith(turns[-2].speech.split(". ")[-1])
    assert "Dialog.ElicitSlot" in turns[-1].directives


def test_more_tips_after_an_answer_are_new_tips() -> None:
    turns = run_dialog(["my calf cramps at night", "no", "on my back", "stretching it", "more tips"])
    assert turns[-1].intent == "MoreTipsIntent"
    assert "Pull your toes up" in turns[-2].speech and "Pull your toes up" not in turns[-1].speech
