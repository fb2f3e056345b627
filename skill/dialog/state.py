"""The conversation's state in session attributes, validated on the way in.

Session attributes come back from the device in every request, so they are untrusted
input: state this skill did not sign is a new conversation, and anything unknown or
malformed is dropped rather than trusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping, MutableMapping

from skill.content import SLOTS, Content
from skill.core.symptoms import SCREEN, QuestionProgress, Symptoms
from skill.dialog import pending as pending_register
from skill.dialog import signing
from skill.dialog.pending import Pending
from skill.dialog.session_keys import CONVERSATION_KEY
from skill.dialog.ssml import is_own_ssml

# The names a follow-up question is recorded under once asked.
ASKED_VALUES = frozenset(SLOTS) | {SCREEN}
MAX_SSML = 8000


@dataclass(frozen=True)
class SessionState:
    symptoms: Symptoms = field(default_factory=Symptoms)
    progress: QuestionProgress = field(default_factory=QuestionProgress)
    pending: Pending | None = None  # the one register of what the skill waits for
    disclaimer_heard: bool = False
    last_speech: str | None = None
    last_reprompt: str | None = None
    top_cause: str | None = None
    answered: bool = False
    clarifying: tuple[str, str] | None = None  # (question id, sign a yes sets) while CLARIFY waits
    clarified: tuple[str, ...] = ()  # clarifying questions already asked: each once a session
    # The thread question (`pending.THREAD_QUESTIONS`) waiting behind an aside's own yes/no
    # ("Do you want me to remember this?"): asked again once the aside is answered.
    resume: Pending | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "symptoms": self.symptoms.to_dict(),
            "asked": list(self.progress.asked),
            "screened": self.progress.screened,
            "pending": str(self.pending) if self.pending else None,
            "disclaimer_heard": self.disclaimer_heard,
            "last_speech": self.last_speech,
            "last_reprompt": self.last_reprompt,
            "top_cause": self.top_cause,
            "answered": self.answered,
            "clarifying": list(self.clarifying) if self.clarifying else None,
            "clarified": list(self.clarified),
            "resume": str(self.resume) if self.resume else None,
        }

    @classmethod
    def from_dict(cls, data: Any, content: Content) -> "SessionState":
        if not isinstance(data, Mapping):
            return cls()
        vocab = {slot: content.phrases.values(slot) for slot in SLOTS}
        asked_raw = data.get("asked")
        asked = tuple(
            dict.fromkeys(
                a for a in (asked_raw if isinstance(asked_raw, list) else [])[:8] if isinstance(a, str) and a in ASKED_VALUES
            )
        )
        top = data.get("top_cause")
        questions = content.danger.clarify or {}
        raw_clarifying = data.get("clarifying")
        clarifying = None
        if (
            isinstance(raw_clarifying, list) and len(raw_clarifying) == 2
            and raw_clarifying[0] in questions and raw_clarifying[1] in vocab["sign"]
        ):
            clarifying = (str(raw_clarifying[0]), str(raw_clarifying[1]))
        raw_clarified = data.get("clarified")
        clarified = tuple(
            dict.fromkeys(q for q in (raw_clarified if isinstance(raw_clarified, list) else [])[:8] if q in questions)
        )
        resume = pending_register.parse(data.get("resume"))
        return cls(
            symptoms=Symptoms.from_dict(data.get("symptoms"), vocab),
            progress=QuestionProgress(asked=asked, screened=data.get("screened") is True),
            pending=pending_register.parse(data.get("pending")),
            disclaimer_heard=data.get("disclaimer_heard") is True,
            last_speech=_ssml_or_none(data.get("last_speech")),
            last_reprompt=_ssml_or_none(data.get("last_reprompt")),
            top_cause=top if isinstance(top, str) and content.cause(top) is not None else None,
            answered=data.get("answered") is True,
            clarifying=clarifying,
            clarified=clarified,
            resume=resume if resume in pending_register.THREAD_QUESTIONS else None,
        )

    def evolve(self, **changes: Any) -> "SessionState":
        return replace(self, **changes)


def _ssml_or_none(value: Any) -> str | None:
    """Only SSML the skill itself could have written is replayed by 'repeat'."""
    if isinstance(value, str) and len(value) <= MAX_SSML and is_own_ssml(value):
        return value
    return None


def load(attributes: Mapping[str, Any], content: Content) -> SessionState:
    """The conversation so far; a new one unless this skill signed it (`skill.dialog.signing`)."""
    return SessionState.from_dict(signing.read(attributes, CONVERSATION_KEY), content)


def save(attributes: MutableMapping[str, Any], state: SessionState) -> None:
    signing.store(attributes, CONVERSATION_KEY, state.to_dict())
