"""What Night Legs remembers about a user, and when (pure: no SDK, no I/O).

Kept for everyone, because none of it is a health detail and it makes the next
night shorter:
- whether they have heard the "not medical advice" statement,
- where they stopped in a stretch routine (routine and step) and their pace,
- the date of their last visit (to say "Welcome back").

Kept only after the user says yes to "Do you want me to remember this for next
time?": what they told us about their legs (the symptom slots).

"Forget me" / "delete my data" erases the whole record, after a spoken yes.

The stored record is untrusted input (another version of the skill may have written
it, or a person with access to the store): `from_record` keeps only fields that
look right and drops the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

RECORD_KEY = "memory"  # top-level key of the persistent record (stored name: never change it)
SCHEMA = 1
_MAX_TEXT = 64


@dataclass(frozen=True)
class RoutineProgress:
    """Where a stretch routine was left: routine id and step index (0-based)."""

    routine: str
    step: int


@dataclass(frozen=True)
class Memory:
    disclaimer_heard: bool = False
    progress: RoutineProgress | None = None
    pace: str | None = None
    last_visit: date | None = None
    symptoms: Mapping[str, Any] = field(default_factory=dict)  # only after an explicit yes

    @property
    def returning(self) -> bool:
        return self.last_visit is not None

    @property
    def empty(self) -> bool:
        return self == Memory()


@dataclass(frozen=True)
class Seen:
    """What this session showed, read from the core's and the stretch feature's state."""

    disclaimer_heard: bool = False
    progress: RoutineProgress | None = None
    routine_finished: bool = False
    pace: str | None = None


# --------------------------------------------------------------------------- policy


def observe(memory: Memory, seen: Seen, today: date) -> Memory:
    """The memory after a turn: non-health facts are kept; symptoms are never touched here."""
    progress = memory.progress
    if seen.routine_finished:
        progress = None  # nothing to go back to
    elif seen.progress is not None:
        progress = seen.progress
    return replace(
        memory,
        disclaimer_heard=memory.disclaimer_heard or seen.disclaimer_heard,
        progress=progress,
        pace=seen.pace or memory.pace,
        last_visit=today,
    )


def remember_symptoms(memory: Memory, symptoms: Mapping[str, Any]) -> Memory:
    """Only call after the user said yes to remembering."""
    return replace(memory, symptoms=_clean_symptoms(symptoms))


def forget() -> Memory:
    return Memory()


def resume_offer(memory: Memory) -> RoutineProgress | None:
    """At launch: the routine step to offer to go back to, if any."""
    return memory.progress if memory.returning else None


# --------------------------------------------------------------------------- records


def to_record(memory: Memory) -> dict[str, Any]:
    record: dict[str, Any] = {"schema": SCHEMA}
    if memory.disclaimer_heard:
        record["disclaimer_heard"] = True
    if memory.progress is not None:
        record["progress"] = {"routine": memory.progress.routine, "step": memory.progress.step}
    if memory.pace:
        record["pace"] = memory.pace
    if memory.last_visit is not None:
        record["last_visit"] = memory.last_visit.isoformat()
    if memory.symptoms:
        record["symptoms"] = dict(memory.symptoms)
    return record


def from_record(record: Any) -> Memory:
    if not isinstance(record, Mapping):
        return Memory()
    progress = None
    raw = record.get("progress")
    if isinstance(raw, Mapping):
        routine, step = raw.get("routine"), raw.get("step")
        if _is_text(routine) and isinstance(step, int) and not isinstance(step, bool) and 0 <= step < 100:
            progress = RoutineProgress(routine, step)
    pace = record.get("pace")
    return Memory(
        disclaimer_heard=record.get("disclaimer_heard") is True,
        progress=progress,
        pace=pace if _is_text(pace) else None,
        last_visit=_date(record.get("last_visit")),
        symptoms=_clean_symptoms(record.get("symptoms")),
    )


def _clean_symptoms(raw: Any) -> dict[str, Any]:
    """Slot ids only: short strings, or a short list of them (signs)."""
    if not isinstance(raw, Mapping):
        return {}
    out: dict[str, Any] = {}
    for key, value in list(raw.items())[:16]:
        if not _is_text(key):
            continue
        if _is_text(value):
            out[key] = value
        elif isinstance(value, list):
            items = [v for v in value[:32] if _is_text(v)]
            if items:
                out[key] = items
    return out


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= _MAX_TEXT


def _date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
