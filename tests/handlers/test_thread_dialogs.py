"""The conversation keeps its place (issue 13, item 4), in every locale.

Every interruption (remember, forget, help, repeat, an info question, a reminder) is
answered and then the question that was waiting is asked again; the safety question can
never be skipped; help fits where the person is; questions about the last answer or the
urgent advice ("can I stretch it", "can I put heat on it", "can it wait till morning") are
answered on topic and never contradict it; "no" after a fallback is not goodbye; the welcome
back asks "is it the same tonight?". The utterances are written the way people talk at
night, never copied into the interaction model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ask_sdk_core.skill import CustomSkill

from skill.alexa.api_client import TimeoutApiClient
from skill.app import create_skill
from skill.content import load_content
from skill.memory.factory import sqlite_persistence
from skill.simulator.session import LocalSession, Turn
from talk_turns import counted_words

LOCALES = ["en-US", "en-CA", "en-GB", "en-AU", "en-IN"]
# How people round off a sentence where they live.
TAG = {"en-US": "", "en-CA": " eh", "en-GB": " cheers", "en-AU": " mate", "en-IN": " kindly"}
NOT_CAUGHT = "did not catch"


@pytest.fixture
def skill(tmp_path: Path) -> CustomSkill:
    return create_skill(persistence_adapter=sqlite_persistence(tmp_path / "memory.sqlite3"), api_client=TimeoutApiClient(1.0))


def talk(skill: CustomSkill, locale: str, *utterances: str, launch: bool = False) -> list[Turn]:
    session = LocalSession(locale, skill=skill)
    turns = [session.launch()] if launch else []
    return turns + [session.say(u) for u in utterances]


def question(locale: str, slot: str) -> str:
    text = load_content(locale)
    if slot == "screen":
        return text.screen.prompt
    return next(q.prompt for q in text.questions if q.slot == slot)


def asks(turn: Turn, prompt: str) -> bool:
    """The turn ends by asking `prompt` again, and waits for the answer."""
    return turn.speech.rstrip().endswith(prompt) and not turn.end_session


def words(turn: Turn) -> int:
    """Words as the dialog-quality check counts them (a second emergency number left out)."""
    return counted_words(turn.speech)


# --------------------------------------------------------------------------- interruptions


@pytest.mark.parametrize("locale", LOCALES)
def test_remember_this_in_the_middle_of_a_question_comes_back_to_the_question(skill: CustomSkill, locale: str) -> None:
    turns = talk(skill, locale, "my legs ache when i lie down", "nope", "remember this pls", "yeah")
    assert asks(turns[1], question(locale, "position"))
    assert "remember" in turns[2].speech.lower()
    kept = turns[3]
    assert "I will remember it" in kept.speech
    assert asks(kept, question(locale, "position")), kept.speech
    # and the question really is waiting again: the answer moves the conversation on
    after = LocalSession(locale, skill=skill)
    replay = [after.say(u) for u in ("my legs ache when i lie down", "no", "remember this", "no", "on my side")]
    assert asks(replay[3], question(locale, "position"))
    assert NOT_CAUGHT not in replay[4].speech and question(locale, "position") not in replay[4].speech


@pytest.mark.parametrize("locale", LOCALES)
def test_forget_me_during_the_safety_question_then_the_safety_question_again(skill: CustomSkill, locale: str) -> None:
    turns = talk(skill, locale, "my foot keeps tingling in bed" + TAG[locale], "forget me", "no")
    assert asks(turns[0], question(locale, "screen"))
    assert "forget" in turns[1].speech.lower()
    assert asks(turns[2], question(locale, "screen")), turns[2].speech


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("aside", ["is it serious tho", "is it ms", "what can i do about it", "how should i lie"])
def test_the_safety_question_is_never_skipped_by_a_question_of_their_own(skill: CustomSkill, locale: str, aside: str) -> None:
    turns = talk(skill, locale, "my leg keeps going numb at night", aside)
    reply = turns[-1]
    assert NOT_CAUGHT not in reply.speech
    assert asks(reply, question(locale, "screen")), reply.speech
    assert words(reply) <= 60, reply.speech
    # a "no" now answers the safety question, and the conversation goes on
    session = LocalSession(locale, skill=skill)
    for u in ("my leg keeps going numb at night", aside):
        session.say(u)
    on = session.say("no")
    assert question(locale, "screen") not in on.speech and not on.end_session


@pytest.mark.parametrize("locale", LOCALES)
def test_an_info_question_during_a_follow_up_is_answered_then_the_follow_up_is_asked_again(skill: CustomSkill, locale: str) -> None:
    turns = talk(skill, locale, "why does my foot go numb in bed", "no", "tell me about sciatica", "on my side")
    assert "sciatica" in turns[2].speech.lower()
    assert asks(turns[2], question(locale, "position")), turns[2].speech
    assert NOT_CAUGHT not in turns[3].speech


@pytest.mark.parametrize("locale", LOCALES)
def test_repeat_during_a_follow_up_keeps_the_question_waiting(skill: CustomSkill, locale: str) -> None:
    turns = talk(skill, locale, "my legs ache when i lie down", "no", "sorry say that again", "on my back")
    assert asks(turns[2], question(locale, "position"))
    assert NOT_CAUGHT not in turns[3].speech and question(locale, "position") not in turns[3].speech


# --------------------------------------------------------------------------- help where they are


@pytest.mark.parametrize("locale", LOCALES)
def test_help_at_the_safety_question_says_just_say_yes_or_no(skill: CustomSkill, locale: str) -> None:
    turns = talk(skill, locale, "why do my legs tingle at night", "uh help")
    reply = turns[-1].speech
    assert "yes or no" in reply.lower()
    assert "I will ask a few short questions" not in reply  # not the general help
    assert asks(turns[-1], question(locale, "screen"))


@pytest.mark.parametrize("locale", LOCALES)
def test_help_at_a_follow_up_gives_that_questions_choices(skill: CustomSkill, locale: str) -> None:
    turns = talk(skill, locale, "my legs ache when i lie down", "no", "what do i say" if locale == "en-US" else "help me" + TAG[locale])
    reply = turns[-1].speech
    assert "I will ask a few short questions" not in reply
    assert all(word in reply for word in ("back", "side", "front"))
    assert "I don't know" in reply
    assert not turns[-1].end_session and words(turns[-1]) <= 45


@pytest.mark.parametrize("locale", LOCALES)
def test_help_at_the_stretch_offer_says_what_yes_does(skill: CustomSkill, locale: str) -> None:
    turns = talk(skill, locale, "my calf cramps at night", "no", "on my back", "stretching it", "help")
    assert "stretch" in turns[3].speech.lower()
    reply = turns[-1].speech
    assert "I will ask a few short questions" not in reply
    assert "yes" in reply.lower() and "stretch" in reply.lower()
    started = talk(skill, locale, "my calf cramps at night", "no", "on my back", "stretching it", "help", "yes")[-1]
    assert not started.end_session and NOT_CAUGHT not in started.speech


# --------------------------------------------------------------------------- about the last answer


@pytest.mark.parametrize("locale", LOCALES)
def test_follow_ups_after_same_day_advice_stay_on_topic_and_never_contradict_it(skill: CustomSkill, locale: str) -> None:
    turns = talk(
        skill, locale,
        "my calf is swollen and hot and red",
        "can i stretch it",
        "ok can i put heat on it" + TAG[locale],
        "is it serious",
        "can it wait till morning",
    )
    advice = turns[0].speech
    for turn in turns[1:]:
        assert NOT_CAUGHT not in turn.speech, turn.speech
        assert turn.speech != advice, "the advice said again is no answer"
        assert not turn.end_session
        assert "keeps coming back" not in turn.speech  # a routine line would play it down
        assert words(turn) <= 45, turn.speech
    stretch, heat, serious, wait = (t.speech.lower() for t in turns[1:])
    assert "not" in stretch and "stretch" in stretch
    assert "not" in heat and "heat" in heat
    assert "today" in serious
    assert "wait" in wait and "today" in wait
    emergency = load_content(locale).locale.emergency.split(",")[0]
    assert all(emergency in t.speech for t in turns[1:])  # when to call instead, every time


@pytest.mark.parametrize("locale", LOCALES)
def test_follow_ups_after_a_routine_answer_get_on_topic_tips(skill: CustomSkill, locale: str) -> None:
    base = ["my calf cramps at night", "no", "on my back", "stretching it"]
    heat = talk(skill, locale, *base, "would a hot water bottle help")[-1].speech.lower()
    assert NOT_CAUGHT not in heat and ("warm" in heat or "heat" in heat)
    walk = talk(skill, locale, *base, "can i walk on it")[-1].speech.lower()
    assert NOT_CAUGHT not in walk and "stretch" in walk or "mov" in walk
    wait = talk(skill, locale, *base, "can it wait till the morning")[-1]
    assert NOT_CAUGHT not in wait.speech and not wait.end_session
    assert "doctor" in wait.speech.lower()


# --------------------------------------------------------------------------- no after a fallback


@pytest.mark.parametrize("locale", LOCALES)
def test_no_after_a_fallback_offers_what_they_can_say(skill: CustomSkill, locale: str) -> None:
    turns = talk(skill, locale, "purple monkey dishwasher", "yeah nah" if locale == "en-AU" else "no", launch=True)
    assert NOT_CAUGHT in turns[1].speech
    reply = turns[2]
    assert not reply.end_session and "Good night" not in reply.speech
    assert "stretch" in reply.speech.lower()


# --------------------------------------------------------------------------- welcome back


def remember(skill: CustomSkill, locale: str) -> None:
    talk(skill, locale, "my leg goes numb when I lie on my side", "no", "moving it", "the left one", "remember this", "yes", "stop")


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("same", ["yes", "yeah same as last time", "its the same"])
def test_welcome_back_asks_if_it_is_the_same_tonight_and_yes_goes_on_from_there(skill: CustomSkill, locale: str, same: str) -> None:
    remember(skill, locale)
    turns = talk(skill, locale, same, launch=True)
    welcome, reply = turns
    assert "You said your left leg goes numb when you lie on your side." in welcome.speech
    assert welcome.speech.rstrip().endswith("Is it the same tonight?") and not welcome.end_session
    assert asks(reply, question(locale, "screen")), reply.speech  # the safety question still comes first tonight
    answer = LocalSession(locale, skill=skill)
    for u in [None, same]:
        answer.launch() if u is None else answer.say(u)
    after = answer.say("no")
    for kept in ("position", "side", "relief"):  # what was kept is used: not asked again
        assert question(locale, kept) not in after.speech
    assert NOT_CAUGHT not in after.speech and not after.end_session


@pytest.mark.parametrize("locale", LOCALES)
def test_welcome_back_no_starts_afresh(skill: CustomSkill, locale: str) -> None:
    remember(skill, locale)
    turns = talk(skill, locale, "nah it's different", "my legs wont keep still", launch=True)
    assert not turns[1].end_session and NOT_CAUGHT not in turns[1].speech
    assert asks(turns[2], question(locale, "screen"))
    heard = LocalSession(locale, skill=skill)
    heard.launch()
    heard.say("no")
    heard.say("my legs wont keep still")
    answer = heard.say("no")
    assert "numb" not in answer.speech.lower()  # last time's numb leg is not mixed in


# --------------------------------------------------------------------------- reminders


@pytest.mark.parametrize("locale", LOCALES)
def test_cancel_my_reminder_without_permission_is_not_told_about_setting_one(skill: CustomSkill, locale: str) -> None:
    reply = talk(skill, locale, "pls cancel my reminder" + TAG[locale], launch=True)[-1]
    assert "to set reminders" not in reply.speech
    assert "cancel" in reply.speech.lower() and "Alexa app" in reply.speech
    assert not reply.end_session  # a next step, not the end


@pytest.mark.parametrize("locale", LOCALES)
def test_a_reminder_asked_for_mid_question_without_permission_sends_the_card_and_comes_back(skill: CustomSkill, locale: str) -> None:
    turns = talk(skill, locale, "my legs ache when i lie down", "no", "remind me to stretch at ten pm")
    reply = turns[-1]
    assert "set reminders" in reply.speech
    assert reply.response["response"]["card"]["type"] == "AskForPermissionsConsent"
    assert asks(reply, question(locale, "position")), reply.speech
