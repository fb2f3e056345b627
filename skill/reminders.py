"""A daily "time to stretch" reminder through Alexa's Reminders API.

This module builds the reminder for ask-sdk's `ReminderManagementServiceClient`,
decides whether the user has granted the reminders permission, calls the service
through clients it is handed (so handlers stay thin), and maps every failure to
the id of a prompt in `content/memory.yaml`:

| failure | prompt id |
|---|---|
| no permission (no consent in the request, 401, or a 403 that is not one below) | reminder_no_permission |
| too many reminders (403 MAX_REMINDERS_EXCEEDED) | reminder_too_many |
| device cannot do reminders (403 DEVICE_NOT_SUPPORTED) | reminder_device |
| throttled (429) | reminder_busy |
| timed out (our client timeout, or 504) | reminder_timeout |
| unreachable or 5xx | reminder_unavailable |
| anything else (400, a reply ask-sdk cannot read) | reminder_failed |

Error codes: Alexa Reminders API reference, "Error messages"
(https://developer.amazon.com/en-US/docs/alexa/smapi/alexa-reminders-api-reference.html).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ask_sdk_core.exceptions import SerializationException
from ask_sdk_model.services import ServiceException
from ask_sdk_model.services.reminder_management import (
    AlertInfo,
    PushNotification,
    PushNotificationStatus,
    Recurrence,
    ReminderRequest,
    SpokenInfo,
    SpokenText,
    Trigger,
    TriggerType,
)

from skill.dialog.clock import ClockTime

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from ask_sdk_model import RequestEnvelope
    from ask_sdk_model.services.reminder_management import ReminderManagementServiceClient
    from ask_sdk_model.services.ups import UpsServiceClient

SCOPE = "alexa::alerts:reminders:skill:readwrite"


DEFAULT_BEDTIME = ClockTime(21, 30)  # "remind me at bedtime" with no time said
# AMAZON.TIME gives "EV"/"NI" for "in the evening"/"at night"; morning and afternoon make
# no sense for a bedtime stretch, so they are not guessed.
_PERIODS = {"EV": ClockTime(20, 0), "NI": ClockTime(21, 30)}
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


def parse_time(value: str | None) -> ClockTime | None:
    """An AMAZON.TIME slot value ("22:00", "NI") as a clock time, else None."""
    if not value:
        return None
    value = value.strip().upper()
    if value in _PERIODS:
        return _PERIODS[value]
    match = _TIME.match(value)
    if not match:
        return None
    try:
        return ClockTime(int(match.group(1)), int(match.group(2)))
    except ValueError:
        return None


# --------------------------------------------------------------------------- permission


def has_permission(request_envelope: RequestEnvelope) -> bool:
    """True when the request shows the user granted the reminders scope."""
    try:
        user = request_envelope.context.system.user
    except AttributeError:
        return False
    permissions = getattr(user, "permissions", None)
    if permissions is None:
        return False
    scopes = getattr(permissions, "scopes", None) or {}
    scope = scopes.get(SCOPE) if isinstance(scopes, dict) else None
    if scope is not None:
        status = getattr(scope, "status", None)
        return str(getattr(status, "value", status)) == "GRANTED"
    return bool(getattr(permissions, "consent_token", None))


# --------------------------------------------------------------------------- building


def daily_reminder(
    time: ClockTime,
    *,
    locale: str,
    text: str,
    now: datetime,
    time_zone: str | None,
) -> ReminderRequest:
    """A reminder every day at `time` (device local time), with a push notification.

    With the device's time zone known, recurrence starts now in that zone, so tonight
    counts when bedtime is still ahead; without it, Alexa's default (the device's zone,
    starting now) applies.
    """
    zone = _zone(time_zone)
    start = now.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0) if zone else None
    rule = f"FREQ=DAILY;BYHOUR={time.hour};BYMINUTE={time.minute};BYSECOND=0;INTERVAL=1"
    return ReminderRequest(
        request_time=now.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0),
        trigger=Trigger(
            object_type=TriggerType.SCHEDULED_ABSOLUTE,
            time_zone_id=time_zone if zone else None,
            recurrence=Recurrence(start_date_time=start, recurrence_rules=[rule]),
        ),
        alert_info=AlertInfo(spoken_info=SpokenInfo(content=[SpokenText(locale=locale, text=text)])),
        push_notification=PushNotification(status=PushNotificationStatus.ENABLED),
    )


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    # Imported here: zoneinfo (with sysconfig) is only needed when a reminder is set.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


# --------------------------------------------------------------------------- calling


@dataclass(frozen=True)
class Result:
    ok: bool
    prompt: str  # a prompt id in content/memory.yaml
    count: int = 0  # reminders cancelled


def device_time_zone(ups: UpsServiceClient | None, device_id: str | None) -> str | None:
    """The device's time zone, or None (never an error: reminders work without it)."""
    if ups is None or not device_id:
        return None
    try:
        zone = ups.get_system_time_zone(device_id=device_id)
    except Exception:  # optional nicety: any failure means "use the device default"
        return None
    return zone if isinstance(zone, str) and _zone(zone) else None


def create(client: ReminderManagementServiceClient, reminder: ReminderRequest) -> Result:
    """Create ``reminder``, unless this skill already has one that is on at that time
    every day ("remind me at ten" said twice makes one reminder, not two)."""
    if _already_set(client, reminder):
        return Result(True, "reminder_set")
    try:
        response = client.create_reminder(reminder_request=reminder)
    except ServiceException as exc:
        return Result(False, failure_prompt(exc))
    except SerializationException:  # a reply ask-sdk cannot read (e.g. an error with no body)
        return Result(False, "reminder_failed")
    if getattr(response, "alert_token", None) is None:
        return Result(False, "reminder_failed")
    return Result(True, "reminder_set")


def _already_set(client: ReminderManagementServiceClient, reminder: ReminderRequest) -> bool:
    """Does the user have a reminder from this skill, on, at the same daily time? A
    listing that fails is not an answer: then the reminder is created as asked."""
    wanted = _daily_times(reminder)
    if not wanted:
        return False
    try:
        listing = client.get_reminders()
    except (ServiceException, SerializationException):
        return False
    for alert in _alerts(listing):
        status = getattr(alert, "status", None)
        if str(getattr(status, "value", status)).upper() not in ("ON", "NONE"):
            continue
        if _daily_times(alert) & wanted:
            return True
    return False


def _daily_times(reminder: Any) -> set[tuple[str, str]]:
    """The (hour, minute) pairs of a reminder's daily recurrence rules."""
    recurrence = getattr(getattr(reminder, "trigger", None), "recurrence", None)
    rules = getattr(recurrence, "recurrence_rules", None) or []
    times = set()
    for rule in rules if isinstance(rules, list) else []:
        parts = dict(part.split("=", 1) for part in str(rule).upper().split(";") if "=" in part)
        if parts.get("FREQ") == "DAILY" and "BYHOUR" in parts and "BYMINUTE" in parts:
            times.add((parts["BYHOUR"].lstrip("0") or "0", parts["BYMINUTE"].lstrip("0") or "0"))
    return times


def cancel_all(client: ReminderManagementServiceClient) -> Result:
    """Delete every reminder this skill made for the user (the API lists only ours)."""
    try:
        listing = client.get_reminders()
        tokens = [a.alert_token for a in _alerts(listing) if getattr(a, "alert_token", None)]
        for token in tokens:
            try:
                client.delete_reminder(alert_token=token)
            except ServiceException as exc:
                if exc.status_code != 404:  # already gone is what we wanted
                    raise
    except ServiceException as exc:
        return Result(False, failure_prompt(exc))
    except SerializationException:
        return Result(False, "reminder_failed")
    if not tokens:
        return Result(True, "reminder_none")
    return Result(True, "reminder_cancelled", count=len(tokens))


def _alerts(listing: Any) -> Iterable[Any]:
    alerts = getattr(listing, "alerts", None)
    return alerts if isinstance(alerts, list) else []


def failure_prompt(exc: ServiceException) -> str:
    """The prompt id that explains a Reminders API failure to the user."""
    if _timed_out(exc):
        return "reminder_timeout"
    status = exc.status_code
    code = _error_code(exc.body)
    if code == "MAX_REMINDERS_EXCEEDED":
        return "reminder_too_many"
    if code == "DEVICE_NOT_SUPPORTED":
        return "reminder_device"
    if status in (401, 403):
        return "reminder_no_permission"
    if status == 429:
        return "reminder_busy"
    if status == 504:
        return "reminder_timeout"
    if isinstance(status, int) and 500 <= status < 600:
        return "reminder_unavailable"
    return "reminder_failed"


def _error_code(body: Any) -> str | None:
    code = getattr(body, "code", None)
    if code is None and isinstance(body, dict):
        code = body.get("code")
    if code is None and isinstance(body, str):
        match = re.search(r'"code"\s*:\s*"([A-Z_]+)"', body)
        code = match.group(1) if match else None
    return str(code).upper() if code else None


def _timed_out(exc: BaseException) -> bool:
    """ask-sdk wraps transport errors twice; look down the chain for a timeout."""
    import requests  # here, not at import: it is a fifth of a cold start (skill/api_client.py)

    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return False
        if isinstance(seen, (requests.Timeout, TimeoutError)):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
