"""Offline text → intent + slots, the way Alexa's statistical NLU does it, from the model alone.

The local chat, `nightlegs ask`/`nlu` and the tests talk to the skill in plain sentences
with no cloud. This resolver reads the generated `interaction_model/<locale>.json`
(samples, slot values, synonyms, slot elicitation samples) plus the phrases of Alexa's
built-in intents (`interaction_model/source/builtin_samples.yaml`) and nothing else:

1. Words are normalised as speech recognition would give them (`skill.simulator.text`),
   slips corrected to the model's own words when the sentence is about the legs (it names
   a part or a feeling) or answers a question, and hedges ("kinda", "yeah", "like") set aside.
2. Slot values are spotted anywhere in the sentence (`skill.simulator.spotter`); built-in
   slots (AMAZON.TIME, DURATION, NUMBER) are read from number words.
3. Each sample and the sentence become bags of features: the carrier words left once slot
   values are taken out, plus one marker per slot type found. The intent is the one whose
   sample overlaps most, words weighted by how few intents use them (extra words, other
   orders and left-out words cost only their weight).
4. While a slot is elicited, that slot's own samples compete as the eliciting intent, as Alexa does.
5. Slots are filled from the spotted values the intent declares (the multi-value `sign`
   slot takes them all); words a sample leaves for a slot that match no value arrive as
   that slot's words (ER_SUCCESS_NO_MATCH). Speech no sample is close to arrives whole in the
   catch-all intent's `words` slot; an intent with a free-text `words` slot takes the rest
   of the sentence. Where two slots take one type ("sign", "absent"), the words just before
   a value choose ("no chest pain").
6. What is said not to be is learnt from the model too: the words its samples put before
   the `absent` slot and never before `sign` ("there is no {absent}", "I do not have any
   {absent}") say a value is absent, so a feeling after them ("my legs are not numb") fills
   no feeling slot. The skill's own negation rule is never consulted (the import rule in
   pyproject.toml keeps it out): a device knows only the model.

Answers are cached: the same text, locale and elicitation give the same result. The index
(everything built from the model) is compiled once per model and kept on disk
(`skill.simulator.index`), so a new process loads it instead of rebuilding it.

The module is over 500 lines on purpose: scoring and filling are one algorithm
over one index, and splitting it would pass that index between files.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import yaml

from skill import paths
from skill.simulator import builtin_slots
from skill.simulator.index import cache_dir, cached
from skill.simulator.spotter import SOFT_WORDS, Phrase, Span, Spotter, choose
from skill.simulator.text import normalise, spoken, without_hedges

FALLBACK = "AMAZON.FallbackIntent"
ANSWER_INTENT = "AnswerIntent"
CATCH_ALL_INTENT = "CatchAllIntent"  # carries speech no sample matches, in its `words` slot
CATCH_ALL_SLOT = "words"
CATCH_ALL_TYPE = "CatchAllType"
THRESHOLD = 0.5  # below this overlap the sentence is unmatched speech
ELICITED_BONUS = 0.12
ELICITED_FLOOR = 0.75  # an answer holding the elicited slot's value scores at least this
ANSWER_OUT_OF_TURN = 0.05  # a bare answer with no question asked is more likely a description
UNKNOWN_WEIGHT = 1.0
LEAD_WINDOW = 3  # words before a value that may say which of two same-type slots it fills
CLAUSE_BREAKS = frozenset({"but", "and", "now", "though", "although", "except"})
RECALL_WEIGHT = 1.0
SLOT_EVIDENCE = 0.05  # per slot value beyond the first that the sentence holds for the intent
CACHE_SIZE = 4096
# Values that show a sentence is about the legs, so a slip in it may be corrected.
LEG_TYPES = frozenset({"PartType", "SensationType"})
# Slots of what the leg does, when and where: a value said not to be fills none of them.
DENIABLE_SLOTS = frozenset({"sensation", "side", "timing", "position"})
# The model's slot for a sign said to be absent ("no {absent}"); the words its samples put
# before it, and never before the other slot of its type, are the model's words of denial.
ABSENT_SLOT = "absent"
_SLOT = re.compile(r"(\{[^}]+\})")

__all__ = ["normalise", "Resolver", "Resolution", "SlotValue", "resolver_for", "ModelNotFound"]


class ModelNotFound(Exception):
    """No interaction model exists for the requested locale."""


@dataclass(frozen=True)
class SlotValue:
    """One slot value as Alexa would send it: the words, and the value id when resolved."""

    spoken: str
    id: str | None  # None: the words match no value (ER_SUCCESS_NO_MATCH)
    name: str | None
    type_name: str = ""

    @property
    def builtin(self) -> bool:
        return self.type_name.startswith("AMAZON.")


@dataclass(frozen=True)
class Resolution:
    intent: str
    slots: Mapping[str, SlotValue] = field(default_factory=dict)  # first value of each slot
    exact: bool = False
    score: float = 0.0
    lists: Mapping[str, tuple[SlotValue, ...]] = field(default_factory=dict)  # multi-value slots


@dataclass(frozen=True)
class _Sample:
    intent: str
    features: frozenset[str]
    weight: float
    slot_markers: tuple[str, ...]  # slot names the sample leaves room for, in order
    elicits: str | None = None


def _marker(type_name: str) -> str:
    return f"<{type_name}>"


class Resolver:
    def __init__(self, model: Mapping[str, Any], builtins: Mapping[str, list[str]]) -> None:
        language = model["interactionModel"]["languageModel"]
        self.invocation_name: str = language["invocationName"]
        self.intents = {intent["name"] for intent in language["intents"]}
        # on a tie, the intent listed first in the model wins (the symptom intent first)
        self.order = {intent["name"]: k for k, intent in enumerate(language["intents"])}
        self.slot_types: dict[str, dict[str, str]] = {
            intent["name"]: {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
            for intent in language["intents"]
        }
        self.multi_value: set[tuple[str, str]] = {
            (intent["name"], slot["name"])
            for intent in language["intents"]
            for slot in intent.get("slots", [])
            if (slot.get("multipleValues") or {}).get("enabled")
        }
        self.builtin_types = sorted({t for types in self.slot_types.values() for t in types.values() if t in builtin_slots.FINDERS})
        phrases: list[Phrase] = []
        for slot_type in language.get("types", []):
            if slot_type["name"] == CATCH_ALL_TYPE:
                continue
            for value in slot_type["values"]:
                name = value["name"]["value"]
                for said in [name, *value["name"].get("synonyms", [])]:
                    tokens = tuple(normalise(said))
                    if tokens:
                        phrases.append(Phrase(tokens, slot_type["name"], value.get("id") or name, name))
        raw: list[tuple[str, list[str], dict[str, str], str | None]] = []
        for intent in language["intents"]:
            name = intent["name"]
            types = self.slot_types[name]
            if name == CATCH_ALL_INTENT:
                continue
            for sample in [*intent.get("samples", []), *builtins.get(name, [])]:
                raw.append((name, _tokens(sample), types, None))
            for slot in intent.get("slots", []):
                for sample in slot.get("samples", []):
                    raw.append((name, _tokens(sample), types, slot["name"]))
        for name, samples in builtins.items():
            if name not in self.intents:
                for sample in samples:
                    raw.append((name, _tokens(sample), {}, None))
        # The word just before each slot in the samples: when two slots of an intent take the
        # same type ("sign" and "absent"), the words before a value say which one it fills.
        self.lead_words: dict[tuple[str, str], set[str]] = {}
        for name, tokens, _, _ in raw:
            for k, token in enumerate(tokens):
                if token.startswith("{") and k > 0 and not tokens[k - 1].startswith("{"):
                    self.lead_words.setdefault((name, token[1:-1]), set()).add(tokens[k - 1])
        self.denials = _denials(raw, self.slot_types, self.lead_words)
        vocabulary = {t for _, tokens, _, _ in raw for t in tokens if not t.startswith("{")}
        vocabulary |= {t for p in phrases for t in p.tokens}
        self.spotter = Spotter(phrases, vocabulary)
        built = [(name, *self._sample_features(tokens, types), elicits) for name, tokens, types, elicits in raw]
        self.group_of = {name: frozenset(t for t in self.slot_types.get(name, {}).values()) for name, _, _, _ in raw}
        intents_with: dict[str, set[str]] = {}
        for name, feats, _, _ in built:
            for f in feats:
                intents_with.setdefault(f, set()).add(name)
        n = len({b[0] for b in built})
        self.weight = {f: math.log((n + 1) / (len(names) + 0.5)) for f, names in intents_with.items()}
        self.samples: list[_Sample] = []
        self.postings: dict[frozenset[str], dict[str, list[int]]] = {}
        seen: set[tuple[str, frozenset[str], str | None]] = set()
        for name, feats, markers, elicits in built:
            key = (name, feats, elicits)
            if not feats or key in seen:
                continue
            seen.add(key)
            index = len(self.samples)
            self.samples.append(_Sample(name, feats, sum(self.weight[f] for f in feats), markers, elicits))
            group = self.postings.setdefault(self.group_of[name], {})
            for f in feats:
                group.setdefault(f, []).append(index)
        self.carrier_words: dict[str, frozenset[str]] = {}
        for sample in self.samples:
            self.carrier_words[sample.intent] = self.carrier_words.get(sample.intent, frozenset()) | {f for f in sample.features if not f.startswith("<")}
        self.resolve = functools.lru_cache(maxsize=CACHE_SIZE)(self._resolve)  # type: ignore[method-assign]

    # The index is pickled to disk (skill.simulator.index); the answer cache is not.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("resolve", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.resolve = functools.lru_cache(maxsize=CACHE_SIZE)(self._resolve)  # type: ignore[method-assign]

    # ------------------------------------------------------------------ features

    def _sample_features(self, tokens: list[str], types: Mapping[str, str]) -> tuple[frozenset[str], tuple[str, ...]]:
        words = [t for t in tokens if not t.startswith("{")]
        slots = [t[1:-1] for t in tokens if t.startswith("{")]
        feats, _, _ = self._features(words, frozenset(types.values()))
        feats |= {_marker(types.get(slot, slot)) for slot in slots}
        return frozenset(feats), tuple(slots)

    def _features(
        self, words: list[str], types: frozenset[str], spotted: list[Span] | None = None
    ) -> tuple[set[str], list[Span], list[builtin_slots.BuiltinValue]]:
        """Carrier words and slot markers, reading values of the intent's own slot types only."""
        if spotted is None:
            spotted = self.spotter.spans(words)
        spans = choose((s for s in spotted if s.phrase.type_name in types), same_words=True)
        covered = {i for span in spans for i in range(span.start, span.stop)}
        feats = set(without_hedges([w for i, w in enumerate(words) if i not in covered])) if len(covered) < len(words) else set()
        feats |= {_marker(span.phrase.type_name) for span in spans}
        found: list[builtin_slots.BuiltinValue] = []
        text = " ".join(words)
        for type_name in self.builtin_types:
            if type_name not in types:
                continue
            values = builtin_slots.FINDERS[type_name](text)
            if values:
                found.extend(values)
                feats.add(_marker(type_name))
        if found:
            feats = {f for f in feats if not _NUMERIC.fullmatch(f)}
        return feats, spans, found

    # ------------------------------------------------------------------ resolving

    def _scores(self, words: list[str]) -> tuple[list[tuple[float, int]], dict[frozenset[str], tuple[set[str], list[Span], list[builtin_slots.BuiltinValue]]]]:
        """(score, sample) for every sample sharing a feature, and the features per slot-type group."""
        spotted = self.spotter.spans(words)
        out: list[tuple[float, int]] = []
        seen: dict[frozenset[str], tuple[set[str], list[Span], list[builtin_slots.BuiltinValue]]] = {}
        for group, postings in self.postings.items():
            found = seen[group] = self._features(words, group, spotted)
            feats = found[0]
            overlap: dict[int, float] = {}
            weight_u = 0.0
            for f in feats:
                w = self.weight.get(f, UNKNOWN_WEIGHT)
                weight_u += w
                for index in postings.get(f, ()):
                    overlap[index] = overlap.get(index, 0.0) + w
            out.extend((_f_score(shared / weight_u, shared / self.samples[i].weight), i) for i, shared in overlap.items())
        return out, seen

    def _resolve(self, text: str, expecting: tuple[str, str] | None = None) -> Resolution:
        heard = normalise(text)
        # Slips are corrected only in speech about the legs (or an answer to a question):
        # "what's the cricket score" is not "sore", "who won the match" is not "catch".
        words = self.spotter.corrected(heard) if expecting is not None or self._about_legs(heard) else heard
        if not words:
            return Resolution(FALLBACK)
        core = words
        scores, by_group = self._scores(core)
        best: tuple[float, int] | None = None
        elicited_type = _marker(self.slot_types.get(expecting[0], {}).get(expecting[1], "")) if expecting else None
        evidence = {group: _slot_evidence(found[1], found[2]) for group, found in by_group.items()}
        for score, index in scores:
            sample = self.samples[index]
            group = self.group_of[sample.intent]
            feats = by_group[group][0]
            if sample.elicits is not None:
                if expecting is None or (sample.intent, sample.elicits) != expecting or elicited_type not in feats:
                    continue
                # the answer to the question just asked: Alexa leans hard towards it
                score = max(score + ELICITED_BONUS, ELICITED_FLOOR)
            elif sample.intent == ANSWER_INTENT:
                score += ELICITED_BONUS / 2 if expecting is not None and elicited_type in feats else -ANSWER_OUT_OF_TURN
            # several of the intent's own slot values in one sentence are strong evidence for it
            score += evidence[group]
            key = (score, -self.order.get(sample.intent, 99))
            if best is None or key > best[0]:
                best = (key, index)
        if best is None or best[0][0] < THRESHOLD:
            return self._unmatched(text, best[0][0] if best else 0.0)
        (score, _), index = best
        sample = self.samples[index]
        intent = sample.intent
        if expecting is not None and intent == ANSWER_INTENT:
            intent = expecting[0]
        _, spans, found = self._features(core, frozenset(self.slot_types.get(intent, {}).values()))
        slots, lists = self._fill(intent, sample, core, spans, found, heard, answering=expecting is not None)
        exact = words == heard and all(v.id is not None for v in slots.values()) and self._all_known(intent, core, spans)
        return Resolution(intent, slots, exact, min(score, 1.0), lists)

    def _about_legs(self, words: list[str]) -> bool:
        """The words as heard name a part of the leg or a feeling."""
        return any(span.phrase.type_name in LEG_TYPES for span in self.spotter.spans(words))

    def _all_known(self, intent: str, words: list[str], spans: list[Span]) -> bool:
        """Every word is a value or a carrier word of the intent: the model knows the whole sentence."""
        covered = {i for span in spans for i in range(span.start, span.stop)}
        known = self.carrier_words.get(intent, frozenset())
        return all(i in covered or w in known for i, w in enumerate(words))

    def _unmatched(self, text: str, score: float) -> Resolution:
        if CATCH_ALL_INTENT not in self.intents:
            return Resolution(FALLBACK, score=score)
        words = SlotValue(spoken(text), None, None, CATCH_ALL_TYPE)
        return Resolution(CATCH_ALL_INTENT, {CATCH_ALL_SLOT: words}, False, score)

    def _fill(
        self, intent: str, sample: _Sample, words: list[str], spans: list[Span], found: list[builtin_slots.BuiltinValue],
        heard: list[str] | None = None, answering: bool = False,
    ) -> tuple[dict[str, SlotValue], dict[str, tuple[SlotValue, ...]]]:
        declared = self.slot_types.get(intent, {})
        by_type: dict[str, str] = {}
        for slot, type_name in declared.items():
            by_type.setdefault(type_name, slot)
        chosen = choose(s for s in spans if s.phrase.type_name in by_type and not _also_other_slot(s, spans, by_type))
        values: dict[str, list[SlotValue]] = {}
        # a single-value slot keeps its longest phrase ("always … at night" → "at night"),
        # never one said not to be ("my legs aren't numb, they ache": ache)
        for span in sorted(chosen, key=lambda s: (-s.length, s.start)):
            slot = self._slot_for(intent, span, words, by_type)
            if (intent, slot) in self.multi_value or (slot in DENIABLE_SLOTS and self._said_absent(words, span.start)):
                continue
            value = SlotValue(" ".join(words[span.start : span.stop]), span.phrase.value_id, span.phrase.name, span.phrase.type_name)
            if all(v.id != value.id for v in values.get(slot, [])):
                values.setdefault(slot, []).append(value)
        for span in chosen:
            slot = self._slot_for(intent, span, words, by_type)
            if (intent, slot) not in self.multi_value:
                continue
            value = SlotValue(" ".join(words[span.start : span.stop]), span.phrase.value_id, span.phrase.name, span.phrase.type_name)
            if all(v.id != value.id for v in values.get(slot, [])):
                values.setdefault(slot, []).append(value)
        for builtin in found:
            slot = by_type.get(builtin.type_name)
            if slot and slot not in values:
                values[slot] = [SlotValue(builtin.value, builtin.value, builtin.value, builtin.type_name)]
        self._fill_unmatched(intent, sample, words, chosen, values)
        self._fill_free_words(intent, words, values, heard if heard is not None and len(heard) == len(words) else words, answering)
        slots = {slot: found_values[0] for slot, found_values in values.items()}
        lists = {slot: tuple(v) for slot, v in values.items() if (intent, slot) in self.multi_value}
        return slots, lists

    def _fill_free_words(
        self, intent: str, words: list[str], values: dict[str, list[SlotValue]], heard: list[str], answering: bool
    ) -> None:
        """An intent with a free-text `words` slot ("... and {words}") takes the rest of the
        sentence, as heard (free text is not corrected to the model's words), in its order:
        every word no value accounts for, once some of them are not the intent's own carrier
        words, or an answer filled nothing else. So Alexa hands the rest of a sentence to such
        a slot."""
        if self.slot_types.get(intent, {}).get(CATCH_ALL_SLOT) != CATCH_ALL_TYPE or CATCH_ALL_SLOT in values:
            return
        # Only the values the slots kept account for words: a second sign a single-value slot
        # could not keep, and words no value matched, stay in the rest.
        kept = [v for slot, found in values.items() for v in (found if (intent, slot) in self.multi_value else found[:1])]
        covered = {i for v in kept if v.id is not None for i in _positions(v.spoken, words)}
        known = self.carrier_words.get(intent, frozenset())
        rest = [i for i in range(len(words)) if i not in covered]
        # an answer to a question that filled nothing is handed over whole ("yes my face")
        takes_values = any(slot != CATCH_ALL_SLOT for slot in self.slot_types.get(intent, {}))
        if any(words[i] not in known for i in rest) or (rest and answering and takes_values and not values):
            values[CATCH_ALL_SLOT] = [SlotValue(" ".join(heard[i] for i in rest), None, None, CATCH_ALL_TYPE)]

    def _said_absent(self, words: list[str], start: int) -> bool:
        """The words before a value end with the model's words of denial ("are not numb",
        "do not have any tingling"); small soft words may stand between ("not a tingling")."""
        before = tuple(w for w in words[max(0, start - 2 * LEAD_WINDOW) : start] if w not in SOFT_WORDS)
        return any(before[len(before) - len(d) :] == d for d in self.denials if len(d) <= len(before))

    def _slot_for(self, intent: str, span: Span, words: list[str], by_type: Mapping[str, str]) -> str:
        """The slot a value fills. Where two slots take its type, the words just before it
        (back to a "but" or "and") decide: a word that only ever leads the other slot in the
        samples ("no {absent}") moves it there; otherwise the first slot keeps it."""
        first = by_type[span.phrase.type_name]
        others = [s for s, t in self.slot_types.get(intent, {}).items() if t == span.phrase.type_name and s != first]
        if not others:
            return first
        window: list[str] = []
        for word in reversed(words[max(0, span.start - LEAD_WINDOW) : span.start]):
            if word in CLAUSE_BREAKS:
                break
            window.append(word)
        first_leads = self.lead_words.get((intent, first), set())
        for other in others:
            if (self.lead_words.get((intent, other), set()) - first_leads) & set(window):
                return other
        return first

    def _fill_unmatched(self, intent: str, sample: _Sample, words: list[str], chosen: list[Span], values: dict[str, list[SlotValue]]) -> None:
        """Words the sample leaves a slot for but that match no value arrive as that slot's words."""
        declared = self.slot_types.get(intent, {})
        open_slots = [s for s in sample.slot_markers if s in declared and s not in values and not declared[s].startswith("AMAZON.")]
        if not open_slots:
            return
        covered = {i for span in chosen for i in range(span.start, span.stop)}
        known = self.carrier_words.get(intent, frozenset())
        run: list[str] = []
        best: list[str] = []
        for i, word in enumerate(words + [""]):
            if word and i not in covered and word not in known:
                run.append(word)
                continue
            if len(run) > len(best):
                best = run
            run = []
        if best:
            slot = "sign" if "sign" in open_slots else open_slots[0]
            values[slot] = [SlotValue(" ".join(best), None, None, declared[slot])]


def _denials(
    raw: list[tuple[str, list[str], dict[str, str], str | None]],
    slot_types: Mapping[str, Mapping[str, str]],
    lead_words: Mapping[tuple[str, str], set[str]],
) -> frozenset[tuple[str, ...]]:
    """The word runs the model's samples put before a value said to be absent: from a word
    that leads only the `absent` slot (never the other slot of its type) up to the slot, in
    its own clause. "I do not have any {absent}" gives ("not", "have", "any") and ("any",)."""
    denying: set[str] = set()
    for (intent, slot), leads in lead_words.items():
        if slot != ABSENT_SLOT:
            continue
        own_type = slot_types.get(intent, {}).get(slot)
        others = [s for s, t in slot_types.get(intent, {}).items() if t == own_type and s != slot]
        denying |= leads - set().union(*(lead_words.get((intent, s), set()) for s in others))
    runs: set[tuple[str, ...]] = set()
    for _, tokens, _, _ in raw:
        for k, token in enumerate(tokens):
            if token != "{" + ABSENT_SLOT + "}":
                continue
            clause: list[str] = []
            for word in reversed(tokens[:k]):
                if word.startswith("{") or word in CLAUSE_BREAKS:
                    break
                clause.insert(0, word)
            runs |= {tuple(w for w in clause[j:] if w not in SOFT_WORDS) for j, word in enumerate(clause) if word in denying}
    return frozenset(run for run in runs if run)


def _positions(spoken: str, words: list[str]) -> range:
    """Where a run of words stands in the sentence (empty when it does not)."""
    run = spoken.split()
    for start in range(len(words) - len(run) + 1):
        if words[start : start + len(run)] == run:
            return range(start, start + len(run))
    return range(0)


def _also_other_slot(span: Span, spans: list[Span], by_type: Mapping[str, str]) -> bool:
    """A sign that is the very same words as another slot's value ("stress" the cause) gives way to it."""
    if by_type.get(span.phrase.type_name) != "sign":
        return False
    return any(
        o.start == span.start and o.stop == span.stop and o.phrase.type_name in by_type and by_type[o.phrase.type_name] != "sign"
        for o in spans
    )


def _slot_evidence(spans: list[Span], found: list[builtin_slots.BuiltinValue]) -> float:
    """SLOT_EVIDENCE per slot value beyond the first (at most three), counting the words
    once: one phrase two slot types could take ("cancer" a history or a worry) is one value."""
    values = len({(span.start, span.stop) for span in spans}) + (1 if found else 0)
    return SLOT_EVIDENCE * min(max(values - 1, 0), 3)


def _f_score(precision: float, recall: float) -> float:
    """How well a sample explains the sentence: recall (the sample's words found) counts
    RECALL_WEIGHT times as much as precision, so extra words cost less than missing ones."""
    b2 = RECALL_WEIGHT * RECALL_WEIGHT
    return (1 + b2) * precision * recall / (b2 * precision + recall)


_NUMERIC = re.compile(r"\d+|am|pm|oclock|o'clock")


def _tokens(sample: str) -> list[str]:
    out: list[str] = []
    for part in _SLOT.split(sample):
        if part.startswith("{"):
            out.append(part)
        else:
            out.extend(normalise(part))
    return out


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


def builtins_path() -> Path:
    """The phrases of Alexa's own built-in intents (AMAZON.YesIntent, …): what a device knows
    besides the skill's model."""
    return paths.model_dir() / "source" / "builtin_samples.yaml"


def build(model_file: Path, builtins_file: Path) -> Resolver:
    """Compile the index from the model's JSON and the built-in phrases (no cache)."""
    with model_file.open(encoding="utf-8") as handle:
        model = json.load(handle)
    with builtins_file.open(encoding="utf-8") as handle:
        builtins = yaml.safe_load(handle) or {}
    return Resolver(model, builtins)


def load_resolver(model_file: Path, builtins_file: Path | None = None, cache: Path | None = None) -> Resolver:
    """The resolver for one model file: from the on-disk index when one was compiled from
    exactly these bytes (and this code), else compiled now and stored. `cache` overrides the
    cache folder (`skill.simulator.index.cache_dir()`)."""
    builtins_file = builtins_file or builtins_path()
    if not model_file.exists():
        raise ModelNotFound(model_file.stem)
    return cached(
        model_file.stem, (model_file, builtins_file), lambda: build(model_file, builtins_file),
        Resolver, folder=cache if cache is not None else cache_dir(),
    )


@functools.lru_cache(maxsize=None)
def resolver_for(locale: str) -> Resolver:
    """One resolver per locale per process, loaded from the compiled index when it is current."""
    return load_resolver(model_path(locale))
