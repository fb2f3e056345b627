"""Operations metrics: one EMF line per request with the counts people alarm on, and
nothing about the user in it."""

from __future__ import annotations

import json

import pytest

from skill.handlers.interceptors import metrics
from skill.simulator.session import LocalSession


def _emf_lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.startswith('{"_aws"')]


@pytest.fixture
def emf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(metrics.ENV_METRICS, "emf")


def test_an_emergency_answer_is_counted_without_what_the_user_said(
    emf: None, capsys: pytest.CaptureFixture[str]
) -> None:
    turn = LocalSession("en-US").say("my leg went numb and my face is drooping")
    assert "Call 911 now" in turn.speech
    (record,) = _emf_lines(capsys.readouterr().out)
    assert record["EmergencyAnswers"] == 1 and record["Fallbacks"] == 0
    declared = record["_aws"]["CloudWatchMetrics"][0]  # type: ignore[index]
    assert declared["Namespace"] == "NightLegs"
    assert {m["Name"] for m in declared["Metrics"]} == set(metrics.METRIC_NAMES)
    text = json.dumps(record).lower()
    for private in ("face", "droop", "numb", "amzn1", "user", "device"):
        assert private not in text


def test_an_ordinary_answer_counts_no_emergency(emf: None, capsys: pytest.CaptureFixture[str]) -> None:
    LocalSession("en-GB").say("my leg goes numb when I lie on my side")
    (record,) = _emf_lines(capsys.readouterr().out)
    assert record["EmergencyAnswers"] == 0


def test_the_emergency_count_follows_the_locale_number(emf: None, capsys: pytest.CaptureFixture[str]) -> None:
    turn = LocalSession("en-AU").say("my leg is cold and pale")
    assert "000" in turn.speech
    (record,) = _emf_lines(capsys.readouterr().out)
    assert record["EmergencyAnswers"] == 1


def test_the_exception_handler_counts_an_error(emf: None, capsys: pytest.CaptureFixture[str]) -> None:
    metrics.record_error()
    (record,) = _emf_lines(capsys.readouterr().out)
    assert record["Errors"] == 1


def test_no_metric_lines_unless_switched_on(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv(metrics.ENV_METRICS, raising=False)
    LocalSession("en-US").say("my leg went numb and my face is drooping")
    assert _emf_lines(capsys.readouterr().out) == []
