"""Reply builders for the bedtime voice: say back what was heard, then warn, ask or answer.

Short sentences, a calm pace, soft volume (the SSML itself is `skill.dialog.ssml`'s).
Lists have at most three items.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from skill.content import Content, RedFlag
from skill.content.records import fill_emergency
from skill.core.decision import Answer, Ask, Emergency, SameDay, decide_urgent, spoken_flag
from skill.core.symptoms import Symptoms

from skill.dialog import echo
from skill.dialog.ssml import Reply, paragraph, speak, speak_urgent


# --------------------------------------------------------------------------- saying back


def heard(symptoms: Symptoms, content: Content) -> str:
    """'You said your left foot goes numb when you lie on your side.', in their words."""
    return echo.heard(symptoms, content)


def first_heard(symptoms: Symptoms, content: Content) -> str:
    """'Your foot burns at night.': said back before the first question."""
    return echo.echo(symptoms, content)


def heard_signs(symptoms: Symptoms, flags: Iterable[RedFlag], content: Content) -> str:
    """For an emergency: say back the danger signs heard, else the leg feeling."""
    wanted: list[str] = []
    for flag in flags:
        for group in flag.match:
            wanted.extend(sorted(group.signs() & symptoms.signs))
    signs = list(dict.fromkeys(wanted))[:2]
    if not signs:
        return heard(symptoms, content)
    return f"You said {' and '.join(content.phrases.sign[s] for s in signs)}."


# --------------------------------------------------------------------------- replies


_SENTENCE_END = re.compile(r"(?<=[.?])\s+")
_CONDITION = re.compile(r"\b(if|when|for)\b", re.I)


def is_conditional(sentence: str) -> bool:
    """True when a sentence carries its own condition ("If you get chest pain, call ...")."""
    return bool(_CONDITION.search(sentence))


def call_sentences(text: str, content: Content) -> str:
    """A content text with the emergency number filled in.

    A bare call ("Call {emergency} now.", the emergency answer itself) says one number per
    sentence: a locale with two numbers ("000, or 111 in New Zealand") says the first in
    the sentence and the other in one of its own ("Or call 111 in New Zealand."). A sentence
    that carries a condition keeps every number inside it ("If you get chest pain, call 999,
    or 112 in Ireland."), so a half-asleep listener never hears a bare order to call."""
    first, *others = content.locale.emergency.split(", or ")
    if "{emergency}" not in text or not others:
        return content.fill(text)
    said: list[str] = []
    for sentence in _SENTENCE_END.split(text.strip()):
        if "{emergency}" not in sentence or is_conditional(sentence):
            said.append(content.fill(sentence))
            continue
        said.append(fill_emergency(sentence, first))
        for other in others:
            number, _, place = other.partition(" in ")
            said.append(content.prompt("call_also", place=place, number=number) if place else f"{number}.")
    return " ".join(said)


def call_now(content: Content) -> str:
    """"Call 911 now.": the emergency action with the locale's first number only."""
    return fill_emergency(content.tiers["emergency"].action, content.locale.emergency.split(", or ")[0])


def emergency(decision: Emergency, symptoms: Symptoms, content: Content) -> Reply:
    """What was heard, call now, why it is urgent, then the call again and stop. Each
    emergency number is said at most twice (the first twice), one number per sentence, at
    normal volume and rate."""
    tier = content.tiers["emergency"]
    flag = spoken_flag(decision.flags, symptoms.part)
    body = paragraph(
        heard_signs(symptoms, decision.flags, content),
        call_sentences(tier.action, content),
        call_sentences(flag.say, content),
        call_sentences(flag.escalate or tier.after, content),
    ) + paragraph(call_now(content), content.prompt("emergency_end"))
    return Reply(speak_urgent(body), None, True)


def same_day(decision: SameDay, symptoms: Symptoms, content: Content) -> Reply:
    """Get help today first, then why, where to get it, and when to call the emergency
    number instead, at normal volume and rate. How to hear it again is the reprompt."""
    tier = content.tiers["same_day"]
    flag = spoken_flag(decision.flags, symptoms.part)
    body = (
        paragraph(content.fill(tier.action), content.fill(flag.say))
        + paragraph(content.fill(tier.after))
        + paragraph(call_sentences(flag.escalate, content))
    )
    reprompt = paragraph(content.prompt("same_day_question"), content.prompt("same_day_reprompt"))
    return Reply(speak_urgent(body), speak(reprompt), False)


def warning(decision: Emergency | SameDay, symptoms: Symptoms, content: Content) -> Reply:
    """The urgent answer a decision calls for: call the emergency number now, or get help today."""
    if isinstance(decision, Emergency):
        return emergency(decision, symptoms, content)
    return same_day(decision, symptoms, content)


def question(decision: Ask, content: Content, *, lead: str = "") -> Reply:
    q = decision.question
    return Reply(speak(paragraph(lead, q.prompt)), speak(paragraph(q.reprompt)), False)


def causes_sentence(answer: Answer, content: Content) -> str:
    """The likeliest reason only: more reasons are for "why"."""
    if not answer.causes:
        return ""
    return content.prompt("causes_single", name=answer.causes[0].name)


def get_help_line(decision: Answer, content: Content) -> str:
    """One line on when to get help: the likeliest reason's own safety net (sciatica's numb
    bottom or bladder change), else a fired 'see a doctor soon' sign, else the general line."""
    if decision.causes and decision.causes[0].get_help:
        return content.fill(decision.causes[0].get_help)
    if decision.soon:  # several can fire; each says see a doctor: the shortest fits one breath
        return min((content.fill(flag.say) for flag in decision.soon), key=lambda line: len(line.split()))
    return content.default_soon


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
    log_offer: tuple[str, str] | None = None,
) -> Reply:
    """The one thing to do now, the likeliest reason, when to get help, then one offer, in
    one breath or two. What was heard is said back with the reasons ("why"); more tips only
    when asked."""
    action = decision.remedies[0].say if decision.remedies else ""
    parts = [
        paragraph(lead, action),
        paragraph(causes_sentence(decision, content), get_help_line(decision, content)),
    ]
    if disclaimer:
        parts.append(paragraph(content.prompt("disclaimer")))
    if decision.stretch and stretch_offer is not None:
        offer, offer_reprompt = stretch_offer
        return Reply(speak("".join(parts) + paragraph(offer)), speak(paragraph(offer_reprompt)), False)
    if log_offer is not None:  # "Shall I add tonight to your night log?" (its offer comes after)
        offer, offer_reprompt = log_offer
        return Reply(speak("".join(parts) + paragraph(offer)), speak(paragraph(offer_reprompt)), False)
    if not decision.causes:  # no reason to explain: offer the other tips
        parts.append(paragraph(content.prompt("tips_question")))
        return Reply(speak("".join(parts)), speak(paragraph(content.prompt("tips_reprompt"))), False)
    parts.append(paragraph(content.prompt("answer_question")))
    return Reply(speak("".join(parts)), speak(paragraph(content.prompt("answer_reprompt"))), False)


def scope_lines(key: str, content: Content) -> list[str]:
    """A question outside the skill's scope: who to ask, then the locale's advice line."""
    return [content.prompt(key), content.prompt("scope_advice")]


def scope(key: str, content: Content) -> Reply:
    """Who to ask, the advice line, one line of danger signs with the number, then one question."""
    return simple(
        *scope_lines(key, content),
        call_sentences(content.prompts["scope_danger"], content),
        question=content.prompt("scope_question"), reprompt=content.prompt("doctor_reprompt"),
    )


def simple(*sentences: str, question: str, reprompt: str) -> Reply:
    """A short reply that ends with one question."""
    return Reply(speak(paragraph(*sentences, question)), speak(paragraph(reprompt)), False)


def goodbye(content: Content, symptoms: Symptoms | None = None) -> Reply:
    """Good night; after urgent advice, the advice once more first (a "no" or "stop" after
    "get help today" is not a reason to stop meaning it)."""
    urgent = decide_urgent(symptoms, content) if symptoms is not None else None
    if isinstance(urgent, Emergency):
        return Reply(speak_urgent(paragraph(call_now(content))), None, True)
    if isinstance(urgent, SameDay):
        flag = spoken_flag(urgent.flags, symptoms.part if symptoms else None)
        lines = (
            content.fill(content.tiers["same_day"].action),
            call_sentences(flag.escalate or content.summaries["emergency"], content),
            content.prompt("goodbye_urgent"),
        )
        return Reply(speak_urgent(paragraph(*lines)), None, True)
    return Reply(speak(paragraph(content.prompt("goodbye"))), None, True)


