"""Pure follow-up selection: which question to ask next, or none.

The safety question comes first while nothing said rules danger out. After it, a question
is worth asking only if some answer to it would change what the skill says (the urgency,
the likely reasons or the tips). Worthwhile questions are asked in the order the content
lists them, which is the clinical order of importance. Never more than the content's
`max_questions` in all.
"""

from __future__ import annotations

from typing import Hashable

from skill.core import triage
from skill.content import Content, Question
from skill.core.symptoms import QuestionProgress, Symptoms


def outcome(symptoms: Symptoms, content: Content) -> Hashable:
    """What the user would hear, reduced to ids: fired flags, reasons, tips."""
    causes = triage.rank_causes(symptoms, content)
    remedies = triage.pick_remedies(symptoms, causes, content, in_bed=True)
    flags = triage.screen(symptoms, content)
    return (
        tuple(flag.id for flag in flags),
        tuple(cause.id for cause in causes),
        tuple(remedy.id for remedy in remedies),
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
        if question.slot in progress.asked or symptoms.answered(question.slot):
            continue
        answers = content.phrases.values(question.slot)
        if any(_outcome_differs(symptoms.with_value(question.slot, value), content, current) for value in answers):
            return question
    return None


def _outcome_differs(symptoms: Symptoms, content: Content, current: Hashable) -> bool:
    """`outcome(symptoms, content) != current`, stopping at the first part that differs:
    the flags, then the reasons, and only then the tips, the dearest to work out. This
    loop runs for every value of every open question, so with large content it is most
    of a turn's time (bench/growth.py)."""
    flags, causes_ids, remedy_ids = current  # type: ignore[misc]
    if tuple(flag.id for flag in triage.screen(symptoms, content)) != flags:
        return True
    causes = triage.rank_causes(symptoms, content)
    if tuple(cause.id for cause in causes) != causes_ids:
        return True
    remedies = triage.pick_remedies(symptoms, causes, content, in_bed=True)
    return tuple(remedy.id for remedy in remedies) != remedy_ids
