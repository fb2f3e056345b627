"""Typed, validated guided-stretch content from `content/stretches.yaml`.

A bad file fails at load with a ContentError naming the file, the entry and what is
wrong. Nothing here speaks or knows about Alexa; `skill.stretch.coach` runs the routines and
`skill.stretch.speech` turns them into SSML.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from skill.content import ContentError, read_yaml, require_sources
from skill.paths import content_dir

FILE = "stretches.yaml"

POSITIONS: tuple[str, ...] = ("lying_back", "lying_side", "sitting_in_bed", "standing")
IN_BED_POSITIONS: frozenset[str] = frozenset({"lying_back", "lying_side", "sitting_in_bed"})
OFFERS: tuple[str, ...] = ("any", "when_up", "by_name")
GATES: tuple[str, ...] = ("up", "clinician")

# Placeholders each prompt may use; a prompt may use fewer, never others.
PROMPT_FIELDS: dict[str, frozenset[str]] = {
    "ready": frozenset(),
    "first": frozenset({"name"}),
    "next": frozenset({"name"}),
    "more": frozenset({"name"}),
    "hold": frozenset(),
    "still_holding": frozenset(),
    "keep_holding": frozenset(),
    "release": frozenset(),
    "finished": frozenset({"name"}),
    "paused": frozenset(),
    "paused_reprompt": frozenset(),
    "not_ready": frozenset(),
    "skipped": frozenset({"name"}),
    "skipped_last": frozenset({"name"}),
    "back": frozenset({"name"}),
    "start_over": frozenset(),
    "slower": frozenset(),
    "normal": frozenset(),
    "left_one": frozenset(),
    "left_many": frozenset({"count"}),
    "progress": frozenset({"done", "total"}),
    "stopped": frozenset({"done", "total"}),
    "nothing_to_repeat": frozenset(),
    "gate_up_no": frozenset({"name"}),
    "gate_clinician_no": frozenset({"name"}),
    "declined": frozenset(),
    "offer": frozenset({"name"}),
    "offer_reprompt": frozenset({"name"}),
    "offer_numb": frozenset({"name"}),
    "after_numb": frozenset(),
    "help": frozenset(),
    "screen_first": frozenset(),
    "sudden": frozenset(),
    "sudden_question": frozenset(),
}

TIMING_FIELDS: tuple[str, ...] = (
    "settle_seconds",
    "switch_seconds",
    "release_seconds",
    "max_silence_per_response",
    "slower_factor",
)


@dataclass(frozen=True)
class Step:
    id: str
    name: str
    position: str
    instruction: str
    safety: str
    sides: int
    reps: int  # movements per side; 0 for a hold
    rep_seconds: float
    hold_seconds: int  # 0 for a counted movement
    holds: int  # holds per side; 0 for a counted movement
    switch: str
    sources: tuple[str, ...]

    @property
    def is_hold(self) -> bool:
        return self.hold_seconds > 0

    @property
    def units_per_side(self) -> int:
        """Counted movements, or holds, done on each side."""
        return self.holds if self.is_hold else self.reps

    @property
    def units(self) -> int:
        return self.units_per_side * self.sides

    @property
    def in_bed(self) -> bool:
        return self.position in IN_BED_POSITIONS


@dataclass(frozen=True)
class Routine:
    id: str
    name: str
    offer: str
    minutes: int
    purposes: tuple[str, ...]
    intro: str
    steps: tuple[str, ...]
    outro: str
    caveat: str
    gate: str | None
    gate_question: str
    fallback: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Timing:
    settle_seconds: float
    switch_seconds: float
    release_seconds: float
    max_silence_per_response: float
    slower_factor: float


@dataclass(frozen=True)
class StretchLibrary:
    steps: Mapping[str, Step]
    routines: Mapping[str, Routine]
    prompts: Mapping[str, str]
    positions: Mapping[str, str]
    timing: Timing
    sources: tuple[str, ...]

    def routine(self, routine_id: str) -> Routine:
        return self.routines[routine_id]

    def steps_of(self, routine_id: str) -> tuple[Step, ...]:
        return tuple(self.steps[s] for s in self.routines[routine_id].steps)

    def texts(self) -> list[tuple[str, str]]:
        """Every spoken string, as (entry, text): for reading-level and style checks."""
        out: list[tuple[str, str]] = [(f"prompts.{k}", v) for k, v in self.prompts.items()]
        out += [(f"positions.{k}", v) for k, v in self.positions.items()]
        for step in self.steps.values():
            for field in ("name", "instruction", "safety", "switch"):
                value = getattr(step, field)
                if value:
                    out.append((f"steps.{step.id}.{field}", value))
        for routine in self.routines.values():
            for field in ("name", "intro", "outro", "caveat", "gate_question"):
                value = getattr(routine, field)
                if value:
                    out.append((f"routines.{routine.id}.{field}", value))
        return out


# ---- validation helpers -------------------------------------------------------------


def _mapping(value: Any, entry: str, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ContentError(FILE, entry, f"{what} must be a mapping")
    return value


def _text(entry: str, data: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise ContentError(FILE, entry, f"'{key}' must be a non-empty string")
    if "!" in value:
        raise ContentError(FILE, entry, f"'{key}' has an exclamation mark; keep a calm voice")
    if "<" in value or ">" in value:
        raise ContentError(FILE, entry, f"'{key}' has markup; content is plain text, SSML is built in code")
    return value.strip()


def _positive(entry: str, data: Mapping[str, Any], key: str, *, default: float | None = None) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ContentError(FILE, entry, f"'{key}' must be a number above zero, got {value!r}")
    return float(value)


def _whole(entry: str, data: Mapping[str, Any], key: str, *, default: int | None = None) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ContentError(FILE, entry, f"'{key}' must be a whole number above zero, got {value!r}")
    return value


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def _parse_step(step_id: str, raw: Any) -> Step:
    entry = f"steps.{step_id}"
    data = _mapping(raw, entry, "a step")
    sources = require_sources(FILE, entry, data)
    position = data.get("position")
    if position not in POSITIONS:
        raise ContentError(FILE, entry, f"'position' must be one of {', '.join(POSITIONS)}, got {position!r}")
    has_reps = "reps" in data
    has_hold = "hold_seconds" in data
    if has_reps == has_hold:
        raise ContentError(FILE, entry, "give either 'reps' (with 'rep_seconds') or 'hold_seconds', not both or neither")
    sides = _whole(entry, data, "sides", default=1)
    if sides not in (1, 2):
        raise ContentError(FILE, entry, f"'sides' must be 1 or 2, got {sides}")
    switch = _text(entry, data, "switch", required=sides == 2)
    if has_reps:
        reps, rep_seconds, hold_seconds, holds = _whole(entry, data, "reps"), _positive(entry, data, "rep_seconds"), 0, 0
    else:
        reps, rep_seconds = 0, 0.0
        hold_seconds, holds = _whole(entry, data, "hold_seconds"), _whole(entry, data, "holds", default=1)
    return Step(
        id=step_id,
        name=_text(entry, data, "name"),
        position=position,
        instruction=_text(entry, data, "instruction"),
        safety=_text(entry, data, "safety"),
        sides=sides,
        reps=reps,
        rep_seconds=rep_seconds,
        hold_seconds=hold_seconds,
        holds=holds,
        switch=switch,
        sources=sources,
    )


def _parse_routine(routine_id: str, raw: Any, steps: Mapping[str, Step]) -> Routine:
    entry = f"routines.{routine_id}"
    data = _mapping(raw, entry, "a routine")
    sources = require_sources(FILE, entry, data)
    offer = data.get("offer")
    if offer not in OFFERS:
        raise ContentError(FILE, entry, f"'offer' must be one of {', '.join(OFFERS)}, got {offer!r}")
    step_ids = data.get("steps")
    if not isinstance(step_ids, list) or not step_ids:
        raise ContentError(FILE, entry, "'steps' must be a non-empty list of step ids")
    for step_id in step_ids:
        if step_id not in steps:
            raise ContentError(FILE, entry, f"unknown step {step_id!r}")
    routine_steps = [steps[s] for s in step_ids]
    standing = [s.id for s in routine_steps if not s.in_bed]
    if standing and offer != "when_up":
        raise ContentError(FILE, entry, f"has standing steps ({', '.join(standing)}) so 'offer' must be when_up")
    purposes = data.get("purposes", [])
    if not isinstance(purposes, list) or not all(isinstance(p, str) and p for p in purposes):
        raise ContentError(FILE, entry, "'purposes' must be a list of words")
    gate = data.get("gate")
    if gate is not None and gate not in GATES:
        raise ContentError(FILE, entry, f"'gate' must be one of {', '.join(GATES)}, got {gate!r}")
    if offer == "when_up" and gate != "up":
        raise ContentError(FILE, entry, "a when_up routine needs 'gate: up' so it is never started in bed")
    if offer == "by_name" and gate != "clinician":
        raise ContentError(FILE, entry, "a by_name routine needs 'gate: clinician'")
    if gate == "clinician" and offer != "by_name":
        raise ContentError(FILE, entry, "a routine with a clinician gate is offered only by name (offer: by_name)")
    if gate == "up" and offer != "when_up":
        raise ContentError(FILE, entry, "a routine with an 'up' gate is offered only when the user is up (offer: when_up)")
    caveat = _text(entry, data, "caveat", required=gate == "clinician")
    gate_question = _text(entry, data, "gate_question", required=gate is not None)
    if gate_question and not gate_question.endswith("?"):
        raise ContentError(FILE, entry, "'gate_question' must be a question")
    fallback = data.get("fallback")
    if gate is not None and fallback is None:
        raise ContentError(FILE, entry, "a routine with a gate needs a 'fallback' routine")
    return Routine(
        id=routine_id,
        name=_text(entry, data, "name"),
        offer=offer,
        minutes=_whole(entry, data, "minutes"),
        purposes=tuple(purposes),
        intro=_text(entry, data, "intro"),
        steps=tuple(step_ids),
        outro=_text(entry, data, "outro", required=False),
        caveat=caveat,
        gate=gate,
        gate_question=gate_question,
        fallback=fallback,
        sources=sources,
    )


def parse_stretches(data: Any) -> StretchLibrary:
    """Validate the parsed YAML of stretches.yaml into a StretchLibrary."""
    root = _mapping(data, "(top level)", "the file")
    sources = require_sources(FILE, "(top level)", root)

    timing_raw = _mapping(root.get("timing"), "timing", "'timing'")
    timing = Timing(**{key: _positive("timing", timing_raw, key) for key in TIMING_FIELDS})
    if timing.slower_factor <= 1:
        raise ContentError(FILE, "timing", "'slower_factor' must be above 1")
    gaps = (timing.settle_seconds + timing.switch_seconds + timing.release_seconds) * timing.slower_factor
    if timing.max_silence_per_response < gaps + 10:
        raise ContentError(FILE, "timing", "'max_silence_per_response' leaves under 10 seconds for the move itself")

    positions_raw = _mapping(root.get("positions"), "positions", "'positions'")
    positions = {}
    for position in POSITIONS:
        positions[position] = _text("positions", positions_raw, position)
    extra = set(positions_raw) - set(POSITIONS)
    if extra:
        raise ContentError(FILE, "positions", f"unknown position {sorted(extra)[0]!r}")

    prompts_raw = _mapping(root.get("prompts"), "prompts", "'prompts'")
    prompts: dict[str, str] = {}
    for key, allowed in PROMPT_FIELDS.items():
        entry = f"prompts.{key}"
        text = _text(entry, prompts_raw, key)
        unknown = _placeholders(text) - allowed
        if unknown:
            raise ContentError(FILE, entry, f"unknown placeholder {{{sorted(unknown)[0]}}}")
        prompts[key] = text
    extra = set(prompts_raw) - set(PROMPT_FIELDS)
    if extra:
        raise ContentError(FILE, f"prompts.{sorted(extra)[0]}", "is not a prompt the coach uses")

    steps_raw = _mapping(root.get("steps"), "steps", "'steps'")
    steps = {step_id: _parse_step(step_id, raw) for step_id, raw in steps_raw.items()}

    routines_raw = _mapping(root.get("routines"), "routines", "'routines'")
    routines = {rid: _parse_routine(rid, raw, steps) for rid, raw in routines_raw.items()}
    for routine in routines.values():
        if routine.fallback is not None:
            target = routines.get(routine.fallback)
            if target is None:
                raise ContentError(FILE, f"routines.{routine.id}", f"unknown fallback {routine.fallback!r}")
            if target.gate is not None or target.offer != "any":
                raise ContentError(FILE, f"routines.{routine.id}", "the fallback must be an in-bed routine with no gate")
    unused = set(steps) - {s for r in routines.values() for s in r.steps}
    if unused:
        raise ContentError(FILE, f"steps.{sorted(unused)[0]}", "is not used by any routine")

    return StretchLibrary(
        steps=steps,
        routines=routines,
        prompts=prompts,
        positions=positions,
        timing=timing,
        sources=sources,
    )


def read_stretches(path: Path) -> StretchLibrary:
    return parse_stretches(read_yaml(path))


@lru_cache(maxsize=None)
def load_stretches() -> StretchLibrary:
    """The stretch library from the content folder, loaded once per process."""
    return read_stretches(content_dir() / FILE)
