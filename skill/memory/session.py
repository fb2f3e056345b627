"""This feature's session state, and what a session shows worth remembering (pure).

Session attributes come back from the device with every request, so they are
untrusted: anything unknown or malformed is dropped.

- `MemorySession` lives under the session key "memory": the reminder time being
  confirmed, whether the user said "forget me" in this session (then nothing
  more is saved until the next session), and when the session opened (a save from a
  session opened before an erase is refused: `skill.memory.tombstone`). The yes/no question it waits on is kept in
  the one pending register (`skill.dialog.pending`).
- `seen_in_session` reads the core's state ("nl") and the guided stretch's state
  ("stretch") for the facts `skill.memory.policy.observe` keeps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from skill.dialog.clock import ClockTime
from skill.dialog.session_keys import CONVERSATION_KEY, MEMORY_KEY, STRETCH_ACTIVE_STAGES, STRETCH_KEY
from skill.memory.policy import RoutineProgress, Seen

SESSION_KEY = MEMORY_KEY
# Where a routine can be left part-way: running, or stopped by the user.
_LEFT_AT = (*STRETCH_ACTIVE_STAGES, "stopped")


@dataclass(frozen=True)
class MemorySession:
    reminder_time: str | None = None  # "HH:MM" while a reminder waits for a yes
    forgotten: bool = False
    reminder_change: bool = False  # the reminder waiting for a yes replaces the ones there are
    opened_at: str | None = None  # when the session opened (skill.memory.tombstone.stamp)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "reminder_time": self.reminder_time,
            "forgotten": self.forgotten,
            "reminder_change": self.reminder_change,
        }
        if self.opened_at is not None:
            out["opened_at"] = self.opened_at
        return out

    @classmethod
    def from_dict(cls, data: Any) -> "MemorySession":
        if not isinstance(data, Mapping):
            return cls()
        time = data.get("reminder_time")
        return cls(
            reminder_time=time if _time_of_day(time) else None,
            forgotten=data.get("forgotten") is True,
            reminder_change=data.get("reminder_change") is True,
            opened_at=opened if isinstance(opened := data.get("opened_at"), str) and len(opened) == 27 else None,
        )


def _time_of_day(value: Any) -> bool:
    """True for "HH:MM" naming a real time of day (not "99:99")."""
    if not isinstance(value, str) or len(value) != 5 or value[2] != ":" or not value.replace(":", "").isdigit():
        return False
    try:
        ClockTime(int(value[:2]), int(value[3:]))
    except ValueError:
        return False
    return True


def seen_in_session(
    attributes: Mapping[str, Any], *, before: Mapping[str, Any] | None = None, stopped: bool = False
) -> Seen:
    """What this turn shows. `attributes` is the session after the turn, `before` the one
    the request brought. The stretch feature drops its state when a routine ends, so a
    routine that vanished this turn was stopped (when the user said stop: remember
    where) or finished (otherwise: nothing to go back to)."""
    core = attributes.get(CONVERSATION_KEY)
    disclaimer = isinstance(core, Mapping) and core.get("disclaimer_heard") is True
    stretch = attributes.get(STRETCH_KEY)
    earlier = (before or {}).get(STRETCH_KEY)
    if not isinstance(stretch, Mapping) and isinstance(earlier, Mapping):
        if not stopped:
            return Seen(disclaimer_heard=disclaimer, routine_finished=True)
        stretch = earlier
    if not isinstance(stretch, Mapping):
        return Seen(disclaimer_heard=disclaimer)
    routine, stage, cursor, pace = (stretch.get(k) for k in ("routine", "stage", "cursor", "pace"))
    pace = pace if isinstance(pace, str) and 0 < len(pace) <= 16 else None
    if not isinstance(routine, str) or not 0 < len(routine) <= 64:
        return Seen(disclaimer_heard=disclaimer, pace=pace)
    if stage == "finished":
        return Seen(disclaimer_heard=disclaimer, routine_finished=True, pace=pace)
    step = cursor[0] if isinstance(cursor, list) and cursor else None
    if stage not in _LEFT_AT or not isinstance(step, int) or isinstance(step, bool) or not 0 <= step < 100:
        return Seen(disclaimer_heard=disclaimer, pace=pace)
    return Seen(disclaimer_heard=disclaimer, progress=RoutineProgress(routine, step), pace=pace)
