"""What the night log's handlers, the answer that offers it and "forget me" share: whose log
this request may touch, the store beside the memory store, tonight's date, and this
session's night log facts (offered already, a log waiting for its feeling).

Thin access over `skill.memory.night_log` (pure rules) and `skill.memory.night_log_store`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from ask_sdk_core.handler_input import HandlerInput

from skill.core.decision import decide_urgent
from skill.dialog import signing
from skill.dialog.state import SessionState
from skill.handlers.shared.common import content, locale
from skill.handlers.shared.memory_access import memory_session
from skill.memory.night_log import NightLogText, load_night_log_text, night_of
from skill.memory.night_log_store import NightLogStore, NightLogUnavailable, Owner, store_for

SESSION_KEY = "night_log"  # this session's night log facts (signed, like every session key)


def text() -> NightLogText:
    return load_night_log_text()


@dataclass(frozen=True)
class LogSession:
    """This session's night log facts."""

    offered: bool = False  # "Shall I add tonight to your night log?" was asked (once a session)
    then: str | None = None  # the offer the log offer stood in for ("offer_more", "offer_tips")
    draft: tuple[tuple[str, str], ...] = ()  # slot ids heard with "log tonight", before the feeling
    one_shot: bool = False  # the log request opened the session: end it once logged

    def to_dict(self) -> dict[str, Any]:
        return {"offered": self.offered, "then": self.then, "draft": [list(p) for p in self.draft], "one_shot": self.one_shot}

    @classmethod
    def from_dict(cls, data: Any) -> LogSession:
        if not isinstance(data, dict):
            return cls()
        then = data.get("then")
        draft = tuple(
            (str(p[0]), str(p[1])) for p in data.get("draft") or () if isinstance(p, list) and len(p) == 2
        )[:8]
        return cls(
            offered=data.get("offered") is True,
            then=then if then in ("offer_more", "offer_tips") else None,
            draft=draft,
            one_shot=data.get("one_shot") is True,
        )


def log_session(handler_input: HandlerInput) -> LogSession:
    if handler_input.request_envelope.session is None:
        return LogSession()
    return LogSession.from_dict(signing.read(handler_input.attributes_manager.session_attributes, SESSION_KEY))


def save_log_session(handler_input: HandlerInput, session: LogSession) -> None:
    if handler_input.request_envelope.session is not None:
        signing.store(handler_input.attributes_manager.session_attributes, SESSION_KEY, session.to_dict())


def person_id(handler_input: HandlerInput) -> str | None:
    """The recognised speaker (`context.System.person.personId`), when Alexa sends one."""
    system = getattr(handler_input.request_envelope.context, "system", None)
    found = getattr(getattr(system, "person", None), "person_id", None)
    return str(found) if found else None


def owner(handler_input: HandlerInput) -> Owner | None:
    """Whose log this request reads and writes: the recognised person, else the account."""
    system = getattr(handler_input.request_envelope.context, "system", None)
    user_id = getattr(getattr(system, "user", None), "user_id", None)
    return Owner(str(user_id), person_id(handler_input)) if user_id else None


def store(handler_input: HandlerInput) -> NightLogStore | None:
    """The night log store beside the skill's memory store; None when it keeps no memory."""
    adapter = getattr(handler_input.attributes_manager, "_persistence_adapter", None)
    return store_for(adapter) if adapter is not None else None


def moment(handler_input: HandlerInput) -> datetime:
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if isinstance(stamp, datetime):
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc)


def tonight(handler_input: HandlerInput) -> date:
    """The night this request belongs to (noon to noon, local time)."""
    return night_of(moment(handler_input), locale(handler_input))


def offer_due(handler_input: HandlerInput, state: SessionState) -> bool:
    """After an answer: offer to log the night only to a recognised person (without a
    `personId` the log is kept only when asked for), once a session, never after danger,
    never after "forget me", and only for a feeling the log keeps."""
    if person_id(handler_input) is None or log_session(handler_input).offered or memory_session(handler_input).forgotten:
        return False
    if state.symptoms.sensation not in text().labels["sensation"] or state.symptoms.signs:
        return False
    if decide_urgent(state.symptoms, content(handler_input)) is not None:
        return False
    return store(handler_input) is not None


def note_offer(handler_input: HandlerInput, then: str) -> None:
    """The log offer was asked, standing in for the answer's own offer `then`."""
    save_log_session(handler_input, LogSession(offered=True, then=then))


def erase(handler_input: HandlerInput) -> bool:
    """Erase this person's night log ("forget me"); True when there is none left to keep."""
    found, who = store(handler_input), owner(handler_input)
    if found is None or who is None:
        return True
    try:
        found.delete(who)
    except NightLogUnavailable:
        return False
    return True
