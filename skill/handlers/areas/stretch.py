"""Hands-free guided stretching in bed: start a routine, then next, repeat, pause, resume,
slower, skip, previous, start over, how many are left, stop.

Thin handlers: read the slots and the session, call the pure coach (`skill.stretch.coach`),
say what `skill.stretch.speech` builds (through `skill.handlers.shared.stretch_turns`). Bare
replies reach the routine only while the pending register says it has the floor.
"""

from __future__ import annotations

from typing import Callable

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_intent_name, is_request_type
from ask_sdk_model import Response

from skill.dialog.pending import Area, Pending
from skill.handlers.shared.common import answers, content, get_state, slot_ids
from skill.handlers.shared.display_hooks import touched
from skill.handlers.shared.stretch_turns import coach, library, load_state, speak_turn, start_routine
from skill.stretch.coach import Outcome, Request, StretchState, choose_routine

START_INTENT = "StartStretchIntent"


class StartStretchHandler(AbstractRequestHandler):
    """ "A bedtime stretch", "a two minute stretch", "a stretch for cramps",
    "Buerger's exercise", "I'm up, give me a stretch"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(START_INTENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        slots = slot_ids(handler_input)
        minutes = slots.get("minutes")
        request = Request(
            routine=slots.get("routine"),
            minutes=int(minutes) if minutes and minutes.isdigit() else None,
            purpose=slots.get("purpose"),
            up=slots.get("up") == "up",
        )
        routine, gate_passed = choose_routine(library(), request)
        return start_routine(handler_input, get_state(handler_input), routine, gate_passed)


class OfferedStretchHandler(AbstractRequestHandler):
    """ "Yes" when an answer has just offered the stretch that fits its top reason."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return answers(Area.STRETCH, handler_input) and get_state(handler_input).pending is Pending.OFFER_STRETCH

    def handle(self, handler_input: HandlerInput) -> Response:
        conversation = get_state(handler_input)
        cause = content(handler_input).cause(conversation.top_cause or "")
        routine = cause.stretch if cause is not None else None
        if routine not in library().routines or library().routine(routine).offer != "any":
            routine, _ = choose_routine(library(), Request())
        assert routine is not None
        return start_routine(handler_input, conversation, routine, gate_passed=False)


def _controls() -> dict[str, Callable[[StretchState], Outcome]]:
    the = coach()
    return {
        "AMAZON.NextIntent": the.go,
        "AMAZON.ResumeIntent": the.resume,
        "AMAZON.YesIntent": the.yes,
        "AMAZON.NoIntent": the.no,
        "AMAZON.RepeatIntent": the.repeat,
        "AMAZON.PauseIntent": the.pause,
        "AMAZON.PreviousIntent": the.previous,
        "AMAZON.StartOverIntent": the.start_over,
        "SlowerIntent": lambda s: the.set_pace(s, "slower"),
        "NormalPaceIntent": lambda s: the.set_pace(s, "normal"),
        "SkipStepIntent": the.skip,
        "SkipIntent": the.skip,
        "StepsLeftIntent": the.left,
        "AMAZON.HelpIntent": the.help,
        "AMAZON.FallbackIntent": the.help,
        "CatchAllIntent": the.help,
        "AMAZON.StopIntent": the.stop,
        "AMAZON.CancelIntent": the.stop,
        "AMAZON.NavigateHomeIntent": the.stop,
    }


# Said only to a routine: these reach it even after a detour to another question.
_OWN_INTENTS = frozenset({
    "AMAZON.NextIntent", "AMAZON.ResumeIntent", "AMAZON.PauseIntent", "AMAZON.PreviousIntent",
    "AMAZON.StartOverIntent", "SlowerIntent", "NormalPaceIntent", "SkipStepIntent", "StepsLeftIntent",
})


class StretchControlHandler(AbstractRequestHandler):
    """Every control during a routine. Bare yes, no, repeat, help, skip and stop belong
    to the routine only while it has the floor."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not is_request_type("IntentRequest")(handler_input):
            return False
        intent = get_intent_name(handler_input)
        if intent not in _controls() or load_state(handler_input) is None:
            return False
        return intent in _OWN_INTENTS or get_state(handler_input).pending is Pending.STRETCHING

    def handle(self, handler_input: HandlerInput) -> Response:
        state = load_state(handler_input)
        assert state is not None
        return speak_turn(handler_input, _controls()[get_intent_name(handler_input)](state))


# A press on the stretch screen's touch targets is the same request as saying the word.
TOUCH_INTENTS = {"next": "AMAZON.NextIntent", "pause": "AMAZON.PauseIntent", "stop": "AMAZON.StopIntent"}


class TouchControlHandler(AbstractRequestHandler):
    """Next, pause or stop pressed on the stretch screen (Alexa.Presentation.APL.UserEvent)
    while a routine runs: the same turn as the voice command."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return touched(handler_input) is not None and load_state(handler_input) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        state = load_state(handler_input)
        action = touched(handler_input)
        assert state is not None and action is not None
        return speak_turn(handler_input, _controls()[TOUCH_INTENTS[action]](state))


REQUEST_HANDLERS: list[AbstractRequestHandler] = [
    StartStretchHandler(),
    OfferedStretchHandler(),
    StretchControlHandler(),
    TouchControlHandler(),
]

