"""Memory: load and save what is remembered, "remember this", "forget me", welcome back.

Thin ask-sdk handlers over `skill.memory.policy` (policy) and `skill.memory.session`
(session state). The store is whatever persistence adapter the skill was built with
(`skill.memory.factory`); with none, or when it fails, the skill answers without memory.

- Its yes/no questions wait in the one pending register (`skill.dialog.pending`), so a
  "yes" answers them only while they are the question waiting.
- `MemoryRequestInterceptor` seeds a new session with what the user asked us to keep.
- `MemoryResponseInterceptor` keeps the non-health facts of the session (disclaimer
  heard, stretch step and pace, visit date) when they changed.
- "remember this" asks "Do you want me to remember this for next time?"; only a yes
  stores what the user said about their legs.
- "forget me" / "delete my data" asks first; a yes erases the whole record.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from ask_sdk_core.dispatch_components import (
    AbstractRequestHandler,
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.exceptions import AttributesManagerException, PersistenceException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response

from skill.dialog import speech
from skill.dialog import state as session_state
from skill.dialog.pending import Area, Pending
from skill.handlers.shared.common import answers, get_state, is_stop, save_state
from skill.handlers.shared.memory_access import (
    FINISHED,
    LOADED,
    answer,
    load,
    memory_session,
    remembered_state,
    answer_with_next_step,
    save,
    speaker,
    text,
    today,
    update_session,
)
from skill.handlers.shared.night_log_access import erase as erase_night_log
from skill.memory import policy
from skill.memory.session import seen_in_session
from skill.memory.tombstone import session_opened_at
from skill.memory.envelope import user_id_of
from skill.memory.guard import memory_failed
from skill.memory.policy import Seen
from skill.memory.visits import RecentVisits

log = logging.getLogger(__name__)

REMEMBER_INTENT = "RememberIntent"
FORGET_INTENT = "ForgetMeIntent"


# --------------------------------------------------------------------------- interceptors


class MemoryRequestInterceptor(AbstractRequestInterceptor):
    def process(self, handler_input: HandlerInput) -> None:
        session = handler_input.request_envelope.session
        if session is not None and session.new:  # a save from before a later "forget me" is refused
            update_session(handler_input, opened_at=session_opened_at(handler_input.request_envelope))
        _carry_over_remembered(handler_input)


def _carry_over_remembered(handler_input: HandlerInput) -> None:
    """When a session opens plainly, start the conversation from what the user asked us
    to remember, so they need not say it again. Danger signs are never carried over: the
    safety question is asked afresh every session."""
    envelope = handler_input.request_envelope
    if envelope.session is None or not envelope.session.new or not is_request_type("LaunchRequest")(handler_input):
        return
    attributes = handler_input.attributes_manager.session_attributes
    if getattr(envelope.request, "task", None) is not None or session_state.CONVERSATION_KEY in attributes:
        return
    carried = remembered_state(handler_input)
    if carried is not None:
        save_state(handler_input, carried)


class MemoryResponseInterceptor(AbstractResponseInterceptor):
    """Keep the session's non-health facts, when they changed."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        if handler_input.request_envelope.session is None or memory_session(handler_input).forgotten:
            return
        try:
            session = handler_input.request_envelope.session
            incoming = session.attributes or {}
            seen = seen_in_session(
                handler_input.attributes_manager.session_attributes,
                before=incoming,
                stopped=_stopped(handler_input),
            )
            if handler_input.attributes_manager.request_attributes.get(FINISHED) is True:
                seen = replace(seen, progress=None, routine_finished=True)
            elif not session.new and seen == seen_in_session(incoming):
                # Nothing new since the last turn, which stored what it saw: no store
                # round trip (a SQLite read, or DynamoDB on Lambda) on most turns.
                return
            day = today(handler_input)
            visits, user_id = _visits(handler_input), _user_id(handler_input)
            if visits is not None and user_id and seen == Seen() and visits.stored_today(user_id, day):
                # A new session that shows nothing to keep but the visit, and this process
                # already stored today's visit for this user: a read could find nothing new.
                return
            before = load(handler_input)
            after = policy.observe(before, seen, day, person=speaker(handler_input))
            stored = save(handler_input, after) if policy.to_record(after) != policy.to_record(before) else (
                not memory_failed(handler_input.request_envelope)
            )
            if stored and visits is not None and user_id:
                visits.note(user_id, day)
        except Exception:  # memory must never cost the user their answer
            log.warning("Could not update memory for this request.", exc_info=False)


# --------------------------------------------------------------------------- remember


class RememberHandler(AbstractRequestHandler):
    """"Remember this": ask first; only a yes stores symptoms."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(REMEMBER_INTENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        if memory_session(handler_input).forgotten:
            return answer_with_next_step(handler_input, t.say("remember_after_forget"))
        if get_state(handler_input).symptoms.empty:
            return answer_with_next_step(handler_input, t.say("remember_nothing"))
        reply = speech.simple(question=t.say("remember_ask"), reprompt=t.say("remember_reprompt"))
        return answer(handler_input, reply, waiting=Pending.REMEMBER)


class RememberAnswerHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return answers(Area.MEMORY, handler_input) and get_state(handler_input).pending is Pending.REMEMBER

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        if not is_intent_name("AMAZON.YesIntent")(handler_input):
            return answer_with_next_step(handler_input, t.say("remember_no"))
        symptoms = get_state(handler_input).symptoms.to_dict(spoken=False)
        if save(handler_input, policy.remember_symptoms(load(handler_input), symptoms, person=speaker(handler_input))):
            return answer_with_next_step(handler_input, t.say("remember_yes"))
        return answer_with_next_step(handler_input, t.say("remember_failed"))


# --------------------------------------------------------------------------- forget me


class ForgetMeHandler(AbstractRequestHandler):
    """"Forget me" / "delete my data": ask first."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(FORGET_INTENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        reply = speech.simple(question=t.say("forget_ask"), reprompt=t.say("forget_reprompt"))
        return answer(handler_input, reply, waiting=Pending.FORGET)


class ForgetAnswerHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return answers(Area.MEMORY, handler_input) and get_state(handler_input).pending is Pending.FORGET

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        if not is_intent_name("AMAZON.YesIntent")(handler_input):
            return answer_with_next_step(handler_input, t.say("forget_kept"))
        if not erase_night_log(handler_input):  # the night log goes too; never claim an erase that failed
            return answer_with_next_step(handler_input, t.say("forget_failed"))
        try:
            handler_input.attributes_manager.delete_persistent_attributes()
        except (AttributesManagerException, PersistenceException):
            return answer_with_next_step(handler_input, t.say("forget_failed"))
        handler_input.attributes_manager.request_attributes[LOADED] = policy.forget()
        update_session(handler_input, forgotten=True)  # save nothing more this session
        return answer_with_next_step(handler_input, t.say("forget_done"))


def _visits(handler_input: HandlerInput) -> RecentVisits | None:
    """The skill's store's record of today's visits, when its store keeps one."""
    adapter = getattr(handler_input.attributes_manager, "_persistence_adapter", None)
    found = getattr(adapter, "visits", None)
    return found if isinstance(found, RecentVisits) else None


def _user_id(handler_input: HandlerInput) -> str | None:
    try:
        return user_id_of(handler_input.request_envelope)
    except PersistenceException:
        return None


def _stopped(handler_input: HandlerInput) -> bool:
    """The user stopped (or walked away): a routine that ends now was not finished."""
    return is_request_type("SessionEndedRequest")(handler_input) or is_stop(handler_input)


REQUEST_HANDLERS: list[AbstractRequestHandler] = [
    RememberAnswerHandler(),
    ForgetAnswerHandler(),
    RememberHandler(),
    ForgetMeHandler(),
]
REQUEST_INTERCEPTORS: list[AbstractRequestInterceptor] = [MemoryRequestInterceptor()]
RESPONSE_INTERCEPTORS: list[AbstractResponseInterceptor] = [MemoryResponseInterceptor()]
