"""Run an utterance corpus through the offline resolver and count what it gets right.

Corpus entries: `say`, `while` (top | a DescribeSymptomIntent slot being elicited |
stretch | yesno), optional `style` (asr | plain), `intent` (a name or a list of
acceptable names) and optional `slots` (slot -> value id). An entry is right when the
intent is one of those allowed and every listed slot holds its value id (for the
multi-value `sign` slot: among its values).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from skill.simulator.resolver import Resolution, Resolver

SYMPTOM_INTENT = "DescribeSymptomIntent"
SAME_HANDLING = ({"DescribeSymptomIntent", "AnswerIntent"}, {"AMAZON.FallbackIntent", "CatchAllIntent"})
ELICITED = ("sign", "position", "relief", "sensation", "side", "timing")


@dataclass
class Tally:
    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)

    def add(self, categories: Iterable[str], ok: bool) -> None:
        for category in categories:
            self.total[category] += 1
            self.right[category] += ok

    def share(self, category: str) -> float:
        return self.right[category] / self.total[category] if self.total[category] else 1.0

    def report(self) -> str:
        lines = [f"{c:<40} {self.right[c]:>4}/{self.total[c]:<4} {self.share(c):6.1%}" for c in sorted(self.total)]
        return "\n".join(lines + ["wrong:"] + self.wrong)


def _ids(resolution: Resolution, slot: str) -> set[str]:
    values = resolution.lists.get(slot) or ((resolution.slots[slot],) if slot in resolution.slots else ())
    return {v.id for v in values if v.id is not None}


def check(resolver: Resolver, entry: Mapping[str, Any]) -> tuple[bool, Resolution]:
    context = entry.get("while", "top")
    expecting = (SYMPTOM_INTENT, context) if context in ELICITED else None
    resolution = resolver.resolve(str(entry["say"]), expecting=expecting)
    allowed = entry["intent"] if isinstance(entry["intent"], list) else [entry["intent"]]
    # Intents the skill handles as one: the symptom conversation takes a description and an
    # answer alike; unmatched speech (the catch-all) is the skill's fallback.
    for group in SAME_HANDLING:
        if group & set(allowed):
            allowed = [*allowed, *group]
    ok = resolution.intent in allowed
    for slot, value in (entry.get("slots") or {}).items():
        ok = ok and str(value) in _ids(resolution, slot)
    return ok, resolution


def run(resolver: Resolver, entries: Iterable[Mapping[str, Any]]) -> Tally:
    tally = Tally()
    for entry in entries:
        ok, resolution = check(resolver, entry)
        intents = entry["intent"] if isinstance(entry["intent"], list) else [entry["intent"]]
        categories = ["all", f"while:{entry.get('while', 'top')}", f"intent:{intents[0]}"]
        if entry.get("style"):
            categories.append(f"style:{entry['style']}")
        tally.add(categories, ok)
        if not ok:
            got = {k: sorted(_ids(resolution, k)) or resolution.slots[k].spoken for k in resolution.slots}
            tally.wrong.append(f"  [{entry.get('while', 'top')}] {entry['say']!r}: want {intents} {entry.get('slots') or {}}, got {resolution.intent} {got}")
    return tally
