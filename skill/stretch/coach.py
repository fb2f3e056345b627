"""Guided-stretch state machine. Pure: no SDK, no speech.

A routine is a list of steps. A step is a run of "units": counted movements or timed
holds, side by side (left leg, then right). One response performs one *block*: as many
units as fit in the silence budget (`timing.max_silence_per_response`), a long hold split
over several blocks. Between blocks the coach asks "Ready?" and waits.

State is kept in the session attributes under "stretch" via `to_dict()`/`from_dict()`.
Session attributes come back from the device, so `from_dict` treats them as untrusted and
raises StateError on anything that does not fit the library.

It is one module of a little over 400 lines on purpose: the state, its validation and the
transitions are one state machine, and splitting them would scatter each transition's
rules over several files.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Mapping

from skill.dialog.session_keys import STRETCH_ACTIVE_STAGES, STRETCH_STAGES
from skill.stretch.library import Routine, Step, StretchLibrary

PACES: dict[str, bool] = {"normal": False, "slower": True}
STAGES: tuple[str, ...] = STRETCH_STAGES


class StateError(ValueError):
    """Session attributes that do not describe a valid stretch."""


class Kind(StrEnum):
    GATE = "gate"  # asked the routine's gate question
    STARTED = "started"  # introduced the routine; asks "First is ...  Ready?"
    FALLBACK = "fallback"  # gate answered no; offers the fallback routine
    DECLINED = "declined"  # said no to the fallback offer; the session ends
    PERFORMED = "performed"  # led a block
    REPEATED = "repeated"  # led the last block again
    NOTHING_TO_REPEAT = "nothing_to_repeat"
    PAUSED = "paused"
    NOT_READY = "not_ready"
    SKIPPED = "skipped"
    BACK = "back"
    START_OVER = "start_over"
    PACE = "pace"
    LEFT = "left"
    HELP = "help"
    FINISHED = "finished"  # the last block was led (or the last step skipped)
    STOPPED = "stopped"


@dataclass(frozen=True)
class Part:
    """One unit, or a slice of a long hold, inside a block."""

    side: int  # 0 or 1
    rep: int  # 0-based within the side
    seconds: float  # silence for this part (counted moves: pace applied)
    hold_from: int = 0  # seconds into the hold (hold steps only, unpaced)
    hold_to: int = 0

    @property
    def starts_unit(self) -> bool:
        return self.hold_from == 0

    def ends_unit(self, step: Step) -> bool:
        return not step.is_hold or self.hold_to >= step.hold_seconds


@dataclass(frozen=True)
class Block:
    step: Step
    step_index: int
    parts: tuple[Part, ...]
    starts_step: bool
    ends_step: bool
    slower: bool


@dataclass(frozen=True)
class Cursor:
    """Where the routine stands: step, unit (rep or hold, sides counted in) and seconds
    of the current hold already done."""

    step: int = 0
    rep: int = 0
    hold: int = 0

    def to_list(self) -> list[int]:
        return [self.step, self.rep, self.hold]


@dataclass(frozen=True)
class StretchState:
    routine: str
    stage: str = "ready"
    cursor: Cursor = field(default_factory=Cursor)
    pace: str = "normal"
    last: Cursor | None = None  # start of the last block led, for "repeat"
    done_steps: int = 0  # steps finished or skipped
    offer: str | None = None  # fallback routine offered after a gate "no"

    @property
    def active(self) -> bool:
        return self.stage in STRETCH_ACTIVE_STAGES

    def to_dict(self) -> dict[str, Any]:
        return {
            "routine": self.routine,
            "stage": self.stage,
            "cursor": self.cursor.to_list(),
            "pace": self.pace,
            "last": self.last.to_list() if self.last else None,
            "done_steps": self.done_steps,
            "offer": self.offer,
        }

    @classmethod
    def from_dict(cls, data: Any, library: StretchLibrary) -> "StretchState":
        if not isinstance(data, Mapping):
            raise StateError("stretch state must be a mapping")
        routine = data.get("routine")
        if not isinstance(routine, str) or routine not in library.routines:
            raise StateError(f"unknown routine {routine!r}")
        stage = data.get("stage")
        if not isinstance(stage, str) or stage not in STAGES:
            raise StateError(f"unknown stage {stage!r}")
        pace = data.get("pace")
        if not isinstance(pace, str) or pace not in PACES:
            raise StateError(f"unknown pace {pace!r}")
        steps = library.steps_of(routine)
        cursor = _cursor(data.get("cursor"), steps, allow_end=True)
        last_raw = data.get("last")
        last = None if last_raw is None else _cursor(last_raw, steps, allow_end=False)
        done = data.get("done_steps")
        # Steps are done in order: no more can be done than lie before the cursor.
        if isinstance(done, bool) or not isinstance(done, int) or not 0 <= done <= min(cursor.step, len(steps)):
            raise StateError(f"bad done_steps {done!r}")
        offer = data.get("offer")
        if offer is not None:
            target = library.routines.get(offer) if isinstance(offer, str) else None
            if target is None or target.gate is not None:
                raise StateError(f"bad offer {offer!r}")
        if stage == "gate" and library.routine(routine).gate is None and offer is None:
            raise StateError(f"routine {routine!r} has no gate to wait at")
        return cls(routine, stage, cursor, pace, last, done, offer)


def _cursor(raw: Any, steps: tuple[Step, ...], *, allow_end: bool) -> Cursor:
    if (
        not isinstance(raw, (list, tuple))
        or len(raw) != 3
        or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in raw)
    ):
        raise StateError(f"bad cursor {raw!r}")
    step, rep, hold = raw
    if allow_end and (step, rep, hold) == (len(steps), 0, 0):
        return Cursor(step, 0, 0)
    if step >= len(steps):
        raise StateError(f"step {step} out of range")
    s = steps[step]
    if rep >= s.units or hold >= max(s.hold_seconds, 1):
        raise StateError(f"position {rep}/{hold} out of range for {s.id}")
    return Cursor(step, rep, hold)


@dataclass(frozen=True)
class Outcome:
    kind: Kind
    state: StretchState
    block: Block | None = None
    step: Step | None = None  # the step skipped, or gone back to
    routine: Routine | None = None  # the routine offered (FALLBACK)

    @property
    def ends_session(self) -> bool:
        return self.kind in (Kind.FINISHED, Kind.STOPPED, Kind.DECLINED)


class Coach:
    """The routine state machine over one StretchLibrary."""

    def __init__(self, library: StretchLibrary) -> None:
        self.library = library

    # ---- queries ------------------------------------------------------------------

    def steps(self, state: StretchState) -> tuple[Step, ...]:
        return self.library.steps_of(state.routine)

    def routine(self, state: StretchState) -> Routine:
        return self.library.routine(state.routine)

    def pending_step(self, state: StretchState) -> Step | None:
        steps = self.steps(state)
        return steps[state.cursor.step] if state.cursor.step < len(steps) else None

    def steps_left(self, state: StretchState) -> int:
        return len(self.steps(state)) - state.cursor.step

    def slower(self, state: StretchState) -> bool:
        return PACES[state.pace]

    def plan(self, state: StretchState, cursor: Cursor | None = None) -> Block:
        """The block that starts at `cursor` (default: the pending one)."""
        at = cursor or state.cursor
        steps = self.steps(state)
        step = steps[at.step]
        timing = self.library.timing
        factor = timing.slower_factor if self.slower(state) else 1.0
        budget = timing.max_silence_per_response
        parts: list[Part] = []
        rep, hold = at.rep, at.hold
        # Silence the block will hold: the parts plus the short gaps around them.
        used = timing.settle_seconds * factor if (rep, hold) == (0, 0) else 0.0
        release = timing.release_seconds * factor if step.is_hold else 0.0
        while rep < step.units:
            side, within = divmod(rep, step.units_per_side)
            unit_seconds = step.hold_seconds if step.is_hold else step.rep_seconds * factor
            switch = timing.switch_seconds * factor if (side > 0 and within == 0 and hold == 0) else 0.0
            if parts and within == 0 and hold == 0:
                # Start a new side only when the whole side fits in this block.
                if used + switch + (unit_seconds + release) * step.units_per_side > budget:
                    break
            if step.is_hold:
                # Holds keep their length at any pace: "slower" slows the counting.
                remaining = step.hold_seconds - hold
                take = min(remaining, math.floor(budget - used - switch - release))
                if take <= 0 or (parts and take < remaining):
                    break  # a hold is split only when it alone fills a block
                ends = take >= remaining
                parts.append(Part(side, within, float(take), hold, hold + take))
                used += switch + take + (release if ends else 0.0)
                if not ends:
                    break
                rep, hold = rep + 1, 0
            else:
                if parts and used + switch + unit_seconds > budget:
                    break
                parts.append(Part(side, within, unit_seconds))
                used += switch + unit_seconds
                rep += 1
        return Block(
            step=step,
            step_index=at.step,
            parts=tuple(parts),
            starts_step=at.rep == 0 and at.hold == 0,
            ends_step=rep >= step.units,
            slower=self.slower(state),
        )

    def _after(self, state: StretchState, cursor: Cursor) -> Cursor:
        """The cursor just past the block that starts at `cursor`."""
        block = self.plan(state, cursor)
        if block.ends_step:
            return Cursor(cursor.step + 1, 0, 0)
        last = block.parts[-1]
        rep = last.side * block.step.units_per_side + last.rep
        if block.step.is_hold and last.hold_to < block.step.hold_seconds:
            return Cursor(cursor.step, rep, last.hold_to)
        return Cursor(cursor.step, rep + 1, 0)

    # ---- transitions --------------------------------------------------------------

    def start(self, routine_id: str, *, gate_passed: bool = False) -> Outcome:
        routine = self.library.routine(routine_id)
        if routine.gate is not None and not gate_passed:
            return Outcome(Kind.GATE, StretchState(routine_id, stage="gate"))
        return Outcome(Kind.STARTED, StretchState(routine_id))

    def yes(self, state: StretchState) -> Outcome:
        """"Yes": passes a gate, takes an offered routine, or goes on ("Ready?" "Yes")."""
        if state.stage == "gate":
            if state.offer is not None:
                return Outcome(Kind.STARTED, StretchState(state.offer))
            return Outcome(Kind.STARTED, replace(state, stage="ready"))
        return self.go(state)

    def no(self, state: StretchState) -> Outcome:
        if state.stage == "gate":
            if state.offer is not None:
                return Outcome(Kind.DECLINED, replace(state, stage="stopped"))
            fallback = self.routine(state).fallback
            assert fallback is not None  # the loader requires a fallback with a gate
            return Outcome(
                Kind.FALLBACK,
                replace(state, offer=fallback),
                routine=self.library.routine(fallback),
            )
        return Outcome(Kind.NOT_READY, replace(state, stage="ready"))

    def go(self, state: StretchState) -> Outcome:
        """Lead the pending block ("next", "yes", "resume")."""
        if state.stage == "gate":
            return self.yes(state)
        if not state.active:
            return Outcome(Kind.FINISHED, state)
        if state.cursor.step >= len(self.steps(state)):
            return Outcome(Kind.FINISHED, replace(state, stage="finished"))
        block = self.plan(state)
        after = self._after(state, state.cursor)
        done = min(state.done_steps + (1 if block.ends_step else 0), len(self.steps(state)))
        new = replace(state, stage="ready", cursor=after, last=state.cursor, done_steps=done)
        if after.step >= len(self.steps(state)):
            return Outcome(Kind.FINISHED, replace(new, stage="finished"), block=block)
        return Outcome(Kind.PERFORMED, new, block=block)

    def repeat(self, state: StretchState) -> Outcome:
        if state.stage == "gate":
            return Outcome(Kind.GATE, state)
        if state.last is None:
            return Outcome(Kind.NOTHING_TO_REPEAT, replace(state, stage="ready"))
        block = self.plan(state, state.last)
        return Outcome(Kind.REPEATED, replace(state, stage="ready"), block=block)

    def pause(self, state: StretchState) -> Outcome:
        return Outcome(Kind.PAUSED, replace(state, stage="paused"))

    def resume(self, state: StretchState) -> Outcome:
        return self.go(replace(state, stage="ready") if state.stage == "paused" else state)

    def skip(self, state: StretchState) -> Outcome:
        """Skip the pending step (or what is left of it)."""
        step = self.pending_step(state)
        if step is None:
            return Outcome(Kind.FINISHED, replace(state, stage="finished"))
        new = replace(
            state,
            stage="ready",
            cursor=Cursor(state.cursor.step + 1, 0, 0),
            done_steps=min(state.done_steps + 1, len(self.steps(state))),
        )
        if new.cursor.step >= len(self.steps(state)):
            return Outcome(Kind.FINISHED, replace(new, stage="finished"), step=step)
        return Outcome(Kind.SKIPPED, new, step=step)

    def previous(self, state: StretchState) -> Outcome:
        """Back to the start of the step before the pending one; mid-step, the start of
        the current step."""
        at = state.cursor
        target = at.step if (at.rep or at.hold) else max(at.step - 1, 0)
        steps = self.steps(state)
        done = min(state.done_steps, target)
        new = replace(state, stage="ready", cursor=Cursor(target, 0, 0), done_steps=done)
        return Outcome(Kind.BACK, new, step=steps[target])

    def start_over(self, state: StretchState) -> Outcome:
        new = StretchState(state.routine, pace=state.pace)
        return Outcome(Kind.START_OVER, new)

    def set_pace(self, state: StretchState, pace: str) -> Outcome:
        if pace not in PACES:
            raise ValueError(f"unknown pace {pace!r}")
        stage = "ready" if state.stage == "paused" else state.stage
        return Outcome(Kind.PACE, replace(state, pace=pace, stage=stage))

    def left(self, state: StretchState) -> Outcome:
        stage = "ready" if state.stage == "paused" else state.stage
        return Outcome(Kind.LEFT, replace(state, stage=stage))

    def help(self, state: StretchState) -> Outcome:
        stage = "ready" if state.stage == "paused" else state.stage
        return Outcome(Kind.HELP, replace(state, stage=stage))

    def stop(self, state: StretchState) -> Outcome:
        return Outcome(Kind.STOPPED, replace(state, stage="stopped"))


# ---- choosing a routine ---------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """What the user asked for, from slot ids (all optional)."""

    routine: str | None = None  # a routine id, said by name
    minutes: int | None = None
    purpose: str | None = None
    up: bool = False  # the user said they are out of bed


def choose_routine(library: StretchLibrary, request: Request) -> tuple[str, bool]:
    """The routine to start and whether its gate is already passed.

    Buerger's exercise only when named; standing moves only when the user says they
    are up (asked by name while not saying so, the gate asks first).
    """
    routines = library.routines
    if request.routine in routines:
        routine = routines[request.routine]
        return routine.id, routine.gate == "up" and request.up
    pool = [r for r in routines.values() if r.offer == "any" or (r.offer == "when_up" and request.up)]
    if request.purpose:
        matches = [r for r in pool if request.purpose in r.purposes]
        if request.up:
            matches.sort(key=lambda r: r.offer != "when_up")
        if matches:
            return matches[0].id, matches[0].gate == "up"
    general = [r for r in pool if "bedtime" in r.purposes] or pool
    if request.up and not request.minutes:
        standing = [r for r in pool if r.offer == "when_up"]
        if standing:
            return standing[0].id, True
    if request.minutes:
        best = min(general, key=lambda r: (abs(r.minutes - request.minutes), r.minutes))
        return best.id, best.gate == "up"
    shortest = min(general, key=lambda r: r.minutes)
    return shortest.id, shortest.gate == "up"
