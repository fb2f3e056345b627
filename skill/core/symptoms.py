"""What the user has told us so far, as typed values (pure; no SDK).

Slot values are the ids of the interaction model's slot types (`side`, `numb`, ...). The
`sign` slot can be said several times in one conversation, so signs are kept as a set.
The part of the leg (`part`: foot, calf, ...) and the words the person used for a value
(`said`: "burns" for `burning`) are kept only to say it back in their words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from skill.content import SLOTS

PART = "part"  # the slot of the leg's part; said back, never asked, never screened
SAID_SLOTS = frozenset({"sensation", "side", "timing", "position", PART})
MAX_SAID_WORDS = 6  # words of one value said back; a longer value is said in the content's words
_SAID = re.compile(r"[a-z][a-z' ]{0,47}")
_ID = re.compile(r"[a-z_]{1,32}")

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
    part: str | None = None
    said: tuple[tuple[str, str, str], ...] = ()  # (slot, value id, the words used for it)

    def with_part(self, part: str) -> "Symptoms":
        return replace(self, part=part)

    def with_said(self, slot: str, value_id: str, words: str) -> "Symptoms":
        """Remember the words said for a value; words that could not be said back are not kept."""
        words = " ".join(words.lower().split())
        if slot not in SAID_SLOTS or not _SAID.fullmatch(words) or len(words.split()) > MAX_SAID_WORDS:
            return self
        kept = tuple(s for s in self.said if s[0] != slot)
        return replace(self, said=kept + ((slot, value_id, words),))

    def with_side_from_part(self, both_words: frozenset[str]) -> "Symptoms":
        """Both legs when the part was said as two ("my feet burn", "me calves cramp") and
        no side was given, so the skill does not ask "one leg, or both?" after it."""
        words = self.words_for(PART)
        if self.side is None and words is not None and words.split()[-1] in both_words:
            return replace(self, side="both")
        return self

    def without(self, slot: str) -> "Symptoms":
        """The same, with what was said for `slot` let go ("go back" to its question)."""
        if slot not in SINGLE_SLOTS:
            return self
        return replace(self, **{slot: None}, said=tuple(s for s in self.said if s[0] != slot))

    def words_for(self, slot: str) -> str | None:
        """The words said for the slot's current value, if they were kept."""
        value = self.part if slot == PART else getattr(self, slot, None)
        return next((words for name, value_id, words in self.said if name == slot and value_id == value), None)

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

    def to_dict(self, *, spoken: bool = True) -> dict[str, Any]:
        """As session attributes; `spoken=False` leaves out the part and the words said, which
        are only for saying back in this conversation (memory keeps the values alone)."""
        out: dict[str, Any] = {slot: getattr(self, slot) for slot in SINGLE_SLOTS if getattr(self, slot)}
        if self.signs:
            out["signs"] = sorted(self.signs)
        if self.part and spoken:
            out[PART] = self.part
        if self.said and spoken:
            out["said"] = [list(s) for s in self.said]
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
        part = data.get(PART)
        if isinstance(part, str) and _ID.fullmatch(part):
            kwargs[PART] = part
        out = cls(**kwargs)
        said = data.get("said")
        for item in said[: len(SAID_SLOTS)] if isinstance(said, list) else ():
            if isinstance(item, list) and len(item) == 3 and all(isinstance(x, str) for x in item) and _ID.fullmatch(item[1]):
                out = out.with_said(*item)
        return out


@dataclass(frozen=True)
class QuestionProgress:
    """Which questions have been asked (answered or skipped) and whether danger was ruled out."""

    asked: tuple[str, ...] = field(default_factory=tuple)
    screened: bool = False

    def ask(self, slot: str) -> "QuestionProgress":
        return self if slot in self.asked else replace(self, asked=self.asked + (slot,))

    def rule_out_danger(self) -> "QuestionProgress":
        return replace(self, screened=True)
