"""What the memory stores read from an ask-sdk request envelope, and the record type."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ask_sdk_core.exceptions import PersistenceException

if TYPE_CHECKING:
    from ask_sdk_model import RequestEnvelope

Attributes = dict[str, Any]


def user_id_of(request_envelope: RequestEnvelope) -> str:
    try:
        user_id = request_envelope.context.system.user.user_id
    except AttributeError:
        user_id = None
    if not user_id:
        raise PersistenceException("the request carries no user id")
    return str(user_id)


def person_key_of(request_envelope: RequestEnvelope) -> str | None:
    """A key for the recognised speaker (Alexa's ``personId``), or None when no voice was
    recognised. Keyed with the account's user id, which is never stored, so the key in
    the record cannot be matched to the personId without it."""
    try:
        system = request_envelope.context.system
        person_id = system.person.person_id if system.person is not None else None
        user_id = system.user.user_id if system.user is not None else None
    except AttributeError:
        return None
    if not isinstance(person_id, str) or not person_id or not isinstance(user_id, str):
        return None
    return hmac.new(user_id.encode("utf-8"), person_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def request_id_of(request_envelope: RequestEnvelope) -> str | None:
    request = getattr(request_envelope, "request", None)
    request_id = getattr(request, "request_id", None)
    return str(request_id) if request_id else None


def plain(value: Any) -> Any:
    """DynamoDB hands numbers back as Decimal; make them the ints and floats JSON knows."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value
