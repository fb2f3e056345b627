"""Each feeling gets its own reasons and tips: what must and must not be said for it.

The first answer says the likeliest reason, its first tip (the thing to do now) and one
line on when to get help; "more tips" says the rest. Checked in every locale.
"""

from __future__ import annotations

import pytest

from skill.content import load_content, supported_locales
from skill.core.decision import Answer, decide
from skill.core.symptoms import QuestionProgress, Symptoms
from skill.core import triage
from skill.dialog.speech import get_help_line

# sensation (plus what else was said) -> (top reason, first tip, tips that must be among
# all tips, tips that must never be among them, words the when-to-get-help line must hold)
TABLE: dict[str, tuple[dict[str, str], str, str, set[str], set[str], str]] = {
    "restless legs": ({"sensation": "restless"}, "restless_legs", "rub_legs", {"restless_triggers", "get_up_walk"}, {"move_now", "calf_stretch"}, "iron"),
    "cramp": ({"sensation": "cramp"}, "night_cramps", "calf_stretch", set(), {"move_now", "get_up_walk"}, ""),
    "aching": ({"sensation": "ache"}, "tired_muscles", "calf_stretch", set(), {"move_now", "get_up_walk"}, ""),
    "burning": ({"sensation": "burning"}, "nerve_damage", "no_hot_pad", {"check_feet"}, {"move_now", "warm_bath", "get_up_walk"}, ""),
    "shooting pain": ({"sensation": "shooting"}, "sciatica", "back_support", set(), {"move_now", "get_up_walk"}, "bottom or genitals"),
    "numbness": ({"sensation": "numb"}, "position_pressure", "move_now", set(), {"get_up_walk", "warm_bath", "restless_triggers"}, ""),
    "calf pain on walking": ({"sensation": "ache", "timing": "walking"}, "artery_flow", "", set(), {"warm_bath", "raise_legs", "stockings_ask"}, ""),
    "swollen ankles": ({"sensation": "ache", "sign": "swollen_ankles"}, "vein_flow", "", set(), {"move_now"}, "swollen ankles"),
}


def answer_for(said: dict[str, str], locale: str) -> tuple[Answer, tuple[str, ...]]:
    content = load_content(locale)
    symptoms = Symptoms()
    for slot, value in said.items():
        symptoms = symptoms.with_value(slot, value)
    progress = QuestionProgress().rule_out_danger()
    for slot in ("sensation", "side", "position", "timing", "relief", "sign"):
        progress = progress.ask(slot)
    decision = decide(symptoms, progress, content)
    assert isinstance(decision, Answer), (said, decision)
    every_tip = triage.pick_remedies(symptoms, decision.causes, content, in_bed=True, limit=20)
    every_tip += triage.pick_remedies(symptoms, decision.causes, content, in_bed=False, limit=20)
    return decision, tuple(r.id for r in every_tip)


@pytest.mark.parametrize("locale", supported_locales())
@pytest.mark.parametrize("feeling", TABLE)
def test_each_feeling_gets_its_own_reason_tips_and_safety_net(feeling: str, locale: str) -> None:
    said, top, first_tip, must, must_not, help_words = TABLE[feeling]
    decision, tips = answer_for(said, locale)
    assert decision.causes[0].id == top, [c.id for c in decision.causes]
    if first_tip:
        assert decision.remedies[0].id == first_tip, [r.id for r in decision.remedies]
    assert must <= set(tips), (must - set(tips))
    assert not must_not & set(tips), must_not & set(tips)
    assert help_words in get_help_line(decision, load_content(locale))


@pytest.mark.parametrize("feeling", TABLE)
def test_no_reason_wins_by_default(feeling: str) -> None:
    content = load_content()
    assert all(cause.prior <= 0 for cause in content.causes)  # a reason is ranked by what was said
    said = TABLE[feeling][0]
    decision, _ = answer_for(said, "en-US")
    if said.get("sensation") not in ("numb", "tingling"):
        assert "position_pressure" not in [c.id for c in decision.causes]
