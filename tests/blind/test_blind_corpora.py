"""The blind corpora in the suite (tests/corpora/blind/README.md says how they were written).

Each corpus is played end to end (the control words through the simulator's NLU alone).
A miss not in known_misses.yaml fails, and so does a listed miss that now passes: the list
only shrinks. The floors are the figures reached when the corpora were frozen; the closing
notes in `issues stops` carry the first-look figures on the main they were written against.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import blind_score as blind

KNOWN = yaml.safe_load((Path(__file__).resolve().parent.parent / "corpora" / "blind" / "known_misses.yaml").read_text(encoding="utf-8"))
CORPORA = ["triage", "answers", "control", "control_dialogs"]


@pytest.fixture(scope="module", autouse=True)
def _everything() -> None:
    blind.SPLIT = "all"


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPORA)
def test_no_new_misses_and_the_known_ones_only_shrink(name: str) -> None:
    result = getattr(blind, name)()
    known = set(KNOWN.get(name) or ())
    new = sorted(result.missed - known)
    fixed = sorted(known - result.missed)
    assert not new, f"{name}: new misses: {new}"
    assert not fixed, f"{name}: these pass now, take them off known_misses.yaml: {fixed}"


@pytest.mark.slow
def test_triage_never_says_back_a_negated_sign_nor_a_wrong_number() -> None:
    result = blind.triage()
    assert result.extra["false_echo"] == 0
    assert result.extra["wrong_numbers"] == 0
