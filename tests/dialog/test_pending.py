"""The pending register's table: who answers a bare reply in each waiting state.

The table is the whole answer to "what does this yes answer?"; these tests pin it, then
check in real dialogs that the skill follows it.
"""

from __future__ import annotations

from skill.dialog.pending import ROUTES, Area, Bare, Pending, bare, route
from skill.simulator.session import LocalSession

EXPECTED_YES = {
    None: Area.BUILTIN,
    Pending.SENSATION: Area.BUILTIN,  # a yes is no answer to "what does it feel like?": asked again
    Pending.SIDE: Area.BUILTIN,
    Pending.POSITION: Area.BUILTIN,
    Pending.TIMING: Area.BUILTIN,
    Pending.RELIEF: Area.BUILTIN,
    Pending.SIGN: Area.BUILTIN,
    Pending.SCREEN: Area.SAFETY,  # a bare yes ("sure") is checked once more before calling
    Pending.SCREEN_AGAIN: Area.CONVERSATION,  # the safety question asked again as a plain yes/no
    Pending.CLARIFY: Area.SAFETY,  # "is it still numb now you have moved?"
    Pending.OFFER_DOCTOR: Area.INFO,
    Pending.OFFER_MORE: Area.INFO,
    Pending.OFFER_TIPS: Area.INFO,
    Pending.OFFER_SAME_DAY: Area.INFO,
    Pending.ANYTHING_ELSE: Area.BUILTIN,
    Pending.NOT_CAUGHT: Area.BUILTIN,  # "no" there: what they can say, not goodbye
    Pending.OFFER_STRETCH: Area.STRETCH,
    Pending.STRETCHING: Area.STRETCH,
    Pending.REMEMBER: Area.MEMORY,
    Pending.FORGET: Area.MEMORY,
    Pending.REMINDER: Area.REMINDERS,
    Pending.RESUME: Area.ROUTINE,
    Pending.SAME_TONIGHT: Area.CONVERSATION,  # welcome back: "Is it the same tonight?"
    Pending.OFFER_LOG: Area.NIGHT_LOG,  # "Shall I add tonight to your night log?"
    Pending.LOG_FEELING: Area.BUILTIN,  # a yes is no answer to "what did your legs do tonight?"
    Pending.DELETE_LOG: Area.NIGHT_LOG,
}


def test_every_waiting_state_has_a_pinned_answer_to_yes() -> None:
    assert set(EXPECTED_YES) - {None} == set(Pending)
    assert {pending: route(pending, Bare.YES) for pending in EXPECTED_YES} == EXPECTED_YES


def test_no_goes_where_yes_goes_except_after_a_stretch_offer_or_more_offers() -> None:
    for pending in Pending:
        expected = route(pending, Bare.YES)
        if pending in (Pending.OFFER_STRETCH, Pending.OFFER_DOCTOR, Pending.OFFER_MORE, Pending.OFFER_TIPS, Pending.OFFER_SAME_DAY):
            expected = Area.BUILTIN  # "no" to an offer: the built-in goodbye
        assert route(pending, Bare.NO) is expected, pending


def test_next_repeat_help_and_stop_belong_to_the_stretch_only_while_it_has_the_floor() -> None:
    for reply in (Bare.NEXT, Bare.REPEAT, Bare.HELP, Bare.STOP):
        for pending in [None, *Pending]:
            assert route(pending, reply) is (Area.STRETCH if pending is Pending.STRETCHING else Area.BUILTIN)
    assert set(ROUTES[Pending.STRETCHING]) == set(Bare)


def test_cancel_and_go_home_are_a_stop() -> None:
    assert bare("AMAZON.CancelIntent") is Bare.STOP
    assert bare("AMAZON.NavigateHomeIntent") is Bare.STOP
    assert bare("DescribeSymptomIntent") is None


def test_a_yes_to_the_memory_question_is_not_taken_by_the_stretch_offer() -> None:
    session = LocalSession()
    session.say("ask night legs my leg goes numb when i lie on my side")
    session.say("no")
    session.say("moving it")
    asked = session.say("remember this")
    assert "remember" in asked.speech.lower()
    kept = session.say("yes")
    assert "stretch" not in kept.speech.lower().split(".")[0]
    assert "i will remember it" in kept.speech.lower() or "could not save" in kept.speech.lower()


def test_a_yes_to_the_safety_question_is_checked_once_then_an_emergency() -> None:
    session = LocalSession()
    first = session.say("ask night legs my leg goes numb when i lie down")
    assert "safety" in first.speech.lower()
    checked = session.say("yes")
    assert "to be sure" in checked.speech.lower() and not checked.end_session
    answer = session.say("yes")
    assert "911" in answer.speech and answer.end_session
