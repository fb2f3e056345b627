"""What the stretch handlers and the bedtime routine share: the stretch library and coach,
the routine in progress, speaking a turn, and starting a routine safely.

The routine's state lives in the session attributes under STRETCH_KEY; while it has the
floor the pending register holds STRETCHING, so a bare yes, no, repeat or stop goes to the
stretch only while the stretch is talking.
"""

from __future__ import annotations

import functools

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.dialog import signing, speech
from skill.dialog.pending import Pending
from skill.dialog.session_keys import STRETCH_KEY
from skill.dialog.state import SessionState
from skill.handlers.shared.common import content, elicit, get_state, respond, urgent_reply
from skill.handlers.shared.display_hooks import show_stretch
from skill.memory.policy import RoutineProgress
from skill.stretch.coach import Coach, Outcome, StateError, StretchState
from skill.stretch.library import StretchLibrary, load_stretches
from skill.stretch.speech import StretchSpeech


@functools.lru_cache(maxsize=1)
def stretch_speech() -> StretchSpeech:
    return StretchSpeech(load_stretches())


def library() -> StretchLibrary:
    return stretch_speech().library


def coach() -> Coach:
    return stretch_speech().coach


def load_state(handler_input: HandlerInput) -> StretchState | None:
    """The routine in progress, or None. Attributes that do not fit are dropped."""
    attributes = handler_input.attributes_manager.session_attributes
    raw = signing.read(attributes, STRETCH_KEY)
    if raw is None:
        signing.drop(attributes, STRETCH_KEY)  # absent, or not signed by this skill
        return None
    try:
        state = StretchState.from_dict(raw, library())
    except StateError:
        signing.drop(attributes, STRETCH_KEY)
        return None
    return state if state.active else None


def speak_turn(
    handler_input: HandlerInput, outcome: Outcome, conversation: SessionState | None = None, lead: str = ""
) -> Response:
    """Save the routine's state and speak the coach's reply; the routine has the floor while it runs."""
    reply = stretch_speech().reply(outcome, lead=lead)
    attributes = handler_input.attributes_manager.session_attributes
    conversation = conversation or get_state(handler_input)
    if outcome.state.active and not reply.end_session:
        signing.store(attributes, STRETCH_KEY, outcome.state.to_dict())
        conversation = conversation.evolve(pending=Pending.STRETCHING)
    else:
        signing.drop(attributes, STRETCH_KEY)
        conversation = conversation.evolve(pending=None)
    show_stretch(handler_input, outcome)
    return respond(handler_input, conversation, reply)


def start_routine(handler_input: HandlerInput, conversation: SessionState, routine: str, gate_passed: bool) -> Response:
    text = content(handler_input)
    urgent = urgent_reply(conversation, text)
    if urgent is not None:  # danger first: never a stretch over a red flag
        signing.drop(handler_input.attributes_manager.session_attributes, STRETCH_KEY)
        return respond(handler_input, conversation.evolve(pending=None), urgent)
    prompts = library().prompts
    if conversation.pending is Pending.SCREEN:  # the safety question is still open: it comes first
        reply = speech.simple(prompts["screen_first"], question=text.screen.prompt, reprompt=text.screen.reprompt)
        return respond(handler_input, conversation, reply, [elicit("sign", conversation)])
    if "sudden" in conversation.symptoms.values("timing"):  # nothing for sudden symptoms
        reply = speech.simple(prompts["sudden"], question=prompts["sudden_question"], reprompt=prompts["sudden_question"])
        return respond(handler_input, conversation.evolve(pending=None), reply)
    lead = "" if conversation.disclaimer_heard else text.prompt("disclaimer")
    if numb_now(conversation):  # the stretch waits for the feeling to come back
        lead = " ".join(filter(None, (lead, prompts["after_numb"])))
    outcome = coach().start(routine, gate_passed=gate_passed)
    return speak_turn(handler_input, outcome, conversation.evolve(disclaimer_heard=True), lead)




def step_name(progress: RoutineProgress | None) -> str | None:
    """The name of the step a routine was left at ("the calf stretch"), if it still exists."""
    if progress is None or progress.routine not in library().routines:
        return None
    steps = library().steps_of(progress.routine)
    return steps[progress.step].name if 0 <= progress.step < len(steps) else None


# Feelings after which a stretch waits until the feeling has come back.
NUMB_FEELINGS = frozenset({"numb", "tingling"})


def numb_now(conversation: SessionState) -> bool:
    """True when the leg was said to be numb or full of pins and needles."""
    return conversation.symptoms.sensation in NUMB_FEELINGS


def offer(routine_id: str, *, numb: bool = False) -> tuple[str, str]:
    """(offer, reprompt) for a guided stretch, worded in content/stretches.yaml. After
    numbness the offer waits for the feeling to come back."""
    name = library().routine(routine_id).name
    key = "offer_numb" if numb else "offer"
    return library().prompts[key].format(name=name), library().prompts["offer_reprompt"].format(name=name)
