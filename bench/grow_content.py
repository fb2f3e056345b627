"""Grown content for the growth benchmark: the real content plus generated causes and remedies.

`grow(home, factor)` writes a NIGHTLEGS_HOME folder whose content has `factor` times as
many causes and remedies as the real one. Generated entries copy the features, matches
and safety fields of real entries (so they score, rank and filter like real ones, and
every triage loop really walks them) under new ids and plain generated wording.
"""

from __future__ import annotations

import copy
import itertools
import shutil
from pathlib import Path
from typing import Any

import yaml

from skill import paths

_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _spoken(number: int) -> str:
    """'one two three' for 123: the content loader refuses numerals (numbers differ by locale)."""
    return " ".join(_DIGITS[int(d)] for d in str(number))


def _grown_causes(data: dict[str, Any], factor: int) -> list[str]:
    real = data["causes"]
    extra = []
    for number, base in zip(range(len(real) * (factor - 1)), itertools.cycle(real)):
        entry = copy.deepcopy(base)
        entry["id"] = "generated_cause_" + _spoken(number).replace(" ", "_")
        entry["name"] = f"generated reason {_spoken(number)}"
        entry["explain"] = f"This is generated reason {_spoken(number)}."
        entry["more"] = f"This is more about generated reason {_spoken(number)}."
        entry["prior"] = int(entry.get("prior", 0)) - 1  # ties go to the real reason
        entry.pop("stretch", None)
        extra.append(entry)
    data["causes"] = real + extra
    return [entry["id"] for entry in extra]


def _grown_remedies(data: dict[str, Any], factor: int, cause_ids: list[str]) -> None:
    real = data["remedies"]
    extra = []
    causes = itertools.cycle(cause_ids or [None])
    for number, base in zip(range(len(real) * (factor - 1)), itertools.cycle(real)):
        entry = copy.deepcopy(base)
        entry["id"] = "generated_remedy_" + _spoken(number).replace(" ", "_")
        entry["say"] = f"Try generated tip {_spoken(number)}."
        if entry.get("causes"):
            entry["causes"] = [next(causes)]
        extra.append(entry)
    data["remedies"] = real + extra


def grow(home: Path, factor: int) -> Path:
    """Write a project home with content grown `factor` times; returns `home`."""
    source = paths.project_root()
    shutil.copytree(source / "content", home / "content")
    shutil.copytree(source / "interaction_model", home / "interaction_model")
    if factor > 1:
        causes_file = home / "content" / "causes.yaml"
        remedies_file = home / "content" / "remedies.yaml"
        causes = yaml.safe_load(causes_file.read_text(encoding="utf-8"))
        remedies = yaml.safe_load(remedies_file.read_text(encoding="utf-8"))
        new_causes = _grown_causes(causes, factor)
        _grown_remedies(remedies, factor, new_causes)
        causes_file.write_text(yaml.safe_dump(causes, sort_keys=False, allow_unicode=True), encoding="utf-8")
        remedies_file.write_text(yaml.safe_dump(remedies, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return home
