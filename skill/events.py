"""Is an incoming event an Alexa request envelope at all? Pure checks shared by the web
guard (`skill.web.guard`) and the Lambda entry point (`lambda/lambda_function.py`).

Alexa never sends anything else, so whatever fails here is refused before ask-sdk sees
it: ask-sdk would raise on it (a raw exception whose text can carry the bad value into
the log), or recurse through it (deeply nested session attributes are deep-copied).
Every message says what is wrong, never the value that was sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

# An Alexa envelope is about 6 levels deep; this skill's own session attributes add 4.
# ask-sdk deep-copies session attributes, so a few hundred levels crash it.
MAX_DEPTH = 32

# The request types this skill answers (skill.handlers); anything else is refused.
REQUEST_TYPES = frozenset(
    {
        "LaunchRequest",
        "IntentRequest",
        "SessionEndedRequest",
        "CanFulfillIntentRequest",
        "Connections.Response",
        "System.ExceptionEncountered",
    }
)


class BadEvent(ValueError):
    """Not an Alexa request envelope. The message names the problem, never the value."""


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when `value` nests objects or arrays more than `limit` levels (no recursion)."""
    level: list[Any] = [value]
    depth = 1
    while level:
        deeper: list[Any] = []
        for item in level:
            kind = type(item)
            if kind is str or kind is int or kind is float or kind is bool or item is None:
                continue  # JSON's leaves, without the Mapping check's cost
            if isinstance(item, Mapping):
                children: Any = item.values()
            elif isinstance(item, list):
                children = item
            else:
                continue
            if depth > limit:
                return True
            deeper.extend(children)
        level = deeper
        depth += 1
    return False


def as_dict(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadEvent(f"{where} must be an object")
    return value


def optional_dict(value: Any, where: str) -> dict[str, Any]:
    return {} if value is None else as_dict(value, where)


def text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise BadEvent(f"{where} must be a non-empty string")
    return value


def check_timestamp(value: Any) -> None:
    stamp = text(value, "request.timestamp")
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        raise BadEvent("request.timestamp is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise BadEvent("request.timestamp has no time zone")


def check_envelope(event: Any) -> dict[str, Any]:
    """The event as an envelope dict, or BadEvent: depth, version, request type, id and
    timestamp, and the shape of session and context (the web guard also requires the
    context, which Alexa always sends)."""
    envelope = as_dict(event, "the event")
    if too_deep(envelope):
        raise BadEvent(f"the event nests deeper than {MAX_DEPTH} levels")
    text(envelope.get("version"), "version")
    request = as_dict(envelope.get("request"), "request")
    request_type = text(request.get("type"), "request.type")
    if request_type not in REQUEST_TYPES:
        raise BadEvent("request.type is not one this skill answers")
    text(request.get("requestId"), "request.requestId")
    check_timestamp(request.get("timestamp"))
    session = optional_dict(envelope.get("session"), "session")
    optional_dict(session.get("attributes"), "session.attributes")
    optional_dict(envelope.get("context"), "context")
    return envelope
