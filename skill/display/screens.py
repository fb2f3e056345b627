"""Datasources for the APL night-mode documents (content/apl/<name>.json).

Each screen leads with the one thing to do: the emergency number in very large type, the
answer's first tip, the stretch's step and its countdown. The text is the speech's; the
documents only lay it out (dark, dim, large type).
"""

from __future__ import annotations

from skill.content import Content
from skill.core.decision import Answer, Emergency, SameDay
from skill.core.symptoms import Symptoms
from skill.dialog import speech
from skill.display.labels import Labels
from skill.display.model import TOUCH_ACTIONS, Screen, StretchView

# The countdown's timer runs at most this many one-second ticks (a literal in the document).
MAX_COUNTDOWN_TICKS = 180


def answer_screen(decision: Answer, symptoms: Symptoms, content: Content, labels: Labels) -> Screen:
    help_lines = speech.when_to_get_help(decision.soon, content)
    first = decision.remedies[0].say if decision.remedies else help_lines[0]
    reason = speech.causes_sentence(decision, content) if decision.causes else ""
    return Screen("answer", {
        "action": first,
        "tryNow": labels["try_now"] if decision.remedies else labels["get_help"],
        "heard": speech.heard(symptoms, content),
        "reason": reason,
        "getHelp": labels["get_help"],
        "help": " ".join(help_lines),
    })


def urgent_screen(decision: Emergency | SameDay, symptoms: Symptoms, content: Content, labels: Labels) -> Screen:
    signs = speech.heard_signs(symptoms, decision.flags, content)
    say = content.fill(decision.flags[0].say)
    if isinstance(decision, Emergency):
        action = content.fill(content.tiers["emergency"].action)
        return Screen("urgent", {
            "tier": "emergency", "headline": content.locale.numbers[0], "action": action,
            "signs": signs, "say": say,
        })
    tier = content.tiers["same_day"]
    return Screen("urgent", {
        "tier": "same_day", "headline": labels["same_day_title"],
        "action": " ".join(t for t in (content.fill(tier.action), content.fill(tier.after)) if t),
        "signs": signs, "say": say,
    })


def stretch_screen(view: StretchView, labels: Labels) -> Screen:
    total = len(view.steps)
    index = min(max(view.index, 0), total - 1)
    name, instruction = view.steps[index]
    seconds = max(0, view.countdown)
    status = {"paused": labels["paused"], "done": labels["done"]}.get(view.status, "")
    return Screen("stretch", {
        "routine": view.routine,
        "step": name,
        "instruction": instruction,
        "position": labels.fill("step_of", number=index + 1, total=total),
        "status": status,
        # The timer counts down from lead_in + seconds; the screen shows at most `seconds`,
        # so the number starts to fall when the spoken "Hold." is due.
        "countdown": {"seconds": seconds, "start": min(seconds + max(0, view.lead_in), MAX_COUNTDOWN_TICKS)},
        "labels": {action: labels[action] for action in TOUCH_ACTIONS},
        "controls": view.status != "done",  # no buttons once the routine is over
    })
