"""Input guard for the web endpoint: is this body an Alexa request envelope at all?

Pure: bytes in, a summary or ``BadEnvelope`` out. The summary feeds the one log line
per request; user and device ids and slot values are kept apart so the log can leave
them out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from skill import events
from skill.events import BadEvent


class BadEnvelope(BadEvent):
    """The body is not an Alexa request envelope. The message is safe to send back."""


@dataclass(frozen=True)
class EnvelopeSummary:
    request_type: str
    intent: str | None
    locale: str | None
    application_id: str | None
    user_id: str | None = field(default=None, repr=False)
    device_id: str | None = field(default=None, repr=False)
    slots: dict[str, str] = field(default_factory=dict, repr=False)


def _nested(data: dict[str, Any], *keys: str) -> Any:
    value: Any = data
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def read_envelope(body: bytes) -> tuple[str, EnvelopeSummary]:
    """The body as text plus a summary; BadEnvelope if it is not an Alexa request."""
    text, _, summary = parse_envelope(body)
    return text, summary


def parse_envelope(body: bytes) -> tuple[str, dict[str, Any], EnvelopeSummary]:
    """As `read_envelope`, plus the parsed JSON, so the envelope is parsed only once."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadEnvelope("body is not UTF-8") from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise BadEnvelope("body is not JSON") from None
    try:
        envelope = events.check_envelope(data)
    except BadEvent as exc:
        raise BadEnvelope(str(exc)) from None
    request = envelope["request"]
    request_type = request["type"]
    session = events.optional_dict(envelope.get("session"), "session")
    try:  # Alexa sends the context with every request
        system = events.as_dict(events.as_dict(envelope.get("context"), "context").get("System"), "context.System")
    except BadEvent as exc:
        raise BadEnvelope(str(exc)) from None

    app_id = _nested(system, "application", "applicationId") or _nested(session, "application", "applicationId")
    if not isinstance(app_id, str) or not app_id:
        raise BadEnvelope("no application id in context.System or session")

    intent = _nested(request, "intent", "name") if request_type == "IntentRequest" else None
    slots: dict[str, str] = {}
    raw_slots = _nested(request, "intent", "slots")
    if isinstance(raw_slots, dict):
        for name, slot in raw_slots.items():
            if isinstance(slot, dict) and isinstance(slot.get("value"), str):
                slots[str(name)] = slot["value"]
    user_id = _nested(system, "user", "userId") or _nested(session, "user", "userId")
    device_id = _nested(system, "device", "deviceId")
    locale = request.get("locale")
    return text, envelope, EnvelopeSummary(
        request_type=request_type,
        intent=intent if isinstance(intent, str) else None,
        locale=locale if isinstance(locale, str) else None,
        application_id=app_id,
        user_id=user_id if isinstance(user_id, str) else None,
        device_id=device_id if isinstance(device_id, str) else None,
        slots=slots,
    )
