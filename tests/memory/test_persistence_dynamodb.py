"""The Lambda store: ask-sdk's DynamoDB adapter, keyed by hashed user ids, against moto's
DynamoDB server on a loopback port (real HTTP, real boto3, no AWS account)."""

from __future__ import annotations

import hashlib
import hmac
import logging
import socket

import pytest

from memory_support import ALICE, BOB, envelope, use_dynamodb
from skill.memory.factory import persistence_from_env
from skill.memory.guard import MemoryUnavailable

SALT = "test-salt-0123456789abcdef0123456789"


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, dynamodb_endpoint: str, request: pytest.FixtureRequest) -> str:
    table = f"nightlegs-{request.node.name[-40:]}".replace("[", "-").replace("]", "")
    return use_dynamodb(monkeypatch, dynamodb_endpoint, table, SALT)


def test_memory_round_trips_through_dynamodb_under_a_hashed_key(aws_env: str, dynamodb_endpoint: str) -> None:
    import boto3

    adapter = persistence_from_env()
    assert adapter.name == "dynamodb"
    request = envelope(ALICE)
    adapter.get_attributes(request)
    adapter.save_attributes(request, {"memory": {"pace": "slow", "progress": {"step": 3}}})

    again = persistence_from_env().get_attributes(envelope(ALICE))
    assert again == {"memory": {"pace": "slow", "progress": {"step": 3}}}
    assert type(again["memory"]["progress"]["step"]) is int  # not DynamoDB's Decimal
    assert persistence_from_env().get_attributes(envelope(BOB)) == {}

    items = boto3.resource("dynamodb", endpoint_url=dynamodb_endpoint).Table(aws_env).scan()["Items"]
    expected = hmac.new(SALT.encode(), ALICE.encode(), hashlib.sha256).hexdigest()
    assert [item["id"] for item in items if item["id"] != "nightlegs-salt-check"] == [expected]
    assert "ALICE" not in repr(items)


def test_forget_me_deletes_the_dynamodb_item(aws_env: str) -> None:
    adapter = persistence_from_env()
    request = envelope(ALICE)
    adapter.get_attributes(request)
    adapter.save_attributes(request, {"memory": {"pace": "slow"}})
    adapter.delete_attributes(envelope(ALICE))
    assert persistence_from_env().get_attributes(envelope(ALICE)) == {}


def test_without_a_salt_dynamodb_stores_nothing_and_says_so_once(
    aws_env: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("NIGHTLEGS_USER_SALT")
    adapter = persistence_from_env()
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            request = envelope(ALICE)
            assert adapter.get_attributes(request) == {}
            adapter.save_attributes(request, {"memory": {"pace": "slow"}})
        with pytest.raises(MemoryUnavailable):
            adapter.delete_attributes(envelope(ALICE))
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "NIGHTLEGS_USER_SALT" in warnings[0].getMessage()


def test_an_unreachable_dynamodb_means_no_memory_not_a_crash(
    aws_env: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as sock:  # a loopback port with nothing listening
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    monkeypatch.setenv("NIGHTLEGS_DYNAMODB_ENDPOINT", f"http://127.0.0.1:{closed}")
    monkeypatch.setenv("NIGHTLEGS_DYNAMODB_CREATE_TABLE", "0")
    adapter = persistence_from_env()
    with caplog.at_level(logging.WARNING):
        request = envelope(ALICE)
        assert adapter.get_attributes(request) == {}
        adapter.save_attributes(request, {"memory": {"pace": "slow"}})
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "ALICE" not in warnings[0].getMessage()
