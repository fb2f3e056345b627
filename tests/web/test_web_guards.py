"""Bad input never reaches the skill and never gets a 500; errors are short JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from alexa_fakes import Pki, SpySkill, body_of, envelope, sign


def _assert_short_json_error(reply: Any, status: int) -> None:
    assert reply.status_code == status
    assert reply.mimetype == "application/json"
    document = reply.get_json()
    assert set(document) == {"error", "message"}
    text = reply.get_data(as_text=True)
    assert "Traceback" not in text and len(text) < 300


def _deep(levels: int) -> bytes:
    return b'{"a":' * levels + b"{}" + b"}" * levels


NOT_ENVELOPES: dict[str, bytes] = {
    "not JSON": b"{this is not json",
    "not UTF-8": b'{"version": "1.0", "x": "\xff\xfe"}',
    "a JSON list": b"[]",
    "a JSON string": b'"hello"',
    "an object without request": json.dumps({"version": "1.0", "hello": "there"}).encode(),
    "request without type": body_of({**envelope(), "request": {"requestId": "r", "timestamp": "2026-01-01T00:00:00Z"}}),
    "unknown request type": body_of({**envelope(), "request": {**envelope()["request"], "type": "NoSuchRequest"}}),
    "timestamp without zone": body_of(
        {**envelope(), "request": {**envelope()["request"], "timestamp": "2026-01-01T00:00:00"}}
    ),
    "timestamp not a time": body_of({**envelope(), "request": {**envelope()["request"], "timestamp": "soon"}}),
    "session not an object": body_of({**envelope(), "session": "abc"}),
    "no application id": body_of({k: v for k, v in envelope().items() if k not in ("session", "context")}),
    "800-deep session attributes": body_of({**envelope(), "session": {**envelope()["session"], "attributes": {}}}).replace(
        b'"attributes":{}', b'"attributes":' + _deep(800)
    ),
    "JSON deeper than the parser goes": b'{"version":"1.0","x":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "intent is a number": body_of(
        {**envelope(), "request": {**envelope()["request"], "type": "IntentRequest", "intent": 5}}
    ),
}


@pytest.mark.parametrize("body", NOT_ENVELOPES.values(), ids=NOT_ENVELOPES.keys())
def test_body_that_is_not_an_alexa_request_is_a_400(
    body: bytes, make_client: Callable[..., Any], pki: Pki, spy_skill: SpySkill
) -> None:
    reply = make_client().post("/", data=body, headers=sign(body, pki.signing_key))
    _assert_short_json_error(reply, 400)
    assert spy_skill.invocations == 0


def test_body_over_the_size_limit_is_a_413(make_client: Callable[..., Any], pki: Pki, spy_skill: SpySkill) -> None:
    document = envelope()
    document["padding"] = "x" * 5000
    body = body_of(document)
    reply = make_client(max_body_bytes=4096).post("/", data=body, headers=sign(body, pki.signing_key))
    _assert_short_json_error(reply, 413)
    assert spy_skill.invocations == 0


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_wrong_method_is_a_405_that_says_post(method: str, make_client: Callable[..., Any]) -> None:
    reply = make_client().open("/", method=method)
    _assert_short_json_error(reply, 405)
    assert "POST" in reply.headers["Allow"]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_wrong_content_type_is_a_415(
    content_type: str | None, make_client: Callable[..., Any], pki: Pki, spy_skill: SpySkill
) -> None:
    body = body_of(envelope())
    headers = sign(body, pki.signing_key)
    headers.pop("Content-Type")
    if content_type:
        headers["Content-Type"] = content_type
    reply = make_client().post("/", data=body, headers=headers)
    _assert_short_json_error(reply, 415)
    assert spy_skill.invocations == 0


def test_unknown_path_is_a_short_json_404(make_client: Callable[..., Any]) -> None:
    _assert_short_json_error(make_client().get("/admin"), 404)


def test_skill_failure_is_a_500_without_a_stack_trace(make_client: Callable[..., Any], pki: Pki) -> None:
    # The test skill has no handler for intents, so ask-sdk raises inside the skill.
    body = body_of(envelope("IntentRequest", intent="NoSuchIntent"))
    reply = make_client().post("/", data=body, headers=sign(body, pki.signing_key))
    _assert_short_json_error(reply, 500)


def _web_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "nightlegs.web"]


def test_one_log_line_per_request_without_user_data(
    make_client: Callable[..., Any], pki: Pki, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    client = make_client()
    document = envelope("IntentRequest", intent="NoSuchIntent")
    document["request"]["intent"]["slots"] = {"side": {"name": "side", "value": "my left leg"}}
    for body in (body_of(envelope()), body_of(document)):
        client.post("/", data=body, headers=sign(body, pki.signing_key))
    lines = _web_lines(caplog)
    assert len(lines) == 2
    assert "type=LaunchRequest" in lines[0] and "status=200" in lines[0] and "duration_ms=" in lines[0]
    assert "type=IntentRequest" in lines[1] and "intent=NoSuchIntent" in lines[1]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "SECRET" not in logged and "left leg" not in logged


def test_debug_log_adds_user_device_and_slots(
    make_client: Callable[..., Any], pki: Pki, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    document = envelope("IntentRequest", intent="NoSuchIntent")
    document["request"]["intent"]["slots"] = {"side": {"name": "side", "value": "my left leg"}}
    body = body_of(document)
    make_client(debug_log=True).post("/", data=body, headers=sign(body, pki.signing_key))
    (line,) = _web_lines(caplog)[:1]
    assert "SECRET-USER" in line and "SECRET-DEVICE" in line and "left leg" in line
