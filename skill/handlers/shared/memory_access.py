"""What every memory-aware handler shares: the remembered record, this session's memory
facts, the welcome back, and answers that end with a next step.

Thin access over `skill.memory.policy` (policy), `skill.memory.session` (session facts) and
the persistence adapter the skill was built with; with none, or when it fails, the skill
answers without memory.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from typing import Any

from ask_sdk_core.exceptions import AttributesManagerException, PersistenceException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.dialog import signing, speech, ssml
from skill.dialog.pending import Pending
from skill.dialog.state import SessionState
from skill.handlers.shared.common import close, content, get_state, respond
from skill.memory import policy
from skill.memory.policy import Memory
from skill.memory.session import SESSION_KEY, MemorySession
from skill.memory.envelope import person_key_of
from skill.memory.guard import memory_failed
from skill.memory.text import MemoryText, load_memory_text

LOADED = "memory.loaded"  # request attribute: the memory read for this request
FINISHED = "memory.routine_finished"  # request attribute: a routine ended in this turn


def speaker(handler_input: HandlerInput) -> str | None:
    """The recognised speaker's key (Alexa's personId), or None."""
    return person_key_of(handler_input.request_envelope)


def text() -> MemoryText:
    return load_memory_text()


def memory_session(handler_input: HandlerInput) -> MemorySession:
    """This session's memory facts (reminder time being confirmed, "forget me" said)."""
    if handler_input.request_envelope.session is None:
        return MemorySession()
    return MemorySession.from_dict(signing.read(handler_input.attributes_manager.session_attributes, SESSION_KEY))


def update_session(handler_input: HandlerInput, **changes: Any) -> None:
    """Change this session's memory facts, keeping the rest (a "forget me" stays said)."""
    if handler_input.request_envelope.session is not None:
        session = replace(memory_session(handler_input), **changes)
        signing.store(handler_input.attributes_manager.session_attributes, SESSION_KEY, session.to_dict())


def load(handler_input: HandlerInput) -> Memory:
    """What is remembered about this user (empty with no store, or when it fails)."""
    attributes = handler_input.attributes_manager.request_attributes
    cached = attributes.get(LOADED)
    if isinstance(cached, Memory):
        return cached
    memory = policy.from_record(_record(handler_input).get(policy.RECORD_KEY))
    attributes[LOADED] = memory
    return memory


def _record(handler_input: HandlerInput) -> dict[str, Any]:
    try:
        record = handler_input.attributes_manager.persistent_attributes
    except (AttributesManagerException, PersistenceException):
        return {}
    return record if isinstance(record, dict) else {}


def save(handler_input: HandlerInput, memory: Memory) -> bool:
    """Store `memory`; False when it could not be stored, or when the user said "forget
    me" in this session (then nothing more is stored until the next session, whichever
    handler or interceptor asks)."""
    if memory_session(handler_input).forgotten:
        return False
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
    manager.request_attributes[LOADED] = memory
    return True


def today(handler_input: HandlerInput) -> date:
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if isinstance(stamp, datetime):
        return (stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)).astimezone(timezone.utc).date()
    return datetime.now(timezone.utc).date()


def reply_with_next_step(*sentences: str) -> ssml.Reply:
    t = text()
    return speech.simple(*sentences, question=t.say("next_step"), reprompt=t.say("next_reprompt"))


def answer_with_next_step(handler_input: HandlerInput, *sentences: str) -> Response:
    """Say `sentences`, then go back to the question that was waiting before "remember this"
    or "remind me" took the floor, or else say what they can do next."""
    t = text()
    return close(handler_input, get_state(handler_input), *sentences, question=t.say("next_step"), reprompt=t.say("next_reprompt"))


def answer(handler_input: HandlerInput, reply: ssml.Reply, waiting: Pending | None = None) -> Response:
    """Respond through the core (so "repeat" works), waiting for `waiting` next (or nothing)."""
    return respond(handler_input, get_state(handler_input).evolve(pending=waiting), reply)


# --------------------------------------------------------------------------- launch


@dataclass(frozen=True)
class WelcomeBack:
    """What a returning user hears at launch instead of the first-visit welcome."""

    opening: str
    question: str | None  # the resume offer, when a routine was left part-way
    reprompt: str | None
    waiting: Pending | None = None  # Pending.RESUME with the resume offer; SAME_TONIGHT with what was kept


def welcome_back(handler_input: HandlerInput, step_name: str | None = None) -> WelcomeBack | None:
    """For the core's launch handler: None on a first visit (or with no memory).

    `step_name` is the name of the stretch step the user stopped at, when the stretch
    feature knows it (see `skill.handlers.shared.stretch_turns.step_name`).
    """
    memory = load(handler_input)
    if not memory.returning:
        return None
    t = text()
    progress = policy.resume_offer(memory)
    if progress is None or not step_name:
        opening = [t.say("welcome_back")]
        carried = get_state(handler_input).symptoms
        if policy.recall(memory, speaker(handler_input)) and carried.sensation:  # what this speaker asked us to keep
            opening += [t.say("remembered_intro"), speech.heard(carried, content(handler_input))]
            return WelcomeBack(" ".join(opening), t.say("same_tonight"), t.say("same_tonight_reprompt"), Pending.SAME_TONIGHT)
        return WelcomeBack(" ".join(opening), None, None)
    return WelcomeBack(t.say("welcome_back"), t.say("resume_offer", step=step_name), t.say("resume_reprompt"), Pending.RESUME)


def remembered_state(handler_input: HandlerInput) -> SessionState | None:
    """A conversation started from the symptoms the user asked us to keep; None when none
    are kept. Danger signs are never carried over: the safety question is asked afresh."""
    remembered = dict(policy.recall(load(handler_input), speaker(handler_input)))  # this speaker's own only
    if not remembered:
        return None
    carried = SessionState.from_dict({"symptoms": remembered}, content(handler_input))
    return None if carried.symptoms.empty else carried


def routine_finished(handler_input: HandlerInput) -> None:
    """A routine started and finished in this one turn: there is nothing to go back to."""
    handler_input.attributes_manager.request_attributes[FINISHED] = True
