""""Remind me to stretch at ten pm every night", "move my reminder to eleven", "cancel my reminder".

Thin handlers over `skill.reminders`. Without the reminders permission the user hears
why and gets an AskForPermissionsConsent card. With it, the skill says the time back
and creates the daily reminder only after a yes. Every failure has a short answer.
"""

from __future__ import annotations

from datetime import datetime, timezone

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import IntentRequest, Response
from ask_sdk_model.services import ServiceClientFactory
from ask_sdk_model.ui import AskForPermissionsConsentCard

from skill import reminders

from skill.dialog import speech, ssml
from skill.dialog.pending import Area, Pending
from skill.dialog.turns import waiting
from skill.handlers.shared.common import answers, get_state, locale, respond
from skill.handlers.shared.memory_access import answer, answer_with_next_step, memory_session, text, update_session
from skill.dialog.clock import ClockTime
from skill.reminders import DEFAULT_BEDTIME, SCOPE

SET_INTENT = "SetReminderIntent"
CANCEL_INTENT = "CancelReminderIntent"
CHANGE_INTENT = "ChangeReminderIntent"
TIME_SLOT = "time"


def _spoken_time(handler_input: HandlerInput) -> ClockTime:
    request = handler_input.request_envelope.request
    if isinstance(request, IntentRequest) and request.intent and request.intent.slots:
        slot = request.intent.slots.get(TIME_SLOT)
        parsed = reminders.parse_time(getattr(slot, "value", None))
        if parsed is not None:
            return parsed
    return DEFAULT_BEDTIME


def _ask_permission(handler_input: HandlerInput, prompt: str = "reminder_no_permission") -> Response:
    """Explain (in words that fit what was asked: set or change), and send the consent card
    to the Alexa app. Asked in the middle of the conversation, it goes back to the question
    that was waiting; else the session ends, so the user can open the app."""
    t = text()
    handler_input.response_builder.set_card(AskForPermissionsConsentCard(permissions=[SCOPE]))
    if waiting(get_state(handler_input)) is not None:
        return answer_with_next_step(handler_input, t.say(prompt))
    reply = ssml.Reply(ssml.speak(ssml.paragraph(t.say(prompt))), None, True)
    return respond(handler_input, get_state(handler_input).evolve(pending=None), reply)


class SetReminderHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(SET_INTENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return _confirm_time(handler_input, change=False)


class ChangeReminderHandler(AbstractRequestHandler):
    """ "Move my reminder to eleven": the new time said back, and after a yes the old
    reminders go and the new one is made."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(CHANGE_INTENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return _confirm_time(handler_input, change=True)


def _confirm_time(handler_input: HandlerInput, *, change: bool) -> Response:
    """Say the time heard back and ask before setting (or moving) the nightly reminder."""
    if not reminders.has_permission(handler_input.request_envelope):
        return _ask_permission(handler_input, "reminder_change_no_permission") if change else _ask_permission(handler_input)
    t = text()
    time = _spoken_time(handler_input)
    update_session(handler_input, reminder_time=time.slot_value, reminder_change=change)
    reply = speech.simple(
        question=t.say("reminder_change_confirm" if change else "reminder_confirm", time=t.time(time)),
        reprompt=t.say("reminder_confirm_reprompt"),
    )
    return answer(handler_input, reply, waiting=Pending.REMINDER)


class ConfirmReminderHandler(AbstractRequestHandler):
    """The yes or no to "I will remind you at 10 PM every night. Shall I set that?"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return answers(Area.REMINDERS, handler_input) and get_state(handler_input).pending is Pending.REMINDER

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        if not is_intent_name("AMAZON.YesIntent")(handler_input):
            return answer_with_next_step(handler_input, t.say("reminder_declined"))
        session = memory_session(handler_input)
        time = reminders.parse_time(session.reminder_time)
        if time is None:  # never set a time the user did not hear and agree to
            return answer_with_next_step(handler_input, t.say("reminder_failed"))
        factory = _services(handler_input)
        if factory is None:
            return answer_with_next_step(handler_input, t.say("reminder_unavailable"))
        if session.reminder_change:  # the old time goes before the new one is made
            gone = reminders.cancel_all(factory.get_reminder_management_service())
            if gone.prompt == "reminder_no_permission":
                return _ask_permission(handler_input, "reminder_change_no_permission")
            if not gone.ok:
                return answer_with_next_step(handler_input, t.say(gone.prompt))
        system = handler_input.request_envelope.context.system
        zone = reminders.device_time_zone(factory.get_ups_service(), getattr(system.device, "device_id", None))
        reminder = reminders.daily_reminder(
            time,
            locale=locale(handler_input),
            text=t.say("reminder_text"),
            now=_now(handler_input),
            time_zone=zone,
        )
        result = reminders.create(factory.get_reminder_management_service(), reminder)
        if result.prompt == "reminder_no_permission":
            return _ask_permission(handler_input)
        said = "reminder_changed" if result.ok and session.reminder_change else result.prompt
        return answer_with_next_step(handler_input, t.say(said, **({"time": t.time(time)} if result.ok else {})))


class CancelReminderHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(CANCEL_INTENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        t = text()
        if not reminders.has_permission(handler_input.request_envelope):
            # Without the permission the skill cannot see any reminder, let alone cancel it.
            return answer_with_next_step(handler_input, t.say("reminder_cancel_no_permission"))
        factory = _services(handler_input)
        if factory is None:
            return answer_with_next_step(handler_input, t.say("reminder_unavailable"))
        result = reminders.cancel_all(factory.get_reminder_management_service())
        if result.prompt == "reminder_no_permission":
            return _ask_permission(handler_input)
        return answer_with_next_step(handler_input, t.say(result.prompt))


def _services(handler_input: HandlerInput) -> ServiceClientFactory | None:
    """The Alexa API clients, or None when this request cannot call the API (no client
    configured, or no apiAccessToken in the request: ask-sdk would fail building the
    Authorization header)."""
    system = getattr(handler_input.request_envelope.context, "system", None)
    token = getattr(system, "api_access_token", None)
    if not isinstance(token, str) or not token:
        return None
    return handler_input.service_client_factory


def _now(handler_input: HandlerInput) -> datetime:
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if isinstance(stamp, datetime):
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc)


REQUEST_HANDLERS: list[AbstractRequestHandler] = [
    ConfirmReminderHandler(),
    SetReminderHandler(),
    ChangeReminderHandler(),
    CancelReminderHandler(),
]
