"""Words and estimated seconds per talk turn over scripted dialogs: the dialog-quality measure.

A talk turn is one thing the skill says in a conversation, measured as spoken: its words
(plain text) and `skill.dialog.ssml.measure` seconds, which already reads at the slow bedtime
pace and adds every break. Turns of a guided stretch are left out: their holds are timed on
purpose and have their own limits.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import Iterable

from conftest import run_dialog
from skill.dialog.ssml import measure
from skill.simulator.session import Turn

# "About 45 words and 20 seconds": the measure reads at 95% of a deliberately slow 130
# words a minute, so 45 words measure 22 s; a turn may run to 48 words (the "about").
MAX_WORDS = 48
MAX_SECONDS = 23.5


@dataclass(frozen=True)
class TalkTurn:
    dialog: str
    heard: str
    words: int
    seconds: float
    speech: str
    urgent: bool  # an emergency or same-day answer (spoken at normal rate, no bedtime prosody)


# A locale with a second emergency number says it in a sentence of its own ("Or call 112 in
# Ireland."); that sentence is the locale's, so it is not counted against the turn.
# Said inside a sentence with its condition ("If you get chest pain, call 999, or 112 in
# Ireland."), the second number is not counted either.
_SECOND_NUMBER = re.compile(r"Or call \d+ in [A-Z][a-z]+(?: [A-Z][a-z]+)*\.|, or \d+ in [A-Z][a-z]+(?: [A-Z][a-z]+)*(?=[.,])")


def counted_words(speech: str) -> int:
    return len(_SECOND_NUMBER.sub("", speech).split())


def is_stretch_step(turn: Turn) -> bool:
    attributes = turn.response.get("sessionAttributes") or {}
    state = attributes.get("state") if isinstance(attributes.get("state"), dict) else attributes
    return isinstance(state, dict) and state.get("pending") == "stretching"


def talk_turns(name: str, turns: Iterable[Turn]) -> list[TalkTurn]:
    return [
        TalkTurn(name, turn.heard, counted_words(turn.speech), measure(turn.ssml) - 60 * (len(turn.speech.split()) - counted_words(turn.speech)) / 130, turn.speech, "<prosody" not in turn.ssml)
        for turn in turns
        if turn.speech and not is_stretch_step(turn)
    ]


def play(dialogs: Iterable[tuple[str, bool, list[str]]], locale: str = "en-US") -> list[TalkTurn]:
    """Each dialog as a new user: what one dialog asked to be remembered does not change the next."""
    out: list[TalkTurn] = []
    for number, (name, launch, utterances) in enumerate(dialogs):
        out += talk_turns(name, run_dialog(utterances, launch=launch, locale=locale, user_id=f"amzn1.ask.account.TALK-{locale}-{number}"))
    return out


def summary(turns: list[TalkTurn]) -> str:
    words = [t.words for t in turns]
    seconds = [t.seconds for t in turns]
    return (
        f"{len(turns)} talk turns: words median {statistics.median(words):.0f}, max {max(words)}; "
        f"seconds median {statistics.median(seconds):.1f}, max {max(seconds):.1f}"
    )
