"""A feeling said not to be is not said: the pure negation reader."""

from __future__ import annotations

import pytest

from skill.core.negation import negated, negated_in


def _at(sentence: str, word: str) -> bool:
    words = sentence.split()
    return negated(words, words.index(word))


@pytest.mark.parametrize("sentence,word", [
    ("my calves are not weak they throb", "weak"),
    ("it does not feel numb", "numb"),
    ("i do not have any tingling", "tingling"),
    ("no tingling at all", "tingling"),
    ("never cold or numb just sore", "numb"),
    ("my feet arent really numb", "numb"),
    ("the leg is not numb anymore", "numb"),
])
def test_a_denied_feeling_is_negated(sentence: str, word: str) -> None:
    assert _at(sentence, word)


@pytest.mark.parametrize("sentence,word", [
    ("my calves are not weak they throb", "throb"),
    ("it will not stop tingling", "tingling"),
    ("can not sleep restless legs", "restless"),
    ("it is not just numb it burns", "numb"),
    ("no it is numb", "numb"),
    ("no more like numb", "numb"),
    ("i do not know if it is numb", "numb"),
    ("numb not tingling", "numb"),
])
def test_a_feeling_said_is_not_negated(sentence: str, word: str) -> None:
    assert not _at(sentence, word)


def test_negated_in_reads_free_words_as_spoken() -> None:
    assert negated_in("my legs aren't numb, they just ache", "numb")
    assert not negated_in("my legs aren't numb, they just ache", "ache")
    assert not negated_in("numb, not weak", "numb")
    assert not negated_in("nothing about it", "numb")  # not there: not denied either
