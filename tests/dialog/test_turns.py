"""The conversation policy alone (skill/dialog/turns.py): no SDK, no NLU, no handlers.

States are built by hand; each test says what a person would notice: which question comes
back, and what the turn said (by content id)."""

from __future__ import annotations

import pytest

from skill.content import load_content
from skill.core.symptoms import QuestionProgress, Symptoms
from skill.dialog import turns
from skill.dialog.pending import Pending
from skill.dialog.state import SessionState

TEXT = load_content("en-GB")
NUMB = Symptoms().with_value("sensation", "numb")
AT_SCREEN = SessionState(symptoms=NUMB, progress=QuestionProgress(asked=("screen",)), pending=Pending.SCREEN)
# "Do you want me to remember this?" asked while the safety question waited
REMEMBER_AT_SCREEN = AT_SCREEN.evolve(pending=Pending.REMEMBER, resume=Pending.SCREEN)
AT_RELIEF = SessionState(
    symptoms=NUMB.with_value("position", "side"),
    progress=QuestionProgress(asked=("screen", "position", "relief"), screened=True),
    pending=Pending.RELIEF,
)


@pytest.mark.parametrize("state", [AT_SCREEN, REMEMBER_AT_SCREEN], ids=["screen", "aside over the screen"])
def test_words_that_fit_nothing_bring_back_the_safety_question(state: SessionState) -> None:
    turn = turns.not_caught(state, TEXT)
    assert turn.state.pending is Pending.SCREEN
    assert turn.question.prompt == TEXT.screen.prompt
    assert "question:screen" in turn.said and "fallback_in_question" in turn.said


def test_an_aside_answered_comes_back_to_the_safety_question_without_a_lead() -> None:
    turn = turns.close(REMEMBER_AT_SCREEN, REMEMBER_AT_SCREEN, TEXT, ["Okay."], question=turns.launch_question(TEXT))
    assert turn.state.pending is Pending.SCREEN
    assert "back_to_question" not in turn.said  # the safety question is asked plainly


def test_an_aside_at_a_follow_up_comes_back_with_back_to_your_legs() -> None:
    turn = turns.close(AT_RELIEF, AT_RELIEF, TEXT, ["Here is a tip."], question=turns.launch_question(TEXT))
    assert turn.state.pending is Pending.RELIEF
    assert turn.said[-2:] == ("back_to_question", "question:relief")
    assert turn.elicits == "relief"


def test_with_nothing_waiting_the_answer_keeps_its_own_question() -> None:
    idle = SessionState()
    question = turns.Question("Anything else?", "Say stop.", None)
    turn = turns.close(idle, idle, TEXT, ["Sure."], question=question, pending=Pending.ANYTHING_ELSE)
    assert turn.state.pending is Pending.ANYTHING_ELSE and turn.question is question


def test_an_aside_keeps_the_waiting_question_behind_it() -> None:
    after = AT_SCREEN.evolve(pending=Pending.REMEMBER)
    assert turns.kept_behind(AT_SCREEN, after).resume is Pending.SCREEN
    assert turns.kept_behind(AT_SCREEN, AT_SCREEN.evolve(pending=Pending.POSITION)).resume is None


def test_go_back_asks_the_question_before_and_lets_its_answer_go() -> None:
    turn = turns.go_back(AT_RELIEF, TEXT)
    assert turn is not None
    assert turn.state.pending is Pending.POSITION
    assert not turn.state.symptoms.values("position")
    assert "relief" not in turn.state.progress.asked


def test_go_back_at_the_safety_question_says_it_is_the_first_and_asks_it_again() -> None:
    turn = turns.go_back(AT_SCREEN, TEXT)
    assert turn is not None and turn.state.pending is Pending.SCREEN
    assert "go_back_first" in turn.said


def test_start_over_lets_everything_go_but_the_disclaimer() -> None:
    turn = turns.start_over(AT_RELIEF.evolve(disclaimer_heard=True), TEXT)
    assert turn.state.symptoms.empty and not turn.state.progress.asked and turn.state.disclaimer_heard


def test_why_ask_at_the_safety_question_says_why_and_asks_it_again() -> None:
    turn = turns.why_ask(AT_SCREEN, TEXT)
    assert turn.said[0] == "why_ask_screen" and turn.state.pending is Pending.SCREEN


def test_a_yes_to_a_choice_question_asks_for_a_choice() -> None:
    turn = turns.yes_no(AT_RELIEF, TEXT, yes=True)
    assert turn is not None and "choice_needed" in turn.said and turn.state.pending is Pending.RELIEF


def test_a_no_to_an_offer_ends_kindly_and_to_what_is_your_leg_doing_says_what_to_say() -> None:
    assert turns.yes_no(SessionState(pending=Pending.OFFER_STRETCH), TEXT, yes=False) is None
    turn = turns.yes_no(SessionState(pending=Pending.NOT_CAUGHT), TEXT, yes=False)
    assert turn is not None and "what_you_can_say" in turn.said


def test_take_your_time_keeps_the_safety_question_waiting() -> None:
    turn = turns.pause(AT_SCREEN, TEXT)
    assert turn.state.pending is Pending.SCREEN and turn.said[0] == "take_your_time"
