"""What Night Legs remembers about a user, and when (pure: no SDK, no I/O).

Kept for everyone, because none of it is a health detail and it makes the next
night shorter:
- whether they have heard the "not medical advice" statement,
- where they stopped in a stretch routine (routine and step) and their pace,
- the date of their last visit (to say "Welcome back").

Kept only after the user says yes to "Do you want me to remember this for next
time?": what they told us about their legs, as the labels in `KEPT_SYMPTOMS` only
(docs/privacy.md lists the same, and a test holds the two together). Danger signs
(the `sign` slot: cancer, blood thinners, bladder or bowel trouble, chest pain...) and
the values that mark danger (a *sudden* start, a *weak* leg) are never kept.

Health details are kept per person: with Alexa's `personId` (a recognised voice) they
are filed under that person (a key made from it, `skill.memory.envelope.person_key_of`)
and read back only for that person (`recall`). Without one they are the account's,
read back only while no recognised person has used the skill on this account: a
shared Echo must not tell one person what another said about their legs.

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
_MAX_PEOPLE = 8

# Everything "remember this" may keep, by slot (docs/privacy.md lists the same labels).
# No `sign` at all; no "sudden" start and no "weak" leg, which mark danger.
KEPT_SYMPTOMS: Mapping[str, frozenset[str]] = {
    "sensation": frozenset({"numb", "tingling", "restless", "cramp", "ache", "burning", "shooting"}),
    "side": frozenset({"left", "right", "both", "one"}),
    "position": frozenset({"back", "side", "stomach", "crossed"}),
    "timing": frozenset({"lying_down", "night", "waking", "sitting", "walking", "always", "weeks"}),
    "relief": frozenset({"moving", "hang_down", "stretching", "rubbing", "nothing"}),
}


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
    symptoms: Mapping[str, Any] = field(default_factory=dict)  # only after an explicit yes; no person known
    people: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # person key -> symptoms
    persons_seen: frozenset[str] = frozenset()  # person keys that have used the skill here

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


def observe(memory: Memory, seen: Seen, today: date, person: str | None = None) -> Memory:
    """The memory after a turn: non-health facts are kept (with the recognised person, if
    any, noted as having used the skill); symptoms are never touched here."""
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
        persons_seen=_noted(memory.persons_seen, person),
    )


def remember_symptoms(memory: Memory, symptoms: Mapping[str, Any], person: str | None = None) -> Memory:
    """Only call after the user said yes to remembering. Kept for ``person`` (a
    recognised voice) when one is known, else for the account; danger never kept."""
    kept = _clean_symptoms(symptoms)
    if person is None:
        return replace(memory, symptoms=kept)
    people = {key: value for key, value in memory.people.items() if key != person}
    if kept:
        people[person] = kept
    while len(people) > _MAX_PEOPLE:
        people.pop(next(iter(people)))
    return replace(memory, people=people, persons_seen=_noted(memory.persons_seen, person))


def recall(memory: Memory, person: str | None) -> Mapping[str, Any]:
    """The health details that may be read (and spoken) to this speaker: a recognised
    person's own only; for a speaker not recognised, the account's, and only while no
    recognised person has used the skill on this account (otherwise nothing)."""
    if person is not None:
        return memory.people.get(person, {})
    if memory.people or memory.persons_seen:
        return {}
    return memory.symptoms


def _noted(seen: frozenset[str], person: str | None) -> frozenset[str]:
    if person is None or person in seen or not _is_text(person):
        return seen
    return frozenset(sorted(seen | {person})[:_MAX_PEOPLE * 4])


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
    if memory.people:
        record["people"] = {key: dict(value) for key, value in memory.people.items()}
    if memory.persons_seen:
        record["persons_seen"] = sorted(memory.persons_seen)
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
        people=_clean_people(record.get("people")),
        persons_seen=_clean_persons(record.get("persons_seen")),
    )


def _clean_symptoms(raw: Any) -> dict[str, Any]:
    """The labels of `KEPT_SYMPTOMS` only: anything else (a danger sign, an unknown
    slot or value, an older record's signs) is dropped, on the way in and out."""
    if not isinstance(raw, Mapping):
        return {}
    return {slot: raw[slot] for slot, allowed in KEPT_SYMPTOMS.items() if raw.get(slot) in allowed}


def _clean_people(raw: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(raw, Mapping):
        return {}
    people: dict[str, dict[str, Any]] = {}
    for key, value in list(raw.items())[:_MAX_PEOPLE]:
        kept = _clean_symptoms(value)
        if _is_text(key) and kept:
            people[key] = kept
    return people


def _clean_persons(raw: Any) -> frozenset[str]:
    if not isinstance(raw, list):
        return frozenset()
    return frozenset(item for item in raw[: _MAX_PEOPLE * 4] if _is_text(item))


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= _MAX_TEXT


def _date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
