"""Danger first on every turn: words in any slot, the clarifying question, the safety
question that holds, and the criteria line before tips."""

from __future__ import annotations

from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Intent, IntentRequest, RequestEnvelope, Slot
from ask_sdk_model.list_slot_value import ListSlotValue
from ask_sdk_model.simple_slot_value import SimpleSlotValue
from ask_sdk_model.slu.entityresolution import (
    Resolution, Resolutions, Status, StatusCode, Value, ValueWrapper,
)

from skill.handlers.shared import slot_words
from skill.simulator.session import LocalSession

CALL_911 = "Call 911 now."


def _resolved(value_id: str, code: StatusCode = StatusCode.ER_SUCCESS_MATCH) -> Resolutions:
    values = [ValueWrapper(Value(name=value_id, id=value_id))] if code == StatusCode.ER_SUCCESS_MATCH else []
    return Resolutions([Resolution(authority="a", status=Status(code=code), values=values)])


def _input(slots: dict[str, Slot]) -> HandlerInput:
    request = IntentRequest(intent=Intent(name="AnyIntent", slots=slots))
    return HandlerInput(request_envelope=RequestEnvelope(request=request))


def test_the_reader_takes_every_slots_words_whatever_its_name() -> None:
    spoken = slot_words.read(_input({
        "sign": Slot(name="sign", slot_value=ListSlotValue(values=[
            SimpleSlotValue(value="face droops", resolutions=_resolved("face_droop")),
            SimpleSlotValue(value="words come out wrong", resolutions=_resolved("x", StatusCode.ER_SUCCESS_NO_MATCH)),
        ])),
        "anything": Slot(name="anything", value="my arm went weak", resolutions=_resolved("y", StatusCode.ER_SUCCESS_NO_MATCH)),
        "words": Slot(name="words", value="and I wet myself"),
        "empty": Slot(name="empty"),
    }))
    assert set(spoken.words) == {"face droops", "words come out wrong", "my arm went weak", "and I wet myself"}
    assert spoken.ids == {"sign": ("face_droop",)}


def _say(*turns: str, locale: str = "en-US") -> list[Any]:
    session = LocalSession(locale)
    return [session.say(turn) for turn in turns]


def test_danger_said_mid_stretch_or_mid_question_wins() -> None:
    turns = _say("ask night legs my leg goes numb when i lie down", "no", "oh and I can't lift my arm")
    assert CALL_911 in turns[-1].speech and turns[-1].end_session
    assert "arm" in turns[-1].speech.lower()


def test_a_negated_sign_in_free_words_is_neither_acted_on_nor_said_back() -> None:
    turn = _say("ask night legs my leg keeps going dead but there is no chest pain and no trouble speaking")[0]
    assert CALL_911 not in turn.speech
    assert "chest pain" not in turn.speech.lower()


def test_an_innocent_numb_bottom_gets_one_question_and_no_means_go_on() -> None:
    asked, after = _say("ask night legs my bum goes numb from sitting on the couch", "no", locale="en-GB")
    assert "still numb" in asked.speech and not asked.end_session
    assert "999" not in after.speech and not after.end_session


def test_cold_feet_is_asked_about_not_sent_for_help() -> None:
    asked, after = _say("ask night legs I have cold feet", "yes")
    assert "pale or blue" in asked.speech
    assert CALL_911 in after.speech and after.end_session


def test_the_safety_question_holds_against_not_sure_then_says_when_to_call() -> None:
    first, again, on = _say("ask night legs my leg goes numb when i lie down", "not sure", "no idea")
    assert "safety check" in first.speech
    assert "yes or a no" in again.speech and "That is fine" not in again.speech
    assert "For sudden weakness, trouble speaking, a numb groin, or a cold, pale leg, call 911." in on.speech and not on.end_session


def test_a_one_shot_remedies_question_hears_when_to_call_first() -> None:
    turn = _say("ask night legs what can I do about numb legs")[0]
    criteria = turn.speech.find("For sudden weakness")
    assert 0 <= criteria < max(turn.speech.find("try"), 1)


def test_am_i_having_a_stroke_gets_the_signs_and_the_number() -> None:
    turn = _say("ask night legs am i having a stroke")[0]
    assert "face that droops" in turn.speech and CALL_911 in turn.speech


def test_a_fallback_says_the_safety_line() -> None:
    turn = _say("ask night legs purple monkey dishwasher")[0]
    assert "Get emergency help if you suddenly feel weak" in turn.speech


def test_a_denied_feeling_is_never_said_back_or_acted_on() -> None:
    for locale, turns, denied in (
        ("en-US", ["ask night legs my legs arent weak they just ache at night", "no", "on my back", "nothing"], "weak"),
        ("en-GB", ["ask night legs me calves aren't numb, they throb in bed", "no", "on my side", "rubbing them"], "numb"),
        ("en-IN", ["ask night legs my leg is not weak only paining at night", "no", "on my back", "nothing"], "weak"),
    ):
        played = _say(*turns, locale=locale)
        echo = played[0].speech.split(". ")[0].lower()  # "Your legs ache at night."
        answer = played[-1].speech.lower()
        assert denied not in echo and ("ache" in echo or "throb" in echo), (locale, echo)
        assert denied not in answer, (locale, answer)


def test_a_feeling_the_free_words_deny_is_dropped_whatever_slot_it_came_in() -> None:
    # as a device may send it: the feeling slot resolved, the sentence in the free words
    spoken = slot_words.read(_input({
        "sensation": Slot(name="sensation", value="weak", resolutions=_resolved("weak")),
        "words": Slot(name="words", value="my legs are not weak they just ache"),
    }))
    assert "sensation" not in spoken.ids and "sensation" not in spoken.said
    kept = slot_words.read(_input({
        "sensation": Slot(name="sensation", value="weak", resolutions=_resolved("weak")),
        "words": Slot(name="words", value="and they are not numb"),
    }))
    assert kept.ids["sensation"] == ("weak",)


def test_a_worry_about_dying_gets_the_worry_answer_and_the_conversation_goes_on() -> None:
    for locale, turns in (
        ("en-US", ["ask night legs my legs ache at night", "no", "am i gonna die from this"]),
        ("en-GB", ["ask night legs me foot keeps going dead in bed", "is this going to kill me"]),
        ("en-AU", ["ask night legs my calves are cramping", "nah", "am i going to die of this or what"]),
        ("en-IN", ["ask night legs legs are paining at night", "no", "will i die because of this"]),
    ):
        last = _say(*turns, locale=locale)[-1]
        assert not last.end_session and "hurt yourself" not in last.speech, (locale, last.speech)


def test_a_clear_no_with_more_words_answers_the_safety_question() -> None:
    from skill.content import load_content

    for locale, first, no in (
        ("en-US", "my feet keep tingling in bed", "no not at all"),
        ("en-GB", "me legs ache every night", "nope, absolutely not"),
        ("en-AU", "my calves are cramping", "nah nothing of the sort"),
        ("en-IN", "my legs are paining at night", "no no not at all"),
        ("en-CA", "my leg goes numb when i lie down", "nah none of that"),
    ):
        text = load_content(locale)
        turn = _say(f"ask night legs {first}", no, locale=locale)[-1]
        assert text.prompt("screen_again") not in turn.speech and text.screen.prompt not in turn.speech, (locale, turn.speech)


def test_a_hedge_still_does_not_answer_the_safety_question() -> None:
    from skill.content import load_content

    for locale, hedge in (("en-US", "not sure"), ("en-GB", "dunno"), ("en-IN", "i dont know really")):
        turn = _say("ask night legs my feet keep tingling in bed", hedge, locale=locale)[-1]
        assert load_content(locale).prompt("screen_again") in turn.speech, (locale, turn.speech)


def test_not_understanding_the_question_gets_the_help_that_fits_it() -> None:
    from skill.content import load_content

    for locale, puzzled in (
        ("en-US", "what do you mean"),
        ("en-GB", "sorry i dont understand the question"),
        ("en-AU", "what are ya asking me"),
        ("en-IN", "i did not understand what you are asking"),
        ("en-CA", "huh what does that mean"),
    ):
        text = load_content(locale)
        turn = _say("ask night legs my feet keep tingling in bed", puzzled, locale=locale)[-1]
        assert text.prompt("help_screen") in turn.speech and text.screen.prompt in turn.speech, (locale, turn.speech)
        follow_up = _say("ask night legs my feet keep tingling in bed", "no", puzzled, locale=locale)[-1]
        assert text.prompt("help_follow_up") in follow_up.speech, (locale, follow_up.speech)


# --------------------------------------------------------------------------- issue 22: context is kept

GET_HELP_TODAY = "Please get medical help today."


def _dialog(locale: str, *turns: str) -> list[Any]:
    session = LocalSession(locale)
    return [session.say(t) for t in turns]


def test_same_day_advice_stays_in_force_when_the_next_reply_adds_nothing_urgent() -> None:
    first, second = _dialog("en-US", "ask night legs my left calf is swollen and red and tender", "no shortness of breath, no chest pain")
    assert GET_HELP_TODAY in first.speech and GET_HELP_TODAY in second.speech
    assert "did not catch" not in second.speech and not second.end_session
    *_, goodbye = _dialog("en-AU", "ask night legs me knee joint is red hot and puffy", "nah")
    assert GET_HELP_TODAY in goodbye.speech and goodbye.end_session  # never a plain good night


def test_a_breath_sign_after_a_swollen_calf_answer_is_an_emergency() -> None:
    *_, last = _dialog("en-US", "ask night legs my calf is swollen like twice the size of my good one", "i feel winded just lying here")
    assert CALL_911 in last.speech and last.end_session


def test_numbness_that_does_not_go_on_moving_is_same_day_even_after_no_to_the_safety_question() -> None:
    *_, last = _dialog("en-GB", "ask night legs me left leg went numb an hour ago", "no", "ive walked round the kitchen and its still numb, hasnt come back")
    assert GET_HELP_TODAY in last.speech


def test_words_split_over_slots_are_read_together_for_what_explains_them_away() -> None:
    turns = _dialog("en-US", "ask night legs i fell asleep on the couch and my leg went dead", "no", "moving it helps")
    assert not any(CALL_911 in t.speech for t in turns)
    turns = _dialog("en-CA", "ask night legs my left leg gets a burning pain when i lie flat", "no weakness, tingling or trouble peeing")
    assert not any(CALL_911 in t.speech for t in turns)
