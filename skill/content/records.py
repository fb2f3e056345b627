"""Typed content records: the frozen dataclasses `content/*.yaml` is read into.

Pure data and the one text helper that fills the locale's emergency words into a sentence;
reading and checking the files is `skill.content.loader`'s job.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from skill.content.danger_records import DangerWords

DEFAULT_LOCALE = "en-US"
TIERS = ("emergency", "same_day", "soon")
SLOTS = ("sensation", "side", "position", "timing", "relief", "sign")
# phrases.yaml names the side values under `leg`; every other slot under its own name.
_PHRASE_SECTION = {"side": "leg"}


# --------------------------------------------------------------------------- typed content


@dataclass(frozen=True)
class Condition:
    """One `match` group: every named slot must have one of the listed values, and for each
    set in `every` at least one of its signs must be known (a condition's discriminators
    together: fever and a red, hot leg and a racing heart)."""

    slots: Mapping[str, frozenset[str]]
    every: tuple[frozenset[str], ...] = ()

    def signs(self) -> frozenset[str]:
        """Every sign this group names, in `sign` or in `every`."""
        return frozenset(self.slots.get("sign", frozenset())).union(*self.every)


@dataclass(frozen=True)
class Cause:
    id: str
    name: str
    explain: str
    more: str
    features: Mapping[str, Mapping[str, int]]
    prior: int
    sources: tuple[str, ...]
    stretch: str | None = None
    get_help: str = ""  # when to get help when this is the likeliest reason ("" = the general line)
    # True when how the person lies can cause or ease it: the tip for the position they
    # said leads the answer (Mayo Clinic sleeping positions; NHS Wales sciatica).
    positional: bool = False


@dataclass(frozen=True)
class Pattern:
    id: str
    match: tuple[Condition, ...]
    ruled_out_by: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Remedy:
    id: str
    say: str
    safe_in_bed: bool
    positions: frozenset[str]
    causes: frozenset[str]
    avoid_if: frozenset[str]
    needs_ruled_out: frozenset[str]
    sources: tuple[str, ...]
    sensations: frozenset[str] = frozenset()  # only for these feelings (empty: any)


@dataclass(frozen=True)
class Tier:
    id: str
    action: str
    after: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RedFlag:
    id: str
    tier: str
    match: tuple[Condition, ...]
    say: str
    escalate: str
    sources: tuple[str, ...]
    # The parts of the leg its `say` is written for ("a swollen calf"); empty: any part.
    # When several flags of one tier fire, the one written for the part said is spoken.
    parts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Question:
    slot: str
    prompt: str
    reprompt: str
    sources: tuple[str, ...]
    # Not asked when one of these groups fits what was said: its answer would not change
    # what a clinician says for that feeling (a night cramp is not screened for hanging down).
    not_for: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class Locale:
    code: str
    emergency: str  # the words inside "Call {emergency} now."
    numbers: tuple[str, ...]  # every emergency number those words say
    sources: tuple[str, ...]
    advice_numbers: tuple[str, ...] = ()  # other numbers this locale's texts may say
    crisis: str = ""  # the crisis line for someone who may harm themselves, as spoken words

    @property
    def own_numbers(self) -> frozenset[str]:
        """Every phone number this locale's content is allowed to say."""
        return frozenset(self.numbers) | frozenset(self.advice_numbers)


@dataclass(frozen=True)
class SayBack:
    """How the person's own words are said back (phrases.yaml `say_back`)."""

    does: str
    is_: str
    are: str
    has: str
    when_words: frozenset[str]
    you: Mapping[str, str]
    verbs: Mapping[str, str]  # said of one part -> said of two
    states: frozenset[str]
    things: frozenset[str]


@dataclass(frozen=True)
class Phrases:
    heard: str
    echo: str
    say_back: SayBack
    part: Mapping[str, Mapping[str, str]]
    leg: Mapping[str, Mapping[str, str]]
    sensation: Mapping[str, Mapping[str, str]]
    position: Mapping[str, str]
    timing: Mapping[str, str]
    sign: Mapping[str, str]
    relief: Mapping[str, str]

    def values(self, slot: str) -> frozenset[str]:
        """Every value id the content knows for a slot (worked out once per slot: the
        session state is checked against these on every request)."""
        found = self._values.get(slot)
        if found is None:
            section: Mapping[str, Any] = getattr(self, _PHRASE_SECTION.get(slot, slot))
            found = self._values[slot] = frozenset(k for k in section if k != "unknown")
        return found

    @functools.cached_property
    def _values(self) -> dict[str, frozenset[str]]:
        return {}

    @functools.cached_property
    def both_parts(self) -> frozenset[str]:
        """The words for two of a part ("feet", "calves"): said, they mean both legs."""
        return frozenset(forms["both"] for forms in self.part.values() if forms.get("both") and forms["both"] != forms.get("one"))


@dataclass(frozen=True)
class Content:
    locale: Locale
    phrases: Phrases
    causes: tuple[Cause, ...]
    remedies: tuple[Remedy, ...]
    patterns: tuple[Pattern, ...]
    tiers: Mapping[str, Tier]
    flags: tuple[RedFlag, ...]
    default_soon: str
    safety_net: str
    summaries: Mapping[str, str]
    screen: Question
    questions: tuple[Question, ...]
    max_questions: int
    prompts: Mapping[str, str]
    _cause_index: Mapping[str, Cause] = field(default_factory=dict, repr=False)
    danger: DangerWords = field(default_factory=DangerWords)

    def cause(self, cause_id: str) -> Cause | None:
        return self._cause_index.get(cause_id)

    @functools.cached_property
    def cause_priors(self) -> tuple[int, ...]:
        return tuple(cause.prior for cause in self.causes)

    @functools.cached_property
    def feature_points(self) -> Mapping[tuple[str, str | None], tuple[tuple[int, int], ...]]:
        """(slot, value) -> ((cause number, points), ...): which causes a said value scores for."""
        index: dict[tuple[str, str | None], list[tuple[int, int]]] = {}
        for number, cause in enumerate(self.causes):
            for slot, weights in cause.features.items():
                for value, points in weights.items():
                    index.setdefault((slot, value), []).append((number, points))
        return {key: tuple(found) for key, found in index.items()}

    def prompt(self, prompt_id: str, **values: str) -> str:
        return self.fill(self.prompts[prompt_id], **values)

    def fill(self, text: str, **values: str) -> str:
        """Fill {emergency} (and any other named value) into a content sentence."""
        values.setdefault("crisis", self.locale.crisis)
        return fill_emergency(text, self.locale.emergency).format(**values)


def fill_emergency(text: str, emergency: str) -> str:
    """Put the emergency words into a text. Words with a comma ("999, or 112 in Ireland")
    are closed with a comma when the sentence goes on: "Call 999, or 112 in Ireland, now."
    Braces in the words cannot start a placeholder."""
    words = emergency.replace("{", "{{").replace("}", "}}")
    if "," in emergency:
        text = re.sub(r"\{emergency\}(?= \w)", "{emergency},", text)
    return text.replace("{emergency}", words)
