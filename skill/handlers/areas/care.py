"""Questions about looking after the leg, asked about the last answer or the urgent advice:
"can I stretch it", "would a hot water bottle help", "can it wait till the morning", and
"is it serious" after same-day advice.

The answer is keyed to what the skill decided on what was said so far (danger first): after
same-day advice it never plays the advice down (no rubbing or heat on a calf that may hold a
clot; it cannot wait), after an answer it fits the likeliest reason, and before any answer it
says the general rule with its exception. Asked while a question waits, that question is asked
again after it (`common.close`). The words are all in content/prompts.yaml (`care_*`).
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from skill.content import Content
from skill.core.decision import Emergency, SameDay, decide_urgent
from skill.dialog import speech
from skill.dialog.pending import Pending
from skill.dialog.state import SessionState
from skill.handlers.shared.common import close, content, get_state, not_caught, respond, slot_ids

INTENT = "CareQuestionIntent"
# "Is it serious?" and "should I worry?" reach the skill as this intent; after same-day
# advice they are a question about that advice.
SERIOUS_INTENT = "WhenToSeeDoctorIntent"
# Topics whose answer says again where to get help today.
WHERE_TO_GO = frozenset({"wait", "serious"})


def _care_prompt(text: Content, topic: str, *keys: str | None) -> str | None:
    for key in (*(k for k in keys if k), None):
        prompt_id = f"care_{topic}_{key}" if key else f"care_{topic}"
        if prompt_id in text.prompts:
            return text.prompt(prompt_id)
    return None


def care_lines(state: SessionState, text: Content, topic: str) -> list[str] | None:
    """What to say about `topic` given what was said so far; None for a topic with no answer."""
    urgent = decide_urgent(state.symptoms, text)
    if isinstance(urgent, SameDay):
        flag = urgent.flags[0]
        said = _care_prompt(text, topic, flag.id, "same_day")
        if said is None:
            return None
        tier = text.tiers["same_day"]
        where = [text.fill(tier.after)] if topic in WHERE_TO_GO and tier.after else []
        return [said, *where, speech.call_sentences(flag.escalate or text.summaries["emergency"], text)]
    if state.answered:
        said = _care_prompt(text, topic, state.top_cause, "answer")
        if said is None:
            return None
        return [said, text.safety_net] if topic == "wait" else [said]
    said = _care_prompt(text, topic)
    return [said] if said is not None else None


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
        urgent = decide_urgent(state.symptoms, text)
        if isinstance(urgent, Emergency):  # nothing to try at home: the call, again
            return respond(handler_input, state.evolve(pending=None), speech.warning(urgent, state.symptoms, text))
        topic = "serious" if is_intent_name(SERIOUS_INTENT)(handler_input) else slot_ids(handler_input).get("care")
        lines = care_lines(state, text, topic) if topic else None
        if lines is None:
            return not_caught(handler_input)
        if state.answered:
            question, reprompt, pending = text.prompt("care_question"), text.prompt("care_reprompt"), Pending.ANYTHING_ELSE
        else:
            question, reprompt, pending = text.prompt("launch_question"), text.prompt("launch_reprompt"), None
        same_day = isinstance(urgent, SameDay)  # about same-day advice: said as urgently as it
        return close(handler_input, state, *lines, question=question, reprompt=reprompt, pending=pending, urgent=same_day)


REQUEST_HANDLERS: list[AbstractRequestHandler] = [CareQuestionHandler()]
