"""Reply builders for the bedtime voice: say back what was heard, then warn, ask or answer.

Short sentences, a calm pace, soft volume (the SSML itself is `skill.dialog.ssml`'s).
Lists have at most three items.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from skill.content import Content, RedFlag
from skill.core.decision import Answer, Ask, Emergency, SameDay
from skill.core.symptoms import Symptoms

from skill.dialog.ssml import Reply, join_list, paragraph, speak


# --------------------------------------------------------------------------- saying back


def heard(symptoms: Symptoms, content: Content) -> str:
    """'You said your left leg goes numb when you lie on your side.'"""
    p = content.phrases
    side = symptoms.side or "one"
    leg_forms = p.leg.get(side, p.leg["one"])
    form = "both" if "both" in leg_forms else "one"
    leg = leg_forms[form]
    feeling = p.sensation.get(symptoms.sensation or "unknown", p.sensation["unknown"])[form]
    when = ""
    # A value the content has no words for (an id Alexa resolved that is not in this
    # locale's model) is left out of the paraphrase, as an unknown sensation is.
    if symptoms.position:
        when = p.position.get(symptoms.position, "")
    elif symptoms.timing:
        when = p.timing.get(symptoms.timing, "")
    if when:
        return content.fill(p.heard, leg=leg, feeling=feeling, when=when)
    return content.fill(p.heard_short, leg=leg, feeling=feeling)


def heard_signs(symptoms: Symptoms, flags: Iterable[RedFlag], content: Content) -> str:
    """For an emergency: say back the danger signs heard, else the leg feeling."""
    wanted: list[str] = []
    for flag in flags:
        for group in flag.match:
            wanted.extend(sorted(group.slots.get("sign", frozenset()) & symptoms.signs))
    signs = list(dict.fromkeys(wanted))[:2]
    if not signs:
        return heard(symptoms, content)
    return f"You said {' and '.join(content.phrases.sign[s] for s in signs)}."


# --------------------------------------------------------------------------- replies


def emergency(decision: Emergency, symptoms: Symptoms, content: Content) -> Reply:
    tier = content.tiers["emergency"]
    flag = decision.flags[0]
    body = paragraph(
        heard_signs(symptoms, decision.flags, content),
        content.fill(flag.say),
        content.fill(tier.action),
        content.fill(flag.escalate or tier.after),
    ) + paragraph(content.fill(tier.action), content.prompt("emergency_end"))
    return Reply(speak(body), None, True)


def same_day(decision: SameDay, symptoms: Symptoms, content: Content) -> Reply:
    tier = content.tiers["same_day"]
    flag = decision.flags[0]
    body = (
        paragraph(heard_signs(symptoms, decision.flags, content), content.fill(flag.say))
        + paragraph(content.fill(tier.action), content.fill(tier.after))
        + paragraph(content.fill(flag.escalate))
        + paragraph(content.prompt("same_day_question"))
    )
    return Reply(speak(body), speak(paragraph(content.prompt("same_day_reprompt"))), False)


def warning(decision: Emergency | SameDay, symptoms: Symptoms, content: Content) -> Reply:
    """The urgent answer a decision calls for: call the emergency number now, or get help today."""
    if isinstance(decision, Emergency):
        return emergency(decision, symptoms, content)
    return same_day(decision, symptoms, content)


def question(decision: Ask, content: Content, *, lead: str = "") -> Reply:
    q = decision.question
    return Reply(speak(paragraph(lead, q.prompt)), speak(paragraph(q.reprompt)), False)


def causes_sentence(answer: Answer, content: Content) -> str:
    names = [cause.name for cause in answer.causes]
    if not names:
        return ""
    if len(names) == 1:
        return content.prompt("causes_single", name=names[0])
    return content.prompt("causes_intro", list=join_list(names))


def when_to_get_help(soon: Sequence[RedFlag], content: Content) -> list[str]:
    lines = [content.fill(flag.say) for flag in soon[:2]] or [content.default_soon]
    return lines + [content.safety_net]


def answer(
    decision: Answer,
    symptoms: Symptoms,
    content: Content,
    *,
    lead: str = "",
    disclaimer: bool,
    stretch_offer: tuple[str, str] | None = None,
) -> Reply:
    """Heard, likely reasons, what to try now, when to get help, then one next step."""
    parts = [paragraph(lead, heard(symptoms, content))]
    if decision.causes:
        parts.append(paragraph(causes_sentence(decision, content), decision.causes[0].explain))
    if decision.remedies:
        parts.append(paragraph(content.prompt("try_now"), *(r.say for r in decision.remedies)))
    parts.append(paragraph(*when_to_get_help(decision.soon, content)))
    if disclaimer:
        parts.append(paragraph(content.prompt("disclaimer")))
    if decision.stretch and stretch_offer is not None:
        offer, offer_reprompt = stretch_offer
        return Reply(speak("".join(parts) + paragraph(offer)), speak(paragraph(offer_reprompt)), False)
    if decision.causes:
        parts.append(paragraph(content.prompt("answer_question", name=decision.causes[0].name)))
    else:
        parts.append(paragraph(content.prompt("more_question")))
    return Reply(speak("".join(parts)), speak(paragraph(content.prompt("answer_reprompt"))), False)


def simple(*sentences: str, question: str, reprompt: str) -> Reply:
    """A short reply that ends with one question."""
    return Reply(speak(paragraph(*sentences, question)), speak(paragraph(reprompt)), False)


def goodbye(content: Content) -> Reply:
    return Reply(speak(paragraph(content.prompt("goodbye"))), None, True)


