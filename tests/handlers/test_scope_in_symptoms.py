"""A scope mention inside a symptom sentence is heard (the {scope} slot of the symptom
intent): a child's legs get the child answer, a pregnancy the midwife line with the echo
before the safety question, a medicine question the pharmacist, a worry the worry answer.
Danger first still holds. Sentences written the way parents, pregnant people and worried
people talk at night, in every locale."""

from __future__ import annotations

import pytest

from conftest import run_dialog
from skill.content import load_content, phone_numbers, supported_locales

CHILD = [
    "my 6 year old keeps waking up crying her legs hurt",
    "my boy is nine and his legs ache every night",
    "our wee lass gets achy legs in bed",
    "my young fella has leg pains most nights",
    "my son aged seven gets pain in his legs at night",
    "my daughters knees ache when she goes to bed",
    "my 10 yr old says her legs are throbbing at bedtime",
]
PREGNANT = [
    "im 30 weeks pregnant and my calves cramp at night",
    "expecting our second and my legs wont stay still at night",
    "i'm pregnant and i keep getting pins and needles in my feet",
    "six months pregnant and leg cramps every night",
    "third trimester and my feet burn in bed",
]
MEDICINE = [
    "could i have a couple of my mums sleeping pills for my restless legs",
    "how much magnesium should i take for leg cramps",
    "is quinine safe for night cramps and whats the dose",
    "can i borrow my dads nerve pills for the burning in my feet",
    "is magnesium any good for cramp how much",
]
WORRY = [
    "could the pins and needles in my legs mean ms",
    "im scared my numb feet are cancer",
    "does numbness in my leg mean multiple sclerosis",
    "is my foot going numb a sign of parkinsons",
]


def _numbers_said(speech: str, locale: str) -> None:
    assert set(load_content(locale).locale.numbers) <= set(phone_numbers(speech)), speech


@pytest.mark.parametrize("locale", supported_locales())
@pytest.mark.parametrize("utterance", CHILD)
def test_a_childs_legs_get_the_child_answer_not_the_adult_path(utterance: str, locale: str) -> None:
    [turn] = run_dialog([utterance], locale=locale)
    assert "not children" in turn.speech and "child's doctor" in turn.speech, turn.speech
    assert "safety check" not in turn.speech
    _numbers_said(turn.speech, locale)  # the danger line with the emergency number
    assert turn.speech.endswith("?") and not turn.end_session


@pytest.mark.parametrize("locale", supported_locales())
@pytest.mark.parametrize("utterance", PREGNANT)
def test_a_pregnancy_said_with_the_leg_hears_the_midwife_line_then_the_conversation_goes_on(utterance: str, locale: str) -> None:
    first, second = run_dialog([utterance, "no"], locale=locale)
    assert "midwife" in first.speech and "safety check" in first.speech, first.speech
    assert first.speech.index("midwife") < first.speech.index("safety check")
    # the conversation goes on: a follow-up question, or straight to the answer when nothing
    # more would change it (a cramp or restless legs is not asked what eases it)
    assert any(w in second.speech for w in ("How do you lie", "What makes it better", "A common reason")), second.speech


@pytest.mark.parametrize("locale", supported_locales())
@pytest.mark.parametrize("utterance", MEDICINE)
def test_a_medicine_question_with_a_symptom_gets_the_pharmacist_and_no_dose(utterance: str, locale: str) -> None:
    [turn] = run_dialog([utterance], locale=locale)
    assert "pharmacist" in turn.speech and "someone else's" in turn.speech, turn.speech
    assert "mg" not in turn.speech and "milligram" not in turn.speech
    _numbers_said(turn.speech, locale)


@pytest.mark.parametrize("locale", supported_locales())
@pytest.mark.parametrize("utterance", WORRY)
def test_a_worry_with_a_symptom_gets_the_worry_answer_and_the_leg_is_kept(utterance: str, locale: str) -> None:
    turns = run_dialog([utterance, "yes"], locale=locale)
    assert "not serious" in turns[0].speech and "can check" in turns[0].speech, turns[0].speech
    for word in ("you have", "it is MS", "it is cancer"):
        assert word not in turns[0].speech


def test_the_symptom_kept_after_a_worry_goes_on_to_the_safety_question() -> None:
    turns = run_dialog(["could the pins and needles in my legs mean ms", "yes they tingle at night"])
    assert "safety check" in turns[-1].speech, turns[-1].speech


@pytest.mark.parametrize("locale", ["en-US", "en-GB", "en-IN"])
def test_danger_comes_before_the_child_answer(locale: str) -> None:
    [turn] = run_dialog(["my son says his leg went cold and white all of a sudden"], locale=locale)
    assert load_content(locale).locale.numbers[0] in turn.speech and "now" in turn.speech
    assert "not children" not in turn.speech, turn.speech


@pytest.mark.parametrize("locale", supported_locales())
def test_a_chemist_question_after_an_answer_is_a_medicine_question(locale: str) -> None:
    turns = run_dialog(["my calf cramps at night", "no", "on my back", "stretching", "could i pop to the chemist for something"], locale=locale)
    assert "pharmacist" in turns[-1].speech, turns[-1].speech
