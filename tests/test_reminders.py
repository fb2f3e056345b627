"""The reminder request and every Reminders API answer, over real HTTPS to a stand-in."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from ask_sdk_model.services import ApiConfiguration
from ask_sdk_model.services.reminder_management import ReminderManagementServiceClient
from ask_sdk_core.serialize import DefaultSerializer

from alexa_api_standin import TOKEN, AlexaApiStandIn, Failure, alexa_api  # noqa: F401
from skill import reminders
from skill.alexa.api_client import TimeoutApiClient
from skill.dialog.clock import ClockTime, ClockWords
from skill.reminders import daily_reminder, parse_time

NOW = datetime(2026, 11, 22, 19, 5, 30, tzinfo=timezone.utc)


def client_for(api: AlexaApiStandIn, timeout: float = 3.0) -> ReminderManagementServiceClient:
    config = ApiConfiguration(
        serializer=DefaultSerializer(), api_client=TimeoutApiClient(timeout, allow_loopback=True), authorization_value=TOKEN, api_endpoint=api.endpoint
    )
    return ReminderManagementServiceClient(api_configuration=config)


def a_reminder(time: ClockTime = ClockTime(22, 0)):  # type: ignore[no-untyped-def]
    return daily_reminder(time, locale="en-GB", text="Time to stretch.", now=NOW, time_zone="Europe/London")


@pytest.mark.parametrize(
    ("slot", "expected"),
    [("22:00", ClockTime(22, 0)), ("9:30", ClockTime(9, 30)), ("NI", ClockTime(21, 30)), ("EV", ClockTime(20, 0)),
     ("MO", None), ("25:00", None), ("", None), (None, None)],
)
def test_times_people_say(slot: str | None, expected: ClockTime | None) -> None:
    assert parse_time(slot) == expected


def test_times_are_said_the_way_people_say_them() -> None:
    words = ClockWords("AM", "PM")
    assert words.say(ClockTime(22, 0)) == "10 PM"
    assert words.say(ClockTime(21, 30)) == "9:30 PM"
    assert words.say(ClockTime(0, 5)) == "12:05 AM"


def test_a_daily_reminder_is_created_with_the_users_time_and_words(alexa_api: AlexaApiStandIn) -> None:
    result = reminders.create(client_for(alexa_api), a_reminder())
    assert result.ok and result.prompt == "reminder_set"

    (call,) = [c for c in alexa_api.calls if c.method == "POST"]  # after a listing (no duplicates)
    assert call.authorization == f"Bearer {TOKEN}"
    trigger = call.body["trigger"]
    assert trigger["type"] == "SCHEDULED_ABSOLUTE"
    assert trigger["timeZoneId"] == "Europe/London"
    assert trigger["recurrence"]["recurrenceRules"] == ["FREQ=DAILY;BYHOUR=22;BYMINUTE=0;BYSECOND=0;INTERVAL=1"]
    assert trigger["recurrence"]["startDateTime"].startswith("2026-11-22T19:05")
    assert call.body["alertInfo"]["spokenInfo"]["content"] == [{"locale": "en-GB", "text": "Time to stretch."}]
    assert call.body["pushNotification"] == {"status": "ENABLED"}


def test_cancel_removes_every_reminder_the_skill_made(alexa_api: AlexaApiStandIn) -> None:
    client = client_for(alexa_api)
    reminders.create(client, a_reminder())
    reminders.create(client, a_reminder(ClockTime(21, 0)))
    result = reminders.cancel_all(client)
    assert result.ok and result.prompt == "reminder_cancelled" and result.count == 2
    assert alexa_api.reminders == {}
    assert reminders.cancel_all(client).prompt == "reminder_none"


@pytest.mark.parametrize(
    ("failure", "prompt"),
    [
        (Failure(401, "UNAUTHORIZED"), "reminder_no_permission"),
        (Failure(403, "MAX_REMINDERS_EXCEEDED"), "reminder_too_many"),
        (Failure(403, "DEVICE_NOT_SUPPORTED"), "reminder_device"),
        (Failure(403, "FORBIDDEN"), "reminder_no_permission"),
        (Failure(403), "reminder_failed"),  # no body to read: still a spoken answer
        (Failure(400, "INVALID_ALERT_INFO"), "reminder_failed"),
        (Failure(429, "TOO_MANY_REQUESTS"), "reminder_busy"),
        (Failure(500, "INTERNAL_ERROR"), "reminder_unavailable"),
        (Failure(503, "SERVICE_UNAVAILABLE"), "reminder_unavailable"),
        (Failure(504, "GATEWAY_TIMEOUT"), "reminder_timeout"),
    ],
)
def test_each_error_status_has_its_own_answer(alexa_api: AlexaApiStandIn, failure: Failure, prompt: str) -> None:
    alexa_api.fail["create"] = failure
    result = reminders.create(client_for(alexa_api), a_reminder())
    assert not result.ok and result.prompt == prompt
    assert alexa_api.reminders == {}


def test_a_hung_api_is_a_timeout_not_a_hang(alexa_api: AlexaApiStandIn) -> None:
    alexa_api.fail["create"] = Failure(0, hang=True)
    result = reminders.create(client_for(alexa_api, timeout=0.2), a_reminder())
    assert result.prompt == "reminder_timeout"


def test_an_unreachable_api_is_unavailable(alexa_api: AlexaApiStandIn) -> None:
    endpoint = alexa_api.endpoint
    alexa_api.stop()
    config = ApiConfiguration(serializer=DefaultSerializer(), api_client=TimeoutApiClient(1.0, allow_loopback=True), authorization_value=TOKEN, api_endpoint=endpoint)
    result = reminders.create(ReminderManagementServiceClient(api_configuration=config), a_reminder())
    assert result.prompt == "reminder_unavailable"


def test_cancel_failures_are_explained_too(alexa_api: AlexaApiStandIn) -> None:
    alexa_api.fail["list"] = Failure(401, "UNAUTHORIZED")
    assert reminders.cancel_all(client_for(alexa_api)).prompt == "reminder_no_permission"
