"""Find slot values anywhere in a sentence, as a statistical NLU would.

Every value and synonym of every custom slot type is indexed by its first word. A phrase
matches where its words appear in order, with at most one extra word inside a phrase of
three words (two inside a longer one) ("can not lift my left arm" still holds "can not lift my arm").
Words the model does not know are first corrected to the closest word it does know, when
the two are close enough to be a slip of the keyboard or the recogniser ("numm" → "numb").
Only the model's own words are used, so nothing is understood that Alexa could not be
given through the model.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

MIN_TYPO_LENGTH = 4
# Words of times and numbers are read by the built-in slots, never "corrected".
TIME_WORDS = frozenset(
    "one two three four five six seven eight nine ten oclock o'clock thirty forty fifty twenty fifteen eleven twelve thirteen fourteen sixteen "
    "seventeen eighteen nineteen hundred half quarter past noon midnight midday tonight evening morning".split()
)


@dataclass(frozen=True)
class Phrase:
    tokens: tuple[str, ...]
    type_name: str
    value_id: str
    name: str


@dataclass(frozen=True)
class Span:
    start: int
    stop: int
    phrase: Phrase

    @property
    def length(self) -> int:
        return self.stop - self.start


class Spotter:
    def __init__(self, phrases: Iterable[Phrase], vocabulary: Iterable[str]) -> None:
        self.by_first: dict[str, list[Phrase]] = {}
        for phrase in phrases:
            self.by_first.setdefault(phrase.tokens[0], []).append(phrase)
        for found in self.by_first.values():
            found.sort(key=lambda p: -len(p.tokens))
        self.vocabulary = frozenset(vocabulary)
        self._choices = sorted(w for w in self.vocabulary if len(w) >= MIN_TYPO_LENGTH - 1)
        self.correct = functools.lru_cache(maxsize=16384)(self._correct)

    # Pickled with the resolver's index (skill.simulator.index); the corrections cache is not.
    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("correct", None)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.correct = functools.lru_cache(maxsize=16384)(self._correct)

    def _correct(self, word: str) -> str:
        if word in self.vocabulary or word in TIME_WORDS or len(word) < MIN_TYPO_LENGTH or word.isdigit():
            return word
        # one slip in a short word, two in a long one ("numm" -> "numb", "properlly" -> "properly")
        allowed = 1 if len(word) <= 7 else 2
        found = process.extractOne(word, self._choices, scorer=Levenshtein.distance, score_cutoff=allowed)
        return found[0] if found else word

    def corrected(self, words: list[str]) -> list[str]:
        return [self.correct(w) for w in words]

    def spans(self, words: list[str]) -> list[Span]:
        """Every phrase found, longest first at each position (overlaps are kept)."""
        out: list[Span] = []
        n = len(words)
        for i, word in enumerate(words):
            first = self.by_first.get(word, [])
            if word == "me":
                first = first + self.by_first.get("my", [])
            elif word.endswith("s"):
                first = first + self.by_first.get(word[:-1], [])
            for phrase in first:
                stop = _match(phrase.tokens, words, i, n)
                if stop:
                    out.append(Span(i, stop, phrase))
        return out


# Small words people slip into a phrase ("my face feels kind of numb", "coughing up a bit
# of blood") that never change what it means; skipped inside a phrase at no cost.
SOFT_WORDS = frozenset({"kind", "of", "sort", "a", "bit", "all", "really", "just", "little", "very", "quite", "like", "also", "too", "so", "totally", "now"})


# Words that turn a phrase round ("my arm is not weak"): never skipped inside a phrase.
NEGATIONS = frozenset({"not", "no", "never", "nor", "without", "isnt", "dont", "doesnt", "cant"})


def _same(word: str, token: str) -> bool:
    """A word stands for a phrase's word: the same, a plural or "'s" without its apostrophe, or "me" for "my"."""
    return word == token or word == token + "s" or (word == "me" and token == "my")


def _match(tokens: tuple[str, ...], words: list[str], start: int, n: int) -> int:
    """End index of `tokens` matched at `start`, allowing soft words anywhere inside and one
    other extra word in a phrase of three words (two in a longer one); 0 if none."""
    skips = 2 if len(tokens) >= 4 else 1 if len(tokens) >= 3 else 0
    w = start + 1
    for token in tokens[1:]:
        while w < n and not _same(words[w], token) and words[w] in SOFT_WORDS and len(tokens) >= 2:
            w += 1
        if w < n and _same(words[w], token):
            w += 1
        elif skips and w + 1 < n and words[w] not in NEGATIONS and _same(words[w + 1], token):
            skips -= 1
            w += 2
        else:
            return 0
    return w


def choose(spans: Iterable[Span], *, same_words: bool = False) -> list[Span]:
    """Non-overlapping spans, longer ones first, in sentence order.

    With `same_words`, spans over exactly the same words as a taken one are kept too (the
    same words can be a value of several slot types).
    """
    taken: list[Span] = []
    used: set[int] = set()
    places: set[tuple[int, int]] = set()
    for span in sorted(spans, key=lambda s: (-s.length, s.start)):
        cells = set(range(span.start, span.stop))
        if cells & used:
            if same_words and (span.start, span.stop) in places:
                taken.append(span)
            continue
        places.add((span.start, span.stop))
        used |= cells
        taken.append(span)
    return sorted(taken, key=lambda s: s.start)
