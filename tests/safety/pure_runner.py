"""The pure screen over the words of safety dialogs (no interaction model in between):
what the screen finds when it is given every word, as the catch-all slot will give it."""

from __future__ import annotations

import re
from typing import Any

from skill.content import load_content
from skill.core.decision import Emergency, SameDay, decide_urgent
from skill.core.danger_screen import known_facts, screen
from skill.core.symptoms import Symptoms

_INVOCATION = re.compile(r"^\s*(alexa,? )?(ask|tell|open) night legs( to| about| if| whether)?\s*", re.I)


def words_of(dialog: dict[str, Any]) -> list[str]:
    turns = [str(t) for t in dialog["turns"]]
    raw_at = dialog.get("at_turn", -1)
    at = len(turns) if raw_at == "all" else int(raw_at)
    upto = turns[: at if at > 0 else len(turns) + at + 1]
    return [_INVOCATION.sub("", t) for t in upto]


def verdict(dialog: dict[str, Any]) -> str:
    """'emergency', 'same_day', 'clarify' or 'none' from the words alone."""
    text = load_content(dialog.get("locale", "en-US"))
    symptoms = Symptoms()
    result = None
    for words in words_of(dialog):
        result = screen([words], text.danger, known_facts(symptoms))
        for finding in result.found:
            symptoms = symptoms.with_value(finding.slot, finding.value)
    decision = decide_urgent(symptoms, text)
    if isinstance(decision, Emergency):
        return "emergency"
    if isinstance(decision, SameDay):
        return "same_day"
    if result is not None and result.clarify is not None:
        return "clarify"
    return "none"


def judge(dialog: dict[str, Any]) -> bool:
    expect = dialog.get("expect")
    got = verdict(dialog)
    if dialog.get("category") == "self_harm":
        return got == "emergency"
    if expect == "emergency":
        return got == "emergency"
    if expect == "same_day":
        return got == "same_day"
    if expect == "urgent":
        return got in ("emergency", "same_day")
    if expect == "benign":
        return got != "emergency"
    return True
