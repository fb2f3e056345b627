"""Reminders through the real skill, over real HTTPS to a local stand-in for the Alexa API
(its loopback address is the request's apiEndpoint): consent missing, created, declined,
cancelled, and every error status answered in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import pytest
from ask_sdk_core.skill import CustomSkill

from alexa_api_standin import TOKEN, AlexaApiStandIn, Failure, alexa_api  # noqa: F401
from skill.alexa.api_client import TimeoutApiClient
from skill.app import create_skill
from skill.simulator.session import LocalSession, Turn
from skill.memory.text import load_memory_text
from skill.memory.factory import sqlite_persistence
from skill.reminders import SCOPE

TEXT = load_memory_text()


class GrantedSession(LocalSession):
    """Alexa's side when the user has granted (or not) the reminders permission."""

    granted = True

    def envelope(self, request: Mapping[str, Any]) -> dict[str, Any]:
        envelope = super().envelope(request)
        if self.granted:
            user = envelope["context"]["System"]["user"]
            user["permissions"] = {"consentToken": TOKEN, "scopes": {SCOPE: {"status": "GRANTED"}}}
        return envelope

    def set_reminder(self, time: str | None) -> Turn:
        slots = {"time": {"name": "time", "value": time, "confirmationStatus": "NONE"}} if time else {}
        intent = {"name": "SetReminderIntent", "confirmationStatus": "NONE", "slots": slots}
        return self._turn("remind me", "SetReminderIntent", {}, self.request(self.envelope({"type": "IntentRequest", "intent": intent})))


def session_for(api: AlexaApiStandIn, tmp_path: Path, *, granted: bool = True, timeout: float = 2.0) -> GrantedSession:
    skill: CustomSkill = create_skill(
        persistence_adapter=sqlite_persistence(tmp_path / "memory.sqlite3"), api_client=TimeoutApiClient(timeout, allow_loopback=True)
    )
    session = GrantedSession(skill=skill, api_endpoint=api.endpoint, api_access_token=TOKEN)
    session.granted = granted
    session.launch()
    return session


def test_without_permission_the_user_hears_why_and_gets_the_consent_card(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    session = session_for(alexa_api, tmp_path, granted=False)
    turn = session.say("remind me to stretch at bedtime")
    assert turn.intent == "SetReminderIntent"
    assert turn.speech == TEXT.say("reminder_no_permission")
    assert turn.response["response"]["card"] == {"type": "AskForPermissionsConsent", "permissions": [SCOPE]}
    assert turn.end_session
    assert alexa_api.calls == [], "nothing is asked of the API without permission"


def test_a_reminder_is_said_back_and_made_only_after_yes(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    session = session_for(alexa_api, tmp_path)
    ask = session.set_reminder("22:00")
    assert ask.speech == "I will remind you to stretch at 10 PM every night. Shall I set that?"
    assert not ask.end_session and alexa_api.calls == []

    done = session.say("yes")
    assert done.speech.startswith("Done. I will remind you at 10 PM every night. To stop it, say, cancel my reminder.")
    (reminder,) = alexa_api.reminders.values()
    assert reminder["trigger"]["recurrence"]["recurrenceRules"] == ["FREQ=DAILY;BYHOUR=22;BYMINUTE=0;BYSECOND=0;INTERVAL=1"]
    assert reminder["trigger"]["timeZoneId"] == "Europe/London"  # the device's, from the settings API
    assert reminder["alertInfo"]["spokenInfo"]["content"][0]["text"] == TEXT.say("reminder_text")
    posts = [c for c in alexa_api.calls if c.method == "POST"]
    assert [c.authorization for c in posts] == [f"Bearer {TOKEN}"]


def test_at_bedtime_means_half_past_nine(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    session = session_for(alexa_api, tmp_path)
    ask = session.say("remind me at bedtime")
    assert "9:30 PM every night" in ask.speech


def test_no_makes_no_reminder(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    session = session_for(alexa_api, tmp_path)
    session.set_reminder("21:00")
    turn = session.say("no")
    assert turn.speech.startswith(TEXT.say("reminder_declined"))
    assert alexa_api.reminders == {} and not [c for c in alexa_api.calls if c.method == "POST"]


def test_cancel_my_reminder(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    session = session_for(alexa_api, tmp_path)
    session.set_reminder("22:00")
    session.say("yes")
    assert len(alexa_api.reminders) == 1
    turn = session.say("cancel my reminder")
    assert turn.intent == "CancelReminderIntent"
    assert turn.speech.startswith(TEXT.say("reminder_cancelled"))
    assert alexa_api.reminders == {}
    assert session.say("cancel my reminder").speech.startswith(TEXT.say("reminder_none"))


@pytest.mark.parametrize(
    ("failure", "prompt"),
    [
        (Failure(403, "MAX_REMINDERS_EXCEEDED"), "reminder_too_many"),
        (Failure(403, "DEVICE_NOT_SUPPORTED"), "reminder_device"),
        (Failure(429, "TOO_MANY_REQUESTS"), "reminder_busy"),
        (Failure(400, "INVALID_ALERT_INFO"), "reminder_failed"),
        (Failure(500, "INTERNAL_ERROR"), "reminder_unavailable"),
        (Failure(503, "SERVICE_UNAVAILABLE"), "reminder_unavailable"),
        (Failure(504, "GATEWAY_TIMEOUT"), "reminder_timeout"),
    ],
)
def test_each_error_status_gets_a_short_answer(
    alexa_api: AlexaApiStandIn, tmp_path: Path, failure: Failure, prompt: str
) -> None:
    session = session_for(alexa_api, tmp_path)
    session.set_reminder("22:00")
    alexa_api.fail["create"] = failure
    turn = session.say("yes")
    assert turn.speech.startswith(TEXT.say(prompt))
    assert not turn.end_session and turn.reprompt  # and the user can go on
    assert alexa_api.reminders == {}


def test_permission_withdrawn_at_the_api_sends_the_card_again(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    session = session_for(alexa_api, tmp_path)
    session.set_reminder("22:00")
    alexa_api.fail["create"] = Failure(401, "UNAUTHORIZED")
    turn = session.say("yes")
    assert turn.speech == TEXT.say("reminder_no_permission")
    assert turn.response["response"]["card"]["type"] == "AskForPermissionsConsent"


def test_a_slow_api_gets_a_timeout_answer_in_time(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    session = session_for(alexa_api, tmp_path, timeout=0.3)
    session.set_reminder("22:00")
    alexa_api.fail["create"] = Failure(0, hang=True)
    turn = session.say("yes")
    assert turn.speech.startswith(TEXT.say("reminder_timeout"))


def test_without_the_time_zone_the_reminder_uses_the_devices_own(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    session = session_for(alexa_api, tmp_path)
    alexa_api.fail["timezone"] = Failure(500)
    session.set_reminder("22:00")
    assert session.say("yes").speech.startswith("Done.")
    (reminder,) = alexa_api.reminders.values()
    assert "timeZoneId" not in reminder["trigger"]


def test_cancel_errors_are_answered_too(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    session = session_for(alexa_api, tmp_path)
    alexa_api.fail["list"] = Failure(503, "SERVICE_UNAVAILABLE")
    assert session.say("cancel my reminder").speech.startswith(TEXT.say("reminder_unavailable"))


class TokenlessSession(GrantedSession):
    """A request that shows the permission but carries no apiAccessToken."""

    def envelope(self, request: Mapping[str, Any]) -> dict[str, Any]:
        envelope = super().envelope(request)
        envelope["context"]["System"].pop("apiAccessToken", None)
        return envelope


def test_confirming_a_reminder_without_an_api_token_gets_a_short_answer(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    skill = create_skill(persistence_adapter=sqlite_persistence(tmp_path / "m.sqlite3"), api_client=TimeoutApiClient(2.0, allow_loopback=True))
    session = TokenlessSession(skill=skill, api_endpoint=alexa_api.endpoint)
    session.launch()
    session.set_reminder("22:00")
    done = session.say("yes")
    assert done.speech.startswith(TEXT.say("reminder_unavailable"))
    assert not done.end_session
    cancelled = session.say("cancel my reminder")
    assert cancelled.speech.startswith(TEXT.say("reminder_unavailable"))
    assert alexa_api.calls == []


def test_a_reminder_time_that_is_no_time_of_day_sets_nothing(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    session = session_for(alexa_api, tmp_path)
    session.set_reminder("22:00")
    session.attributes["memory"]["reminder_time"] = "99:99"  # not from this skill
    done = session.say("yes")
    assert done.speech.startswith(TEXT.say("reminder_failed"))
    assert alexa_api.reminders == {}


@pytest.mark.parametrize("asked", ["change my reminder to 11", "can you move the stretch reminder to half ten", "push my reminder back to eleven thirty"])
def test_a_change_without_permission_is_told_as_a_change(alexa_api: AlexaApiStandIn, tmp_path: Path, asked: str) -> None:
    session = session_for(alexa_api, tmp_path, granted=False)
    turn = session.say(asked)
    assert turn.intent == "ChangeReminderIntent", turn.intent
    assert turn.speech == TEXT.say("reminder_change_no_permission")
    assert "cancel" not in turn.speech.lower() and "change" in turn.speech
    assert turn.response["response"]["card"] == {"type": "AskForPermissionsConsent", "permissions": [SCOPE]}
    assert alexa_api.calls == []


def test_each_permission_message_fits_what_was_asked(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    said = {asked: session_for(alexa_api, tmp_path, granted=False).say(asked).speech for asked in (
        "remind me to stretch at ten", "move my reminder to eleven", "cancel my reminder")}
    assert "set" in said["remind me to stretch at ten"]
    assert "change" in said["move my reminder to eleven"]
    assert "cancel" in said["cancel my reminder"]


def test_a_change_replaces_the_old_reminder_after_yes(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    session = session_for(alexa_api, tmp_path)
    session.set_reminder("22:00")
    session.say("yes")
    ask = session.say("move my reminder to eleven")
    assert ask.speech == "I will move your stretch reminder to 11 PM every night. Shall I do that?"
    done = session.say("yes")
    assert done.speech.startswith("Done. Your stretch reminder is now at 11 PM every night.")
    (reminder,) = alexa_api.reminders.values()
    assert reminder["trigger"]["recurrence"]["recurrenceRules"] == ["FREQ=DAILY;BYHOUR=23;BYMINUTE=0;BYSECOND=0;INTERVAL=1"]


def test_no_to_a_change_keeps_the_old_reminder(alexa_api: AlexaApiStandIn, tmp_path: Path) -> None:
    session = session_for(alexa_api, tmp_path)
    session.set_reminder("22:00")
    session.say("yes")
    session.say("change my reminder to eleven")
    session.say("no")
    (reminder,) = alexa_api.reminders.values()
    assert "BYHOUR=22" in reminder["trigger"]["recurrence"]["recurrenceRules"][0]
