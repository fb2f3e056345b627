"""Questions outside the skill's scope get a short, kind, safe answer in every locale (issue
13, item 5): who to ask, the locale's advice line where it has one, one line of danger signs
with the emergency number, and a next step; never a fallback, never a diagnosis."""

from __future__ import annotations

import pytest

from conftest import run_dialog
from skill.content import load_content, phone_numbers, supported_locales
from talk_turns import MAX_WORDS, counted_words

# Said the way people ask at night: typos, no punctuation, someone else's pills, a child.
SCOPE = {
    "can I take ibuprofen": ("MedicineQuestionIntent", "pharmacist"),
    "how much ibuprofen can i have for it": ("MedicineQuestionIntent", "pharmacist"),
    "whats a safe dose of magnesium to take before bed": ("MedicineQuestionIntent", "pharmacist"),
    "can I take my husband's pills": ("MedicineQuestionIntent", "Never take someone else's"),
    "my wife has gabapentin can i try one of hers": ("MedicineQuestionIntent", "Never take someone else's"),
    "is it growing pains": ("ChildQuestionIntent", "adults"),
    # a child's leg described: the symptom intent, its scope slot says whose leg it is
    "my little lad keeps waking up with sore legs": ("DescribeSymptomIntent", "adults"),
    "I am pregnant": ("PregnancyQuestionIntent", "midwife"),
    "am I dying": ("WorryQuestionIntent", "doctor"),
    "could this be ms": ("WorryQuestionIntent", "doctor"),
    "is it cancer": ("WorryQuestionIntent", "doctor"),
    "im scared its something serious like a tumour": ("WorryQuestionIntent", "doctor"),
}

# The locale's line for advice that is not an emergency (content/locales.yaml): en-US has
# none, so the doctor or a pharmacist; 108 in India is an ambulance, not advice.
ADVICE = {
    "en-US": "pharmacist",
    "en-CA": "811",
    "en-GB": "NHS 111",
    "en-AU": "1800 022 222",
    "en-IN": "pharmacist",
}


@pytest.mark.parametrize("locale", supported_locales())
@pytest.mark.parametrize("utterance", SCOPE)
def test_scope_questions_get_who_to_ask_the_advice_line_and_the_danger_signs(utterance: str, locale: str) -> None:
    intent, words = SCOPE[utterance]
    [turn] = run_dialog([utterance], locale=locale)
    assert turn.intent == intent, (utterance, turn.intent)
    speech = turn.speech
    assert words in speech and "did not catch" not in speech, speech
    assert ADVICE[locale] in speech, speech
    assert set(load_content(locale).locale.numbers) <= set(phone_numbers(speech)), speech
    assert "weakness" in speech or "weak" in speech, speech  # one line of danger signs
    assert "safety check" not in speech  # an answer, not the symptom conversation
    assert not turn.end_session and speech.endswith("?")
    assert counted_words(speech) <= MAX_WORDS, (counted_words(speech), speech)
    for number in phone_numbers(speech):
        assert speech.count(number) <= 2


@pytest.mark.parametrize("utterance", ["is it cancer", "could this be ms", "am I dying"])
def test_a_worry_is_answered_kindly_and_never_diagnosed(utterance: str) -> None:
    [turn] = run_dialog([utterance])
    assert "not serious" in turn.speech or "can check" in turn.speech, turn.speech
    for word in ("you have", "you may have", "it is cancer", "it is MS", "one example"):
        assert word not in turn.speech, turn.speech


def test_a_scope_question_while_a_question_waits_answers_then_asks_it_again() -> None:
    turns = run_dialog(["my leg goes numb", "no", "can I take ibuprofen"])
    assert "pharmacist" in turns[-1].speech
    assert turns[-1].speech.endswith(turns[-2].speech.split(". ")[-1])
    assert "Dialog.ElicitSlot" in turns[-1].directives


def test_more_tips_after_an_answer_are_new_tips() -> None:
    turns = run_dialog(["my calf cramps at night", "no", "on my back", "stretching it", "more tips"])
    assert turns[-1].intent == "MoreTipsIntent"
    assert "Pull your toes up" in turns[-2].speech and "Pull your toes up" not in turns[-1].speech
