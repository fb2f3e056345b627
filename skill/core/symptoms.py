"""What the user has told us so far, as typed values (pure; no SDK).

Slot values are the ids of the interaction model's slot types (`side`, `numb`, ...). The
`sign` slot can be said several times in one conversation, so signs are kept as a set.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from skill.content import SLOTS

SINGLE_SLOTS = tuple(slot for slot in SLOTS if slot != "sign")
SCREEN = "screen"  # the name under which the safety question is recorded as asked
NO_DANGER = "none"  # the sign value that answers the safety question with "no"
DANGER_UNSPECIFIED = "danger_unspecified"  # a bare "yes" to the safety question


@dataclass(frozen=True)
class Symptoms:
    sensation: str | None = None
    side: str | None = None
    position: str | None = None
    timing: str | None = None
    relief: str | None = None
    signs: frozenset[str] = frozenset()

    def values(self, slot: str) -> frozenset[str]:
        """The values said for a slot, as a set (empty when not said)."""
        if slot == "sign":
            return self.signs
        value = getattr(self, slot)
        return frozenset() if value is None else frozenset({value})

    def answered(self, slot: str) -> bool:
        return bool(self.values(slot))

    def with_value(self, slot: str, value: str) -> "Symptoms":
        if slot == "sign":
            return replace(self, signs=self.signs | {value})
        if slot not in SINGLE_SLOTS:
            raise KeyError(slot)
        return replace(self, **{slot: value})

    @property
    def empty(self) -> bool:
        return not any(self.answered(slot) for slot in SLOTS)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {slot: getattr(self, slot) for slot in SINGLE_SLOTS if getattr(self, slot)}
        if self.signs:
            out["signs"] = sorted(self.signs)
        return out

    @classmethod
    def from_dict(cls, data: Any, vocab: Mapping[str, frozenset[str]]) -> "Symptoms":
        """Rebuild from session attributes, which are untrusted: unknown values are dropped."""
        if not isinstance(data, Mapping):
            return cls()
        kwargs: dict[str, Any] = {}
        for slot in SINGLE_SLOTS:
            value = data.get(slot)
            if isinstance(value, str) and value in vocab.get(slot, ()):
                kwargs[slot] = value
        signs = data.get("signs")
        if isinstance(signs, list):
            kwargs["signs"] = frozenset(
                s for s in signs[:32] if isinstance(s, str) and s in vocab.get("sign", ())
            )
        return cls(**kwargs)


@dataclass(frozen=True)
class QuestionProgress:
    """Which questions have been asked (answered or skipped) and whether danger was ruled out."""

    asked: tuple[str, ...] = field(default_factory=tuple)
    screened: bool = False

    def ask(self, slot: str) -> "QuestionProgress":
        return self if slot in self.asked else replace(self, asked=self.asked + (slot,))

    def rule_out_danger(self) -> "QuestionProgress":
        return replace(self, screened=True)
