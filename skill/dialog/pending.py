"""The one register of what the skill is waiting for, and who answers a bare reply to it.

A bare "yes", "no", "next", "repeat", "help" or "stop" means something only against the
question that is waiting. `SessionState.pending` holds that question (one of `Pending`);
`ROUTES` says which conversation area answers each bare reply in each pending state. Every
handler that takes a bare reply asks `route()` instead of keeping its own rule, so the whole
answer to "what does this yes answer?" is this table.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Mapping

from skill.content import SLOTS


class Pending(StrEnum):
    """What the last turn asked and is waiting on."""

    # A symptom follow-up: the slot it elicits (the safety question is SCREEN).
    SENSATION = "sensation"
    SIDE = "side"
    POSITION = "position"
    TIMING = "timing"
    RELIEF = "relief"
    SIGN = "sign"
    SCREEN = "screen"  # the safety question
    SCREEN_AGAIN = "screen_again"  # the safety question again, as a plain yes or no
    CLARIFY = "clarify"  # one question about a sign that may be innocent ("still numb now you moved?")
    # Offers after an answer.
    OFFER_DOCTOR = "offer_doctor"  # "Do you want to know when to see a doctor?"
    OFFER_MORE = "offer_more"  # after an answer: "Want to know why, or more tips?" (yes: why)
    OFFER_TIPS = "offer_tips"  # after "why": "Want more tips?"
    OFFER_SAME_DAY = "offer_same_day"  # after when to see a doctor: "Want the signs to get help today?"
    ANYTHING_ELSE = "anything_else"  # "Is there anything else?"
    NOT_CAUGHT = "not_caught"  # after "Sorry, I did not catch that. ... What is your leg doing?"
    OFFER_STRETCH = "offer_stretch"  # the answer offered a guided stretch
    STRETCHING = "stretching"  # a guided stretch has the floor
    # Memory, reminders and the bedtime routine.
    REMEMBER = "remember"  # "Do you want me to remember this for next time?"
    FORGET = "forget"  # "Do you want me to forget everything I know about you?"
    REMINDER = "reminder"  # "I will remind you at ten PM every night. Shall I set that?"
    RESUME = "resume"  # "Last time you stopped at the calf stretch. Do you want to go on?"
    SAME_TONIGHT = "same_tonight"  # welcome back: "You said ... Is it the same tonight?"
    # The night log (issue 26).
    OFFER_LOG = "offer_log"  # after an answer: "Shall I add tonight to your night log?"
    LOG_FEELING = "log_feeling"  # "log tonight": "What did your legs do tonight?"
    DELETE_LOG = "delete_log"  # "Do you want me to delete your night log?"


FOLLOW_UPS: frozenset[Pending] = frozenset(Pending(slot) for slot in SLOTS) | {Pending.SCREEN, Pending.SCREEN_AGAIN}
SAFETY_QUESTIONS: frozenset[Pending] = frozenset({Pending.SCREEN, Pending.SCREEN_AGAIN})
# The questions the conversation keeps its place at: when something else takes the floor
# (help, "remember this", "is it serious?"), that answer ends by asking this question again.
THREAD_QUESTIONS: frozenset[Pending] = FOLLOW_UPS | {Pending.CLARIFY}
# An interruption's own yes/no: while it waits, the thread question waits behind it
# (`SessionState.resume`), and the answer to it returns to that question.
ASIDES: frozenset[Pending] = frozenset({Pending.REMEMBER, Pending.FORGET, Pending.REMINDER, Pending.DELETE_LOG})


class Bare(StrEnum):
    """A reply whose meaning depends on the question waiting."""

    YES = "AMAZON.YesIntent"
    NO = "AMAZON.NoIntent"
    NEXT = "AMAZON.NextIntent"
    REPEAT = "AMAZON.RepeatIntent"
    HELP = "AMAZON.HelpIntent"
    STOP = "AMAZON.StopIntent"


# "Cancel" and "go home" are a stop wherever they are said.
STOP_INTENTS = ("AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent")
# "Not now", "maybe tomorrow": a soft no to an offer or an aside's own question. Never an
# answer to the safety question or a clarifying question (asked again, as unclear).
LATER_INTENT = "LaterIntent"


class Area(StrEnum):
    """The conversation areas, one handler module each (`skill.handlers`)."""

    BUILTIN = "builtin"  # launch, help, repeat, fallback, offers, stop
    CONVERSATION = "conversation"  # the symptom conversation and the safety question
    SAFETY = "safety"  # danger heard in any words, and the clarifying question about a sign
    INFO = "info"  # what to do, how to lie, when to get help, one reason in more detail
    STRETCH = "stretch"  # the guided stretch
    MEMORY = "memory"  # remember this, forget me
    REMINDERS = "reminders"  # the nightly reminder
    ROUTINE = "routine"  # the bedtime routine and "go on where I stopped"
    NIGHT_LOG = "night_log"  # logging a night, hearing the log back, deleting it


# pending -> bare reply -> area. A reply not listed goes to BUILTIN.
ROUTES: Mapping[Pending, Mapping[Bare, Area]] = {
    # A bare yes to the safety question ("sure") is checked once: asked again as a plain yes/no.
    Pending.SCREEN: {Bare.YES: Area.SAFETY, Bare.NO: Area.SAFETY},
    Pending.SCREEN_AGAIN: {Bare.YES: Area.CONVERSATION, Bare.NO: Area.CONVERSATION},
    Pending.CLARIFY: {Bare.YES: Area.SAFETY, Bare.NO: Area.SAFETY},
    Pending.OFFER_DOCTOR: {Bare.YES: Area.INFO},
    Pending.OFFER_MORE: {Bare.YES: Area.INFO},
    Pending.OFFER_TIPS: {Bare.YES: Area.INFO},
    Pending.OFFER_SAME_DAY: {Bare.YES: Area.INFO},
    Pending.OFFER_STRETCH: {Bare.YES: Area.STRETCH},
    Pending.STRETCHING: {reply: Area.STRETCH for reply in Bare},
    Pending.REMEMBER: {Bare.YES: Area.MEMORY, Bare.NO: Area.MEMORY},
    Pending.FORGET: {Bare.YES: Area.MEMORY, Bare.NO: Area.MEMORY},
    Pending.REMINDER: {Bare.YES: Area.REMINDERS, Bare.NO: Area.REMINDERS},
    Pending.RESUME: {Bare.YES: Area.ROUTINE, Bare.NO: Area.ROUTINE},
    # "Is it the same tonight?": yes goes on with what was kept, no starts afresh.
    Pending.SAME_TONIGHT: {Bare.YES: Area.CONVERSATION, Bare.NO: Area.CONVERSATION},
    Pending.OFFER_LOG: {Bare.YES: Area.NIGHT_LOG, Bare.NO: Area.NIGHT_LOG},
    Pending.DELETE_LOG: {Bare.YES: Area.NIGHT_LOG, Bare.NO: Area.NIGHT_LOG},
}


def bare(intent_name: str | None, pending: "Pending | None" = None) -> Bare | None:
    """The bare reply an intent is, if it is one ("cancel" counts as "stop"; "not now" as a
    no, except to the safety or a clarifying question, which it does not answer)."""
    if intent_name in STOP_INTENTS:
        return Bare.STOP
    if intent_name == LATER_INTENT:
        return None if pending in SAFETY_QUESTIONS or pending is Pending.CLARIFY else Bare.NO
    try:
        return Bare(intent_name)
    except ValueError:
        return None


def route(pending: Pending | None, reply: Bare) -> Area:
    """The area that answers `reply` while `pending` waits."""
    if pending is None:
        return Area.BUILTIN
    return ROUTES.get(pending, {}).get(reply, Area.BUILTIN)


def answered_by(area: Area, pending: Pending | None, intent_name: str | None) -> bool:
    """True when `intent_name` is a bare reply that `area` answers while `pending` waits."""
    reply = bare(intent_name, pending)
    return reply is not None and route(pending, reply) is area


def parse(value: object) -> Pending | None:
    """A stored pending value, or None when it is not one (session attributes are untrusted)."""
    return Pending(value) if isinstance(value, str) and value in Pending._value2member_map_ else None
