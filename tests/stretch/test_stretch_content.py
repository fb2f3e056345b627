"""content/stretches.yaml: the guided-stretch routines, sourced, and a loader that names
the file, the entry and the fault when something is wrong."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from skill.content import ContentError
from skill.paths import content_dir
from skill.stretch.library import load_stretches, parse_stretches, read_stretches


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return yaml.safe_load((content_dir() / "stretches.yaml").read_text(encoding="utf-8"))


def test_every_step_and_routine_names_a_source() -> None:
    library = load_stretches()
    for step in library.steps.values():
        assert step.sources, step.id
    for routine in library.routines.values():
        assert routine.sources, routine.id
        for step in library.steps_of(routine.id):
            assert step.sources, (routine.id, step.id)


def test_the_routines_the_issue_asks_for() -> None:
    library = load_stretches()
    by_minutes = {r.minutes: r for r in library.routines.values() if r.offer == "any" and "bedtime" in r.purposes}
    assert set(by_minutes) >= {2, 5}
    for routine in by_minutes.values():
        assert all(step.in_bed for step in library.steps_of(routine.id)), routine.id
    purposes = {p for r in library.routines.values() if r.offer == "any" for p in r.purposes}
    assert {"restless", "cramps"} <= purposes


def test_standing_moves_only_in_a_routine_for_people_who_are_up() -> None:
    library = load_stretches()
    standing = library.routines["standing"]
    assert standing.offer == "when_up" and standing.gate == "up"
    assert {"leg_swings", "knee_circles"} <= set(standing.steps)
    for routine in library.routines.values():
        if routine.offer != "when_up":
            assert all(s.in_bed for s in library.steps_of(routine.id)), routine.id


def test_buergers_exercise_only_by_name_with_its_clinician_caveat() -> None:
    library = load_stretches()
    buerger = library.routines["buerger"]
    assert buerger.offer == "by_name" and buerger.gate == "clinician"
    assert "doctor" in buerger.caveat and "sudden" in buerger.caveat
    assert buerger.gate_question.endswith("?")
    assert buerger.fallback == "two_minute"


def test_hold_and_count_shapes() -> None:
    library = load_stretches()
    calf = library.steps["calf_stretch"]
    assert calf.is_hold and calf.hold_seconds == 20 and calf.sides == 2 and calf.units == 2
    pumps = library.steps["ankle_pumps"]
    assert not pumps.is_hold and pumps.reps == 10 and pumps.units == 10


# ---- faults: each names the file, the entry and the reason ---------------------------


def _fails(data: dict[str, Any], entry: str, words: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_stretches(data)
    error = caught.value
    assert error.file == "stretches.yaml"
    assert error.entry == entry
    assert words in error.reason
    assert "stretches.yaml" in str(error) and entry in str(error)


def test_a_step_without_sources(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    del data["steps"]["knee_hug"]["sources"]
    _fails(data, "steps.knee_hug", "sources")


def test_a_step_with_an_unknown_position(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["steps"]["knee_hug"]["position"] = "upside_down"
    _fails(data, "steps.knee_hug", "position")


def test_a_step_with_both_reps_and_a_hold(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["steps"]["knee_hug"]["reps"] = 5
    _fails(data, "steps.knee_hug", "not both")


def test_a_two_sided_step_needs_its_switch_line(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    del data["steps"]["knee_hug"]["switch"]
    _fails(data, "steps.knee_hug", "'switch'")


def test_a_hold_of_zero_seconds(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["steps"]["knee_hug"]["hold_seconds"] = 0
    _fails(data, "steps.knee_hug", "hold_seconds")


def test_a_routine_with_an_unknown_step(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["routines"]["two_minute"]["steps"].append("cartwheel")
    _fails(data, "routines.two_minute", "unknown step 'cartwheel'")


def test_standing_moves_slipped_into_an_in_bed_routine(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["routines"]["two_minute"]["steps"].append("leg_swings")
    _fails(data, "routines.two_minute", "standing steps (leg_swings)")


def test_buergers_exercise_offered_freely(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["routines"]["buerger"]["offer"] = "any"
    _fails(data, "routines.buerger", "gate")


def test_a_clinician_gate_needs_its_caveat(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    del data["routines"]["buerger"]["caveat"]
    _fails(data, "routines.buerger", "'caveat'")


def test_an_exclamation_mark_in_spoken_text(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["steps"]["ankle_pumps"]["instruction"] = "Point your toes. Great job!"
    _fails(data, "steps.ankle_pumps", "exclamation")


def test_markup_in_spoken_text(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["prompts"]["release"] = 'And relax. <break time="20s"/>'
    _fails(data, "prompts.release", "markup")


def test_a_prompt_with_an_unknown_placeholder(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["prompts"]["next"] = "Next is {step}."
    _fails(data, "prompts.next", "{step}")


def test_a_missing_prompt(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    del data["prompts"]["keep_holding"]
    _fails(data, "prompts.keep_holding", "non-empty string")


def test_a_step_no_routine_uses(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["steps"]["spare"] = copy.deepcopy(data["steps"]["knee_hug"])
    _fails(data, "steps.spare", "not used")


def test_a_broken_yaml_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "stretches.yaml"
    path.write_text("steps: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_stretches(path)
    assert caught.value.file == "stretches.yaml"
    assert "YAML" in caught.value.reason


def test_stretch_words_read_at_grade_six_or_below() -> None:
    import textstat

    library = load_stretches()
    texts = [text.format(name="the calf stretch", count=2, done=1, total=3) for _, text in library.texts()]
    assert textstat.flesch_kincaid_grade(" ".join(texts)) <= 6
    for entry, text in library.texts():
        if len(text.split()) >= 10:  # too short a text gives the formula nothing to go on
            assert textstat.flesch_kincaid_grade(text) <= 6, (entry, text)
