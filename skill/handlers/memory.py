"""Memory: load and save what is remembered, "remember this", "forget me", welcome back.

Thin ask-sdk handlers over `skill.memory.policy` (policy) and `skill.memory.session`
(session state). The store is whatever persistence adapter the skill was built with
(`skill.memory.factory`); with none, or when it fails, the skill answers without memory.

- `MemoryRequestInterceptor` takes this feature's pending yes/no question out of the
  session, so it answers exactly the next turn and never a later "yes".
- `MemoryResponseInterceptor` keeps the non-health facts of the session (disclaimer
  heard, stretch step and pace, visit date) when they changed.
- "remember this" asks "Do you want me to remember this for next time?"; only a yes
  stores what the user said about their legs.
- "forget me" / "delete my data" asks first; a yes erases the whole record.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from typing import Any

from ask_sdk_core.dispatch_components import (
    AbstractRequestHandler,
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.exceptions import AttributesManagerException, PersistenceException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response

from skill.memory import policy
from skill.dialog import speech
from skill.dialog import state as session_state
from skill.handlers.common import content, get_state, respond
from skill.memory.envelope import user_id_of
from skill.memory.policy import Memory, Pending, Seen
from skill.memory.text import MemoryText, load_memory_text
from skill.memory.session import SESSION_KEY, MemorySession, seen_in_session
from skill.memory.visits import RecentVisits
from skill.memory.guard import memory_failed

log = logging.getLogger(__name__)

REMEMBER_INTENT = "RememberIntent"
FORGET_INTENT = "ForgetMeIntent"
_PENDING = "memory.pending"  # request attribute: the question this turn answers
_LOADED = "memory.loaded"  # request attribute: the memory read for this request
_FINISHED = "memory.routine_finished"  # request attribute: a routine ended in this turn


# --------------------------------------------------------------------------- helpers


def text() -> MemoryText:
    return load_memory_text()


def pending(handler_input: HandlerInput) -> MemorySession:
    """The question (if any) this feature asked last turn."""
    found = handler_input.attributes_manager.request_attributes.get(_PENDING)
    return found if isinstance(found, MemorySession) else MemorySession()


def ask_next(handler_input: HandlerInput, session: MemorySession) -> None:
    """Wait for a yes/no to `session.pending` on the next turn."""
    if handler_input.request_envelope.session is not None:
        handler_input.attributes_manager.session_attributes[SESSION_KEY] = session.to_dict()


def _session(handler_input: HandlerInput) -> MemorySession:
    if handler_input.request_envelope.session is None:
        return MemorySession()
    return MemorySession.from_dict(handler_input.attributes_manager.session_attributes.get(SESSION_KEY))


def load(handler_input: HandlerInput) -> Memory:
    """What is remembered about this user (empty with no store, or when it fails)."""
    attributes = handler_input.attributes_manager.request_attributes
    cached = attributes.get(_LOADED)
    if isinstance(cached, Memory):
        return cached
    memory = policy.from_record(_record(handler_input).get(policy.RECORD_KEY))
    attributes[_LOADED] = memory
    return memory


def _record(handler_input: HandlerInput) -> dict[str, Any]:
    try:
        record = handler_input.attributes_manager.persistent_attributes
    except (AttributesManagerException, PersistenceException):
        return {}
    return record if isinstance(record, dict) else {}


def save(handler_input: HandlerInput, memory: Memory) -> bool:
    """Store `memory`; False when it could not be stored."""
    manager = handler_input.attributes_manager
    try:
        record = dict(_record(handler_input))
        record[policy.RECORD_KEY] = policy.to_record(memory)
        manager.persistent_attributes = record
        manager.save_persistent_attributes()
    except (AttributesManagerException, PersistenceException):
        return False
    if memory_failed(handler_input.request_envelope):
        return False
    manager.request_attributes[_LOADED] = memory
    return True


def today(handler_input: HandlerInput) -> date:
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if isinstance(stamp, datetime):
        return (stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)).astimezone(timezone.utc).date()
    return datetime.now(timezone.utc).date()


def reply_with_next_step(*sentences: str) -> speech.Reply:
    t = text()
    return speech.simple(*sentences, question=t.say("next_step"), reprompt=t.say("next_reprompt"))


def answer(handler_input: HandlerInput, reply: speech.Reply) -> Response:
    """Respond through the core (so "repeat" works), clearing the core's own pending question."""
    return respond(handler_input, get_state(handler_input).evolve(pending=None), reply)


# --------------------------------------------------------------------------- launch


@dataclass(frozen=True)
class WelcomeBack:
    """What a returning user hears at launch instead of the first-visit welcome."""

    opening: str
    question: str | None  # the resume offer, when a routine was left part-way
    reprompt: str | None


def welcome_back(handler_input: HandlerInput, step_name: str | None = None) -> WelcomeBack | None:
    """For the core's launch handler: None on a first visit (or with no memory).

    `step_name` is the name of the stretch step the user stopped at, when the stretch
    feature knows it (see `skill.handlers.routine.step_name`).
    """
    memory = load(handler_input)
    if not memory.returning:
        return None
    t = text()
    progress = policy.resume_offer(memory)
    if progress is None or not step_name:
        opening = [t.say("welcome_back")]
        carried = get_state(handler_input).symptoms
        if memory.symptoms and carried.sensation:  # what they asked us to keep (seeded below)
            opening += [t.say("remembered_intro"), speech.heard(carried, content(handler_input))]
        return WelcomeBack(" ".join(opening), None, None)
    ask_next(handler_input, MemorySession(pending=Pending.RESUME))
    return WelcomeBack(t.say("welcome_back"), t.say("resume_offer", step=step_name), t.say("resume_reprompt"))


def routine_finished(handler_input: HandlerInput) -> None:
    """A routine started and finished in this one turn: there is nothing to go back to."""
    handler_input.attributes_manager.request_attributes[_FINISHED] = True


# --------------------------------------------------------------------------- interceptors


class MemoryRequestInterceptor(AbstractRequestInterceptor):
    def process(self, handler_input: HandlerInput) -> None:
        session = _session(handler_input)
        handler_input.attributes_manager.request_attributes[_PENDING] = session
        if session.pending is not None:  # a question answers one turn only
            ask_next(handler_input, MemorySession(forgotten=session.forgotten))
        _carry_over_remembered(handler_input)


def _carry_over_remembered(handler_input: HandlerInput) -> None:
    """When a session opens plainly, start the conversation from what the user asked us
    to remember, so they need not say it again. Danger signs are never carried over: the
    safety question is asked afresh every session."""
    envelope = handler_input.request_envelope
    if envelope.session is None or not envelope.session.new or not is_request_type("LaunchRequest")(handler_input):
        return
    attributes = handler_input.attributes_manager.session_attributes
    if getattr(envelope.request, "task", None) is not None or session_state.KEY in attributes:
        return
    remembered = {k: v for k, v in load(handler_input).symptoms.items() if k != "signs"}
    if remembered:
        carried = session_state.SessionState.from_dict({"symptoms": remembered}, content(handler_input))
        if not carried.symptoms.empty:
            session_state.save(attributes, carried)


class MemoryResponseInterceptor(AbstractResponseInterceptor):
    """Keep the session's non-health facts, when they changed."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        if handler_input.request_envelope.session is None or _session(handler_input).forgotten:
            return
        try:
            session = handler_input.request_envelope.session
            incoming = session.attributes or {}
            seen = seen_in_session(
                handler_input.attributes_manager.session_attributes,
                before=incoming,
                stopped=_stopped(handler_input),
            )
            if handler_input.attributes_manager.request_attributes.get(_FINISHED) is True:
                seen = replace(seen, progress=None, routine_finished=True)
            elif not session.new and seen == seen_in_session(incoming):
                # Nothing new since the last turn, which stored what it saw: no store
                # round trip (a SQLite read, or DynamoDB on Lambda) on most turns (issue 7).
                return
            day = today(handler_input)
            visits, user_id = _visits(handler_input), _user_id(handler_input)
            if visits is not None and user_id and seen == Seen() and visits.stored_today(user_id, day):
                # A new session that shows nothing to keep but the visit, and this process
                # already stored today's visit for this user: a read could find nothing new.
                return
            before = load(handler_input)
            after = policy.observe(before, seen, day)
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
        if get_state(handler_input).symptoms.empty:
            return answer(handler_input, reply_with_next_step(t.say("remember_nothing")))
        ask_next(handler_input, MemorySession(pending=Pending.REMEMBER))
        return answer(handler_input, speech.simple(question=t.say("remember_ask"), reprompt=t.say("remember_reprompt")))


class RememberAnswerHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return pending(handler_input).pending is Pending.REMEMBER and _yes_or_no(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        if not is_intent_name("AMAZON.YesIntent")(handler_input):
            return answer(handler_input, reply_with_next_step(t.say("remember_no")))
        symptoms = get_state(handler_input).symptoms.to_dict()
        if save(handler_input, policy.remember_symptoms(load(handler_input), symptoms)):
            return answer(handler_input, reply_with_next_step(t.say("remember_yes")))
        return answer(handler_input, reply_with_next_step(t.say("remember_failed")))


# --------------------------------------------------------------------------- forget me


class ForgetMeHandler(AbstractRequestHandler):
    """"Forget me" / "delete my data": ask first."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(FORGET_INTENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        ask_next(handler_input, MemorySession(pending=Pending.FORGET, forgotten=_session(handler_input).forgotten))
        return answer(handler_input, speech.simple(question=t.say("forget_ask"), reprompt=t.say("forget_reprompt")))


class ForgetAnswerHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return pending(handler_input).pending is Pending.FORGET and _yes_or_no(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        if not is_intent_name("AMAZON.YesIntent")(handler_input):
            return answer(handler_input, reply_with_next_step(t.say("forget_kept")))
        try:
            handler_input.attributes_manager.delete_persistent_attributes()
        except (AttributesManagerException, PersistenceException):
            return answer(handler_input, reply_with_next_step(t.say("forget_failed")))
        handler_input.attributes_manager.request_attributes[_LOADED] = policy.forget()
        ask_next(handler_input, MemorySession(forgotten=True))  # save nothing more this session
        return answer(handler_input, reply_with_next_step(t.say("forget_done")))


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
    if is_request_type("SessionEndedRequest")(handler_input):
        return True
    return any(is_intent_name(n)(handler_input) for n in ("AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"))


def _yes_or_no(handler_input: HandlerInput) -> bool:
    return is_intent_name("AMAZON.YesIntent")(handler_input) or is_intent_name("AMAZON.NoIntent")(handler_input)


REQUEST_HANDLERS: list[AbstractRequestHandler] = [
    RememberAnswerHandler(),
    ForgetAnswerHandler(),
    RememberHandler(),
    ForgetMeHandler(),
]
REQUEST_INTERCEPTORS: list[AbstractRequestInterceptor] = [MemoryRequestInterceptor()]
RESPONSE_INTERCEPTORS: list[AbstractResponseInterceptor] = [MemoryResponseInterceptor()]
