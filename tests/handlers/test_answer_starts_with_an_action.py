"""The first answer's first sentence is a thing to do now (issue 13), whatever came before:
a hedge to the last question, a lying position, a feeling said in a person's own words."""

from __future__ import annotations

import re

import pytest

from conftest import run_dialog
from skill.content import load_content

# Said the way people say it; each runs through the safety question to the first answer.
DIALOGS = [
    ("en-US", ["my legs ache at night", "no", "not sure", "dunno", "no idea"]),
    ("en-GB", ["me calves keep cramping in bed", "nope", "on me back", "nothing really"]),
    ("en-AU", ["my feet burn like mad at night", "nah", "dunno mate", "moving helps a bit", "at night mostly"]),
    ("en-IN", ["my left leg is getting numb when i sleep on side", "no", "moving it", "mostly in the night ji"]),
    ("en-CA", ["cant keep my legs still when i lie down", "no", "on my back", "getting up and walking"]),
]


def first_answer(locale: str, said: list[str]) -> str:
    for turn in run_dialog(said, locale=locale):
        state = (turn.response.get("sessionAttributes") or {}).get("nl") or {}
        if isinstance(state, dict) and state.get("pending") in ("offer_more", "offer_tips", "offer_stretch"):
            return turn.speech
    raise AssertionError(f"no answer in {said}")


@pytest.mark.parametrize(("locale", "said"), DIALOGS)
def test_the_first_answer_starts_with_what_to_do(locale: str, said: list[str]) -> None:
    text = load_content(locale)
    speech = first_answer(locale, said)
    first = re.split(r"(?<=[.?])\s+", speech)[0]
    assert any(text.fill(remedy.say).startswith(first) for remedy in text.remedies), speech
