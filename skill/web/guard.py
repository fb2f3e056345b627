"""Input guard for the web endpoint: is this body an Alexa request envelope at all?

Pure: bytes in, a summary or ``BadEnvelope`` out. The summary feeds the one log line
per request; user and device ids and slot values are kept apart so the log can leave
them out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class BadEnvelope(ValueError):
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


def _dict(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadEnvelope(f"{where} must be an object")
    return value


def _optional_dict(value: Any, where: str) -> dict[str, Any]:
    return {} if value is None else _dict(value, where)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise BadEnvelope(f"{where} must be a non-empty string")
    return value


def _check_timestamp(value: Any) -> None:
    text = _text(value, "request.timestamp")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise BadEnvelope("request.timestamp is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise BadEnvelope("request.timestamp has no time zone")


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
    except ValueError:
        raise BadEnvelope("body is not JSON") from None
    envelope = _dict(data, "the body")
    _text(envelope.get("version"), "version")
    request = _dict(envelope.get("request"), "request")
    request_type = _text(request.get("type"), "request.type")
    _text(request.get("requestId"), "request.requestId")
    _check_timestamp(request.get("timestamp"))
    session = _optional_dict(envelope.get("session"), "session")
    context = _dict(envelope.get("context"), "context")  # Alexa sends it with every request
    system = _dict(context.get("System"), "context.System")

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
