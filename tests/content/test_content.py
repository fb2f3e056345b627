"""Content loads typed and valid; a broken file fails at load naming file, entry and reason."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Callable

import pytest
import yaml

from skill import paths
from skill.content import ContentError, load_content, load_from

SEED_NAMES = {p.name for p in (paths.project_root().parent / "shared" / "seeds").glob("*.txt")}


def test_real_content_loads_and_every_entry_has_a_source() -> None:
    c = load_content()
    entries = [*c.causes, *c.remedies, *c.flags, *c.patterns, *c.questions, c.screen, *c.tiers.values()]
    assert entries and all(e.sources for e in entries)


def test_every_seed_source_named_in_content_exists() -> None:
    if not SEED_NAMES:
        pytest.skip("shared/seeds is not beside this checkout")
    text = "\n".join(p.read_text() for p in paths.content_dir().glob("*.yaml"))
    named = set(re.findall(r"\b\d{3}_[0-9a-f]{16}\.txt\b", text))
    assert named and named <= SEED_NAMES


def test_every_cause_the_seeds_name_is_covered() -> None:
    ids = {c.id for c in load_content().causes}
    assert {
        "position_pressure", "sciatica", "spinal_stenosis", "piriformis", "artery_flow", "vein_flow",
        "blood_clot", "restless_legs", "nerve_damage", "low_vitamins", "multiple_sclerosis",
        "tired_muscles", "night_cramps", "joint_swelling", "medicine_effects", "stress", "tarsal_tunnel",
    } <= ids


def test_remedies_cover_every_sleeping_position_and_mark_bed_safety() -> None:
    c = load_content()
    covered = set().union(*(r.positions for r in c.remedies))
    assert {"back", "side", "stomach", "crossed"} <= covered
    assert any(r.safe_in_bed for r in c.remedies) and any(not r.safe_in_bed for r in c.remedies)


def test_elevation_and_stockings_are_never_offered_where_an_artery_problem_is_possible() -> None:
    c = load_content()
    risky = [r for r in c.remedies if "higher than your heart" in r.say or "stockings" in r.say]
    assert risky
    for remedy in risky:
        assert "artery_possible" in remedy.avoid_if and "artery_possible" in remedy.needs_ruled_out


def test_red_flags_come_in_three_tiers_and_emergency_says_the_number() -> None:
    c = load_content()
    assert {f.tier for f in c.flags} == {"emergency", "same_day", "soon"}
    assert c.fill(c.tiers["emergency"].action) == "Call 911 now."


# ----------------------------------------------------------------- broken files


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(paths.content_dir(), target, ignore=shutil.ignore_patterns("snapshots"))
    return target


def edit(folder: Path, name: str, change: Callable[[dict], None]) -> None:
    path = folder / name
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def entry(data: dict, key: str, entry_id: str) -> dict:
    return next(e for e in data[key] if e["id"] == entry_id)


BROKEN: dict[str, tuple[str, Callable[[dict], None], str, str]] = {
    "cause without sources": ("causes.yaml", lambda d: entry(d, "causes", "sciatica").pop("sources"), "sciatica", "sources"),
    "source that is neither seed nor URL": (
        "causes.yaml", lambda d: entry(d, "causes", "stress").update(sources=["my aunt"]), "stress", "neither a seed"),
    "unknown slot value in a feature": (
        "causes.yaml", lambda d: entry(d, "causes", "piriformis")["features"].update(position={"upside_down": 2}),
        "piriformis", "unknown value"),
    "exclamation mark": (
        "remedies.yaml", lambda d: entry(d, "remedies", "loosen").update(say="Loosen it now!"), "loosen", "exclamation"),
    "remedy for an unknown cause": (
        "remedies.yaml", lambda d: entry(d, "remedies", "calf_stretch").update(causes=["gout"]), "calf_stretch", "unknown cause"),
    "safe_in_bed missing": ("remedies.yaml", lambda d: entry(d, "remedies", "uncross").pop("safe_in_bed"), "uncross", "true or false"),
    "unknown tier": ("redflags.yaml", lambda d: entry(d, "flags", "stroke_signs").update(tier="later"), "stroke_signs", "tier"),
    "flag matching an unknown sign": (
        "redflags.yaml", lambda d: entry(d, "flags", "cold_pale_leg").update(match=[{"sign": ["green_leg"]}]),
        "cold_pale_leg", "unknown value"),
    "emergency action without the number": (
        "redflags.yaml", lambda d: d["tiers"]["emergency"].update(action="Call for help now."), "tiers.emergency", "{emergency}"),
    "same-day flag without escalation": (
        "redflags.yaml", lambda d: entry(d, "flags", "swollen_calf").pop("escalate"), "swollen_calf", "escalate"),
    "duplicate id": ("causes.yaml", lambda d: d["causes"].append(dict(d["causes"][0])), "position_pressure", "used twice"),
    "missing prompt": ("prompts.yaml", lambda d: d["prompts"].pop("goodbye"), "prompts.goodbye", "missing"),
    "unknown placeholder": (
        "prompts.yaml", lambda d: d["prompts"].update(goodbye="Good night, {username}."), "prompts", "placeholder"),
    "too many questions": ("followups.yaml", lambda d: d.update(max_questions=5), "(file)", "max_questions"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_file_fails_with_file_entry_and_reason(content_copy: Path, name: str) -> None:
    file, change, entry_id, reason = BROKEN[name]
    edit(content_copy, file, change)
    with pytest.raises(ContentError) as caught:
        load_from(content_copy)
    assert caught.value.file == file
    assert entry_id in caught.value.entry
    assert reason in caught.value.reason
    assert file in str(caught.value) and entry_id in str(caught.value)


def test_invalid_yaml_names_the_line(content_copy: Path) -> None:
    (content_copy / "causes.yaml").write_text("causes:\n  - id: x\n    name: [unclosed\n")
    with pytest.raises(ContentError) as caught:
        load_from(content_copy)
    assert caught.value.file == "causes.yaml" and caught.value.entry.startswith("line ")


def test_a_missing_file_is_named(content_copy: Path) -> None:
    (content_copy / "remedies.yaml").unlink()
    with pytest.raises(ContentError, match="remedies.yaml"):
        load_from(content_copy)
