"""Standard card text for the Alexa app: the answer, an urgent warning, a stretch's steps.

Every sentence is the one the speech says (built by `skill.dialog.speech` from content);
only the headings come from content/display.yaml. Sources are the public pages behind
what the card says (seed articles have no address and are left out).
"""

from __future__ import annotations

from typing import Iterable

from skill.content import Content, RedFlag
from skill.core.decision import Answer, Emergency, SameDay
from skill.core.symptoms import Symptoms
from skill.dialog import speech
from skill.display.labels import Labels
from skill.display.model import Card, StretchView

MAX_SOURCES = 5


def public_sources(groups: Iterable[Iterable[str]]) -> list[str]:
    """The https sources among `groups`, first seen first, at most MAX_SOURCES."""
    found = [s for group in groups for s in group if s.startswith("https://")]
    return list(dict.fromkeys(found))[:MAX_SOURCES]


def _section(heading: str, *lines: str) -> str:
    body = [line for line in lines if line]
    return "\n".join([heading, *body]) if body else ""


def answer_card(decision: Answer, symptoms: Symptoms, content: Content, labels: Labels) -> Card:
    """What was heard, the likeliest reason, the tips, when to get help, the sources."""
    reasons = ""
    if decision.causes:
        reasons = f"{speech.causes_sentence(decision, content)} {decision.causes[0].explain}"
    sources = public_sources(
        [c.sources for c in decision.causes[:1]]
        + [r.sources for r in decision.remedies]
        + [f.sources for f in decision.soon]
    )
    sections = [
        _section(labels["heard"], speech.heard(symptoms, content)),
        _section(labels["reasons"], reasons),
        _section(labels["try_now"], *(f"- {r.say}" for r in decision.remedies)),
        _section(
            labels["get_help"],
            *speech.when_to_get_help(decision.soon, content),
            labels.fill("emergency_number", emergency=content.locale.emergency),
        ),
        _section(labels["sources"], *sources),
        content.prompt("disclaimer"),  # the card is read alone, later: it says so every time
    ]
    return Card(labels["answer_title"], "\n\n".join(s for s in sections if s))


def urgent_card(decision: Emergency | SameDay, symptoms: Symptoms, content: Content, labels: Labels) -> Card:
    """An emergency: just the number and the signs. Same day: the signs, the action, and when
    to call the emergency number instead."""
    flags: tuple[RedFlag, ...] = decision.flags
    signs = speech.heard_signs(symptoms, flags, content)
    if isinstance(decision, Emergency):
        tier = content.tiers["emergency"]
        action = content.fill(tier.action)
        return Card(action, "\n".join([signs, content.fill(flags[0].say), action]))
    tier = content.tiers["same_day"]
    lines = [signs, content.fill(flags[0].say), content.fill(tier.action), content.fill(tier.after), speech.call_sentences(flags[0].escalate, content)]
    return Card(labels["same_day_title"], "\n".join(line for line in lines if line))


def stretch_card(view: StretchView, labels: Labels) -> Card:
    """The routine's steps, numbered, each with its instruction."""
    lines = [f"{number}. {name}: {instruction}" for number, (name, instruction) in enumerate(view.steps, 1)]
    return Card(labels.fill("stretch_title", name=view.routine), "\n".join([labels["steps"], *lines]))
