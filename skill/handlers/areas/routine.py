"""The bedtime stretch from an Alexa routine, from one phrase, or where it was left.

- A `LaunchRequest` carrying the custom task `BedtimeStretch` (content/tasks/
  BedtimeStretch.1.json; Alexa names it `<skill id>.BedtimeStretch`) and the one-shot
  "ask night legs to start my bedtime stretch" both start the bedtime routine at once:
  the disclaimer if not yet heard, the routine's intro, then its first block, with
  no question first. A routine waits for the task to end: the answer that ends the
  session carries Tasks.CompleteTask (skill.handlers.interceptors.task_completion).
- "Yes" to "Last time you stopped at the calf stretch. Do you want to go on?" leads
  that step.

The routine itself is the guided-stretch feature's (`skill.stretch.coach`, `skill.stretch.speech`,
session key "stretch"); this module only starts it.
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import LaunchRequest, Response

from skill.dialog import speech
from skill.dialog.pending import Area, Pending
from skill.handlers.shared.common import answers, content, get_state
from skill.handlers.shared.memory_access import answer, load, routine_finished, text
from skill.handlers.shared.stretch_turns import coach, library, speak_turn, start_routine, step_name
from skill.handlers.interceptors.task_completion import remember_task
from skill.stretch.coach import PACES, Cursor, Kind, Outcome, Request, StretchState, choose_routine

TASK_NAME = "BedtimeStretch"
INTENT = "BedtimeStretchIntent"


def is_bedtime_task(handler_input: HandlerInput) -> bool:
    request = handler_input.request_envelope.request
    task = getattr(request, "task", None) if isinstance(request, LaunchRequest) else None
    name = getattr(task, "name", None)
    return isinstance(name, str) and (name == TASK_NAME or name.endswith("." + TASK_NAME))


def _lead(handler_input: HandlerInput, outcome: Outcome, lead: str) -> Response:
    """Say the routine's turn and hand it the floor, as the stretch feature does."""
    if outcome.kind is Kind.FINISHED:
        routine_finished(handler_input)
    return speak_turn(handler_input, outcome, get_state(handler_input).evolve(disclaimer_heard=True), lead=lead)


def start_bedtime_stretch(handler_input: HandlerInput) -> Response:
    conversation = get_state(handler_input)
    if not conversation.symptoms.empty:
        # Mid-conversation: the stretch start checks for danger signs first.
        routine, gate_passed = choose_routine(library(), Request())
        return start_routine(handler_input, conversation, routine, gate_passed)
    routine_id, _ = choose_routine(library(), Request(purpose="bedtime"))
    pace = load(handler_input).pace
    outcome = coach().start(routine_id)
    if outcome.kind is Kind.STARTED:
        state = outcome.state if pace not in PACES else StretchState(routine_id, pace=pace)
        outcome = coach().go(state)
    sentences = [] if conversation.disclaimer_heard else [content(handler_input).prompt("disclaimer")]
    if outcome.kind is not Kind.GATE:
        sentences.append(library().routine(routine_id).intro)
    return _lead(handler_input, outcome, " ".join(sentences))


class BedtimeStretchTaskHandler(AbstractRequestHandler):
    """A LaunchRequest from an Alexa routine with the BedtimeStretch task."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input) and is_bedtime_task(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        remember_task(handler_input, TASK_NAME)  # Tasks.CompleteTask when the stretch ends
        return start_bedtime_stretch(handler_input)


class BedtimeStretchIntentHandler(AbstractRequestHandler):
    """ "Ask night legs to start my bedtime stretch"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(INTENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return start_bedtime_stretch(handler_input)


class ResumeAnswerHandler(AbstractRequestHandler):
    """Yes or no to "Last time you stopped at the calf stretch. Do you want to go on?"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return answers(Area.ROUTINE, handler_input) and get_state(handler_input).pending is Pending.RESUME

    def handle(self, handler_input: HandlerInput) -> Response:
        memory = load(handler_input)
        if is_intent_name("AMAZON.YesIntent")(handler_input) and step_name(memory.progress) is not None:
            assert memory.progress is not None
            progress = memory.progress
            pace = memory.pace if memory.pace in PACES else "normal"
            state = StretchState(progress.routine, cursor=Cursor(progress.step, 0, 0), pace=pace, done_steps=progress.step)
            return _lead(handler_input, coach().go(state), "")
        core = content(handler_input)
        reply = speech.simple(
            text().say("resume_declined"), question=core.prompt("launch_question"), reprompt=core.prompt("launch_reprompt")
        )
        return answer(handler_input, reply)


REQUEST_HANDLERS: list[AbstractRequestHandler] = [
    BedtimeStretchTaskHandler(),
    ResumeAnswerHandler(),
    BedtimeStretchIntentHandler(),
]
