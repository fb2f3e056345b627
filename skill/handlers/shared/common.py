"""Small helpers every handler uses: the request's content, locale, state and slots; who
answers a bare reply; the urgent answer; the response."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Iterable

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, get_locale, is_request_type
from ask_sdk_model import Directive, Intent, IntentConfirmationStatus, Response, Slot, SlotConfirmationStatus

from skill.content import DEFAULT_LOCALE, SLOTS, Content, load_content, supported_locales
from skill.core.decision import decide_urgent
from skill.dialog import signing, speech, turns
from skill.dialog import state as session_state
from skill.dialog.pending import STOP_INTENTS, Area, Pending, answered_by
from skill.dialog.session_keys import CONVERSATION_KEY
from skill.dialog.ssml import Reply, paragraph, speak, speak_urgent
from skill.dialog.state import SessionState
from skill.handlers.shared import slot_words

CONTENT_KEY = "content"
# Sign ids this request's slots resolved that are not to be taken as said: their own words
# were negated ("no chest pain"), or they need a clarifying question first (set by the
# danger screen, `skill.handlers.areas.safety`).
VETOED_KEY = "vetoed_signs"
# True when this request's free words said something the conversation can use (a feeling,
# a sign, when it happens), so words no sample matched still move the conversation on.
WORDS_HEARD_KEY = "words_heard"
# (stored dict, its tag, content, SessionState): `get_state`'s result for this request.
_STATE_MEMO_KEY = "session_state_memo"
# (stored dict, its tag) of the conversation this request signed last (`save_state`).
_SIGNED_KEY = "session_state_signed"
SYMPTOM_INTENT = "DescribeSymptomIntent"
# Speech no sample fits reaches CatchAllIntent (its words in the `words` slot); the skill
# treats it like Alexa's own fallback.
FALLBACK_INTENTS = ("AMAZON.FallbackIntent", "CatchAllIntent")


def content_for_locale(code: str | None) -> Content:
    """The content for a locale, or the default locale's when the skill has none for it."""
    if code and code in _supported():
        return load_content(code)
    return load_content(DEFAULT_LOCALE)


@functools.lru_cache(maxsize=1)
def _supported() -> tuple[str, ...]:
    return supported_locales()


def locale(handler_input: HandlerInput) -> str:
    """The request's locale when the skill has content for it, else the default locale."""
    said = get_locale(handler_input)
    return said if isinstance(said, str) and said in _supported() else DEFAULT_LOCALE


def content(handler_input: HandlerInput) -> Content:
    found = handler_input.attributes_manager.request_attributes.get(CONTENT_KEY)
    if isinstance(found, Content):
        return found
    return load_content(locale(handler_input))


def get_state(handler_input: HandlerInput) -> SessionState:
    """The conversation so far. Checked and parsed once per request (every handler's
    `can_handle` asks): kept in the request's attributes while the signed state it was read
    from is still the one stored, under the same tag. Saving stores a new dict, re-signed."""
    attributes = handler_input.attributes_manager.session_attributes
    memo = handler_input.attributes_manager.request_attributes
    text = content(handler_input)
    raw = attributes.get(CONVERSATION_KEY)
    tags = attributes.get(signing.SIGNATURES_KEY)
    tag = tags.get(CONVERSATION_KEY) if isinstance(tags, Mapping) else None
    kept = memo.get(_STATE_MEMO_KEY)
    if kept is not None and kept[0] is raw and kept[1] == tag and kept[2] is text:
        return kept[3]
    signed = memo.get(_SIGNED_KEY)
    if signed is not None and signed[0] is raw and signed[1] == tag:
        state = SessionState.from_dict(raw, text)  # signed by this request: no need to check the tag
    else:
        state = session_state.load(attributes, text)
    memo[_STATE_MEMO_KEY] = (raw, tag, text, state)
    return state


def save_state(handler_input: HandlerInput, state: SessionState) -> None:
    """Store the conversation, signed; `get_state` reads it back without checking the tag
    it was just given (this request's own dict, which nothing changes in place)."""
    attributes = handler_input.attributes_manager.session_attributes
    session_state.save(attributes, state)
    tags = attributes.get(signing.SIGNATURES_KEY)
    if isinstance(tags, Mapping):
        handler_input.attributes_manager.request_attributes[_SIGNED_KEY] = (
            attributes.get(CONVERSATION_KEY), tags.get(CONVERSATION_KEY)
        )


def slot_ids(handler_input: HandlerInput) -> dict[str, str]:
    """Slot name -> resolved value id, for slots Alexa matched to a value of their type (a
    multiple-value slot gives its first), leaving out signs the danger screen vetoed."""
    vetoed = handler_input.attributes_manager.request_attributes.get(VETOED_KEY) or frozenset()
    return {name: ids[0] for name, ids in slot_words.read(handler_input).ids.items() if ids[0] not in vetoed}


def elicit(slot_to_elicit: str, state: SessionState) -> Directive:
    """Dialog.ElicitSlot on the symptom intent, carrying what was said so far."""
    from ask_sdk_model.dialog import ElicitSlotDirective

    slots = {}
    for name in SLOTS:
        values = sorted(state.symptoms.values(name))
        slots[name] = Slot(
            name=name,
            value=values[0] if values and name != slot_to_elicit else None,
            confirmation_status=SlotConfirmationStatus.NONE,
        )
    intent = Intent(name=SYMPTOM_INTENT, slots=slots, confirmation_status=IntentConfirmationStatus.NONE)
    return ElicitSlotDirective(updated_intent=intent, slot_to_elicit=slot_to_elicit)


def respond(
    handler_input: HandlerInput,
    state: SessionState,
    reply: Reply,
    directives: Iterable[Directive] = (),
) -> Response:
    """Save the state (with what was said, for 'repeat') and build the response.

    An aside's own question ("Do you want me to remember this?") keeps the thread question it
    interrupted waiting behind it (`turns.kept_behind`); any other turn lets it go."""
    state = turns.kept_behind(get_state(handler_input), state) if not reply.end_session else state.evolve(resume=None)
    state = state.evolve(last_speech=reply.speech, last_reprompt=reply.reprompt)
    save_state(handler_input, state)
    builder = handler_input.response_builder.speak(reply.speech)
    if reply.reprompt and not reply.end_session:
        builder.ask(reply.reprompt)
    for directive in directives:
        builder.add_directive(directive)
    builder.set_should_end_session(reply.end_session)
    return builder.response


def respond_turn(handler_input: HandlerInput, turn: turns.Turn, directives: Iterable[Directive] = ()) -> Response:
    """Build the reply a policy `Turn` describes: its sentences, then its question; a thread
    question is elicited on the symptom intent, so the next words fill its slot."""
    if turn.urgent:
        reply = Reply(speak_urgent(paragraph(*turn.sentences, turn.question.prompt)), speak(paragraph(turn.question.reprompt)), False)
    else:
        reply = speech.simple(*turn.sentences, question=turn.question.prompt, reprompt=turn.question.reprompt)
    extra = [elicit(turn.elicits, turn.state)] if turn.elicits else []
    return respond(handler_input, turn.state, reply, [*directives, *extra])


def close(
    handler_input: HandlerInput,
    state: SessionState,
    *sentences: str,
    question: str,
    reprompt: str,
    pending: Pending | None = None,
    directives: Iterable[Directive] = (),
    urgent: bool = False,
    said: Iterable[str] = (),
) -> Response:
    """An answer to an interruption (help, remember, an info question, a scope question):
    `sentences`, then the question that was waiting before it took the floor, asked again
    (`skill.dialog.turns.close`, the one way back). With none waiting, the answer's own
    `question`, waiting for `pending`. `urgent`: said at normal volume and rate."""
    turn = turns.close(
        get_state(handler_input), state, content(handler_input), sentences,
        question=turns.Question(question, reprompt, None), pending=pending, said=said, urgent=urgent,
    )
    return respond_turn(handler_input, turn, directives)


def answers(area: Area, handler_input: HandlerInput) -> bool:
    """True when this request is a bare reply (yes, no, next, repeat, help, stop) that `area`
    answers in the pending state (`skill.dialog.pending.ROUTES`)."""
    if not is_request_type("IntentRequest")(handler_input):
        return False
    return answered_by(area, get_state(handler_input).pending, get_intent_name(handler_input))


def is_yes_or_no(handler_input: HandlerInput) -> bool:
    return is_request_type("IntentRequest")(handler_input) and get_intent_name(handler_input) in (
        "AMAZON.YesIntent", "AMAZON.NoIntent",
    )


def is_stop(handler_input: HandlerInput) -> bool:
    """Stop, cancel or "go home", wherever it is said."""
    return is_request_type("IntentRequest")(handler_input) and get_intent_name(handler_input) in STOP_INTENTS


def urgent_reply(state: SessionState, text: Content) -> Reply | None:
    """Danger first: if what was said so far is urgent, that is the only answer."""
    decision = decide_urgent(state.symptoms, text)
    return speech.warning(decision, state.symptoms, text) if decision is not None else None


def not_caught(handler_input: HandlerInput) -> Response:
    """Words that fit nothing: the waiting question again, or what to say instead
    (`skill.dialog.turns.not_caught`)."""
    return respond_turn(handler_input, turns.not_caught(get_state(handler_input), content(handler_input)))
