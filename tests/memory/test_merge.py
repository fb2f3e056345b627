"""Two overlapping saves for one user keep both users' changes (skill.memory.merge.merge3)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.memory.merge import merge3

leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5))
records = st.recursive(
    st.dictionaries(st.sampled_from("abcd"), leaves, max_size=3),
    lambda inner: st.dictionaries(st.sampled_from("abcd"), st.one_of(leaves, inner), max_size=3),
    max_leaves=8,
)
# No wall-clock limits: a busy CI machine must not fail a correct merge.
relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@relaxed
@given(records, records)
def test_when_nobody_else_wrote_our_record_is_stored_as_is(base: dict, ours: dict) -> None:
    assert merge3(base, ours, base) == ours


@relaxed
@given(records, records)
def test_when_we_changed_nothing_the_other_writer_wins(base: dict, theirs: dict) -> None:
    assert merge3(base, base, theirs) == theirs


def test_changes_to_different_parts_of_memory_both_survive() -> None:
    base = {"memory": {"pace": "normal", "progress": {"routine": "bedtime", "step": 1}}}
    ours = {"memory": {"pace": "slow", "progress": {"routine": "bedtime", "step": 1}}}
    theirs = {"memory": {"pace": "normal", "progress": {"routine": "bedtime", "step": 4}}}
    assert merge3(base, ours, theirs) == {
        "memory": {"pace": "slow", "progress": {"routine": "bedtime", "step": 4}}
    }


def test_a_key_we_removed_stays_removed_and_their_new_key_stays() -> None:
    assert merge3({"a": 1, "b": 2}, {"b": 2}, {"a": 1, "b": 2, "c": 3}) == {"b": 2, "c": 3}


def test_the_same_leaf_changed_twice_takes_the_later_save() -> None:
    assert merge3({"pace": "normal"}, {"pace": "slow"}, {"pace": "fast"}) == {"pace": "slow"}
