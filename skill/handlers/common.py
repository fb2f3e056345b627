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
from skill.core.decision import Ask, decide, decide_urgent
from skill.dialog import signing, speech
from skill.dialog import state as session_state
from skill.dialog.pending import ASIDES, SAFETY_QUESTIONS, STOP_INTENTS, THREAD_QUESTIONS, Area, Pending, answered_by
from skill.dialog.session_keys import CONVERSATION_KEY
from skill.dialog.ssml import Reply, paragraph, plain_text, speak, speak_urgent
from skill.dialog.state import SessionState
from skill.handlers import slot_words

CONTENT_KEY = "content"
# Sign ids this request's slots resolved that are not to be taken as said: their own words
# were negated ("no chest pain"), or they need a clarifying question first (set by the
# danger screen, `skill.handlers.safety`).
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
    interrupted waiting behind it (`SessionState.resume`); any other turn lets it go."""
    if state.pending in ASIDES and not reply.end_session:
        state = state.evolve(resume=state.resume or waiting(get_state(handler_input)))
    else:
        state = state.evolve(resume=None)
    state = state.evolve(last_speech=reply.speech, last_reprompt=reply.reprompt)
    save_state(handler_input, state)
    builder = handler_input.response_builder.speak(reply.speech)
    if reply.reprompt and not reply.end_session:
        builder.ask(reply.reprompt)
    for directive in directives:
        builder.add_directive(directive)
    builder.set_should_end_session(reply.end_session)
    return builder.response


def pending_question(state: SessionState, text: Content) -> tuple[str, str] | None:
    """(prompt, reprompt) of the follow-up question waiting for an answer, if any."""
    if state.pending is Pending.SCREEN:
        return text.screen.prompt, text.screen.reprompt
    if state.pending is Pending.SCREEN_AGAIN:
        return text.prompt("screen_again"), text.screen.reprompt
    if state.pending is Pending.CLARIFY and state.clarifying:
        question = text.danger.question(state.clarifying[0])
        if question is not None:
            return question.prompt, question.reprompt
    for question in text.questions:
        if question.slot == state.pending:
            return question.prompt, question.reprompt
    return None


def pending_slot(state: SessionState) -> str:
    """The slot the waiting question elicits (the safety question elicits `sign`)."""
    if state.pending in (Pending.SCREEN, Pending.SCREEN_AGAIN, Pending.CLARIFY):
        return "sign"
    return str(state.pending)


def reask(handler_input: HandlerInput, state: SessionState, lead: str) -> Response | None:
    """Say `lead`, then the waiting follow-up question again; None when none is waiting."""
    question = pending_question(state, content(handler_input))
    if question is None:
        return None
    reply = speech.simple(lead, question=question[0], reprompt=question[1])
    return respond(handler_input, state, reply, [elicit(pending_slot(state), state)])


def waiting(state: SessionState) -> Pending | None:
    """The thread question waiting for an answer: the one just asked, or the one an aside's
    own yes/no interrupted."""
    return state.pending if state.pending in THREAD_QUESTIONS else state.resume


def _still_open(question: Pending, state: SessionState) -> bool:
    if question in SAFETY_QUESTIONS:
        return not state.progress.screened
    if question is Pending.CLARIFY:
        return state.clarifying is not None
    return not state.symptoms.values(str(question))


def back_to_thread(handler_input: HandlerInput, state: SessionState) -> tuple[SessionState, str, str] | None:
    """After an interruption: (state, question, reprompt) for the thread question that was
    waiting, or the next one when the interruption answered it ("how should I sleep on my
    side?" while "how do you lie?" waited); None when no question was waiting."""
    text = content(handler_input)
    question = waiting(get_state(handler_input))
    if question is None:
        return None
    if _still_open(question, state):
        found = pending_question(state.evolve(pending=question), text)
        if found is not None:
            return state.evolve(pending=question), *found
    decision = decide(state.symptoms, state.progress, text)
    if isinstance(decision, Ask):
        pending = Pending.SCREEN if decision.is_screen else Pending(decision.question.slot)
        state = state.evolve(pending=pending, progress=state.progress.ask(pending))
        return state, decision.question.prompt, decision.question.reprompt
    return None


def close(
    handler_input: HandlerInput,
    state: SessionState,
    *sentences: str,
    question: str,
    reprompt: str,
    pending: Pending | None = None,
    directives: Iterable[Directive] = (),
    urgent: bool = False,
) -> Response:
    """An answer to an interruption (help, remember, an info question): `sentences`, then the
    question that was waiting before it took the floor, asked again. With none waiting, the
    answer's own `question`, waiting for `pending`. The safety question is always asked again
    until it is answered. `urgent`: said at normal volume and rate, as urgent advice is."""
    back = back_to_thread(handler_input, state)
    if back is None:
        reply = _reply(urgent, *sentences, question=question, reprompt=reprompt)
        return respond(handler_input, state.evolve(pending=pending), reply, directives)
    state, again, again_reprompt = back
    lead = "" if state.pending in SAFETY_QUESTIONS else content(handler_input).prompt("back_to_question")
    reply = _reply(urgent, *sentences, lead, question=again, reprompt=again_reprompt)
    return respond(handler_input, state, reply, [*directives, elicit(pending_slot(state), state)])


def _reply(urgent: bool, *sentences: str, question: str, reprompt: str) -> Reply:
    if not urgent:
        return speech.simple(*sentences, question=question, reprompt=reprompt)
    return Reply(speak_urgent(paragraph(*sentences, question)), speak(paragraph(reprompt)), False)


def help_here(state: SessionState, text: Content) -> tuple[str, str, str] | None:
    """(help, question, reprompt) that fit the question waiting; None for the general help.
    At the safety question: just say yes or no. At a follow-up: that question's choices. At
    an offer or an aside's own yes/no: what yes does (its reprompt)."""
    if state.pending in SAFETY_QUESTIONS or state.pending is Pending.CLARIFY:
        asked = pending_question(state, text)
        if asked is not None:
            lead = text.prompt("help_screen" if state.pending in SAFETY_QUESTIONS else "help_yes_no")
            return lead, asked[0], asked[1]
    if state.pending in THREAD_QUESTIONS:
        asked = pending_question(state, text)
        if asked is not None:
            return text.prompt("help_follow_up"), asked[1], asked[1]
    if state.pending not in (None, Pending.ANYTHING_ELSE, Pending.NOT_CAUGHT, Pending.STRETCHING) and state.last_reprompt:
        offer = plain_text(state.last_reprompt)
        return text.prompt("help_offer"), offer, offer
    return None


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
    """Words that fit nothing: the waiting question again, or what to say instead. Words that
    did not fit may still have meant danger, so every such reply says when to call."""
    text = content(handler_input)
    state = get_state(handler_input)
    again = reask(handler_input, state, " ".join((text.prompt("fallback_in_question"), text.safety_net)))
    if again is not None:
        return again
    reply = speech.simple(
        text.prompt("fallback"), text.safety_net,
        question=text.prompt("fallback_question"), reprompt=text.prompt("launch_reprompt"),
    )
    return respond(handler_input, state.evolve(pending=Pending.NOT_CAUGHT), reply)
