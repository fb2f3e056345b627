"""Typed records for how danger signs are said (`content/danger_words.yaml`)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class Clarify:
    """One clarifying question: a yes sets the sign that was in doubt."""

    id: str
    sign: str | None
    for_signs: frozenset[str]
    prompt: str
    reprompt: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Concept:
    """One danger sign (or a fact that changes what a sign means) and how people say it."""

    id: str
    slot: str
    value: str
    words: tuple[re.Pattern[str], ...]
    ask: tuple[re.Pattern[str], ...]
    explained: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]
    needs: tuple[re.Pattern[str], ...]
    with_signs: frozenset[str]
    clarify: str | None
    sources: tuple[str, ...]
    # `words` and `ask` as written in the file (macros left in), read for `needed`.
    written: tuple[str, ...] = ()

    @functools.cached_property
    def needed(self) -> frozenset[str] | None:
        """Strings one of which any match of `words` or `ask` contains (None: unknown), so
        the screen can pass over speech without any of them. Worked out on first use: a
        launch, which screens nothing, does not pay for it."""
        from skill.content.danger_literals import needed_by_all  # only a screen needs it

        return needed_by_all(self.written)

    @functools.cached_property
    def needed_split(self) -> Split | None:
        """`needed` as (strings without a space, strings with one): the first kind can
        only occur inside one word of the speech."""
        return _split(self.needed)

    @functools.cached_property
    def pattern_needs(self) -> tuple[Split | None, ...]:
        """For each pattern of `words`, then of `ask`: what it alone needs, split the same way."""
        from skill.content.danger_literals import needed

        return tuple(_split(needed(pattern)) for pattern in self.written)


Split = tuple[tuple[str, ...], tuple[str, ...]]


def _split(strings: frozenset[str] | None) -> Split | None:
    if strings is None:
        return None
    return tuple(sorted(s for s in strings if " " not in s)), tuple(sorted(s for s in strings if " " in s))


@dataclass(frozen=True)
class DangerWords:
    concepts: tuple[Concept, ...] = ()
    clarify: Mapping[str, Clarify] | None = None
    negation: re.Pattern[str] | None = None
    topic: tuple[re.Pattern[str], ...] = ()  # words that show the speech is about the legs

    def question(self, clarify_id: str) -> Clarify | None:
        return (self.clarify or {}).get(clarify_id)
