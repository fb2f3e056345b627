"""Helpers shared by the memory, persistence and reminder tests."""

from __future__ import annotations

import uuid

from ask_sdk_model import Context, IntentRequest, RequestEnvelope, User
from ask_sdk_model.interfaces.system import SystemState

ALICE = "amzn1.ask.account.ALICE-TEST-USER"
BOB = "amzn1.ask.account.BOB-TEST-USER"


def envelope(user_id: str = ALICE, request_id: str | None = None) -> RequestEnvelope:
    """A minimal real ask-sdk request envelope for one user and one request."""
    return RequestEnvelope(
        context=Context(system=SystemState(user=User(user_id=user_id))),
        request=IntentRequest(request_id=request_id or f"amzn1.echo-api.request.{uuid.uuid4()}"),
    )
