"""One entry point per dialog: the card and the screen for what the turn said."""

from __future__ import annotations

from skill.content import Content
from skill.core.decision import Answer, Emergency, SameDay
from skill.core.symptoms import Symptoms
from skill.display import cards, screens
from skill.display.labels import Labels
from skill.display.model import Display, StretchView


def for_answer(decision: Answer, symptoms: Symptoms, content: Content, labels: Labels) -> Display:
    return Display(
        cards.answer_card(decision, symptoms, content, labels),
        screens.answer_screen(decision, symptoms, content, labels),
    )


def for_urgent(decision: Emergency | SameDay, symptoms: Symptoms, content: Content, labels: Labels) -> Display:
    return Display(
        cards.urgent_card(decision, symptoms, content, labels),
        screens.urgent_screen(decision, symptoms, content, labels),
    )


def for_stretch(view: StretchView, labels: Labels) -> Display:
    return Display(
        cards.stretch_card(view, labels) if view.card else None,
        screens.stretch_screen(view, labels),
    )
