"""Questions about looking after the leg, asked about the last answer or the urgent advice:
"can I stretch it", "would a hot water bottle help", "should I put it up", "can it wait till
the morning", and "is it serious" after same-day advice.

The answer is a rule of `skill.dialog.care` (danger first, then what was heard this session):
after urgent advice it never plays the advice down, and before any answer it reassures
nobody. Asked while a question waits, that question is asked again after it (`common.close`).
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from skill.core.decision import SameDay, decide_urgent
from skill.dialog import care, speech
from skill.dialog.pending import Pending
from skill.handlers.shared.common import close, content, get_state, not_caught, respond, slot_ids

INTENT = "CareQuestionIntent"
# "Is it serious?" and "should I worry?" reach the skill as this intent; after same-day
# advice they are a question about that advice.
SERIOUS_INTENT = "WhenToSeeDoctorIntent"


def _is_serious_question_after_same_day(handler_input: HandlerInput) -> bool:
    if not is_intent_name(SERIOUS_INTENT)(handler_input):
        return False
    state = get_state(handler_input)
    return state.answered and isinstance(decide_urgent(state.symptoms, content(handler_input)), SameDay)


class CareQuestionHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(INTENT)(handler_input) or _is_serious_question_after_same_day(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        state = get_state(handler_input)
        topic = "serious" if is_intent_name(SERIOUS_INTENT)(handler_input) else slot_ids(handler_input).get("care")
        said = care.care_answer(
            topic or "", state.symptoms, text, answered=state.answered, top_cause=state.top_cause
        )
        if said is not None and said.emergency is not None:  # nothing to try at home: the call, again
            return respond(handler_input, state.evolve(pending=None), speech.emergency(said.emergency, state.symptoms, text))
        if said is None:
            return not_caught(handler_input)
        if state.answered:
            question, reprompt, pending = text.prompt("care_question"), text.prompt("care_reprompt"), Pending.ANYTHING_ELSE
        else:
            question, reprompt, pending = text.prompt("launch_question"), text.prompt("launch_reprompt"), None
        return close(
            handler_input, state, *said.lines, question=question, reprompt=reprompt, pending=pending,
            urgent=said.urgent, said=said.ids,
        )


REQUEST_HANDLERS: list[AbstractRequestHandler] = [CareQuestionHandler()]
