"""The symptom conversation: merge what was said, decide, then ask, warn or answer."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_intent_name, is_request_type
from ask_sdk_model import Response

from skill.content import SLOTS
from skill.core.decision import Answer, Ask, Emergency, SameDay, decide
from skill.core.symptoms import DANGER_UNSPECIFIED, NO_DANGER
from skill.dialog import speech
from skill.dialog.pending import Area, Pending
from skill.dialog.state import SessionState
from skill.handlers.common import answers, content, elicit, get_state, respond, slot_ids
from skill.handlers.stretch_turns import offer

CONVERSATION_INTENTS = ("DescribeSymptomIntent", "AnswerIntent", "SkipIntent")


def merge(state: SessionState, intent: str, slots: dict[str, str]) -> SessionState:
    """Fold this turn's slots (and a yes/no to the safety question) into the state."""
    symptoms, progress = state.symptoms, state.progress
    for slot in SLOTS:
        value = slots.get(slot)
        if value is None:
            continue
        if slot == "sign" and value == NO_DANGER:
            progress = progress.rule_out_danger()
        else:
            symptoms = symptoms.with_value(slot, value)
    if state.pending is Pending.SCREEN and intent == "AMAZON.YesIntent":
        symptoms = symptoms.with_value("sign", DANGER_UNSPECIFIED)
    if state.pending is Pending.SCREEN and intent == "AMAZON.NoIntent":
        progress = progress.rule_out_danger()
    return state.evolve(symptoms=symptoms, progress=progress)


class ConversationHandler(AbstractRequestHandler):
    """Describing the leg, answering a follow-up, skipping one, or yes/no to the safety check."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not is_request_type("IntentRequest")(handler_input):
            return False
        if any(is_intent_name(name)(handler_input) for name in CONVERSATION_INTENTS):
            return True
        return answers(Area.CONVERSATION, handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        intent = get_intent_name(handler_input)
        state = merge(get_state(handler_input), intent, slot_ids(handler_input))
        lead = text.prompt("skip_ack") if intent == "SkipIntent" and state.pending else ""
        decision = decide(state.symptoms, state.progress, text)
        if isinstance(decision, Emergency):
            reply = speech.emergency(decision, state.symptoms, text)
            return respond(handler_input, state.evolve(pending=None), reply)
        if isinstance(decision, SameDay):
            reply = speech.same_day(decision, state.symptoms, text)
            return respond(handler_input, state.evolve(pending=None, answered=True), reply)
        if isinstance(decision, Ask):
            pending = Pending.SCREEN if decision.is_screen else Pending(decision.question.slot)
            heard_now = not state.disclaimer_heard and not decision.is_screen  # the safety check comes first
            if heard_now:
                lead = " ".join(filter(None, (lead, text.prompt("disclaimer"))))
            state = state.evolve(pending=pending, progress=state.progress.ask(pending), disclaimer_heard=state.disclaimer_heard or heard_now)
            reply = speech.question(decision, text, lead=lead)
            return respond(handler_input, state, reply, [elicit(decision.question.slot, state)])
        assert isinstance(decision, Answer)
        reply = speech.answer(
            decision, state.symptoms, text, lead=lead, disclaimer=not state.disclaimer_heard,
            stretch_offer=offer(decision.stretch) if decision.stretch else None,
        )
        state = state.evolve(
            pending=Pending.OFFER_STRETCH if decision.stretch else Pending.OFFER_MORE if decision.causes else Pending.OFFER_TIPS,
            disclaimer_heard=True,
            answered=True,
            top_cause=decision.causes[0].id if decision.causes else None,
        )
        return respond(handler_input, state, reply)


REQUEST_HANDLERS = [ConversationHandler()]
