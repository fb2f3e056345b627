"""Offline text → intent + slots, built from the interaction model itself.

The local chat, `nightlegs ask` and the tests talk to the skill in plain sentences with no
cloud. This resolver reads the generated `interaction_model/<locale>.json` (samples, slot
values, synonyms, slot elicitation samples) plus the phrases of Alexa's built-in intents,
and matches text against every sample:

1. Text is normalised (lower case, no punctuation but apostrophes).
2. Each sample is aligned with the words by edit distance, where a slot consumes one of
   its slot type's values or synonyms; a sample with no edits is an exact match.
3. Otherwise the closest sample wins if it is close enough, which tolerates small wording
   differences ("why does my leg always go numb at night").
4. Else AMAZON.FallbackIntent.

While the skill is eliciting a slot (after a Dialog.ElicitSlot), the slot's own samples
are tried as the elicited intent, and a bare answer is routed to that intent, as Alexa does.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from skill import paths
from skill.content import read_yaml

FALLBACK = "AMAZON.FallbackIntent"
ANSWER_INTENT = "AnswerIntent"
FUZZY_THRESHOLD = 0.78
_WORD = re.compile(r"[a-z0-9']+")


class ModelNotFound(Exception):
    """No interaction model exists for the requested locale."""


_CONTRACTIONS = {
    "what's": "what is", "it's": "it is", "i'm": "i am", "that's": "that is",
    "there's": "there is", "i've": "i have", "won't": "will not", "can't": "can not",
    "cannot": "can not", "don't": "do not", "doesn't": "does not", "isn't": "is not",
    "i'd": "i would", "wouldn't": "would not", "didn't": "did not",
}
_FILLERS = frozenset({"uh", "um", "er", "erm", "hmm", "umm", "uhm"})


def normalise(text: str) -> list[str]:
    """Lower-case words; contractions spelled out and fillers dropped, for samples and speech alike."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    words: list[str] = []
    for word in _WORD.findall(text.replace(".", " ")):
        if word in _FILLERS:
            continue
        words.extend(_CONTRACTIONS.get(word, word).split())
    return words


@dataclass(frozen=True)
class SlotValue:
    spoken: str
    id: str
    name: str


@dataclass(frozen=True)
class Resolution:
    intent: str
    slots: Mapping[str, SlotValue] = field(default_factory=dict)
    exact: bool = False
    score: float = 0.0


@dataclass(frozen=True)
class _Template:
    intent: str
    tokens: tuple[str, ...]  # literal words and "{slot}" markers
    slot_types: Mapping[str, str]  # slot name -> type name
    elicits: str | None = None  # slot name when this is an elicitation sample

    @property
    def literal_count(self) -> int:
        return sum(1 for t in self.tokens if not t.startswith("{"))


@dataclass(frozen=True)
class _Phrase:
    tokens: tuple[str, ...]
    value_id: str
    name: str


class Resolver:
    def __init__(self, model: Mapping[str, Any], builtins: Mapping[str, list[str]]) -> None:
        language = model["interactionModel"]["languageModel"]
        self.invocation_name = language["invocationName"]
        self.intents = {intent["name"] for intent in language["intents"]}
        self.phrases: dict[str, list[_Phrase]] = {}
        for slot_type in language.get("types", []):
            found: list[_Phrase] = []
            for value in slot_type["values"]:
                name = value["name"]["value"]
                for spoken in [name, *value["name"].get("synonyms", [])]:
                    tokens = tuple(normalise(spoken))
                    if tokens:
                        found.append(_Phrase(tokens, value.get("id") or name, name))
            found.sort(key=lambda p: -len(p.tokens))
            self.phrases[slot_type["name"]] = found
        self.templates: list[_Template] = []
        self.elicitation: dict[tuple[str, str], list[_Template]] = {}
        for intent in language["intents"]:
            types = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
            samples = list(intent.get("samples", [])) + list(builtins.get(intent["name"], []))
            for sample in samples:
                self.templates.append(_Template(intent["name"], _tokens(sample), types))
            for slot in intent.get("slots", []):
                key = (intent["name"], slot["name"])
                self.elicitation[key] = [
                    _Template(intent["name"], _tokens(sample), types, elicits=slot["name"])
                    for sample in slot.get("samples", [])
                ]

    # ------------------------------------------------------------------ matching

    def _spans(self, words: list[str]) -> dict[str, list[list[_Phrase]]]:
        """For every slot type: at each word position, the phrases that start there."""
        spans: dict[str, list[list[_Phrase]]] = {}
        for type_name, phrases in self.phrases.items():
            at: list[list[_Phrase]] = [[] for _ in words]
            for i in range(len(words)):
                for phrase in phrases:
                    n = len(phrase.tokens)
                    if tuple(words[i : i + n]) == phrase.tokens:
                        at[i].append(phrase)
            spans[type_name] = at
        return spans

    def _align(
        self, template: _Template, words: list[str], spans: Mapping[str, list[list[_Phrase]]]
    ) -> tuple[float, dict[str, SlotValue]]:
        """Edit distance between a sample and the words, where a slot eats one of its phrases.

        An extra or missing word costs 1, a left-out slot 0.5. Returns (cost, slots).
        """
        tokens = template.tokens
        m, n = len(tokens), len(words)

        @functools.lru_cache(maxsize=None)
        def best(t: int, w: int) -> tuple[float, tuple[tuple[str, int, int, str, str], ...]]:
            if t == m:
                return float(n - w), ()
            token = tokens[t]
            options: list[tuple[float, tuple[tuple[str, int, int, str, str], ...]]] = []
            if token.startswith("{"):
                slot = token[1:-1]
                type_name = template.slot_types.get(slot, "")
                if w < n:
                    for phrase in spans.get(type_name, [[]] * n)[w]:
                        cost, rest = best(t + 1, w + len(phrase.tokens))
                        options.append((cost, ((slot, w, w + len(phrase.tokens), phrase.value_id, phrase.name),) + rest))
                cost, rest = best(t + 1, w)
                options.append((cost + 0.5, rest))
            else:
                if w < n and words[w] == token:
                    options.append(best(t + 1, w + 1))
                elif w < n:
                    cost, rest = best(t + 1, w + 1)
                    options.append((cost + 1, rest))
                cost, rest = best(t + 1, w)
                options.append((cost + 1, rest))
            if w < n:
                cost, rest = best(t, w + 1)
                options.append((cost + 1, rest))
            return min(options, key=lambda option: option[0])

        cost, found = best(0, 0)
        slots = {
            slot: SlotValue(" ".join(words[start:stop]), value_id, name)
            for slot, start, stop, value_id, name in found
        }
        return cost, slots

    def resolve(self, text: str, *, expecting: tuple[str, str] | None = None) -> Resolution:
        words = normalise(text)
        if not words:
            return Resolution(FALLBACK)
        spans = self._spans(words)
        candidates = list(self.templates)
        if expecting is not None:
            candidates = self.elicitation.get(expecting, []) + candidates
        best: tuple[tuple[float, int, int, int, int], _Template, dict[str, SlotValue]] | None = None
        for rank, template in enumerate(candidates):
            cost, slots = self._align(template, words, spans)
            score = 1.0 - 2.0 * cost / (len(template.tokens) + len(words))
            elicited = 1 if template.elicits is not None and cost == 0 else 0
            # ties: an elicited slot's own answer, then the sample with more exact words
            # (a phrase the model lists beats the same words caught by a slot), then more slots
            key = (score, elicited, template.literal_count, len(slots), -rank)
            if best is None or key > best[0]:
                best = (key, template, slots)
        assert best is not None
        key, template, slots = best
        exact = key[0] >= 1.0
        if not exact and key[0] < FUZZY_THRESHOLD:
            return Resolution(FALLBACK, score=key[0])
        intent = template.intent
        if expecting is not None and intent == ANSWER_INTENT:
            intent = expecting[0]
        return Resolution(intent, slots, exact, key[0])


def _tokens(sample: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in re.split(r"(\{[^}]+\})", sample):
        if part.startswith("{"):
            out.append(part)
        else:
            out.extend(normalise(part))
    return tuple(out)


def model_path(locale: str) -> Path:
    return paths.model_dir() / f"{locale}.json"


def available_locales() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in paths.model_dir().glob("*.json")))


def load_model(locale: str) -> dict[str, Any]:
    path = model_path(locale)
    if not path.exists():
        raise ModelNotFound(locale)
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@functools.lru_cache(maxsize=None)
def resolver_for(locale: str) -> Resolver:
    builtins = read_yaml(paths.model_dir() / "source" / "builtin_samples.yaml") or {}
    return Resolver(load_model(locale), builtins)
