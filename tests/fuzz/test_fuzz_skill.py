"""Fuzzing the skill in process, through `handle_event` (the Lambda path).

Property: an envelope shaped like Alexa's, whatever its values (unknown intents and
slots, slot text with `<` `&` and quotes, huge strings, odd locales, dialog states that
do not fit, stale, tampered or junk session attributes), gets a well-formed answer whose
SSML parses and holds only the skill's own markup, and no handler crashes on the way
(the apology is for real faults, not for input). A mutated envelope (fields deleted or
of the wrong type) gets a well-formed answer too whenever the web service's guard would
pass it on to the skill; one the guard refuses never reaches the skill over HTTP (a 400,
see test_fuzz_web.py), and Lambda only ever gets envelopes from Alexa itself.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill
from hypothesis import HealthCheck, event, given, settings

from fuzz.checks import handler_failures, problems, web_would_accept
from fuzz.envelopes import alexa_envelopes, mutated_envelopes
from fuzz.scratch import throwaway_memory
from fuzz.workload import record
from skill.app import create_skill, handle_event

SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
FUZZ = settings(
    max_examples=int(os.environ.get("NIGHTLEGS_FUZZ_EXAMPLES", "250")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@pytest.fixture(scope="module", autouse=True)
def _throwaway_memory() -> Iterator[None]:
    with throwaway_memory("nightlegs-fuzz-"):
        yield


@functools.lru_cache(maxsize=1)
def _skill() -> CustomSkill:
    return create_skill()


@functools.lru_cache(maxsize=1)
def _recorded() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    envelopes = [dict(item.envelope) for item in record()]
    states = [dict(e["session"]["attributes"]) for e in envelopes if e["session"].get("attributes")]
    return envelopes, states


def _answer(document: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    with handler_failures() as failures:
        result = handle_event(_skill(), document)
    return result, [failure.getMessage() for failure in failures]


def test_the_recorded_workload_itself_is_answered_cleanly() -> None:
    envelopes, _ = _recorded()
    for document in envelopes:
        result, failures = _answer(document)
        assert problems(result) == []
        assert failures == []


@FUZZ
@given(data=alexa_envelopes(_recorded()[1], SKILL_ID))
def test_any_alexa_shaped_envelope_gets_a_well_formed_answer(data: dict[str, Any]) -> None:
    result, failures = _answer(data)
    assert problems(result) == []
    assert failures == [], f"a handler crashed on this input: {failures}"


@FUZZ
@given(data=mutated_envelopes(_recorded()[0]))
def test_a_mutated_envelope_the_web_would_pass_on_gets_a_well_formed_answer(data: dict[str, Any]) -> None:
    if not web_would_accept(data):
        event("refused by the web guard")
        return
    event("passed on to the skill")
    result, _ = _answer(data)
    assert problems(result) == []
