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

import itertools
import re
from dataclasses import dataclass
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
# "no well actually ...", "not really, well ...": a no that answers the last question and
# then takes it back says what follows.
_NOT_A_NEGATION = re.compile(
    r"(?<![a-z0-9])(?:dont know|do not know|not sure|no idea|dont understand|not only|"
    r"(?:no|nope|nah|not really)(?: ,)? (?:well|actually|wait|hang on|hold on|oh)(?: actually)?)(?![a-z0-9])"
)
# A negated list ("no weakness, tingling or trouble weeing"): the commas inside it do not
# end the negation. A list item is short and does not start a new clause.
_LIST_NEGATION = re.compile(r"^(?:no|not|never|without|nor|neither|dont have|doesnt have|havent got|hasnt got|no more)\b")
_NEW_CLAUSE = re.compile(r"^(?:i|im|ive|id|my|me|it|its|he|hes|she|shes|they|we|his|her|their|the|now|just|only|yes|yeah|yep|but|and|so|then)\b")
_LIST_ITEM_WORDS = 4
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
    # values whose words were heard where the rest of the speech says they were not meant
    # ("legs are weak" after leg day): a slot resolved to one of these is not taken either
    excluded: frozenset[str] = frozenset()
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


class _Text:
    __slots__ = ("words", "breaks", "tokens")

    def __init__(self, words: str) -> None:
        self.words = words
        self.breaks = _list_breaks_removed(words, [m for m in _CLAUSE_BREAK.finditer(words)])
        self.tokens = frozenset(words.split())

    def clause_start(self, position: int) -> int:
        start = 0
        for end in self.breaks:
            if end <= position:
                start = end
            else:
                break
        return start


def _list_breaks_removed(words: str, breaks: list[re.Match[str]]) -> list[int]:
    """Clause break ends, without the commas inside a negated list: "no weakness , tingling
    or trouble weeing" is one clause, so the "no" reaches every item. The list is taken as
    one when it starts with a negation, its items after a comma are short and start no new
    clause, and it ends with "or" or "nor" in its last item."""
    ends = [m.end() for m in breaks]
    commas = [i for i, m in enumerate(breaks) if m.group(0) == ","]
    if not commas:
        return ends
    dropped: set[int] = set()
    starts = [0] + ends
    for i in commas:
        segment = words[starts[i]:breaks[i].start()].strip()
        # the list's first item: a negation then a few words, or an item of a list already open
        if not (_LIST_NEGATION.match(segment) or (i - 1) in dropped):
            continue
        # read on over the following items while they are short and plain
        j = i
        while True:
            stop = breaks[j + 1].start() if j + 1 < len(breaks) else len(words)
            item = words[breaks[j].end():stop].strip()
            if not item or _NEW_CLAUSE.match(item) or len(item.split()) > _LIST_ITEM_WORDS + 2:
                break
            if re.search(r"\b(?:or|nor)\b", item):
                dropped.update(range(i, j + 1))
                break
            if j + 1 < len(breaks) and breaks[j + 1].group(0) == "," and len(item.split()) <= _LIST_ITEM_WORDS:
                j += 1
                continue
            break
    return [end for k, end in enumerate(ends) if k not in dropped]


_DANGLING = re.compile(r"(?<![a-z0-9])(?:or|nor)$")
_ANY_NEGATION = re.compile(r"(?<![a-z0-9])(?:no|not|never|without|nor|none|dont have|havent got)(?![a-z0-9])")
_SHORT_VALUE_WORDS = 4


def _join_dangling_lists(raw: list[str], singles: list[_Text]) -> None:
    """A negated list split over slots: the free words end "no weakness or" and the items
    arrive as slot values ("tingling", "trouble peeing"). The short values are read as the
    rest of that list, so the negation reaches them as it would in the sentence."""
    for k, text in enumerate(singles):
        words = text.words
        if not words or not _DANGLING.search(words) or not _ANY_NEGATION.search(words):
            continue
        items = [
            i for i, other in enumerate(singles)
            if i != k and other.words and len(other.words.split()) <= _SHORT_VALUE_WORDS and "," not in other.words
        ]
        if not items:
            continue
        # each item keeps the list's negation, however long the list
        joined = " ".join([words, " or ".join(f"no {singles[i].words}" for i in items)])
        singles[k] = _Text(joined)
        raw[k] = joined
        for i in items:
            singles[i] = _Text("")
            raw[i] = ""
        return


def _prepare(text: str) -> _Text:
    return _Text(normalise(text))


def _paired(raw: list[str], prepared: list[_Text], pair_up: int) -> list[_Text]:
    """The first `pair_up` texts two by two, in either order, joined by " now " (a clause
    break, so a negation in one does not reach the other): as `_prepare(f"{a} now {b}")`.
    normalise works within words and punctuation runs, neither of which crosses " now ",
    so the pair's words are the two normalised texts joined, when neither is empty."""
    out = []
    for (a, text_a), (b, text_b) in itertools.permutations(list(zip(raw, prepared))[:pair_up], 2):
        if text_a.words and text_b.words:
            out.append(_Text(f"{text_a.words} now {text_b.words}"))
        else:
            out.append(_prepare(f"{a} now {b}"))
    return out


# "no but i am gasping": a negation left standing right before a conjunction is where the
# model lifted a slot's value out ("no {chest pain} but i'm gasping").
_LIFTED_GAP = re.compile(r"^((?:\w+ )?(?:no|not|without|never))( (?:but|and|though|yet|so) .*)$")


def _fill_lifted_gap(raw: list[str], singles: list[_Text]) -> None:
    """Put the one other slot's words back into the gap a dangling negation marks, so the
    negation reaches them and they are not also read alone (never said back as present)."""
    for k, text in enumerate(singles):
        found = _LIFTED_GAP.match(text.words)
        others = [j for j, other in enumerate(singles) if j != k and other.words]
        if found is None or len(others) != 1:
            continue
        j = others[0]
        singles[k] = _Text(f"{found.group(1)} {singles[j].words}{found.group(2)}")
        raw[k] = singles[k].words
        singles[j] = _Text("")
        raw[j] = ""
        return


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


def screen(
    texts: Iterable[str], lexicon: DangerWords, known_signs: Iterable[str] = (), *, pair_up: int = 0
) -> ScreenResult:
    """The danger signs the words say. `known_signs` is what is known already (sign ids and
    slot=value, `known_facts`), for signs that depend on another: "on blood thinners", then
    "my leg suddenly swelled up". With `pair_up`, the first that many texts are also
    screened two by two in either order, joined by " now " (`_paired`), after all the
    texts given: the same as passing those pairs at the end of `texts`."""
    negation = lexicon.negation
    if negation is None:
        return ScreenResult()
    raw = list(texts)
    singles = [_prepare(t) if t and t.strip() else _Text("") for t in raw]
    # A slot's words that stand inside another slot's words are read there, in context:
    # "trouble weeing" in the sign slot and "nah no trouble weeing" in the free words.
    for k, text in enumerate(singles):
        if text.words and any(
            other is not text and len(other.words) > len(text.words)
            and re.search(rf"(?<![a-z0-9]){re.escape(text.words)}(?![a-z0-9])", other.words)
            for other in singles
        ):
            singles[k] = _Text("")
            raw[k] = ""
    _join_dangling_lists(raw, singles)
    _fill_lifted_gap(raw, singles)
    prepared = [text for source, text in zip(raw, singles) if source and source.strip()]
    if pair_up:
        prepared += _paired(raw, singles, pair_up)
    if not prepared:
        return ScreenResult()
    known = set(known_signs)
    found: list[Finding] = []
    negated: set[str] = set()
    excluded: set[str] = set()
    clarify: tuple[str, str] | None = None
    # Strings no match of a concept can do without (`Concept.needed`): speech without any
    # of them cannot say the concept, so its patterns are not run on that speech. A string
    # without a space can only be inside one word, so it is looked for in the turn's
    # distinct words (a few), not in all its texts (each word again in every pair).
    joined = "\n".join(t.words for t in prepared)
    distinct = set(joined.split())
    words = "\n".join(distinct)
    # Facts that change what a sign means come first in the content, so one pass in order sees them.
    for concept in lexicon.concepts:
        split = concept.needed_split
        if split is None:
            result = _concept(concept, prepared, negation, concept.words, concept.ask)
        elif any(map(words.__contains__, split[0])) or any(map(joined.__contains__, split[1])):
            result = _live(concept, prepared, negation, distinct, words, joined)
        else:
            continue  # not said, not negated, nothing to ask
        if result == "said":
            if not _context_fits(concept, prepared, known):
                continue
            found.append(Finding(concept.slot, concept.value, concept.id))
            known.add(concept.value if concept.slot == "sign" else f"{concept.slot}={concept.value}")
        elif result == "negated":
            negated.add(concept.value)
        elif result == "excluded":
            excluded.add(concept.value)
        elif result == "ask" and clarify is None and concept.clarify and _context_fits(concept, prepared, known):
            clarify = (concept.clarify, concept.value)
    if pair_up and any(c.unless for c in lexicon.concepts):
        # Words the model split over two slots ("i fell" and "asleep") are read side by
        # side for what explains a sign away: a sign whose `unless` fits two slots'
        # words joined is not taken, from the words or from a slot's resolution.
        side_by_side = [
            f"{a.words} {b.words}" for a, b in itertools.permutations(singles[:pair_up], 2) if a.words and b.words
        ]
        away = {
            c.value for c in lexicon.concepts
            if c.unless and any(p.search(text) for p in c.unless for text in side_by_side)
        }
        if away:
            found = [f for f in found if f.value not in away or f.slot != "sign"]
            excluded |= away
    values = {f.value for f in found}
    if clarify is not None and clarify[1] in values:
        clarify = None
    on_topic = any(p.search(t.words) for p in lexicon.topic for t in prepared)
    return ScreenResult(
        tuple(found), frozenset(negated - values), clarify=clarify, on_topic=on_topic, excluded=frozenset(excluded - values)
    )


def _live(
    concept: Concept, texts: list[_Text], negation: re.Pattern[str], distinct: set[str], words: str, joined: str
) -> str | None:
    """`_concept` with only the patterns whose needed strings are in this turn's words (a
    pattern without them matches nowhere), over only the texts that hold one of those."""
    needs = concept.pattern_needs
    if len(needs) != len(concept.words) + len(concept.ask):  # not read from the same patterns
        return _concept(concept, texts, negation, concept.words, concept.ask)
    live = [
        i for i, need in enumerate(needs)
        if need is None or any(map(words.__contains__, need[0])) or any(map(joined.__contains__, need[1]))
    ]
    split = len(concept.words)
    live_words = tuple(concept.words[i] for i in live if i < split)
    live_ask = tuple(concept.ask[i - split] for i in live if i >= split)
    if any(needs[i] is None for i in live):
        return _concept(concept, texts, negation, live_words, live_ask)
    in_words = {s for i in live for s in needs[i][0]}  # type: ignore[index]
    in_phrases = [s for i in live for s in needs[i][1] if s in joined]  # type: ignore[index]
    hit = {w for w in distinct if any(map(w.__contains__, in_words))}
    if in_phrases:
        held = [t for t in texts if not hit.isdisjoint(t.tokens) or any(map(t.words.__contains__, in_phrases))]
    else:
        held = [t for t in texts if not hit.isdisjoint(t.tokens)]
    return _concept(concept, held, negation, live_words, live_ask)


def _context_fits(concept: Concept, texts: list[_Text], known: set[str]) -> bool:
    if not concept.with_signs and not concept.needs:
        return True
    if concept.with_signs & known:
        return True
    return bool(concept.needs) and any(_any(concept.needs, t) for t in texts)


def _concept(
    concept: Concept,
    texts: list[_Text],
    negation: re.Pattern[str],
    words: tuple[re.Pattern[str], ...],
    ask: tuple[re.Pattern[str], ...],
) -> str | None:
    """'said', 'negated', 'ask' (innocent wording: one clarifying question) or None, from
    the concept's `words` and `ask` patterns as given. A text in which none of them matches
    changes nothing here, and neither does a pattern that matches in none of the texts, so
    `screen` leaves those out."""
    any_negated = False
    if concept.unless:
        # Words read with what else was said: where the speech that holds them also says
        # they were not meant ("legs are weak after leg day"), that reading wins over the
        # same words read alone from one slot.
        for text in texts:
            if _any(concept.unless, text) and _heard(words, text, negation)[0]:
                return "excluded"
    for text in texts:
        if concept.unless and _any(concept.unless, text):
            continue
        said, was_negated = _heard(words, text, negation)
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
        if ask:
            said, _ = _heard(ask, text, negation)
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
