"""Is a value said, or said not to be? (pure; words only, nothing medical).

"my legs aren't numb, they just ache" says ache, not numb: a feeling after a negation in
the same phrase ("not numb", "doesn't feel weak", "no tingling", "never cold or numb") is
not said. Only a few words may stand between the negation and the value ("isn't really
numb", "don't have any tingling"); any other word ends the negation's reach, so "I can't
sleep, restless legs" and "it won't stop tingling" still say the feeling, and so does "not
just numb" ("not just" adds, it does not deny).

Words are the normalised words of `skill.simulator.text` (contractions spelled out: "are
not", "do not") or the screen's ("arent", "dont"); both forms are read.
"""

from __future__ import annotations

from typing import Sequence

# Words that deny what follows them.
NEGATIONS = frozenset({
    "not", "never", "without", "nor", "neither", "none",
    "isnt", "arent", "wasnt", "werent", "dont", "doesnt", "didnt", "havent", "hasnt", "aint",
})
# "no" denies only what it stands right before ("no tingling", "no real pain"); "no, more
# like numb" and "no it's numb" answer no to something else and then say the feeling.
NO_WORDS = frozenset({"no", "nah", "nope"})
NO_REACH = frozenset({"any", "real", "actual", "such", "a", "more"})
# "not only", "not just": the value is said, and something more.
NOT_NEGATING_NEXT = frozenset({"only", "just"})
# Values that start with these deny by themselves ("nothing", "no feeling", "can not feel").
SELF_DENYING = frozenset({"nothing", "cant", "can", "cannot", "wont", "will"})
# Words that may stand between a negation and the value it denies.
LINKING = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did",
    "go", "goes", "going", "went", "gone", "get", "gets", "getting", "got", "turn", "turns",
    "feel", "feels", "feeling", "felt", "have", "has", "had", "having", "seem", "seems",
    "really", "very", "that", "so", "too", "a", "an", "any", "at", "all", "the", "as", "much",
    "exactly", "quite", "actually", "kind", "of", "sort", "even", "particularly", "especially",
    "like", "usually", "always", "ever", "anymore", "longer", "properly", "totally", "completely",
    "bit", "little", "real", "actual",
})
# A second value joined to a denied one is denied too ("not weak or numb").
JOINING = frozenset({"or", "nor"})


def negated(words: Sequence[str], start: int, values: Sequence[tuple[int, int]] = ()) -> bool:
    """True when the value starting at `words[start]` is denied by a negation before it.
    `values` are (start, stop) of the other values in the sentence, so that a value joined
    by "or" to a denied one ("not weak or numb") is denied as well."""
    if start < len(words) and words[start] in NEGATIONS | NO_WORDS | SELF_DENYING:
        return False  # "no, nothing helps": a value that is itself a denial is agreed with
    i = start - 1
    while i >= 0:
        word = words[i]
        if any(s <= i < stop for s, stop in values):  # another value ends the reach ("can not feel my left foot")
            return False
        if word in NEGATIONS:
            return not (word == "not" and i + 1 < len(words) and words[i + 1] in NOT_NEGATING_NEXT)
        if word in NO_WORDS:
            return all(w in NO_REACH for w in words[i + 1 : start])
        if word in JOINING:  # "not weak or numb": read on from before the first value
            before = next((s for s, stop in values if stop == i), i - 1)
            return before > 0 and negated(words, before, values)
        if word not in LINKING:
            return False
        i -= 1
    return False


def _words(text: str) -> list[str]:
    return "".join(c if c.isalnum() or c.isspace() else " " for c in text.lower().replace("'", "").replace("’", "")).split()


def _places(words: list[str], wanted: list[str]) -> list[int]:
    return [k for k in range(len(words) - len(wanted) + 1) if wanted and words[k : k + len(wanted)] == wanted]


def holds(text: str, value: str) -> bool:
    """True when the words of `value` stand in `text`."""
    return bool(_places(_words(text), _words(value)))


def negated_in(text: str, value: str) -> bool:
    """True when `value` (its words) stands in `text` only after a negation: every time the
    words say it, they deny it. False when the text does not hold the value's words."""
    words = _words(text)
    places = _places(words, _words(value))
    return bool(places) and all(negated(words, k) for k in places)
