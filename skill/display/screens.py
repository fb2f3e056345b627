"""Datasources for the APL night-mode documents (content/apl/<name>.json).

Each screen leads with the one thing to do: the emergency number in very large type, the
answer's first tip, the stretch's step and its countdown. The text is the speech's; the
documents only lay it out (dark, dim, large type).
"""

from __future__ import annotations

from skill.content import Content
from skill.core.decision import Answer, Emergency, SameDay, spoken_flag
from skill.core.symptoms import Symptoms
from skill.dialog import speech
from skill.display.labels import Labels
from skill.display.model import TOUCH_ACTIONS, Screen, StretchView

# The stretch document's timer ticks once a second, at most 180 times (literals in the
# document), and shows up to MAX_HOLDS holds; a turn leads at most two today.
MAX_TICKS = 180
MAX_HOLDS = 4
_NO_HOLD = {"end": 0, "seconds": 0}


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
    flag = spoken_flag(decision.flags, symptoms.part)  # the same flag the speech says
    say = content.fill(flag.say)
    if isinstance(decision, Emergency):
        action = content.fill(content.tiers["emergency"].action)
        return Screen("urgent", {
            "tier": "emergency", "headline": content.locale.numbers[0], "action": action,
            "signs": signs, "say": say, "escalate": "",
        })
    tier = content.tiers["same_day"]
    return Screen("urgent", {
        "tier": "same_day", "headline": labels["same_day_title"],
        "action": " ".join(t for t in (content.fill(tier.action), content.fill(tier.after)) if t),
        "signs": signs, "say": say, "escalate": speech.call_sentences(flag.escalate, content),
    })


def stretch_screen(view: StretchView, labels: Labels) -> Screen:
    total = len(view.steps)
    index = min(max(view.index, 0), total - 1)
    name, instruction = view.steps[index]
    holds = [
        {"end": min(start + seconds, MAX_TICKS), "seconds": seconds}
        for start, seconds in view.holds[:MAX_HOLDS] if seconds > 0
    ]
    status = {"paused": labels["paused"], "done": labels["done"]}.get(view.status, "")
    return Screen("stretch", {
        "routine": view.routine,
        "step": name,
        "instruction": instruction,
        "position": labels.fill("step_of", number=index + 1, total=total),
        "status": status,
        # The timer counts the seconds since the screen appeared; for the next hold not yet
        # over it shows min(seconds, end - elapsed): the full hold until "Hold it there."
        # has been said, then the seconds left, as the spoken hold runs.
        "countdown": {
            "seconds": holds[0]["seconds"] if holds else 0,
            "holds": holds + [dict(_NO_HOLD) for _ in range(MAX_HOLDS - len(holds))],
        },
        "labels": {action: labels[action] for action in TOUCH_ACTIONS},
        "controls": view.status != "done",  # no buttons once the routine is over
    })
