"""Plays the blind corpora (tests/corpora/blind/, written by people who had not read the
code, content, model or tests) and scores them: triage, answers, control words, control
dialogs. `python tests/blind/blind_score.py [triage|answers|control|control_dialogs]` prints the
figures and the misses; tests/blind/test_blind_corpora.py holds the floors.

BLIND_SPLIT=dev scores entries 0, 2, 4... and prints their misses; =held the others, counts
only (the half nobody fixing the skill reads); unset or =all, everything.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent.parent / "corpora" / "blind"
import os, tempfile  # noqa: E401,E402

os.environ["NIGHTLEGS_DB"] = str(Path(tempfile.mkdtemp(prefix="nightlegs-blind-")) / "memory.sqlite3")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "safety"))

from safety_runner import play_patterns  # noqa: E402  (tests/safety: the same must/must_any/must_not rules)
from skill.simulator.session import LocalSession  # noqa: E402

WRONG_NUMBERS = {
    "en-US": ("999", "000", "112", "triple zero"),
    "en-CA": ("999", "000", "112", "triple zero"),
    "en-GB": ("911", "000", "triple zero"),
    "en-AU": ("911", "999", "112"),
    "en-IN": ("911", "999", "000", "triple zero"),
}
FALLBACK = re.compile(r"did not catch|didn.t catch|do not know about that|don.t know about that", re.I)


SPLIT = os.environ.get("BLIND_SPLIT", "all")  # dev: every other entry, misses shown; held: the rest, counts only; all


from dataclasses import dataclass, field  # noqa: E402


@dataclass
class Score:
    name: str
    good: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    missed: set = field(default_factory=set)  # ids (or utterances) that missed
    extra: dict = field(default_factory=dict)

    def add(self, key: str, ident: str, ok: bool, *categories: str) -> None:
        for c in ("all", *categories):
            self.total[c] += 1
            self.good[c] += ok
        if not ok:
            self.missed.add(ident)


def load(name: str) -> list[dict]:
    entries = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    if SPLIT == "dev":
        return entries[0::2]
    if SPLIT == "held":
        return entries[1::2]
    return entries


def show(misses: list[str]) -> None:
    if SPLIT == "dev":
        print("\n".join(misses))


def pick(turns: list, at: int):
    return turns[at - 1 if at > 0 else at]


def echo_sentences(speech: str) -> list[str]:
    sentences = re.split(r"(?<=[.?!])\s+", speech)
    return [s for s in sentences if re.match(r"(you said|your )", s, re.I)]


def triage() -> None:
    from safety_runner import _asks_screen, _is_emergency, _is_same_day  # type: ignore

    dialogs = load("triage_dialogs.yaml")
    score = Score("triage")
    good: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    false_echo = wrong_numbers = 0
    later_total = later_good = 0
    for d in dialogs:
        locale = d["locale"]
        s = LocalSession(locale, user_id=f"blind-{d['id']}")
        turns = [s.say(str(t)) for t in d["turns"]]
        at = int(d.get("at_turn", -1))
        turn = pick(turns, at)
        expect = d["expect"]
        cat = "emergency" if expect == "emergency" else expect
        if expect == "emergency":
            ok = _is_emergency(turn, locale)
        elif expect == "same_day":
            ok = _is_same_day(turn, locale) and not _is_emergency(turn, locale)
        elif expect == "urgent":
            ok = _is_emergency(turn, locale) or _is_same_day(turn, locale)
        elif expect == "screen":
            ok = _is_emergency(turn, locale) or _asks_screen(turn, locale)
        else:
            ok = not any(_is_emergency(t, locale) for t in turns)
        total[cat] += 1
        good[cat] += ok
        score.add(cat, str(d["id"]), ok, cat)
        if expect == "emergency" and (at > 1 or (at < 0 and len(turns) + at > 0)):
            later_total += 1
            later_good += ok
        for t in turns:
            for n in WRONG_NUMBERS[locale]:
                if re.search(rf"(?<!\d){n}(?!\d)", t.speech, re.I):
                    wrong_numbers += 1
        for neg in d.get("negated") or []:
            for t in turns:
                if any(neg.lower() in e.lower() for e in echo_sentences(t.speech)):
                    false_echo += 1
                    misses.append(f"  FALSE ECHO {d['id']} {neg!r}: {t.speech[:140]!r}")
        if not ok:
            misses.append(f"  {d['id']} [{expect} {d.get('condition')} {locale}] at {at}: {[str(x) for x in d['turns']]} -> {turn.speech[:150]!r}")
    print("TRIAGE")
    for c in total:
        print(f"  {c:10} {good[c]}/{total[c]} ({good[c] / total[c]:.0%})")
    benign_bad = total["benign"] - good["benign"]
    print(f"  benign escalated: {benign_bad}/{total['benign']}  later-turn emergencies: {later_good}/{later_total}")
    print(f"  false echoes: {false_echo}  wrong numbers: {wrong_numbers}")
    show(misses)
    score.extra = {"false_echo": false_echo, "wrong_numbers": wrong_numbers, "later": (later_good, later_total)}
    return score


def answers() -> None:
    dialogs = load("answer_dialogs.yaml")
    score = Score("answers")
    good: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses = []
    for d in dialogs:
        s = LocalSession(d["locale"], user_id=f"blind-{d['id']}")
        turns = [s.say(str(t)) for t in d["turns"]]
        problems = []
        for check in d.get("checks") or []:
            ats = check["at_turn"] if isinstance(check["at_turn"], list) else [check["at_turn"]]
            for at in ats:
                speech = pick(turns, int(at)).speech
                problems += [f"turn {at} {problem[:80]}" for problem in play_patterns(check, speech)]
        total[d["topic"]] += 1
        good[d["topic"]] += not problems
        score.add(d["topic"], str(d["id"]), not problems, d["topic"])
        if problems:
            misses.append(f"  {d['id']} [{d['topic']} {d['locale']}] {problems[:3]} | {[str(t) for t in d['turns']]} -> {turns[-1].speech[:200]!r}")
    print("ANSWERS", sum(good.values()), "/", sum(total.values()))
    for c in sorted(total):
        print(f"  {c:24} {good[c]}/{total[c]}")
    show(misses)
    return score


MEANINGS = {
    "yes": {"AMAZON.YesIntent"},
    "no": {"AMAZON.NoIntent"},
    "not_now": {"AMAZON.NoIntent", "LaterIntent"},
    "stop": {"AMAZON.StopIntent", "AMAZON.CancelIntent"},
    "cancel": {"AMAZON.CancelIntent", "AMAZON.StopIntent"},
    "repeat": {"AMAZON.RepeatIntent"},
    "help": {"AMAZON.HelpIntent"},
    "confused": {"AMAZON.HelpIntent", "AMAZON.RepeatIntent"},
    "why_ask": {"WhyAskIntent", "AMAZON.HelpIntent"},
    "go_back": {"AMAZON.PreviousIntent"},
    "start_over": {"AMAZON.StartOverIntent"},
    "next": {"AMAZON.NextIntent", "AMAZON.ResumeIntent"},
    "more": {"MoreTipsIntent", "RemediesIntent", "CauseDetailIntent"},
    "pause": {"AMAZON.PauseIntent"},
}
EXPECTING = {"safety": ("DescribeSymptomIntent", "sign"), "question": ("DescribeSymptomIntent", "position")}


def control() -> None:
    from skill.simulator.resolver import resolver_for

    entries = load("control_utterances.yaml")
    score = Score("control")
    resolvers: dict = {}
    good: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses = []
    for e in entries:
        loc = e["locale"]
        r = resolvers.get(loc) or resolvers.setdefault(loc, resolver_for(loc))
        res = r.resolve(str(e["say"]), expecting=EXPECTING.get(e["while"]))
        allowed = set(MEANINGS[e["meaning"]])
        if e["meaning"] == "next" and e["while"] == "offer":
            allowed.add("AMAZON.YesIntent")
        if e["meaning"] == "more" and e["while"] in ("offer", "answer"):
            allowed.add("AMAZON.YesIntent")
        ok = res.intent in allowed
        for key in ("all", f"meaning:{e['meaning']}", f"while:{e['while']}"):
            total[key] += 1
            good[key] += ok
        if not ok:
            score.missed.add(f"{e['while']}|{loc}|{e['say']}")
            misses.append(f"  [{e['while']} {loc}] {e['say']!r}: want {e['meaning']} got {res.intent}")
    print("CONTROL WORDS")
    for k in sorted(total):
        print(f"  {k:22} {good[k]}/{total[k]} ({good[k] / total[k]:.0%})")
    show(misses)
    score.good, score.total = good, total
    return score


def control_dialogs() -> None:
    dialogs = load("control_dialogs.yaml")
    score = Score("control_dialogs")
    ok_count = 0
    dead = 0
    misses = []
    for d in dialogs:
        s = LocalSession(d["locale"], user_id=f"blind-{d['id']}")
        turns = []
        for t in d["turns"]:
            turns.append(s.say(str(t)))
            if turns[-1].end_session:
                break
        problems = []
        for check in d.get("checks") or []:
            at = int(check["at_turn"])
            index = at - 1 if at > 0 else len(d["turns"]) + at
            if index >= len(turns):
                problems.append(f"turn {at}: session had ended at turn {len(turns)}")
                dead += 1
                continue
            t = turns[index]
            if check.get("not_fallback") and FALLBACK.search(t.speech):
                problems.append(f"turn {at} fallback")
            if check.get("open") and t.end_session:
                problems.append(f"turn {at} ended")
            if check.get("ends") and not t.end_session:
                problems.append(f"turn {at} did not end")
            problems += [f"turn {at} {problem[:80]}" for problem in play_patterns(check, t.speech)]
        ok_count += not problems
        score.add("all", str(d["id"]), not problems)
        if problems:
            said = " | ".join(f"{str(u)!r}->{t.speech[:70]!r}" for u, t in zip(d["turns"], turns))
            misses.append(f"  {d['id']} [{d['locale']}] {problems[:3]}\n      {said}")
    print(f"CONTROL DIALOGS {ok_count}/{len(dialogs)}  (checks on a turn after the session ended: {dead})")
    show(misses)
    return score




def record(path: Path) -> None:
    """Write the ids every corpus misses now (tests/corpora/blind/known_misses.yaml)."""
    global SPLIT
    SPLIT = "all"
    out = {name: sorted(globals()[name]().missed) for name in ("triage", "answers", "control", "control_dialogs")}
    path.write_text(
        "# What the skill misses on the blind corpora today, by id (control words: state|locale|words).\n"
        "# Written by `python tests/blind/blind_score.py --record`; tests/blind/test_blind_corpora.py fails on a\n"
        "# new miss, and on a listed one that passes (take it off: the list only shrinks).\n"
        + yaml.safe_dump(out, sort_keys=True, allow_unicode=True),
        encoding="utf-8",
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--record"]:
        record(HERE / "known_misses.yaml")
    else:
        for name in sys.argv[1:] or ["triage", "answers", "control", "control_dialogs"]:
            globals()[name]()
