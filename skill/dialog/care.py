"""Questions about looking after the leg, answered by rule (pure; no SDK).

"Can it wait", "can I put heat or ice on it", "should I raise it", "can I stretch, rub or
walk on it" and "is it serious" are answered from what the skill knows this session, the
most urgent rule first:

1. an emergency tier: the emergency answer again, never "it depends";
2. a same-day tier: `care_<topic>_<flag id>`, else `care_<topic>_same_day`, then where to
   go (for "can it wait" and "is it serious") and when to call the emergency number;
3. a contraindication heard this session (a pattern of content/remedies.yaml):
   `care_<topic>_<pattern id>`: no heat on numb or cold, pale skin, no raising a leg whose
   pain eases hanging down, no rubbing or stretching a calf that may hold a clot;
4. after a benign answer: `care_<topic>_<likeliest reason>`, else `care_<topic>_answer`;
5. before any answer (the safety question unanswered, a new session, questions still
   open): `care_<topic>`, a conditional line that reassures nobody.

Every `care_*` text is in content/prompts.yaml with its sources. `CareAnswer.ids` names
the texts spoken, so tests check meaning rather than wording.
"""

from __future__ import annotations

from dataclasses import dataclass

from skill.content import Content
from skill.core import triage
from skill.core.decision import Emergency, SameDay, decide_urgent, spoken_flag
from skill.core.symptoms import Symptoms
from skill.dialog.speech import call_sentences

TOPICS = ("wait", "heat", "cold", "move", "rub", "raise", "serious")
# Topics whose answer after same-day advice says again where to get help today.
WHERE_TO_GO = frozenset({"wait", "serious"})
# Contraindications checked in this order: the one that can hurt most first.
PATTERN_ORDER = ("artery_possible", "clot_possible", "numb_skin")


@dataclass(frozen=True)
class CareAnswer:
    ids: tuple[str, ...]  # the content texts spoken: prompt ids, `flag:<id>.escalate`, ...
    lines: tuple[str, ...]
    urgent: bool = False  # said at normal volume and rate, as the urgent advice was
    emergency: Emergency | None = None  # the emergency answer is said again instead


def _first(text: Content, *ids: str) -> str | None:
    return next((prompt_id for prompt_id in ids if prompt_id in text.prompts), None)


def care_answer(
    topic: str,
    symptoms: Symptoms,
    text: Content,
    *,
    answered: bool,
    top_cause: str | None,
) -> CareAnswer | None:
    """What to say about `topic` given what was said so far; None for a topic with no answer."""
    if topic not in TOPICS:
        return None
    urgent = decide_urgent(symptoms, text)
    if isinstance(urgent, Emergency):
        return CareAnswer(("emergency",), (), urgent=True, emergency=urgent)
    if isinstance(urgent, SameDay):
        flag = spoken_flag(urgent.flags, symptoms.part)
        said = _first(text, f"care_{topic}_{flag.id}", f"care_{topic}_same_day", "care_same_day")
        if said is None:
            return None
        ids = [said]
        lines = [text.prompt(said)]
        tier = text.tiers["same_day"]
        if topic in WHERE_TO_GO and tier.after:
            ids.append("tiers.same_day.after")
            lines.append(text.fill(tier.after))
        ids.append(f"flag:{flag.id}.escalate" if flag.escalate else "summaries.emergency")
        lines.append(call_sentences(flag.escalate or text.summaries["emergency"], text))
        return CareAnswer(tuple(ids), tuple(lines), urgent=True)
    active = triage.active_patterns(symptoms, text)
    for pattern in PATTERN_ORDER:
        said = _first(text, f"care_{topic}_{pattern}") if pattern in active else None
        if said is not None:
            return CareAnswer((said,), (text.prompt(said),))
    if answered:
        said = _first(text, *((f"care_{topic}_{top_cause}",) if top_cause else ()), f"care_{topic}_answer")
        if said is None:
            return None
        if topic == "wait":
            return CareAnswer((said, "safety_net"), (text.prompt(said), text.safety_net))
        return CareAnswer((said,), (text.prompt(said),))
    said = _first(text, f"care_{topic}")
    if said is None:
        return None
    return CareAnswer((said,), (call_sentences(text.prompts[said], text),))
