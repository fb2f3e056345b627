"""The pure decision, without the SDK: danger first, questions that matter, safe tips."""

from __future__ import annotations

from skill.content import load_content
from skill.core.decision import Answer, Ask, Emergency, SameDay, decide
from skill.core.followup import next_question
from skill.core.symptoms import QuestionProgress, Symptoms
from skill.core.triage import pick_remedies, rank_causes

C = load_content()
SCREENED = QuestionProgress(asked=("screen",), screened=True)


def test_the_safety_question_comes_first() -> None:
    decision = decide(Symptoms(sensation="numb", position="side"), QuestionProgress(), C)
    assert isinstance(decision, Ask) and decision.is_screen


def test_an_emergency_sign_wins_over_everything() -> None:
    decision = decide(Symptoms(sensation="numb", position="side", signs=frozenset({"numb_groin"})), QuestionProgress(), C)
    assert isinstance(decision, Emergency)
    assert decision.flags[0].id == "saddle_numbness"


def test_same_day_before_any_benign_answer() -> None:
    assert isinstance(decide(Symptoms(sensation="ache", relief="hang_down"), SCREENED, C), SameDay)


def test_a_question_is_skipped_when_no_answer_would_change_the_advice() -> None:
    # Everything that matters is known: no more questions after the safety check.
    s = Symptoms(sensation="numb", side="left", position="side", relief="moving", timing="waking")
    assert next_question(s, SCREENED, C) is None


def test_questions_stop_at_three() -> None:
    progress = QuestionProgress(asked=("screen", "position", "relief"), screened=True)
    assert next_question(Symptoms(sensation="numb"), progress, C) is None


def test_crossed_legs_rank_pressure_first_and_suggest_uncrossing() -> None:
    s = Symptoms(sensation="numb", position="crossed", relief="moving")
    causes = rank_causes(s, C)
    assert causes[0].id == "position_pressure"
    assert "uncross" in [r.id for r in pick_remedies(s, causes, C, in_bed=True)]


def test_restless_legs_and_cramps_rank_their_own_cause_first() -> None:
    assert rank_causes(Symptoms(sensation="restless", timing="night"), C)[0].id == "restless_legs"
    assert rank_causes(Symptoms(sensation="cramp", relief="stretching"), C)[0].id == "night_cramps"
    assert rank_causes(Symptoms(sensation="burning", side="both", signs=frozenset({"diabetes"})), C)[0].id == "nerve_damage"


def test_elevation_needs_relief_answered_and_not_hanging_down() -> None:
    venous = Symptoms(sensation="ache", signs=frozenset({"swollen_ankles"}))
    ids = lambda s: {r.id for r in pick_remedies(s, rank_causes(s, C), C, in_bed=True, limit=10)}  # noqa: E731
    assert "raise_legs" not in ids(venous)
    from dataclasses import replace

    assert "raise_legs" in ids(replace(venous, relief="moving"))
    assert "raise_legs" not in ids(replace(venous, relief="hang_down"))
    assert "raise_legs" not in ids(replace(venous, relief="moving", timing="walking"))


def test_answer_lists_at_most_three_reasons_and_three_tips() -> None:
    progress = QuestionProgress(asked=("screen", "position", "relief"), screened=True)
    decision = decide(Symptoms(sensation="tingling", timing="night", relief="nothing", side="both"), progress, C)
    assert isinstance(decision, Answer)
    assert 1 <= len(decision.causes) <= 3 and 1 <= len(decision.remedies) <= 3


def test_ranking_adds_prior_and_feature_points_for_every_value_said() -> None:
    s = Symptoms(sensation="numb", side="both", relief="nothing", signs=frozenset({"diabetes", "back_pain"}))

    def total(cause) -> int:  # the rule, spelled out one cause at a time
        points = cause.prior
        for slot, weights in cause.features.items():
            points += sum(weights.get(value, 0) for value in s.values(slot))
        return points

    expected = sorted((c for c in C.causes if total(c) >= 2), key=lambda c: (-total(c), C.causes.index(c)))[:3]
    assert rank_causes(s, C) == tuple(expected)
