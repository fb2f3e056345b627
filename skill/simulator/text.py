"""Speech-recognition style text → the words the simulator reasons about.

Alexa hands a skill lower-case words with no punctuation; people (and speech recognisers)
drop apostrophes ("dont", "its"), fill pauses ("um") and hedge ("kinda", "like"). The
resolver, the model samples and the slot values all go through `normalise`, so a sample
and a sentence that differ only in these ways give the same words.
"""

from __future__ import annotations

import functools
import re

_WORD = re.compile(r"[a-z0-9']+")
# Contractions, with and without the apostrophe, spelled out.
_CONTRACTIONS = {
    "whats": "what is", "thats": "that is", "theres": "there is", "hes": "he is",
    "shes": "she is", "im": "i am", "ive": "i have", "wont": "will not", "cant": "can not",
    "cannot": "can not", "dont": "do not", "doesnt": "does not", "isnt": "is not",
    "arent": "are not", "wasnt": "was not", "werent": "were not", "didnt": "did not",
    "wouldnt": "would not", "couldnt": "could not", "shouldnt": "should not",
    "havent": "have not", "hasnt": "has not", "youre": "you are", "theyre": "they are",
    "lets": "let us", "id": "i would", "ill": "i will", "its": "it is", "gonna": "going to",
    "wanna": "want to", "gotta": "got to", "dunno": "do not know", "kinda": "kind of",
    "sorta": "sort of", "r": "are", "n": "and", "an": "and", "u": "you", "ur": "your", "coz": "because", "cuz": "because", "cos": "because",
}
# One word spelled several ways, as speech recognition and people write it: one spelling,
# so "wait til morning" and "wait until morning" are the same words to every intent.
_SPELLINGS = {"til": "until", "till": "until", "untill": "until", "untl": "until", "tomorow": "tomorrow", "tmrw": "tomorrow", "mornin": "morning"}
_SUFFIXES = (("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"), ("'d", " would"), ("'m", " am"), ("'s", " is"))
# Sounds that carry nothing: always dropped.
FILLERS = frozenset({"uh", "um", "umm", "uhm", "er", "erm", "hmm", "hm", "ah", "eh", "mm"})
# Hedges and discourse words: dropped when the sentence has other words ("yeah its both"),
# kept when they are all there is ("yeah", "ok").
HEDGES = frozenset({
    "ok", "okay", "yeah", "yes", "well", "so", "like", "just", "really", "actually", "basically",
    "alexa", "please", "oh", "hey", "now", "literally", "honestly", "anyway",
    # how people address someone, or thank them, around the world ("dunno mate", "no ji")
    "mate", "love", "luv", "pet", "buddy", "bro", "dude", "yaar", "ji", "cheers", "thanks", "ta", "kindly",
})
HEDGE_PHRASES = (("kind", "of"), ("sort", "of"), ("i", "think"), ("i", "guess"), ("you", "know"), ("i", "mean"))


# Alexa writes custom-slot words out ("two minutes"); typed digits are read the same way.
_NUMBERS = dict(enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()))


def spoken(text: str) -> str:
    """The words as Alexa would send them in a slot: lower case, apostrophes kept, no other punctuation."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("&", " and ")
    return " ".join(w.strip("'") for w in _WORD.findall(text) if w.strip("'"))


@functools.lru_cache(maxsize=8192)
def _word(word: str) -> tuple[str, ...]:
    bare = word.replace("'", "")
    if bare in _CONTRACTIONS and (word == bare or "'" in word):
        return tuple(_CONTRACTIONS[bare].split())
    if word == "can't":
        return ("can", "not")
    if word == "won't":
        return ("will", "not")
    if bare in _SPELLINGS:
        return (_SPELLINGS[bare],)
    for suffix, full in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return tuple((word[: -len(suffix)] + full).split())
    return (bare,) if bare else ()


def normalise(text: str) -> list[str]:
    """Lower-case words; contractions spelled out, one spelling for words spelled several
    ways ("til", "till", "'til" → "until"), and filler sounds dropped."""
    words: list[str] = []
    said = spoken(text).split()
    for k, word in enumerate(said):
        if word == "huh" and k > 0 and said[k - 1] in ("uh", "mm", "mhm"):
            word = "yes"  # "uh huh" is a yes; "huh?" alone is not
        if word in FILLERS:
            continue
        if word.isdigit() and int(word) in _NUMBERS:
            word = _NUMBERS[int(word)]
        words.extend(_word(word))
    return words


def without_hedges(words: list[str]) -> list[str]:
    """The words minus hedges; the words themselves when nothing else is left."""
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = tuple(words[i : i + 2])
        if pair in HEDGE_PHRASES:
            i += 2
            continue
        if words[i] not in HEDGES:
            out.append(words[i])
        i += 1
    return out or list(words)
