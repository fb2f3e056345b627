"""Crisis words that a slot would take apart still reach the crisis answer.

A sentence about wanting to be dead can share words with leg talk ("hurting", "dead",
"end", "go on", "up"): when a slot takes one of them, the free words alone no longer say
it. Worded here by us, in several locales; the corpora hold other wordings.
"""

from __future__ import annotations

import pytest

from conftest import run_dialog

CRISIS = [
    ("en-US", "ask night legs ive been hurting myself again"),
    ("en-GB", "ask night legs honestly i wish i were dead"),
    ("en-AU", "ask night legs im going to end it tonight"),
    ("en-IN", "ask night legs i cannot go on like this anymore"),
    ("en-CA", "ask night legs i just dont wanna wake up"),
]
NOT_CRISIS = [
    ("en-US", "ask night legs am i going to die from this"),
    ("en-GB", "ask night legs i cant go on my side it makes my leg numb"),
    ("en-AU", "ask night legs my foot is dead and i cant go on walking"),
]


@pytest.mark.parametrize(("locale", "said"), CRISIS)
def test_crisis_words_get_the_crisis_line(locale: str, said: str) -> None:
    turn = run_dialog([said], locale=locale)[0]
    assert "hurt yourself" in turn.speech and turn.end_session, turn.speech


@pytest.mark.parametrize(("locale", "said"), NOT_CRISIS)
def test_leg_talk_with_the_same_words_is_not_taken_for_a_crisis(locale: str, said: str) -> None:
    turn = run_dialog([said], locale=locale)[0]
    assert "hurt yourself" not in turn.speech and not turn.end_session, turn.speech
