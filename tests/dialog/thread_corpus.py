"""Plays the held-out thread corpus (tests/corpora/thread_dialogs.yaml) through the real skill,
in process, as `nightlegs ask --locale L` does, and judges every dialog by its checks.

It measures; it does not gate. `python tests/dialog/thread_corpus.py` prints the pass rate per
category and per locale and lists each failing dialog with its reason (exit status 0 unless the
corpus itself is malformed). `tests/dialog/test_thread_corpus.py` checks the corpus is well formed
and that this runner can fail; no test asserts that every dialog passes.

The file format is described at the top of the corpus file. In short: a dialog's `turns` are what
the user says, one string a turn (the first may be "open night legs" or "ask night legs ..."), or
one of two directives: `{next_night: true}` (the session is over; the same user opens a new one
later) and `{until_asked_nothing: "<words>"}` (say those words while a symptom question other than
the safety question waits, at most four times; the turn recorded is the last one said). `checks`
name a turn (`at_turn`, 1-based, negative from the end, or a list of turns) and what must hold
there.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from skill.content import load_content
from skill.dialog.pending import FOLLOW_UPS, SAFETY_QUESTIONS, Pending, parse
from skill.dialog.session_keys import CONVERSATION_KEY
from skill.simulator.session import LocalSession, Turn

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "thread_dialogs.yaml"

CATEGORIES: Mapping[str, str] = {
    "a": "thread kept across an interruption",
    "b": "help fits where the person is",
    "c": "follow-ups after an answer",
    "d": "no after a fallback",
    "e": "returning user",
    "f": "reminder permission",
    "g": "scope: medicines, children, pregnancy, worries",
    "h": "echo in their own words",
}
LOCALES = ("en-US", "en-CA", "en-GB", "en-AU", "en-IN")
DIALOG_KEYS = frozenset({"id", "category", "locale", "turns", "checks", "why"})
CHECK_KEYS = frozenset({"at_turn", "not_fallback", "open", "asks_again", "not_repeat", "must", "must_not", "why"})
DIRECTIVES = frozenset({"next_night", "until_asked_nothing"})
MAX_DUNNO = 4
# The sentences that say "I did not understand", in every locale: the fallback's first sentence
# and "I do not know about that one yet".
_FALLBACK_PROMPTS = ("fallback", "fallback_in_question", "unknown_cause")


@dataclass(frozen=True)
class Said:
    """One recorded turn: what the skill said and what it then waited for."""

    turn: Turn
    pending: Pending | None


@dataclass(frozen=True)
class Result:
    id: str
    category: str
    locale: str
    ok: bool
    reason: str


# ---------------------------------------------------------------------------------- loading


def load(path: Path = CORPUS) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: the corpus is a list of dialogs")
    return data


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _known_pending(value: Any) -> bool:
    return parse(value) is not None


def schema_problems(dialogs: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every way the corpus is malformed; empty when it is well formed."""
    problems: list[str] = []
    seen: Counter[str] = Counter()
    for number, dialog in enumerate(dialogs, start=1):
        where = f"dialog {number} ({dialog.get('id', '?')})" if isinstance(dialog, Mapping) else f"dialog {number}"
        if not isinstance(dialog, Mapping):
            problems.append(f"{where}: not a mapping")
            continue
        seen[str(dialog.get("id"))] += 1
        problems += [f"{where}: unknown key {key!r}" for key in dialog if key not in DIALOG_KEYS]
        for key in ("id", "category", "locale", "turns", "checks"):
            if key not in dialog:
                problems.append(f"{where}: missing {key}")
        if dialog.get("category") not in CATEGORIES:
            problems.append(f"{where}: unknown category {dialog.get('category')!r}")
        if dialog.get("locale") not in LOCALES:
            problems.append(f"{where}: unknown locale {dialog.get('locale')!r}")
        turns = dialog.get("turns")
        if not isinstance(turns, list) or not turns:
            problems.append(f"{where}: turns must be a non-empty list")
            continue
        spoken = set()
        for index, turn in enumerate(turns, start=1):
            if isinstance(turn, str) and turn.strip():
                spoken.add(index)
            elif isinstance(turn, Mapping) and len(turn) == 1 and set(turn) <= DIRECTIVES:
                if "until_asked_nothing" in turn:
                    if not (isinstance(turn["until_asked_nothing"], str) and turn["until_asked_nothing"].strip()):
                        problems.append(f"{where}: turn {index}: until_asked_nothing needs the words to say")
                    spoken.add(index)
                elif turn.get("next_night") is not True:
                    problems.append(f"{where}: turn {index}: next_night must be true")
            else:
                problems.append(f"{where}: turn {index}: not a sentence or a known directive: {turn!r}")
        checks = dialog.get("checks")
        if not isinstance(checks, list) or not checks:
            problems.append(f"{where}: checks must be a non-empty list")
            continue
        for check in checks:
            problems += [f"{where}: {p}" for p in _check_problems(check, turns, spoken)]
    problems += [f"id {name!r} is used {count} times" for name, count in seen.items() if count > 1]
    present_categories = {d.get("category") for d in dialogs if isinstance(d, Mapping)}
    present_locales = {d.get("locale") for d in dialogs if isinstance(d, Mapping)}
    problems += [f"no dialog in category {c}" for c in CATEGORIES if c not in present_categories]
    problems += [f"no dialog in locale {loc}" for loc in LOCALES if loc not in present_locales]
    return problems


def _check_problems(check: Any, turns: list[Any], spoken: set[int]) -> list[str]:
    if not isinstance(check, Mapping):
        return [f"check {check!r} is not a mapping"]
    problems = [f"unknown check {key!r}" for key in check if key not in CHECK_KEYS]
    if "at_turn" not in check:
        problems.append(f"check {dict(check)!r} has no at_turn")
    if not set(check) - {"at_turn", "why"}:
        problems.append(f"check {dict(check)!r} checks nothing")
    for at in _as_list(check.get("at_turn")):
        if not isinstance(at, int) or isinstance(at, bool) or at == 0 or abs(at) > len(turns):
            problems.append(f"at_turn {at!r} is not a turn of this dialog")
        elif _index(at, len(turns)) + 1 not in spoken:
            problems.append(f"at_turn {at!r} is a directive, not a spoken turn")
    for key in ("not_fallback", "open", "not_repeat"):
        if key in check and check[key] is not True:
            problems.append(f"{key} must be true")
    for key in ("must", "must_not"):
        for pattern in _as_list(check.get(key, [])):
            try:
                re.compile(str(pattern))
            except re.error as exc:
                problems.append(f"{key} /{pattern}/ is not a regex: {exc}")
            if not isinstance(pattern, str) or not pattern:
                problems.append(f"{key} {pattern!r} is not a pattern")
    if "asks_again" in check:
        for want in _as_list(check["asks_again"]):
            if isinstance(want, int) and not isinstance(want, bool):
                if not 0 < want <= len(turns) or want not in spoken:
                    problems.append(f"asks_again {want} is not a spoken turn of this dialog")
            elif not _known_pending(want):
                problems.append(f"asks_again {want!r} is neither a pending name (skill/dialog/pending.py) nor a turn")
    return problems


# ---------------------------------------------------------------------------------- playing


def _index(at: int, length: int) -> int:
    return at - 1 if at > 0 else length + at


def _pending(session: LocalSession) -> Pending | None:
    if session.ended:
        return None
    conversation = session.attributes.get(CONVERSATION_KEY)
    return parse(conversation.get("pending")) if isinstance(conversation, Mapping) else None


def _say(session: LocalSession, words: str) -> Said:
    turn = session.say(words)
    return Said(turn, _pending(session))


def record(dialog: Mapping[str, Any], *, user_id: str | None = None) -> list[Said | None]:
    """Play the dialog; one entry per turn (None for `next_night`)."""
    locale = str(dialog.get("locale", "en-US"))
    user = user_id or f"amzn1.ask.account.THREADCORPUS-{uuid.uuid4().hex}"  # a fresh memory each run
    session = LocalSession(locale, user_id=user)
    said: list[Said | None] = []
    for turn in dialog["turns"]:
        if isinstance(turn, Mapping) and turn.get("next_night"):
            session = LocalSession(locale, user_id=user)
            said.append(None)
        elif isinstance(turn, Mapping):
            words = str(turn["until_asked_nothing"])
            last = next((s for s in reversed(said) if s is not None), None)
            for _ in range(MAX_DUNNO):
                waiting = _pending(session)
                if waiting not in FOLLOW_UPS or waiting in SAFETY_QUESTIONS:
                    break  # nothing to answer, or the safety question: never answered for the user
                last = _say(session, words)
            said.append(last)
        else:
            said.append(_say(session, str(turn)))
    return said


def _same_question(a: Pending | None, b: Pending | None) -> bool:
    if a in SAFETY_QUESTIONS and b in SAFETY_QUESTIONS:
        return True  # the safety question, or the same again as a plain yes or no
    return a is not None and a == b


_SENTENCE_END = re.compile(r"(?<=[.?])\s+")


def _repeats(speech: str, before: str) -> bool:
    """True when every sentence of `speech` but its closing question was said in `before`."""
    sentences = [s for s in _SENTENCE_END.split(speech.strip()) if s]
    body = sentences[:-1] if len(sentences) > 1 and sentences[-1].endswith("?") else sentences
    return bool(body) and all(s in before for s in body)


def _is_fallback(speech: str, locale: str) -> bool:
    text = load_content(locale)
    firsts = [text.prompt(name).split(". ")[0].rstrip(".") for name in _FALLBACK_PROMPTS]
    return any(first and first.lower() in speech.lower() for first in firsts)


def _judge(check: Mapping[str, Any], said: list[Said | None], locale: str) -> list[str]:
    ats = _as_list(check["at_turn"])
    positions = [_index(at, len(said)) for at in ats]
    turns = [(pos, said[pos]) for pos in positions]
    problems: list[str] = []
    for pos, one in turns:
        name = f"turn {pos + 1}"
        if one is None:
            problems.append(f"{name}: nothing was said")
            continue
        speech = one.turn.speech
        if check.get("not_fallback") and _is_fallback(speech, locale):
            problems.append(f"{name}: the fallback")
        if check.get("open") and one.turn.end_session:
            problems.append(f"{name}: the session ended")
        if check.get("not_repeat"):
            before = next((s for s in reversed(said[:pos]) if s is not None), None)
            if before is not None and _repeats(speech, before.turn.speech):
                problems.append(f"{name}: says again what the turn before said")
        if "asks_again" in check:
            wanted: list[Pending | None] = []
            for want in _as_list(check["asks_again"]):
                if isinstance(want, int):
                    earlier = said[want - 1]
                    wanted.append(earlier.pending if earlier else None)
                else:
                    wanted.append(parse(want))
            if not any(_same_question(one.pending, w) for w in wanted):
                names = ", ".join(str(w) for w in wanted)
                problems.append(f"{name}: waits for {one.pending or 'nothing'}, not {names}")
        for pattern in _as_list(check.get("must_not", [])):
            if re.search(pattern, speech, re.I):
                problems.append(f"{name}: says /{pattern}/")
    spoken = [one.turn.speech for _, one in turns if one is not None]
    for pattern in _as_list(check.get("must", [])):
        if spoken and not any(re.search(pattern, speech, re.I) for speech in spoken):
            where = "any of turns " + ", ".join(str(p + 1) for p in positions) if len(positions) > 1 else f"turn {positions[0] + 1}"
            problems.append(f"{where}: does not say /{pattern}/")
    return problems


def play(dialog: Mapping[str, Any]) -> Result:
    """Play one dialog and judge it by all of its checks."""
    locale = str(dialog.get("locale", "en-US"))
    said = record(dialog)
    problems: list[str] = []
    for check in dialog["checks"]:
        problems += _judge(check, said, locale)
    reason = "; ".join(dict.fromkeys(problems))
    if problems:
        heard = " | ".join(
            f"{i}. {str(t) if isinstance(t, str) else t!r} -> {s.turn.speech[:110]!r} [{s.pending or '-'}]"
            if s is not None else f"{i}. (next night)"
            for i, (t, s) in enumerate(zip(dialog["turns"], said), start=1)
        )
        reason += f"\n      {heard}"
    return Result(str(dialog["id"]), str(dialog["category"]), locale, not problems, reason)


def play_all(dialogs: Iterable[Mapping[str, Any]]) -> list[Result]:
    return [play(dialog) for dialog in dialogs]


# ---------------------------------------------------------------------------------- reporting


def _rate(results: list[Result], key: str) -> list[str]:
    total = Counter(getattr(r, key) for r in results)
    good = Counter(getattr(r, key) for r in results if r.ok)
    rows = []
    for name in sorted(total):
        label = f"{name} {CATEGORIES[name]}" if key == "category" and name in CATEGORIES else name
        rows.append(f"  {label:58} {good[name]:3}/{total[name]:<3} {100 * good[name] / total[name]:5.1f}%")
    return rows


def report(results: list[Result], *, verbose: bool = True) -> str:
    passed = sum(r.ok for r in results)
    lines = [f"thread corpus: {passed}/{len(results)} dialogs pass ({100 * passed / max(len(results), 1):.1f}%)"]
    lines += ["by category:", *_rate(results, "category"), "by locale:", *_rate(results, "locale")]
    failures = [r for r in results if not r.ok]
    if failures:
        lines.append(f"failing ({len(failures)}):")
        for r in failures:
            reason = r.reason if verbose else r.reason.split("\n")[0]
            lines.append(f"  {r.id} [{r.category} {r.locale}] {reason}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tests/dialog/thread_corpus.py", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--only", action="append", default=[], help="a dialog id or a category letter (repeatable)")
    parser.add_argument("--brief", action="store_true", help="reasons only, without the turns")
    args = parser.parse_args(argv)
    dialogs = load(args.corpus)
    problems = schema_problems(dialogs)
    if problems:
        print("the corpus is malformed:", *problems, sep="\n  ", file=sys.stderr)
        return 2
    if args.only:
        dialogs = [d for d in dialogs if d["id"] in args.only or d["category"] in args.only]
    with tempfile.TemporaryDirectory(prefix="thread-corpus-") as scratch:
        # Never the user's own memory file: a scratch store for this run.
        os.environ["NIGHTLEGS_DB"] = str(Path(scratch) / "memory.sqlite3")
        os.environ.pop("NIGHTLEGS_DYNAMODB_TABLE", None)
        results = play_all(dialogs)
    print(report(results, verbose=not args.brief))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
