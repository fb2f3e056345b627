"""Why the screen decided what it did, for a clinician to read (pure; `nightlegs triage --explain`).

For some words: each discriminator heard (the concept, the words that matched), each one
heard only after a negation (and the negating words), each one explained away by the rest of
the speech, the conditions (red flags) that fit with their tier and sources, and the tier
the skill acts on. It re-reads the words with the same patterns, negation and clause rules
as `skill.core.danger_screen.screen`, and takes the decision from `skill.core.triage`, so it
can never disagree with what the skill does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from skill.content import Content
from skill.core import triage
from skill.core.danger_screen import _NEGATION_REACH, _NOT_A_NEGATION, _prepare, _Text, known_facts, screen
from skill.core.symptoms import Symptoms


@dataclass(frozen=True)
class Heard:
    concept: str
    slot: str
    value: str
    words: str  # the words that matched
    status: str  # "said", "negated", "explained away", "asks a question"
    negation: str = ""  # the words that negated it


@dataclass(frozen=True)
class Explanation:
    text: str
    normalised: str
    heard: tuple[Heard, ...]
    signs: tuple[str, ...]
    conditions: tuple[dict[str, Any], ...]
    tier: str | None  # "emergency", "same_day", "soon" or None
    clarify: str | None = None
    notes: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "normalised": self.normalised,
            "heard": [h.__dict__ for h in self.heard],
            "signs": list(self.signs),
            "conditions": list(self.conditions),
            "tier": self.tier,
            "clarify": self.clarify,
        }


def _negating_words(text: _Text, start: int, negation: Any) -> str:
    """The negation before `start` in its clause, as `danger_screen._negated` reads it."""
    before = " ".join(text.words[text.clause_start(start):start].split()[-_NEGATION_REACH:])
    found = negation.search(_NOT_A_NEGATION.sub(" ", before))
    return found.group(0) if found else ""


def explain(turns: Iterable[str], content: Content) -> Explanation:
    """Screen each turn in order (what earlier turns said is known to later ones), then
    say which words, negations and conditions decided the tier."""
    lexicon = content.danger
    symptoms = Symptoms()
    heard: list[Heard] = []
    clarify: str | None = None
    said_turns = [t for t in turns if t and t.strip()]
    for words in said_turns:
        result = screen([words], lexicon, known_facts(symptoms))
        prepared = _prepare(words)
        for concept in lexicon.concepts:
            status = None
            if concept.value in result.values(concept.slot) and any(f.concept == concept.id for f in result.found):
                status = "said"
            elif concept.value in result.negated:
                status = "negated"
            elif concept.value in result.excluded:
                status = "explained away"
            elif result.clarify and concept.clarify == result.clarify[0] and concept.value == result.clarify[1]:
                status = "asks a question"
            if status is None:
                continue
            patterns = concept.words if status != "asks a question" else concept.ask
            for pattern in patterns:
                found = pattern.search(prepared.words)
                if found is None:
                    continue
                negation = _negating_words(prepared, found.start(), lexicon.negation) if status == "negated" else ""
                heard.append(Heard(concept.id, concept.slot, concept.value, found.group(0), status, negation))
                break
        for finding in result.found:
            symptoms = symptoms.with_value(finding.slot, finding.value)
        if result.clarify and clarify is None:
            clarify = result.clarify[0]
    flags = triage.screen(symptoms, content)
    conditions = tuple(
        {
            "condition": flag.id,
            "tier": flag.tier,
            "because": sorted(
                {s for group in flag.match for s in group.signs() & symptoms.signs}
                | {f"{slot}={getattr(symptoms, slot)}" for group in flag.match for slot in group.slots if slot != "sign" and getattr(symptoms, slot) is not None}
            ),
            "says": content.fill(flag.say),
            "sources": list(flag.sources),
        }
        for flag in flags
    )
    tier = flags[0].tier if flags else None
    return Explanation(
        text=" / ".join(said_turns),
        normalised=" / ".join(_prepare(t).words for t in said_turns),
        heard=tuple(heard),
        signs=tuple(sorted(symptoms.signs)),
        conditions=conditions,
        tier=tier,
        clarify=clarify,
    )


def render(explanation: Explanation) -> str:
    """Plain lines a clinician can read."""
    lines = [f"words: {explanation.normalised!r}"]
    if not explanation.heard:
        lines.append("heard: nothing the screen knows")
    for h in explanation.heard:
        target = h.value if h.slot == "sign" else f"{h.slot}={h.value}"
        extra = f" (negated by {h.negation!r})" if h.negation else ""
        lines.append(f"  {h.status:16} {target:20} from {h.words!r} [{h.concept}]{extra}")
    if explanation.clarify:
        lines.append(f"question first: {explanation.clarify}")
    if not explanation.conditions:
        lines.append("conditions: none fit")
    for c in explanation.conditions:
        lines.append(f"condition: {c['condition']} -> {c['tier']} because {', '.join(c['because']) or '-'}")
        lines.append(f"  says: {c['says']}")
        for source in c["sources"]:
            lines.append(f"  source: {source}")
    decided = {"emergency": "emergency: call now", "same_day": "same day: get help today", "soon": "see a doctor soon"}
    lines.append(f"tier: {decided.get(explanation.tier or '', 'no urgent tier (the conversation goes on)')}")
    return "\n".join(lines)
