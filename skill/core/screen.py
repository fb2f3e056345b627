"""The danger screen over spoken words (pure): which danger signs the words say, negation-aware.

Every word that reaches the skill (every slot's spoken value, resolved or not, and the
catch-all slot's free text) goes through `screen()` on every turn. A sign said after a
negation in the same clause ("no chest pain", "I don't have any trouble speaking", "no
numbness but now my face droops" counts only the face) is neither acted on nor said back;
a hedge ("I think my face is drooping", "kind of slurring") still counts. Wording that may
be innocent ("a numb bum from sitting on the sofa", "cold feet", "a bad headache") asks one
clarifying question instead of deciding either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from skill.content.danger_records import Concept, DangerWords
from skill.core.symptoms import SINGLE_SLOTS, Symptoms

# Where a clause ends: a negation before it does not reach past it.
_CLAUSE_BREAK = re.compile(
    r"(?<![a-z0-9])(?:,|but|though|although|however|except|now|yet|then|whereas|apart from that|"
    r"and (?:my|i|im|id|ive|ill|his|her|their|the|it|its|he|she|they|now|also|suddenly|today|tonight))(?![a-z0-9])"
)
# A negation reaches this many words forward; "dont know" and "not sure" negate nothing.
_NEGATION_REACH = 5
_NOT_A_NEGATION = re.compile(r"(?<![a-z0-9])(?:dont know|do not know|not sure|no idea|dont understand|not only)(?![a-z0-9])")
_CONTRACTIONS = (
    (re.compile(r"\bcan ?not\b"), "cant"),
    (re.compile(r"\bwill not\b"), "wont"),
    (re.compile(r"\bdo not\b"), "dont"),
    (re.compile(r"\bdoes not\b"), "doesnt"),
    (re.compile(r"\bdid not\b"), "didnt"),
    (re.compile(r"\bis not\b"), "isnt"),
    (re.compile(r"\bcould not\b"), "couldnt"),
    (re.compile(r"\bhave not\b"), "havent"),
    (re.compile(r"\bhas not\b"), "hasnt"),
    (re.compile(r"\bwas not\b"), "wasnt"),
    (re.compile(r"\bi am\b"), "im"),
)
_I_AM = _CONTRACTIONS[-1][0]


_PUNCTUATION = re.compile(r"[.!?;:,()\[\]\"\u2013\u2014]+")
_OTHER = re.compile(r"[^a-z0-9, ]+")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped ("can't" -> "cant"), punctuation to clause breaks."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("'", "").replace("`", "")
    text = _PUNCTUATION.sub(" , ", text)
    text = _OTHER.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    if "not" in text:  # every contraction but the last ends in "not"
        for pattern, short in _CONTRACTIONS[:-1]:
            text = pattern.sub(short, text)
    if "i am" in text:
        text = _I_AM.sub("im", text)
    return text


@dataclass(frozen=True)
class Finding:
    slot: str
    value: str
    concept: str


@dataclass(frozen=True)
class ScreenResult:
    found: tuple[Finding, ...] = ()
    negated: frozenset[str] = frozenset()  # values heard but negated
    clarify: tuple[str, str] | None = None  # (question id, sign a yes sets)
    on_topic: bool = False  # the words are about the legs, whether or not they name a feeling

    @property
    def signs(self) -> frozenset[str]:
        return frozenset(f.value for f in self.found if f.slot == "sign")

    def values(self, slot: str) -> frozenset[str]:
        return frozenset(f.value for f in self.found if f.slot == slot)

    @property
    def empty(self) -> bool:
        return not self.found and self.clarify is None


@dataclass
class _Text:
    words: str
    breaks: list[int] = field(default_factory=list)

    def clause_start(self, position: int) -> int:
        start = 0
        for end in self.breaks:
            if end <= position:
                start = end
            else:
                break
        return start


def _prepare(text: str) -> _Text:
    words = normalise(text)
    return _Text(words, [m.end() for m in _CLAUSE_BREAK.finditer(words)])


def _negated(text: _Text, start: int, negation: re.Pattern[str]) -> bool:
    """True when a negation stands before `start` in the same clause."""
    before = text.words[text.clause_start(start):start].split()[-_NEGATION_REACH:]
    return negation.search(_NOT_A_NEGATION.sub(" ", " ".join(before))) is not None


def _heard(patterns: Iterable[re.Pattern[str]], text: _Text, negation: re.Pattern[str]) -> tuple[bool, bool]:
    """(said, said only negated) for a list of patterns."""
    said = negated = False
    for pattern in patterns:
        for match in pattern.finditer(text.words):
            if _negated(text, match.start(), negation):
                negated = True
            else:
                return True, False
    return said, negated


def _any(patterns: Iterable[re.Pattern[str]], text: _Text) -> bool:
    return any(p.search(text.words) for p in patterns)


def screen(texts: Iterable[str], lexicon: DangerWords, known_signs: Iterable[str] = ()) -> ScreenResult:
    """The danger signs the words say. `known_signs` is what is known already (sign ids and
    slot=value, `known_facts`), for signs that depend on another: "on blood thinners", then
    "my leg suddenly swelled up"."""
    negation = lexicon.negation
    if negation is None:
        return ScreenResult()
    prepared = [_prepare(t) for t in texts if t and t.strip()]
    if not prepared:
        return ScreenResult()
    known = set(known_signs)
    found: list[Finding] = []
    negated: set[str] = set()
    clarify: tuple[str, str] | None = None
    # Words no match of a concept can do without (`Concept.needed`): speech without any of
    # them cannot say the concept, so its patterns are not run on that speech.
    joined = "\n".join(t.words for t in prepared)
    # Facts that change what a sign means come first in the content, so one pass in order sees them.
    for concept in lexicon.concepts:
        needed = concept.needed
        if needed is None:
            result = _concept(concept, prepared, negation)
        elif any(map(joined.__contains__, needed)):
            result = _concept(concept, [t for t in prepared if any(map(t.words.__contains__, needed))], negation)
        else:
            continue  # not said, not negated, nothing to ask
        if result == "said":
            if not _context_fits(concept, prepared, known):
                continue
            found.append(Finding(concept.slot, concept.value, concept.id))
            known.add(concept.value if concept.slot == "sign" else f"{concept.slot}={concept.value}")
        elif result == "negated":
            negated.add(concept.value)
        elif result == "ask" and clarify is None and concept.clarify and _context_fits(concept, prepared, known):
            clarify = (concept.clarify, concept.value)
    values = {f.value for f in found}
    if clarify is not None and clarify[1] in values:
        clarify = None
    on_topic = any(p.search(t.words) for p in lexicon.topic for t in prepared)
    return ScreenResult(tuple(found), frozenset(negated - values), clarify, on_topic)


def _context_fits(concept: Concept, texts: list[_Text], known: set[str]) -> bool:
    if not concept.with_signs and not concept.needs:
        return True
    if concept.with_signs & known:
        return True
    return bool(concept.needs) and any(_any(concept.needs, t) for t in texts)


def _concept(concept: Concept, texts: list[_Text], negation: re.Pattern[str]) -> str | None:
    """'said', 'negated', 'ask' (innocent wording: one clarifying question) or None. A text
    in which no `words` or `ask` pattern matches changes nothing here, so `screen` leaves
    out the texts that lack all of the concept's needed words."""
    any_negated = False
    for text in texts:
        if concept.unless and _any(concept.unless, text):
            continue
        said, was_negated = _heard(concept.words, text, negation)
        if said:
            if concept.explained and _any(concept.explained, text):
                return "ask"
            return "said"
        any_negated = any_negated or was_negated
    if any_negated:
        return "negated"
    for text in texts:
        if concept.unless and _any(concept.unless, text):
            continue
        if concept.ask:
            said, _ = _heard(concept.ask, text, negation)
            if said:
                return "ask"
    return None


def known_facts(symptoms: Symptoms) -> frozenset[str]:
    """What is known so far, as a concept's `with` names it: sign ids and slot=value."""
    facts = set(symptoms.signs)
    for slot in SINGLE_SLOTS:
        value = getattr(symptoms, slot)
        if value is not None:
            facts.add(f"{slot}={value}")
    return frozenset(facts)


def clarify_for_signs(signs: Iterable[str], lexicon: DangerWords) -> tuple[str, str] | None:
    """The clarifying question for a resolved sign whose meaning is in doubt ("cold feet"),
    as (question id, sign a yes sets)."""
    for question in (lexicon.clarify or {}).values():
        if question.sign and question.for_signs & set(signs):
            return question.id, question.sign
    return None
