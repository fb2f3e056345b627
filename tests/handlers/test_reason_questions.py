"""Asking for the reason mid-way, in words other than "why": answered, then the question
that was waiting is asked again (issue 13, item 4)."""

from __future__ import annotations

import pytest

from conftest import run_dialog

ASKED = [
    ("en-IN", "please tell me what is causing this"),
    ("en-GB", "how come it keeps happening to me"),
    ("en-US", "whats the cause of it"),
    ("en-AU", "can you tell me why it happens at night"),
]


@pytest.mark.parametrize(("locale", "asked"), ASKED)
def test_a_reason_asked_mid_way_is_answered_and_the_question_comes_back(locale: str, asked: str) -> None:
    turns = run_dialog(["my legs get numb in bed", "no", asked], locale=locale)
    assert "did not catch" not in turns[2].speech, turns[2].speech
    assert "How do you lie" in turns[2].speech, turns[2].speech
