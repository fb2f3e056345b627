"""Dialog quality: every scripted dialog is played, and every talk turn fits a half-asleep
listener: about 45 words and 20 seconds at the slow bedtime pace, breaks included
(`skill.dialog.ssml.measure`). Guided stretch steps are timed on purpose and left out.

Run with `-s` to see the figures (median and maximum words and seconds per talk turn).
"""

from __future__ import annotations

import re
import statistics

import pytest

from dialogs import DIALOGS, EMERGENCY_ONE_SHOTS, MORE_DIALOGS
from skill.content import load_content, phone_numbers
from skill.dialog import speech
from skill.dialog.ssml import PROSODY_CLOSE, PROSODY_OPEN, measure
from talk_turns import MAX_SECONDS, MAX_WORDS, TalkTurn, counted_words, play, summary

# Same-day answers and questions outside the skill's scope, as people say them.
ONE_SHOTS = {
    "same day: long cramp": "ive had a cramp in my calf for twenty minutes and it wont go",
    "same day: hanging down": "my foot only stops hurting when i hang it off the bed",
    "same day: sore not healing": "i have diabetes and theres a sore on my foot that wont heal",
    "scope: dose": "how much magnesium should i take",
    "scope: someone else's pills": "can i take my wifes gabapentin",
    "scope: child": "my daughter keeps waking with achy legs",
    "scope: pregnant": "i am pregnant",
    "scope: dying": "am i dying",
    "scope: ms": "could this be ms",
}
ALL = DIALOGS + MORE_DIALOGS + [
    (name, False, [utterance]) for name, utterance in {**EMERGENCY_ONE_SHOTS, **ONE_SHOTS}.items()
]
LOCALES = ["en-US", "en-CA", "en-GB", "en-AU", "en-IN"]


@pytest.fixture(scope="module")
def turns() -> dict[str, list[TalkTurn]]:
    return {locale: play(ALL, locale) for locale in LOCALES}


def too_long(turns: list[TalkTurn]) -> list[tuple[str, str, int, float]]:
    return [(t.dialog, t.heard, t.words, round(t.seconds, 1)) for t in turns if t.words > MAX_WORDS or t.seconds > MAX_SECONDS]


@pytest.mark.parametrize("locale", LOCALES)
def test_no_talk_turn_is_longer_than_a_half_asleep_person_can_follow(turns: dict[str, list[TalkTurn]], locale: str) -> None:
    print(f"\n{locale}: {summary(turns[locale])}")
    urgent = [t for t in turns[locale] if t.urgent]
    print(f"{locale} urgent: {summary(urgent)}")
    assert not too_long(turns[locale]), locale


@pytest.mark.parametrize("locale", LOCALES)
def test_urgent_turns_call_first_and_say_each_number_at_most_twice(turns: dict[str, list[TalkTurn]], locale: str) -> None:
    text = load_content(locale)
    first = text.locale.emergency.split(", or ")[0]
    urgent = [t for t in turns[locale] if t.urgent]
    assert urgent
    for turn in urgent:
        sentences = [s for s in re.split(r"(?<=[.?])\s+", turn.speech) if s]
        if "I will stop now." in turn.speech:  # an emergency: call now in the first sentence or two
            assert any(f"Call {first} now." in s for s in sentences[:2]), turn.speech
        elif text.fill(text.tiers["same_day"].action) in turn.speech:  # same day: the action first, then why, where, and when to call instead
            assert sentences[0] == text.fill(text.tiers["same_day"].action), turn.speech
            assert f"call {first}" in turn.speech, turn.speech
        else:  # a question about the urgent advice ("can I stretch it?", "is it serious?"): still when to call
            assert f"call {first}" in turn.speech, turn.speech
        for sentence in sentences:
            # one number a sentence, except a call with its condition ("If you get chest pain,
            # call 999, or 112 in Ireland."), which keeps every number with the condition
            assert len(phone_numbers(sentence)) <= 1 or speech.is_conditional(sentence), sentence
        for number in set(phone_numbers(turn.speech)):
            assert turn.speech.count(number) <= 2, (number, turn.speech)


@pytest.mark.parametrize("locale", LOCALES)
def test_most_talk_turns_are_one_or_two_breaths(turns: dict[str, list[TalkTurn]], locale: str) -> None:
    # The questions are one breath; the answer comes as soon as no question would change it
    # (issue 27), so answers are a larger share of the turns than they were: two breaths.
    questions = [t.words for t in turns[locale] if t.speech.endswith("?") and "A common reason" not in t.speech]
    assert statistics.median(questions) <= 25
    assert statistics.median(t.words for t in turns[locale]) <= 35


def test_the_measure_catches_a_long_turn_and_leaves_out_only_a_second_number() -> None:
    long_speech = "word " * (MAX_WORDS + 1)
    assert counted_words(long_speech) > MAX_WORDS
    assert measure(f"<speak>{PROSODY_OPEN}{long_speech}{PROSODY_CLOSE}</speak>") > MAX_SECONDS
    assert counted_words("Call 999 now. Or call 112 in Ireland.") == 3
    assert counted_words("Call 000 now. Or call 111 in New Zealand.") == 3
