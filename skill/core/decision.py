"""The one decision per turn: emergency, same-day help, a follow-up question, or an answer."""

from __future__ import annotations

from dataclasses import dataclass

from skill.core import followup

from skill.core import triage
from skill.content import Cause, Content, Question, RedFlag, Remedy
from skill.core.symptoms import QuestionProgress, Symptoms


def spoken_flag(flags: tuple[RedFlag, ...], part: str | None) -> RedFlag:
    """The fired flag whose sentence is spoken: the first written for the part of the leg
    said (a sore toe hears the foot-sore sentence, not the swollen-calf one), else the first
    written for any part, else the first."""
    if part is not None:
        for flag in flags:
            if part in flag.parts:
                return flag
        for flag in flags:
            if not flag.parts:
                return flag
    return flags[0]


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
    stretch: str | None = None  # a guided stretch routine to offer


Decision = Emergency | SameDay | Ask | Answer


def urgent(flags: tuple[RedFlag, ...]) -> Emergency | SameDay | None:
    """The urgent decision the fired red flags call for: the most urgent tier wins."""
    tier = triage.urgent_tier(flags)
    if tier == "emergency":
        return Emergency(tuple(f for f in flags if f.tier == "emergency"))
    if tier == "same_day":
        return SameDay(tuple(f for f in flags if f.tier == "same_day"))
    return None


def decide_urgent(symptoms: Symptoms, content: Content) -> Emergency | SameDay | None:
    """Danger first, on any turn: an Emergency or SameDay when what was said calls for it."""
    return urgent(triage.screen(symptoms, content))


def decide(symptoms: Symptoms, progress: QuestionProgress, content: Content) -> Decision:
    """Danger first, then questions that would change the answer, then the answer."""
    flags = triage.screen(symptoms, content)
    warning = urgent(flags)
    if warning is not None:
        return warning
    question = followup.next_question(symptoms, progress, content)
    if question is not None:
        return Ask(question)
    causes = triage.rank_causes(symptoms, content)
    remedies = triage.lead_first(triage.pick_remedies(symptoms, causes, content, in_bed=True), causes)
    return Answer(causes, remedies, tuple(f for f in flags if f.tier == "soon"), triage.stretch_offer(causes, flags))
