"""Hands-free guided stretching in bed (issue 4): start a routine, then next, repeat,
pause, resume, slower, skip, previous, start over, how many are left, stop.

Thin handlers: read the slots and the session, call the pure coach (`skill.stretch.coach`), say
what `skill.stretch.speech` builds. The routine's state lives in the session attributes
under "stretch"; while it has the floor the conversation state's `pending` is STRETCHING,
so a bare yes, no, repeat or stop goes to the stretch only while the stretch is talking.
"""

from __future__ import annotations

import functools
from typing import Callable

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_intent_name, is_request_type
from ask_sdk_model import Response

from skill.dialog import speech
from skill.handlers.common import content, elicit, get_state, respond, slot_ids
from skill.handlers.info import urgent_reply
from skill.dialog.state import OFFER_STRETCH, STRETCHING, SessionState
from skill.core.symptoms import SCREEN
from skill.stretch.coach import Coach, Outcome, Request, StateError, StretchState, choose_routine
from skill.stretch.library import StretchLibrary, load_stretches
from skill.stretch.speech import StretchSpeech

KEY = "stretch"
START_INTENT = "StartStretchIntent"


@functools.lru_cache(maxsize=1)
def _speech() -> StretchSpeech:
    return StretchSpeech(load_stretches())


def _library() -> StretchLibrary:
    return _speech().library


def _coach() -> Coach:
    return _speech().coach


def load_state(handler_input: HandlerInput) -> StretchState | None:
    """The routine in progress, or None. Attributes that do not fit are dropped."""
    attributes = handler_input.attributes_manager.session_attributes
    raw = attributes.get(KEY)
    if raw is None:
        return None
    try:
        state = StretchState.from_dict(raw, _library())
    except StateError:
        attributes.pop(KEY, None)
        return None
    return state if state.active else None


def speak_turn(
    handler_input: HandlerInput, outcome: Outcome, conversation: SessionState | None = None, lead: str = ""
) -> Response:
    """Save the routine's state and speak the coach's reply (also used by routine.py)."""
    reply = _speech().reply(outcome, lead=lead)
    attributes = handler_input.attributes_manager.session_attributes
    conversation = conversation or get_state(handler_input)
    if outcome.state.active and not reply.end_session:
        attributes[KEY] = outcome.state.to_dict()
        conversation = conversation.evolve(pending=STRETCHING)
    else:
        attributes.pop(KEY, None)
        conversation = conversation.evolve(pending=None)
    return respond(handler_input, conversation, reply)


def _start(handler_input: HandlerInput, conversation: SessionState, routine: str, gate_passed: bool) -> Response:
    text = content(handler_input)
    urgent = urgent_reply(conversation, text)
    if urgent is not None:  # danger first: never a stretch over a red flag
        handler_input.attributes_manager.session_attributes.pop(KEY, None)
        return respond(handler_input, conversation.evolve(pending=None), urgent)
    prompts = _library().prompts
    if conversation.pending == SCREEN:  # the safety question is still open: it comes first
        reply = speech.simple(prompts["screen_first"], question=text.screen.prompt, reprompt=text.screen.reprompt)
        return respond(handler_input, conversation, reply, [elicit("sign", conversation)])
    if "sudden" in conversation.symptoms.values("timing"):  # nothing for sudden symptoms
        reply = speech.simple(prompts["sudden"], question=prompts["sudden_question"], reprompt=prompts["sudden_question"])
        return respond(handler_input, conversation.evolve(pending=None), reply)
    lead = "" if conversation.disclaimer_heard else text.prompt("disclaimer")
    outcome = _coach().start(routine, gate_passed=gate_passed)
    return speak_turn(handler_input, outcome, conversation.evolve(disclaimer_heard=True), lead)


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
        routine, gate_passed = choose_routine(_library(), request)
        return _start(handler_input, get_state(handler_input), routine, gate_passed)


class OfferedStretchHandler(AbstractRequestHandler):
    """ "Yes" when an answer has just offered the stretch that fits its top reason."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.YesIntent")(handler_input) and get_state(handler_input).pending == OFFER_STRETCH

    def handle(self, handler_input: HandlerInput) -> Response:
        conversation = get_state(handler_input)
        cause = content(handler_input).cause(conversation.top_cause or "")
        routine = cause.stretch if cause is not None else None
        if routine not in _library().routines or _library().routine(routine).offer != "any":
            routine, _ = choose_routine(_library(), Request())
        assert routine is not None
        return _start(handler_input, conversation, routine, gate_passed=False)


def _controls() -> dict[str, Callable[[StretchState], Outcome]]:
    coach = _coach()
    return {
        "AMAZON.NextIntent": coach.go,
        "AMAZON.ResumeIntent": coach.resume,
        "AMAZON.YesIntent": coach.yes,
        "AMAZON.NoIntent": coach.no,
        "AMAZON.RepeatIntent": coach.repeat,
        "AMAZON.PauseIntent": coach.pause,
        "AMAZON.PreviousIntent": coach.previous,
        "AMAZON.StartOverIntent": coach.start_over,
        "SlowerIntent": lambda s: coach.set_pace(s, "slower"),
        "NormalPaceIntent": lambda s: coach.set_pace(s, "normal"),
        "SkipStepIntent": coach.skip,
        "SkipIntent": coach.skip,
        "StepsLeftIntent": coach.left,
        "AMAZON.HelpIntent": coach.help,
        "AMAZON.FallbackIntent": coach.help,
        "CatchAllIntent": coach.help,
        "AMAZON.StopIntent": coach.stop,
        "AMAZON.CancelIntent": coach.stop,
        "AMAZON.NavigateHomeIntent": coach.stop,
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
        return intent in _OWN_INTENTS or get_state(handler_input).pending == STRETCHING

    def handle(self, handler_input: HandlerInput) -> Response:
        state = load_state(handler_input)
        assert state is not None
        return speak_turn(handler_input, _controls()[get_intent_name(handler_input)](state))


REQUEST_HANDLERS: list[AbstractRequestHandler] = [
    StartStretchHandler(),
    OfferedStretchHandler(),
    StretchControlHandler(),
]

