"""Issue 23, finding 6: every malformed Lambda envelope gets one clean refusal that
echoes nothing sent; and finding 5: in Lambda, a missing, short or development session
key is refused."""

from __future__ import annotations

import copy
import json
import logging
import runpy
from collections.abc import Iterator
from typing import Any

import pytest

from skill import paths
from skill.dialog import signing
from skill.simulator.session import LocalSession

SENTINEL = "ECHOED-7f3a9"
_LAMBDA = str(paths.project_root() / "lambda" / "lambda_function.py")


@pytest.fixture(scope="module")
def lambda_module() -> dict[str, Any]:
    return runpy.run_path(_LAMBDA)


def _intent_envelope() -> dict[str, Any]:
    session = LocalSession()
    document = session.envelope({"type": "LaunchRequest"})
    document["request"] = {
        "type": "IntentRequest",
        "requestId": "amzn1.echo-api.request.1",
        "timestamp": document["request"]["timestamp"],
        "locale": "en-US",
        "dialogState": "STARTED",
        "intent": {
            "name": "AMAZON.HelpIntent",
            "confirmationStatus": "NONE",
            "slots": {"sensation": {"name": "sensation", "value": "numb", "confirmationStatus": "NONE"}},
        },
    }
    return document


def _leaf_paths(document: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(document, dict):
        for key, value in document.items():
            yield prefix + (key,)
            yield from _leaf_paths(value, prefix + (key,))


# Wrong-typed stand-ins for a field: each carries the sentinel where it can.
_WRONG = [SENTINEL, 12345, [SENTINEL], {"x": SENTINEL}, True]


def _malformed() -> Iterator[tuple[str, dict[str, Any]]]:
    for base in (LocalSession().envelope({"type": "LaunchRequest"}), _intent_envelope()):
        for path in _leaf_paths(base):
            for wrong in _WRONG:
                document = copy.deepcopy(base)
                parent = document
                for key in path[:-1]:
                    parent = parent[key]
                if type(parent[path[-1]]) is type(wrong):
                    continue
                parent[path[-1]] = copy.deepcopy(wrong)
                yield f"{'.'.join(map(str, path))}={type(wrong).__name__}", document


CASES = list(_malformed())


def test_there_are_many_envelope_shaped_malformed_events() -> None:
    assert len(CASES) > 100


def test_every_malformed_envelope_gets_an_answer_or_one_clean_refusal(
    lambda_module: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    handler = lambda_module["lambda_handler"]
    raised, echoed = [], []
    for name, document in CASES:
        caplog.clear()
        with caplog.at_level(logging.INFO):
            try:
                result = handler(document, None)
            except Exception as exc:  # noqa: BLE001 - what the test counts
                raised.append(f"{name}: {type(exc).__name__}")
                continue
        if "error" in result:
            assert set(result) == {"error", "message"}, name
            if SENTINEL in json.dumps(result):
                echoed.append(name)
        else:
            assert result.get("version") == "1.0" and "response" in result, name
        refusals = [r for r in caplog.records if r.getMessage().startswith("refused event")]
        if "error" in result:
            assert len(refusals) == 1, f"{name}: {len(refusals)} refusal lines"
        if any(SENTINEL in r.getMessage() for r in caplog.records):
            echoed.append(f"{name} (log)")
    assert not raised, f"{len(raised)} of {len(CASES)} raised: {raised[:10]}"
    assert not echoed, f"{len(echoed)} echo the sent value: {echoed[:10]}"


def test_a_newline_in_an_intent_name_cannot_forge_a_log_line(
    lambda_module: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    document = _intent_envelope()
    document["request"]["intent"]["name"] = "AMAZON.HelpIntent\nINFO nightlegs.web forged=1"
    with caplog.at_level(logging.INFO), caplog.at_level(logging.INFO, logger="skill.requests"):
        lambda_module["lambda_handler"](document, None)
    formatter = logging.Formatter("%(levelname)s %(name)s %(message)s")
    lines = "\n".join(formatter.format(record) for record in caplog.records).splitlines()
    assert not any(line.startswith("INFO nightlegs.web forged") for line in lines), lines
    assert any("forged=1" in line for line in lines), "the name is logged, escaped"


# --------------------------------------------------------------------------- session key


@pytest.mark.parametrize(
    "key", [None, "", "short-key", signing.DEVELOPMENT_KEY, signing.DEVELOPMENT_KEY + "-and-more-words"]
)
def test_lambda_refuses_a_missing_short_or_development_key(
    key: str | None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "nightlegs")
    if key is None:
        monkeypatch.delenv(signing.ENV_SESSION_KEY, raising=False)
    else:
        monkeypatch.setenv(signing.ENV_SESSION_KEY, key)
    with caplog.at_level(logging.INFO):
        module = runpy.run_path(_LAMBDA)
        result = module["lambda_handler"](LocalSession().envelope({"type": "LaunchRequest"}), None)
    assert result["error"] == "misconfigured"
    assert "response" not in result
    assert any(signing.ENV_SESSION_KEY in r.getMessage() for r in caplog.records)
    if key:
        assert all(key not in r.getMessage() for r in caplog.records), "the key itself is never logged"


def test_lambda_answers_with_a_key_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "nightlegs")
    monkeypatch.setenv(signing.ENV_SESSION_KEY, "3f" * 32)
    module = runpy.run_path(_LAMBDA)
    result = module["lambda_handler"](LocalSession().envelope({"type": "LaunchRequest"}), None)
    assert "Night Legs" in result["response"]["outputSpeech"]["ssml"]


def test_an_alexa_hosted_build_can_carry_the_key_in_a_file(tmp_path: Any, lambda_module: dict[str, Any]) -> None:
    (tmp_path / "session_key.txt").write_text("ab" * 32 + "\n")
    env: dict[str, str] = {}
    lambda_module["use_session_key_file"](env, str(tmp_path))
    assert env[signing.ENV_SESSION_KEY] == "ab" * 32
