"""Helpers shared by the memory, persistence and reminder tests."""

from __future__ import annotations

import uuid

import pytest

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


def use_dynamodb(monkeypatch: pytest.MonkeyPatch, endpoint: str, table: str, salt: str) -> str:
    """Point the skill's store at `table` on a DynamoDB stand-in (the `dynamodb_endpoint`
    fixture), created on first use, with test credentials and `salt`; returns the table."""
    for name, value in {
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "NIGHTLEGS_DYNAMODB_TABLE": table,
        "NIGHTLEGS_DYNAMODB_ENDPOINT": endpoint,
        "NIGHTLEGS_DYNAMODB_CREATE_TABLE": "1",
        "NIGHTLEGS_USER_SALT": salt,
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    return table
