"""The offline resolver understands how people talk at night, from the model itself."""

from __future__ import annotations

import pytest

from skill.simulator.resolver import resolver_for

CASES = [
    ("why my leg goes numb when I lie down", "DescribeSymptomIntent", {"sensation": "numb"}),
    ("my leg fell asleep in bed", "DescribeSymptomIntent", {"sensation": "numb", "timing": "lying_down"}),
    ("pins and needles in my foot when I lie on my side", "DescribeSymptomIntent", {"sensation": "tingling", "position": "side"}),
    ("why do my legs tingle at night", "DescribeSymptomIntent", {"sensation": "tingling", "timing": "night"}),
    ("I can't keep my legs still", "DescribeSymptomIntent", {"sensation": "restless"}),
    ("why does my leg always go numb at night", "DescribeSymptomIntent", {"sensation": "numb", "timing": "night"}),
    ("Uh, my feet burn every night.", "DescribeSymptomIntent", {"sensation": "burning", "timing": "night"}),
    ("on my side", "AnswerIntent", {"position": "side"}),
    ("the left one", "AnswerIntent", {"side": "left"}),
    ("I don't know", "SkipIntent", {}),
    ("what can I do", "RemediesIntent", {}),
    ("what is the best position to sleep in", "SleepPositionIntent", {}),
    ("when should I see a doctor", "WhenToSeeDoctorIntent", {}),
    ("tell me more about sciatica", "CauseDetailIntent", {"cause": "sciatica"}),
    ("stop", "AMAZON.StopIntent", {}),
    ("say that again", "AMAZON.RepeatIntent", {}),
    ("purple monkey dishwasher", "CatchAllIntent", {}),
]


@pytest.mark.parametrize("text,intent,slots", CASES, ids=[c[0] for c in CASES])
def test_resolves_intent_and_slots(text: str, intent: str, slots: dict[str, str]) -> None:
    resolution = resolver_for("en-US").resolve(text)
    assert resolution.intent == intent
    got = {name: value.id for name, value in resolution.slots.items()}
    for name, value in slots.items():
        assert got.get(name) == value, got


def test_an_answer_while_a_slot_is_elicited_goes_to_the_eliciting_intent() -> None:
    resolver = resolver_for("en-US")
    resolution = resolver.resolve("nothing", expecting=("DescribeSymptomIntent", "relief"))
    assert resolution.intent == "DescribeSymptomIntent"
    assert resolution.slots["relief"].id == "nothing"
    assert resolver.resolve("no", expecting=("DescribeSymptomIntent", "sign")).intent == "AMAZON.NoIntent"
