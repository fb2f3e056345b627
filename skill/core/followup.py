"""Pure follow-up selection: which question to ask next, or none.

The safety question comes first while nothing said rules danger out. After it, a question
is worth asking only if some answer to it would change what the skill leads with: the
urgency (a red flag of the emergency or same-day tier), the likeliest reason, or the one
thing to do now. Worthwhile questions are asked in the order the content lists them, which
is the clinical order of importance. Never more than the content's `max_questions` in all.

A question whose answer was already said is never asked: "when I lie on my side" says how
they lie and when it happens (`IMPLIED_BY`).
"""

from __future__ import annotations

from typing import Hashable

from skill.core import triage
from skill.content import Content, Question
from skill.core.symptoms import QuestionProgress, Symptoms


# A slot counts as answered when another said slot already answers it: saying how they lie
# says when it happens (lying down).
IMPLIED_BY: dict[str, str] = {"timing": "position"}


def said(symptoms: Symptoms, slot: str) -> bool:
    """True when the person already said the answer to the question on `slot`."""
    implied = IMPLIED_BY.get(slot)
    return symptoms.answered(slot) or (implied is not None and symptoms.answered(implied))


def outcome(symptoms: Symptoms, content: Content) -> Hashable:
    """What the user would hear first, reduced to ids: urgent flags, the likeliest reason,
    the tip that leads."""
    flags = triage.screen(symptoms, content)
    causes = triage.rank_causes(symptoms, content)
    remedies = triage.lead_first(triage.pick_remedies(symptoms, causes, content, in_bed=True), causes)
    return (
        tuple(flag.id for flag in flags if flag.tier != "soon"),
        causes[0].id if causes else None,
        remedies[0].id if remedies else None,
    )


def next_question(symptoms: Symptoms, progress: QuestionProgress, content: Content) -> Question | None:
    # The safety hold: until it is answered (a yes or a no, or the emergency criteria said
    # after two unclear replies), the safety question is the next question, whatever was
    # said in between and however many questions were asked. An answer never comes first.
    if not progress.screened:
        return content.screen
    if len(progress.asked) >= content.max_questions:
        return None
    current = outcome(symptoms, content)
    for question in content.questions:
        if question.slot in progress.asked or said(symptoms, question.slot):
            continue
        if question.not_for and triage.fits(question.not_for, symptoms):
            continue
        answers = content.phrases.values(question.slot)
        if any(_outcome_differs(symptoms.with_value(question.slot, value), content, current) for value in answers):
            return question
    return None


def _outcome_differs(symptoms: Symptoms, content: Content, current: Hashable) -> bool:
    """`outcome(symptoms, content) != current`, stopping at the first part that differs:
    the flags, then the reason, and only then the tip, the dearest to work out. This
    loop runs for every value of every open question, so with large content it is most
    of a turn's time (bench/growth.py)."""
    flags, cause_id, remedy_id = current  # type: ignore[misc]
    if tuple(flag.id for flag in triage.screen(symptoms, content) if flag.tier != "soon") != flags:
        return True
    causes = triage.rank_causes(symptoms, content)
    if (causes[0].id if causes else None) != cause_id:
        return True
    remedies = triage.lead_first(triage.pick_remedies(symptoms, causes, content, in_bed=True), causes)
    return (remedies[0].id if remedies else None) != remedy_id
