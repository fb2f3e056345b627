"""The thread corpus is well formed, its runner can tell a pass from a fail, and the skill
passes it but for the listed misses (`python tests/dialog/thread_corpus.py` prints the
figures per category and locale)."""

from __future__ import annotations

from typing import Any

import pytest

from skill.content import load_content
from thread_corpus import CATEGORIES, CHECK_KEYS, LOCALES, _is_fallback, load, play, play_all, report, schema_problems

DIALOGS = load()

# Dialogs the skill still gets wrong, each with why. The test fails when another one fails,
# and when a listed one passes (take it off: the list only shrinks).
KNOWN_MISSES = {
    "a-ca-05": "an odd answer to the safety question ('well its my leg thats the problem') is heard as 'remember this'",
    "e-us-03": "'no, it is different tonight' fits no intent (a bag of words cannot tell it from 'it is no different'), so the welcome's question gets the fallback",
}


def test_the_skill_passes_the_thread_corpus_but_the_known_misses() -> None:
    results = play_all(DIALOGS)
    failing = {r.id for r in results if not r.ok}
    print("\n" + report(results, verbose=False))
    assert not failing - set(KNOWN_MISSES), report([r for r in results if r.id in failing - set(KNOWN_MISSES)])
    assert not set(KNOWN_MISSES) - failing, f"these pass now: take them off KNOWN_MISSES: {sorted(set(KNOWN_MISSES) - failing)}"


def test_the_corpus_is_well_formed() -> None:
    assert schema_problems(DIALOGS) == []


def test_every_category_and_locale_has_dialogs_and_ids_are_unique() -> None:
    ids = [d["id"] for d in DIALOGS]
    assert len(ids) == len(set(ids))
    assert {d["category"] for d in DIALOGS} == set(CATEGORIES)
    assert {d["locale"] for d in DIALOGS} == set(LOCALES)
    assert len(DIALOGS) >= 150
    used = {key for d in DIALOGS for check in d["checks"] for key in check}
    assert used <= CHECK_KEYS


@pytest.mark.parametrize(
    ("broken", "complaint"),
    [
        ({"checks": [{"at_turn": 1, "must_say": "x"}]}, "unknown check 'must_say'"),
        ({"checks": [{"at_turn": 5, "open": True}]}, "at_turn 5 is not a turn"),
        ({"checks": [{"at_turn": 1, "asks_again": "bedtime"}]}, "asks_again 'bedtime'"),
        ({"checks": [{"at_turn": 1, "must": "(unclosed"}]}, "is not a regex"),
        ({"checks": [{"at_turn": 1, "why": "no check at all"}]}, "checks nothing"),
        ({"category": "z"}, "unknown category"),
        ({"locale": "en-NZ"}, "unknown locale"),
        ({"turns": ["hello", {"tomorrow": True}]}, "not a sentence or a known directive"),
    ],
)
def test_the_schema_check_names_what_is_wrong(broken: dict[str, Any], complaint: str) -> None:
    dialog = {"id": "x-1", "category": "a", "locale": "en-US", "turns": ["open night legs"], "checks": [{"at_turn": 1, "open": True}]}
    problems = schema_problems([{**dialog, **broken}])
    assert any(complaint in p for p in problems), problems


def test_a_repeated_id_is_reported() -> None:
    dialog = {"id": "same", "category": "a", "locale": "en-US", "turns": ["open night legs"], "checks": [{"at_turn": 1, "open": True}]}
    assert any("used 2 times" in p for p in schema_problems([dialog, dict(dialog)]))


def _dialog(turns: list[Any], check: dict[str, Any], locale: str = "en-GB") -> dict[str, Any]:
    return {"id": "probe", "category": "a", "locale": locale, "turns": turns, "checks": [check]}


def test_a_true_expectation_passes() -> None:
    # What the launch says and waits for is plain: a welcome, the session open, no question waiting.
    result = play(_dialog(["open night legs"], {"at_turn": 1, "open": True, "not_fallback": True, "must": "welcome"}))
    assert result.ok, result.reason


@pytest.mark.parametrize(
    ("turns", "check", "reason"),
    [
        (["open night legs"], {"at_turn": 1, "must_not": "welcome"}, "says /welcome/"),
        (["open night legs"], {"at_turn": 1, "must": "xyzzy never said"}, "does not say"),
        (["open night legs"], {"at_turn": 1, "asks_again": "screen"}, "waits for nothing, not screen"),
        (["open night legs", "stop"], {"at_turn": 2, "open": True}, "the session ended"),
        (["open night legs", "repeat"], {"at_turn": 2, "not_repeat": True}, "says again what the turn before said"),
    ],
)
def test_a_wrong_expectation_is_reported_as_a_failure(turns: list[str], check: dict[str, Any], reason: str) -> None:
    result = play(_dialog(turns, check))
    assert not result.ok
    assert reason in result.reason


def test_asks_again_by_turn_number_compares_what_waited_then() -> None:
    # The launch waits for nothing; the safety question waits after a symptom: not the same question.
    result = play(_dialog(["open night legs", "my calf aches at night"], {"at_turn": 2, "asks_again": 1}))
    assert not result.ok
    assert "waits for screen" in result.reason


@pytest.mark.parametrize("locale", LOCALES)
def test_the_fallback_is_recognised_in_every_locale(locale: str) -> None:
    text = load_content(locale)
    assert _is_fallback(text.prompt("fallback") + " " + text.prompt("fallback_question"), locale)
    assert _is_fallback(text.prompt("fallback_in_question"), locale)
    assert not _is_fallback(text.prompt("help") + " " + text.screen.prompt, locale)
