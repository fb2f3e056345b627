"""The one decision per turn: emergency, same-day help, a follow-up question, or an answer."""

from __future__ import annotations

from dataclasses import dataclass

from skill.core import followup

from skill.core import triage
from skill.content import Cause, Content, Question, RedFlag, Remedy
from skill.core.symptoms import Progress, Symptoms


@dataclass(frozen=True)
class Emergency:
    flags: tuple[RedFlag, ...]


@dataclass(frozen=True)
class SameDay:
    flags: tuple[RedFlag, ...]


@dataclass(frozen=True)
class Ask:
    question: Question

    @property
    def is_screen(self) -> bool:
        return self.question.slot == "sign"


@dataclass(frozen=True)
class Answer:
    causes: tuple[Cause, ...]
    remedies: tuple[Remedy, ...]
    soon: tuple[RedFlag, ...]
    stretch: str | None = None  # a guided stretch routine to offer (issue 4)


Decision = Emergency | SameDay | Ask | Answer


def decide(symptoms: Symptoms, progress: Progress, content: Content) -> Decision:
    """Danger first, then questions that would change the answer, then the answer."""
    flags = triage.screen(symptoms, content)
    tier = triage.urgent_tier(flags)
    if tier == "emergency":
        return Emergency(tuple(f for f in flags if f.tier == "emergency"))
    if tier == "same_day":
        return SameDay(tuple(f for f in flags if f.tier == "same_day"))
    question = followup.next_question(symptoms, progress, content)
    if question is not None:
        return Ask(question)
    causes = triage.rank_causes(symptoms, content)
    remedies = triage.pick_remedies(symptoms, causes, content, in_bed=True)
    return Answer(causes, remedies, tuple(f for f in flags if f.tier == "soon"), triage.stretch_offer(causes, flags))
