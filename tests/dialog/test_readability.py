"""Spoken content reads at US grade 6 or below overall, and no spoken answer above grade 8
(Flesch-Kincaid, computed by textstat)."""

from __future__ import annotations

import textstat

from conftest import run_dialog
from dialogs import DIALOGS, EMERGENCY_ONE_SHOTS
from skill.content import load_content


def spoken_content() -> list[str]:
    c = load_content()
    fill = {"list": "pressure, veins, and cramps", "name": "restless legs", "place": "Ireland", "number": "112"}
    texts = [c.fill(t, **fill) if "{" in t else t for t in c.prompts.values()]
    for cause in c.causes:
        texts += [f"A common reason is {cause.name}.", cause.explain, cause.more]
    texts += [r.say for r in c.remedies]
    texts += [c.fill(f.say) for f in c.flags] + [c.fill(f.escalate) for f in c.flags if f.escalate]
    texts += [c.fill(t.action) for t in c.tiers.values()] + [t.after for t in c.tiers.values() if t.after]
    texts += [c.screen.prompt, c.screen.reprompt]
    texts += [q.prompt for q in c.questions] + [q.reprompt for q in c.questions]
    texts += [c.fill(s) for s in c.summaries.values()] + [c.default_soon, c.safety_net]
    return texts


def test_all_spoken_content_reads_at_grade_six_or_below() -> None:
    grade = textstat.flesch_kincaid_grade(" ".join(spoken_content()))
    assert grade <= 6, grade


def test_no_spoken_answer_is_above_grade_eight() -> None:
    answers = []
    for _, launch, utterances in DIALOGS:
        answers += [t.speech for t in run_dialog(utterances, launch=launch)]
    answers += [run_dialog([u])[0].speech for u in EMERGENCY_ONE_SHOTS.values()]
    worst = max(answers, key=textstat.flesch_kincaid_grade)
    assert textstat.flesch_kincaid_grade(worst) <= 8, worst


def test_the_measure_can_tell_hard_text_from_easy_text() -> None:
    hard = "Peripheral neuropathy manifests as paraesthesia secondary to demyelination of peripheral axons."
    assert textstat.flesch_kincaid_grade(hard) > 8
    assert textstat.flesch_kincaid_grade("Put a pillow under your knees.") <= 6
