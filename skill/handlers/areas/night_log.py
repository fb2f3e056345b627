"""The night log (issue 26): "log tonight", "how have my legs been this week", "send it to my
phone", "delete my night log", and the yes or no to "Shall I add tonight to your night log?".

Thin ask-sdk handlers over `skill.memory.night_log` (what a night holds, the summary, the
patterns worth a visit, the card) and `skill.memory.night_log_store` (SQLite or DynamoDB,
beside the memory store). Words: `content/night_log.yaml`.

- Logging is opt-in: the person asks ("log tonight", "my legs were restless again"), or says
  yes to the offer after an answer, which only a recognised person (`personId`) hears.
- One entry per night; ids only. Danger signs are answered by the safety handlers before
  any of these run, and a night whose conversation holds danger is never logged.
- A log request that opened the session (a one-shot, or the last step of an Alexa routine)
  ends the session once the night is logged.
"""

from __future__ import annotations

from collections.abc import Callable

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_intent_name
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from skill.core.decision import decide_urgent
from skill.core.symptoms import Symptoms
from skill.dialog import speech
from skill.dialog.pending import SAFETY_QUESTIONS, Area, Pending
from skill.dialog.turns import waiting
from skill.dialog.ssml import Reply, paragraph, speak
from skill.handlers.shared.common import answers, close, content, get_state, locale, respond, slot_ids
from skill.handlers.shared.memory_access import memory_session
from skill.handlers.shared.symptom_turns import next_turn
from skill.handlers.shared.night_log_access import (
    LogSession,
    log_session,
    moment,
    owner,
    save_log_session,
    store,
    text,
    tonight,
)
from skill.memory.night_log import (
    SLOT_FIELDS,
    NightLog,
    advice,
    card_text,
    from_record,
    make_entry,
    rough_time,
    summary,
    to_record,
)
from skill.memory.night_log_store import NightLogUnavailable, Record

LOG_INTENT = "LogNightIntent"
READ_INTENT = "NightLogIntent"  # "how have my legs been this week"; with {device}: "send it to my phone"
DEVICE_SLOT = "device"
DELETE_INTENT = "ForgetMeIntent"  # "delete my {record}" with the night log as its record
RECORD_SLOT = "record"
# How a feeling arrives after "What did your legs do tonight?" when Alexa does not send it
# to the log intent itself ("restless", "they were numb").
FEELING_INTENTS = (LOG_INTENT, "DescribeSymptomIntent", "AnswerIntent")


def _next(handler_input: HandlerInput, *sentences: str, pending: Pending | None = None) -> Response:
    """Say `sentences`, then the question that was waiting before this took the floor, or
    "What else can I help with?"."""
    t = text()
    return close(handler_input, get_state(handler_input), *sentences, question=t.say("next_step"), reprompt=t.say("next_reprompt"), pending=pending)


def _goodnight(handler_input: HandlerInput, *sentences: str) -> Response:
    """A one-shot log (or a routine's last step): say it, say goodnight, end the session."""
    reply = Reply(speak(paragraph(*sentences, text().say("goodnight"))), None, True)
    return respond(handler_input, get_state(handler_input).evolve(pending=None), reply)


# --------------------------------------------------------------------------- logging


def _night_values(handler_input: HandlerInput, extra: dict[str, str]) -> dict[str, str]:
    """What tonight holds: the conversation's slot ids, then what the log request added."""
    symptoms = get_state(handler_input).symptoms
    values = {name: value for name in SLOT_FIELDS if isinstance(value := getattr(symptoms, name), str)}
    values.update({k: v for k, v in extra.items() if k in SLOT_FIELDS})
    return values


def log_tonight(handler_input: HandlerInput, values: dict[str, str], then: Callable[[str], Response]) -> Response:
    """Add tonight to the person's log; `then(sentence)` says it and goes on."""
    t = text()
    if memory_session(handler_input).forgotten:
        return then(t.say("after_forget"))
    state = get_state(handler_input)
    if waiting(state) in SAFETY_QUESTIONS or waiting(state) is Pending.CLARIFY:
        # the safety question (or one about a sign) is still open: it is asked again first
        return close(handler_input, state, t.say("not_logged_danger"), question=t.say("next_step"), reprompt=t.say("next_reprompt"))
    if state.symptoms.signs or decide_urgent(state.symptoms, content(handler_input)) is not None:
        # A danger sign is answered, never logged: the symptom conversation takes it from
        # here (the emergency or same-day answer, or the safety question first).
        merged = state.evolve(symptoms=_with_values(state.symptoms, values))
        return next_turn(handler_input, merged, lead=t.say("not_logged_danger"))
    found, who = store(handler_input), owner(handler_input)
    night = tonight(handler_input)
    entry = make_entry(night, {**values, "time": rough_time(moment(handler_input), locale(handler_input))}, t)
    if entry is None:
        return then(t.say("ask_feeling"))  # not reached: callers check the feeling first
    if found is None or who is None:
        return then(t.say("no_store"))
    updated = False

    def add(record: Record) -> Record:
        nonlocal updated
        log = from_record(record, t)
        updated = log.has(night)
        return to_record(log.with_entry(entry, t.keep_nights))

    try:
        found.change(who, add)
    except NightLogUnavailable:
        return then(t.say("no_store"))
    feeling = t.label("sensation", entry.sensation)
    done = t.say("logged_again" if updated else "logged", feeling=feeling)
    return then(done)


def _with_values(symptoms: Symptoms, values: dict[str, str]) -> Symptoms:
    for name in SLOT_FIELDS:
        if name in values and getattr(symptoms, name) is None:
            symptoms = symptoms.with_value(name, values[name])
    return symptoms


def _feeling_known(values: dict[str, str]) -> bool:
    return values.get("sensation") in text().labels["sensation"]


class LogNightHandler(AbstractRequestHandler):
    """ "Log tonight", "my legs were restless again", "log my legs" (a routine's last step)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if is_intent_name(LOG_INTENT)(handler_input):
            return True
        return (
            get_state(handler_input).pending is Pending.LOG_FEELING
            and get_intent_name(handler_input) in FEELING_INTENTS
            and "sensation" in slot_ids(handler_input)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        session = log_session(handler_input)
        envelope_session = handler_input.request_envelope.session
        one_shot = session.one_shot or bool(envelope_session is not None and envelope_session.new)
        said = {k: v for k, v in slot_ids(handler_input).items() if k in SLOT_FIELDS}
        values = _night_values(handler_input, {**dict(session.draft), **said})
        if not _feeling_known(values):
            # "log tonight" with no feeling yet: one question, keeping what was said
            save_log_session(handler_input, LogSession(session.offered, session.then, tuple(sorted(said.items())), one_shot))
            reply = speech.simple(question=t.say("ask_feeling"), reprompt=t.say("ask_feeling_reprompt"))
            return respond(handler_input, get_state(handler_input).evolve(pending=Pending.LOG_FEELING), reply)
        save_log_session(handler_input, LogSession(session.offered, session.then, (), False))
        if one_shot:
            return log_tonight(handler_input, values, lambda done: _goodnight(handler_input, done))
        return log_tonight(handler_input, values, lambda done: _next(handler_input, done, t.say("logged_how_to_hear")))


class OfferAnswerHandler(AbstractRequestHandler):
    """Yes or no to "Shall I add tonight to your night log?" (asked after an answer)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return answers(Area.NIGHT_LOG, handler_input) and get_state(handler_input).pending is Pending.OFFER_LOG

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        core = content(handler_input)
        then = log_session(handler_input).then
        pending = Pending.OFFER_TIPS if then == "offer_tips" else Pending.OFFER_MORE
        question = core.prompt("tips_question" if pending is Pending.OFFER_TIPS else "answer_question")
        reprompt = core.prompt("tips_reprompt" if pending is Pending.OFFER_TIPS else "answer_reprompt")

        def go_on(done: str) -> Response:  # then the answer's own offer, asked again
            return close(handler_input, get_state(handler_input), done, question=question, reprompt=reprompt, pending=pending)

        if not is_intent_name("AMAZON.YesIntent")(handler_input):
            return go_on(t.say("offer_declined"))
        return log_tonight(handler_input, _night_values(handler_input, {}), go_on)


# --------------------------------------------------------------------------- hearing it back


def _read(handler_input: HandlerInput) -> NightLog | None:
    """This person's log (90 nights at most); None when it cannot be read."""
    t = text()
    found, who = store(handler_input), owner(handler_input)
    if found is None or who is None:
        return None
    try:
        record = found.read(who)
    except NightLogUnavailable:
        return None
    return from_record(record, t).kept(tonight(handler_input), t.keep_nights)


def spoken_summary(handler_input: HandlerInput, log: NightLog) -> tuple[str, ...]:
    """The summary and, when a pattern fits, its advice: what is said and what the card shows."""
    t, code, night = text(), locale(handler_input), tonight(handler_input)
    found = advice(log, night, t, code)
    return (*summary(log, night, t, code), *((found,) if found else ()))


class SummaryHandler(AbstractRequestHandler):
    """ "How have my legs been this week?"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(READ_INTENT)(handler_input) and DEVICE_SLOT not in slot_ids(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        log = _read(handler_input)
        if log is None:
            return _next(handler_input, t.say("no_store"))
        sentences = spoken_summary(handler_input, log)
        if not log.within(tonight(handler_input), 7):
            return _next(handler_input, *sentences, t.say("summary_start_log"))
        doctor = t.doctor(locale(handler_input))
        return close(
            handler_input, get_state(handler_input), *sentences,
            question=t.say("summary_offer", doctor=doctor), reprompt=t.say("summary_reprompt"),
        )


class SendCardHandler(AbstractRequestHandler):
    """ "Send it to my phone": the summary and a 7- and 30-night table, as a card."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(READ_INTENT)(handler_input) and DEVICE_SLOT in slot_ids(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        log = _read(handler_input)
        if log is None:
            return _next(handler_input, t.say("no_store"))
        night = tonight(handler_input)
        if not log.within(night, 30):
            return _next(handler_input, t.say("sent_none"))
        body = card_text(log, night, t, locale(handler_input), spoken_summary(handler_input, log))
        response = _next(handler_input, t.say("sent"))
        response.card = SimpleCard(title=t.card["title"], content=body)
        return response


# --------------------------------------------------------------------------- deleting


class DeleteLogHandler(AbstractRequestHandler):
    """ "Delete my night log": ask first."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(DELETE_INTENT)(handler_input) and slot_ids(handler_input).get(RECORD_SLOT) == "night_log"

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        reply = speech.simple(question=t.say("delete_ask"), reprompt=t.say("delete_reprompt"))
        return respond(handler_input, get_state(handler_input).evolve(pending=Pending.DELETE_LOG), reply)


class DeleteAnswerHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return answers(Area.NIGHT_LOG, handler_input) and get_state(handler_input).pending is Pending.DELETE_LOG

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        if not is_intent_name("AMAZON.YesIntent")(handler_input):
            return _next(handler_input, t.say("delete_kept"))
        found, who = store(handler_input), owner(handler_input)
        if found is not None and who is not None:
            try:
                found.delete(who)
            except NightLogUnavailable:
                return _next(handler_input, t.say("delete_failed"))
        return _next(handler_input, t.say("delete_done"))


REQUEST_HANDLERS: list[AbstractRequestHandler] = [
    OfferAnswerHandler(),
    DeleteAnswerHandler(),
    LogNightHandler(),
    SummaryHandler(),
    SendCardHandler(),
    DeleteLogHandler(),
]
