"""SSML for the guided stretch: counts and holds timed with <break>s.

Every word comes from `content/stretches.yaml`; this module only arranges it. A break is
never over Alexa's 10 second limit (`skill.dialog.ssml.pause` enforces it), a 30 second hold is
three breaks with a soft "Keep holding." between them, and a response that waits for a
reply stays within about 90 seconds of speech and silence (`measure` checks that).
"""

from __future__ import annotations

import math
from skill.dialog.ssml import MAX_BREAK_SECONDS, Reply, escape, pause, speak
from skill.stretch.coach import Block, Coach, Kind, Outcome, StretchState
from skill.stretch.library import StretchLibrary

MAX_RESPONSE_SECONDS = 90.0


# ---- building -------------------------------------------------------------------------


class StretchSpeech:
    def __init__(self, library: StretchLibrary) -> None:
        self.library = library
        self.coach = Coach(library)

    # small pieces

    def _p(self, key: str, **values: object) -> str:
        return self.library.prompts[key].format(**values)

    def _text(self, *sentences: str) -> str:
        return " ".join(escape(s) for s in sentences if s)

    def _silence(self, seconds: float) -> str:
        if seconds <= 0:
            return ""
        pieces = max(1, math.ceil(seconds / MAX_BREAK_SECONDS - 1e-9))
        each = round(seconds / pieces, 1)
        return "".join(pause(each) for _ in range(pieces))

    def _soft(self, text: str) -> str:
        return f'<prosody volume="x-soft">{escape(text)}</prosody>'

    def _hold(self, seconds: float) -> str:
        """A hold: breaks of at most 10 s with a soft "Keep holding." between them."""
        pieces = max(1, math.ceil(seconds / MAX_BREAK_SECONDS - 1e-9))
        each = round(seconds / pieces, 1)
        out = [pause(each)]
        for _ in range(pieces - 1):
            out.append(self._soft(self._p("keep_holding")))
            out.append(pause(each))
        return "".join(out)

    # a block of a move

    def block(self, block: Block) -> str:
        step = block.step
        timing = self.library.timing
        factor = timing.slower_factor if block.slower else 1.0
        out: list[str] = []
        if block.starts_step:
            out.append(self._text(step.instruction, step.safety))
            out.append(self._silence(timing.settle_seconds * factor))
        for part in block.parts:
            if part.side > 0 and part.rep == 0 and part.starts_unit:
                out.append(self._text(step.switch))
                out.append(self._silence(timing.switch_seconds * factor))
            if step.is_hold:
                out.append(self._text(self._p("hold" if part.starts_unit else "still_holding")))
                out.append(self._hold(part.seconds))
                if part.ends_unit(step):
                    out.append(self._text(self._p("release")))
                    out.append(self._silence(timing.release_seconds * factor))
            else:
                out.append(escape(f"{part.rep + 1}."))
                out.append(self._silence(part.seconds))
        return " ".join(p for p in out if p)

    # questions

    def question(self, state: StretchState, *, named: bool = True) -> str:
        """The one question that ends a turn in the middle of a routine; `named=False`
        leaves out "Next is ..." when the turn has just named the move."""
        step = self.coach.pending_step(state)
        if state.stage == "gate":
            routine = self.library.routine(state.routine)
            if state.offer is not None:
                key = "gate_up_no" if routine.gate == "up" else "gate_clinician_no"
                return self._p(key, name=self.library.routine(state.offer).name)
            return routine.gate_question
        if step is None:
            return self._p("ready")
        if state.cursor.rep or state.cursor.hold:
            return " ".join((self._p("more", name=step.name), self._p("ready")))
        first = state.cursor.step == 0
        lead = self._p("first" if first else "next", name=step.name) if named else ""
        cue = self._position_cue(state)
        return " ".join(s for s in (lead, cue, self._p("ready")) if s)

    def _position_cue(self, state: StretchState) -> str:
        steps = self.coach.steps(state)
        index = state.cursor.step
        if index >= len(steps):
            return ""
        if index > 0 and steps[index - 1].position == steps[index].position:
            return ""
        return self.library.positions[steps[index].position]

    def progress(self, state: StretchState) -> str:
        total = len(self.coach.steps(state))
        return self._p("progress", done=state.done_steps, total=total)

    # whole replies

    def reply(self, outcome: Outcome, *, lead: str = "") -> Reply:
        """The whole turn; `lead` is plain sentences said first (the health disclaimer)."""
        state = outcome.state
        kind = outcome.kind
        routine = self.library.routine(state.routine)
        body: list[str] = [self._text(lead)] if lead else []
        if kind == Kind.GATE:
            body.append(self._text(routine.caveat, self.question(state)))
            return self._ask(" ".join(body), self._text(self.question(state)))
        if kind == Kind.FALLBACK:
            assert outcome.routine is not None
            text = self._text(self.question(state))
            return self._ask(text, text)
        if kind == Kind.DECLINED:
            return self._end(self._text(self._p("declined")))
        if kind == Kind.STOPPED:
            total = len(self.coach.steps(state))
            return self._end(self._text(self._p("stopped", done=state.done_steps, total=total)))
        if kind == Kind.PAUSED:
            return self._ask(self._text(self._p("paused")), self._text(self._p("paused_reprompt")))

        if kind == Kind.STARTED:
            body.append(self._text(routine.intro))
        elif kind in (Kind.PERFORMED, Kind.REPEATED, Kind.FINISHED) and outcome.block is not None:
            body.append(self.block(outcome.block))
        elif kind == Kind.NOTHING_TO_REPEAT:
            body.append(self._text(self._p("nothing_to_repeat")))
        elif kind == Kind.NOT_READY:
            body.append(self._text(self._p("not_ready")))
            return self._ask(" ".join(body), self._reprompt(state))
        elif kind == Kind.SKIPPED and outcome.step is not None:
            body.append(self._text(self._p("skipped", name=outcome.step.name)))
        elif kind == Kind.BACK and outcome.step is not None:
            body.append(self._text(self._p("back", name=outcome.step.name)))
        elif kind == Kind.START_OVER:
            body.append(self._text(self._p("start_over")))
        elif kind == Kind.PACE:
            body.append(self._text(self._p("slower" if self.coach.slower(state) else "normal")))
        elif kind == Kind.HELP:
            body.append(self._text(self._p("help")))
        elif kind == Kind.LEFT:
            left = self.coach.steps_left(state)
            body.append(self._text(self._p("left_one") if left == 1 else self._p("left_many", count=left)))

        if kind == Kind.FINISHED:
            if outcome.block is None and outcome.step is not None:
                body.append(self._text(self._p("skipped_last", name=outcome.step.name)))
            body.append(self._text(routine.outro, self._p("finished", name=routine.name)))
            return self._end(" ".join(b for b in body if b))
        body.append(self._text(self.question(state, named=kind != Kind.BACK)))
        return self._ask(" ".join(b for b in body if b), self._reprompt(state))

    def _reprompt(self, state: StretchState) -> str:
        """Said once after silence: where they got to, then the same question."""
        if state.done_steps:
            return self._text(self.progress(state), self.question(state))
        return self._text(self.question(state))

    def _ask(self, body: str, reprompt: str) -> Reply:
        return Reply(speak(body), speak(reprompt), False)

    def _end(self, body: str) -> Reply:
        return Reply(speak(body), None, True)
