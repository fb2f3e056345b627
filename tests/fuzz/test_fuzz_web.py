"""Fuzzing the web service through Flask's test client: a clean 4xx or a good 200, never a 500.

Bodies are Alexa-shaped envelopes with hostile values, recorded envelopes with fields
deleted or of the wrong type, any JSON at all, and raw bytes under assorted content
types. Unverified (signature checks off, application id checked) for volume; a smaller
run with real signature checks against the web tests' private CA shows the signed path
answers the same way and refuses a body changed after signing.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from fuzz.checks import handler_failures, problems
from fuzz.envelopes import alexa_envelopes, json_values, mutated_envelopes
from fuzz.scratch import throwaway_memory
from fuzz.web_pki import CERT_URL, SKILL_ID, FakeFetcher, Pki, body_of, build_pki, sign
from fuzz.workload import fresh, record
from skill.app import create_skill
from skill.web.app import WebConfig, create_app

EXAMPLES = int(os.environ.get("NIGHTLEGS_FUZZ_EXAMPLES", "250"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@pytest.fixture(scope="module", autouse=True)
def _throwaway_memory() -> Iterator[None]:
    with throwaway_memory("nightlegs-fuzz-web-"):
        yield


@functools.lru_cache(maxsize=1)
def _recorded() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    envelopes = [fresh(item.envelope, skill_id=SKILL_ID) for item in record()]
    states = [dict(e["session"]["attributes"]) for e in envelopes if e["session"].get("attributes")]
    return envelopes, states


@functools.lru_cache(maxsize=1)
def _unverified_client() -> FlaskClient:
    app = create_app(WebConfig(skill_id=SKILL_ID, verify_signature=False), skill=create_skill())
    return app.test_client()


@functools.lru_cache(maxsize=1)
def _pki() -> Pki:
    return build_pki()


@functools.lru_cache(maxsize=1)
def _verified_client() -> FlaskClient:
    folder = Path(tempfile.mkdtemp(prefix="nightlegs-fuzz-pki-"))
    root = folder / "root.pem"
    root.write_bytes(_pki().root_pem())
    config = WebConfig(skill_id=SKILL_ID, verify_signature=True, extra_trust_roots=(root,))
    app = create_app(config, skill=create_skill(), fetcher=FakeFetcher({CERT_URL: _pki().good_chain}))
    return app.test_client()


def _stamp_now(document: Any) -> Any:
    """Put the current time in request.timestamp, where there is one to put it in."""
    request = document.get("request") if isinstance(document, dict) else None
    if isinstance(request, dict) and isinstance(request.get("timestamp"), str):
        request["timestamp"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return document


def _check(status: int, payload: bytes) -> None:
    assert status < 500, f"HTTP {status}: {payload[:500]!r}"
    if status == 200:
        assert problems(json.loads(payload)) == []
    else:
        assert 400 <= status < 500
        assert json.loads(payload).get("error"), "a refusal says why in a short JSON body"


documents = st.one_of(
    alexa_envelopes(_recorded()[1], SKILL_ID),
    mutated_envelopes(_recorded()[0]),
    json_values(),
)


@FUZZ
@given(document=documents)
def test_any_json_body_gets_a_clean_4xx_or_a_well_formed_200(document: Any) -> None:
    body = json.dumps(_stamp_now(document)).encode("utf-8")
    reply = _unverified_client().post("/", data=body, headers={"Content-Type": "application/json"})
    event(f"HTTP {reply.status_code}")
    _check(reply.status_code, reply.get_data())


@settings(FUZZ, max_examples=max(EXAMPLES // 2, 10))
@given(
    body=st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass"))),
    content_type=st.sampled_from(
        ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", ""]
    ),
)
def test_raw_bytes_get_a_clean_4xx(body: bytes, content_type: str) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    reply = _unverified_client().post("/", data=body, headers=headers)
    assert 400 <= reply.status_code < 500, f"HTTP {reply.status_code} for {body[:80]!r}"
    assert json.loads(reply.get_data()).get("error")


@settings(FUZZ, max_examples=max(EXAMPLES // 5, 10))
@given(document=alexa_envelopes(_recorded()[1], SKILL_ID), flip=st.integers(min_value=0))
def test_signed_hostile_envelopes_are_answered_and_a_changed_body_is_refused(document: dict[str, Any], flip: int) -> None:
    body = body_of(_stamp_now(document))
    headers = sign(body, _pki().signing_key)
    with handler_failures() as failures:
        reply = _verified_client().post("/", data=body, headers=headers)
    _check(reply.status_code, reply.get_data())
    assert reply.status_code == 200, reply.get_data(as_text=True)
    assert [r.getMessage() for r in failures] == []

    index = flip % len(body)
    changed = body[:index] + bytes([body[index] ^ 0x01]) + body[index + 1:]
    refused = _verified_client().post("/", data=changed, headers=headers)
    assert refused.status_code == 400, refused.get_data(as_text=True)


def test_an_envelope_without_context_is_a_400_not_a_500() -> None:
    """Found by the fuzzer: with the application id only in `session`, an envelope with no
    `context` passed the guard and crashed ask-sdk's invoke (it reads context.System for
    the API token), answering 500. Alexa sends `context.System` with every request."""
    document = fresh(_recorded()[0][1], skill_id=SKILL_ID)
    del document["context"]
    reply = _unverified_client().post("/", data=body_of(document), headers={"Content-Type": "application/json"})
    assert reply.status_code == 400, reply.get_data(as_text=True)
    assert "context" in reply.get_json()["message"]
