"""What is remembered, and what is not, without any store or SDK (skill.memory.policy)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.memory.policy import Memory, RoutineProgress, Seen, forget, from_record, observe, remember_symptoms, to_record

TODAY = date(2026, 11, 22)


def test_a_first_visit_keeps_the_visit_and_no_health_detail() -> None:
    after = observe(Memory(), Seen(disclaimer_heard=True), TODAY)
    assert after.returning
    assert after.disclaimer_heard
    assert after.symptoms == {}
    assert "symptoms" not in to_record(after)


def test_where_a_routine_stopped_is_kept_until_it_is_finished() -> None:
    stopped = observe(Memory(), Seen(progress=RoutineProgress("two_minute", 1), pace="slower"), TODAY)
    assert stopped.progress == RoutineProgress("two_minute", 1)
    assert stopped.pace == "slower"

    later = observe(stopped, Seen(), TODAY)  # a session with no stretch keeps it
    assert later.progress == RoutineProgress("two_minute", 1)

    finished = observe(later, Seen(progress=RoutineProgress("two_minute", 3), routine_finished=True), TODAY)
    assert finished.progress is None
    assert finished.pace == "slower"


def test_symptoms_only_after_a_yes_and_forget_erases_everything() -> None:
    told = {"sensation": "numb", "side": "left", "signs": ["none"]}
    kept = remember_symptoms(observe(Memory(), Seen(), TODAY), told)
    assert from_record(to_record(kept)).symptoms == {"sensation": "numb", "side": "left"}  # never signs
    assert forget().empty
    assert to_record(forget()) == {"schema": 1}


def test_a_stored_record_from_elsewhere_is_not_trusted() -> None:
    hostile = {
        "disclaimer_heard": "yes",
        "progress": {"routine": "x" * 500, "step": 3},
        "pace": 7,
        "last_visit": "not a date",
        "symptoms": {"side": "left", "note": "y" * 500, "signs": ["a", 3, None]},
    }
    memory = from_record(hostile)
    assert memory == Memory(symptoms={"side": "left"})


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # no wall-clock limits
@given(
    st.booleans(),
    st.none() | st.builds(RoutineProgress, st.sampled_from(["two_minute", "restless"]), st.integers(0, 9)),
    st.none() | st.sampled_from(["normal", "slower"]),
    st.none() | st.dates(),
    st.fixed_dictionaries({}, optional={"side": st.just("left"), "sensation": st.just("numb"), "timing": st.just("night")}),
)
def test_records_round_trip(disclaimer: bool, progress, pace, visit, symptoms) -> None:  # type: ignore[no-untyped-def]
    memory = Memory(disclaimer, progress, pace, visit, symptoms)
    assert from_record(to_record(memory)) == memory
