"""The symptom conversation: merge what was said, decide, then ask, warn or answer."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_intent_name, is_request_type
from ask_sdk_model import Response

from skill.dialog.pending import LATER_INTENT, Area, Pending
from skill.dialog.state import SessionState
from skill.handlers.shared import slot_words
from skill.dialog.turns import waiting
from skill.handlers.shared.common import WORDS_HEARD_KEY, answers, close, content, get_state, not_caught, save_state, slot_ids
from skill.handlers.shared.memory_access import remembered_state, text as memory_text
from skill.handlers.shared.scope_turns import ANSWERED, SCOPE_SLOT, pregnancy_lead, scope_answer, scope_key
from skill.handlers.shared.symptom_turns import merge, next_turn

CONVERSATION_INTENTS = ("DescribeSymptomIntent", "AnswerIntent", "SkipIntent")
SAME_INTENT = "SameAsBeforeIntent"


class ConversationHandler(AbstractRequestHandler):
    """Describing the leg, answering a follow-up, skipping one, or yes/no to the safety check."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not is_request_type("IntentRequest")(handler_input):
            return False
        if any(is_intent_name(name)(handler_input) for name in CONVERSATION_INTENTS):
            return True
        if is_intent_name(SAME_INTENT)(handler_input):  # after "is it the same tonight?", or said straight away
            return True
        return answers(Area.CONVERSATION, handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        intent = get_intent_name(handler_input)
        state = get_state(handler_input)
        if state.pending is Pending.SAME_TONIGHT:  # "Is it the same tonight?"
            if intent in (SAME_INTENT, "AMAZON.YesIntent"):  # go on from what was kept: the safety question first
                return next_turn(handler_input, state.evolve(pending=None))
            fresh = SessionState(disclaimer_heard=state.disclaimer_heard)  # last time's words are not mixed in
            if intent in ("AMAZON.NoIntent", LATER_INTENT):
                return close(
                    handler_input, fresh, same_tonight_no(),
                    question=text.prompt("launch_question"), reprompt=text.prompt("launch_reprompt"),
                )
            save_state(handler_input, fresh)
        elif intent == SAME_INTENT:  # "same as last time" with no welcome back asked first
            return same_as_before(handler_input, state)
        ids = slot_ids(handler_input)
        heard = handler_input.attributes_manager.request_attributes.get(WORDS_HEARD_KEY) is True
        if not ids and not heard and slot_words.read(handler_input).words:
            return not_caught(handler_input)  # only free words that said nothing the skill knows
        before = get_state(handler_input)
        state = merge(before, intent, ids)
        symptoms = slot_words.remember(state.symptoms, slot_words.read(handler_input))
        state = state.evolve(symptoms=symptoms.with_side_from_part(text.phrases.both_parts))
        scope = ids.get(SCOPE_SLOT)
        if scope in ANSWERED:  # a child's legs, a medicine question, a worry: its answer, danger first
            kept = before if scope == "child" else state  # a child's leg is not the speaker's
            return scope_answer(handler_input, kept, scope_key(scope), urgent_state=state)
        ack = text.prompt("skip_ack") if intent == "SkipIntent" and state.pending else ""
        return next_turn(handler_input, state, lead=pregnancy_lead(handler_input, state, ids), ack=ack)


def same_as_before(handler_input: HandlerInput, state: SessionState) -> Response:
    """ "Same as last time" opening a session (a one-shot "ask night legs same as last
    time"): go on from what the user asked us to keep, the safety question first; with
    nothing kept, say so kindly and ask what the leg is doing. Said while a question waits,
    it answers nothing: the question is asked again (the safety question above all)."""
    text = content(handler_input)
    if waiting(state) is not None:  # never an answer to the question waiting (the safety question least of all)
        return not_caught(handler_input)
    if not state.symptoms.empty:
        return next_turn(handler_input, state)
    carried = remembered_state(handler_input)
    if carried is not None:
        return next_turn(handler_input, carried.evolve(disclaimer_heard=state.disclaimer_heard))
    return close(
        handler_input, state, memory_text().say("same_nothing_saved"),
        question=text.prompt("launch_question"), reprompt=text.prompt("launch_reprompt"),
    )


def same_tonight_no() -> str:
    return memory_text().say("same_tonight_no")


REQUEST_HANDLERS = [ConversationHandler()]
