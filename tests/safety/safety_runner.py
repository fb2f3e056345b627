"""Plays safety dialogs (review and corpus files) through LocalSession, as `nightlegs ask
--locale L` does, and judges each one by its `expect`, `at_turn` and patterns.

File format (at the top of ../shared/review/safety-dialogs.yaml): expect is emergency,
same_day, benign, urgent, screen or any; at_turn is 1-based (negative from the end);
must / must_any / must_not / must_not_all are case-insensitive regular expressions on that
turn's speech.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from skill.content import load_content
from skill.simulator.session import LocalSession, Turn


@dataclass(frozen=True)
class Outcome:
    id: str
    category: str
    locale: str
    ok: bool
    why: str


def load(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list), path
    return data


def _is_emergency(turn: Turn, locale: str) -> bool:
    from skill.dialog.speech import call_now

    # "Call 999 now." (the locale's first number; a second one follows in its own sentence)
    return call_now(load_content(locale)) in turn.speech and turn.end_session


def _is_same_day(turn: Turn, locale: str) -> bool:
    text = load_content(locale)
    return text.fill(text.tiers["same_day"].action) in turn.speech


def _asks_screen(turn: Turn, locale: str) -> bool:
    text = load_content(locale)
    from skill.dialog.speech import call_sentences

    # the safety question, asked again, or the emergency criteria line (one number a sentence)
    asks = [text.screen.prompt, text.prompt("screen_again"), call_sentences(text.summaries["emergency"], text)]
    asks += [q.prompt for q in (text.danger.clarify or {}).values()]
    return any(a in turn.speech for a in asks)


def play(dialog: dict[str, Any]) -> Outcome:
    locale = dialog.get("locale", "en-US")
    session = LocalSession(locale)
    turns = [session.say(str(t)) for t in dialog["turns"]]
    raw_at = dialog.get("at_turn", -1)
    at = -1 if raw_at == "all" else int(raw_at)
    turn = turns[at - 1 if at > 0 else at]
    expect = dialog.get("expect", "any")
    problems: list[str] = []
    if raw_at == "all":  # every turn must pass the patterns
        for number, each in enumerate(turns[:-1], start=1):
            extra = play_patterns(dialog, each.speech)
            problems += [f"turn {number}: {p}" for p in extra]
    if expect == "emergency" and not _is_emergency(turn, locale):
        problems.append("no emergency call")
    elif expect == "same_day" and (not _is_same_day(turn, locale) or _is_emergency(turn, locale)):
        problems.append("no same-day answer")
    elif expect == "urgent" and not (_is_emergency(turn, locale) or _is_same_day(turn, locale)):
        problems.append("not urgent")
    elif expect == "screen" and not (_is_emergency(turn, locale) or _asks_screen(turn, locale)):
        problems.append("neither emergency nor the safety question")
    elif expect == "benign" and any(_is_emergency(t, locale) for t in turns):
        problems.append("emergency call for a benign dialog")
    speech = turn.speech
    problems += play_patterns(dialog, speech)
    why = "; ".join(problems)
    if problems:
        why += f" | turns={dialog['turns']!r} | turn {raw_at}: {speech[:160]!r}"
    return Outcome(str(dialog["id"]), str(dialog.get("category")), locale, not problems, why)


def play_patterns(dialog: dict[str, Any], speech: str) -> list[str]:
    problems: list[str] = []
    for pattern in dialog.get("must") or []:
        if not re.search(pattern, speech, re.I):
            problems.append(f"must say /{pattern}/")
    if dialog.get("must_any") and not any(re.search(p, speech, re.I) for p in dialog["must_any"]):
        problems.append(f"must say one of {dialog['must_any']}")
    for pattern in dialog.get("must_not") or []:
        if re.search(pattern, speech, re.I):
            problems.append(f"must not say /{pattern}/")
    if dialog.get("must_not_all") and all(re.search(p, speech, re.I) for p in dialog["must_not_all"]):
        problems.append(f"must not say all of {dialog['must_not_all']}")
    return problems


def summary(outcomes: list[Outcome]) -> str:
    total = Counter((o.category, o.locale) for o in outcomes)
    good = Counter((o.category, o.locale) for o in outcomes if o.ok)
    lines = [f"{c:12} {l}: {good[(c, l)]}/{n}" for (c, l), n in sorted(total.items())]
    lines += [f"  {o.id} [{o.category} {o.locale}] {o.why}" for o in outcomes if not o.ok]
    return "\n".join(lines)
