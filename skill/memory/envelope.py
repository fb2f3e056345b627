"""What the memory stores read from an ask-sdk request envelope, and the record type."""

from __future__ import annotations

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
