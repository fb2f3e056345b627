"""A realistic mixed workload: request envelopes recorded from scripted conversations.

Each conversation is played through `LocalSession` (the offline stand-in for Alexa),
and every envelope it sends is recorded, session attributes and dialog state included.
Replaying the recorded envelopes in order gives the skill the same mix of requests a
night of real users would: launches, one-shot questions, follow-up answers, stretch
steps, help, repeat, fallback and stop.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ask_sdk_core.skill import CustomSkill

from fuzz.scratch import throwaway_memory
from skill.simulator.session import LocalSession

OPEN = "open night legs"

# Each script is one session; OPEN launches, other first lines are one-shot questions.
CONVERSATIONS: tuple[tuple[str, ...], ...] = (
    (OPEN, "my left leg goes numb when I lie on my side", "no", "it gets better when I move",
     "at night", "tell me more", "stop"),
    ("ask night legs why do my legs tingle at night", "no", "both", "moving helps", "what can I do",
     "yes", "no"),
    (OPEN, "help", "what is the best way to sleep", "when should I see a doctor", "repeat", "stop"),
    ("ask night legs why does my leg go numb when I lie down", "I don't know", "I don't know", "skip",
     "what can I do", "stop"),
    ("ask night legs my leg is numb and I have chest pain",),
    (OPEN, "purple elephants dancing", "help", "cancel"),
    (OPEN, "stretch with me", "yes", "next", "slower", "how many are left", "pause", "resume"),
    ("ask night legs what can I do", "what is the best way to sleep", "no"),
)


@dataclass(frozen=True)
class Recorded:
    """One envelope as Alexa would send it, and what the recording session heard."""

    text: str
    envelope: Mapping[str, Any]

    @property
    def kind(self) -> str:
        request = self.envelope["request"]
        if request["type"] == "IntentRequest":
            return str(request["intent"]["name"])
        return str(request["type"])


class _RecordingSession(LocalSession):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent: list[dict[str, Any]] = []

    def request(self, envelope: Mapping[str, Any]) -> dict[str, Any]:
        self.sent.append(copy.deepcopy(dict(envelope)))
        return super().request(envelope)




def record(skill: CustomSkill | None = None, locale: str = "en-US") -> list[Recorded]:
    """Play every conversation once (each as its own first-time user) and return the
    envelopes sent, in order."""
    with throwaway_memory("nightlegs-record-"):
        return _record(skill, locale)


def _record(skill: CustomSkill | None, locale: str) -> list[Recorded]:
    out: list[Recorded] = []
    for number, script in enumerate(CONVERSATIONS):
        session = _RecordingSession(locale, skill=skill, user_id=f"amzn1.ask.account.WORKLOAD{number}")
        for line in script:
            before = len(session.sent)
            if line == OPEN:
                session.launch()
            else:
                session.say(line)
            out.extend(Recorded(line, envelope) for envelope in session.sent[before:])
            if session.ended:
                break
        if not session.ended:  # Alexa closes an open session with SessionEndedRequest
            before = len(session.sent)
            session.request(session.envelope({"type": "SessionEndedRequest", "reason": "USER_INITIATED"}))
            out.extend(Recorded("(silence)", envelope) for envelope in session.sent[before:])
    return out


def fresh(envelope: Mapping[str, Any], *, skill_id: str | None = None) -> dict[str, Any]:
    """A copy with a new request id and the current time (for signature/timestamp checks)."""
    copied = copy.deepcopy(dict(envelope))
    copied["request"]["requestId"] = f"amzn1.echo-api.request.{uuid.uuid4()}"
    copied["request"]["timestamp"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if skill_id is not None:
        copied["context"]["System"]["application"]["applicationId"] = skill_id
        copied["session"]["application"]["applicationId"] = skill_id
    return copied


def mix(recorded: list[Recorded]) -> dict[str, int]:
    """How many envelopes of each kind the workload holds."""
    counts: dict[str, int] = {}
    for item in recorded:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return dict(sorted(counts.items()))
