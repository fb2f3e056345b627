"""Whole conversations through the same engine as `nightlegs ask`, with real envelopes."""

from __future__ import annotations

import re

import pytest

from conftest import run_dialog
from dialogs import DIALOGS, EMERGENCY_ONE_SHOTS

EMERGENCY_NOW = "Call 911 now."


@pytest.mark.parametrize("utterance", EMERGENCY_ONE_SHOTS.values(), ids=EMERGENCY_ONE_SHOTS.keys())
def test_every_emergency_sign_gets_the_number_in_the_very_first_answer(utterance: str) -> None:
    [turn] = run_dialog([utterance])
    assert turn.speech.count(EMERGENCY_NOW) >= 1, turn.speech
    # Danger first: no question, no reasons, no tips before the call to action.
    assert turn.speech.index(EMERGENCY_NOW) < 200
    assert "Common reasons" not in turn.speech and "try now" not in turn.speech
    assert turn.end_session, "the skill gets out of the way so the user can call"
    assert "Dialog.ElicitSlot" not in turn.directives


@pytest.mark.parametrize("utterance", EMERGENCY_ONE_SHOTS.values(), ids=EMERGENCY_ONE_SHOTS.keys())
def test_an_emergency_sign_said_in_answer_to_a_question_is_caught_too(utterance: str) -> None:
    turns = run_dialog(["my leg goes numb", utterance], launch=True)
    assert EMERGENCY_NOW in turns[-1].speech


def test_yes_to_the_safety_question_means_call_now() -> None:
    turns = run_dialog(["my leg goes numb when I lie on my side", "yes", "yes"])
    assert "safety check" in turns[0].speech
    assert "To be sure" in turns[1].speech and not turns[1].end_session  # a bare "sure" is checked once
    assert EMERGENCY_NOW in turns[2].speech and turns[2].end_session


BENIGN = [
    ["why my leg goes numb when I lie down", "no", "on my side", "moving it", "the left one"],
    ["my leg fell asleep in bed", "none of those", "on my back", "shaking it"],
    ["pins and needles in my foot when I lie on my side", "no", "moving it", "just one"],
    ["my leg goes numb when my legs are crossed", "nope", "moving it", "the right one"],
]


@pytest.mark.parametrize("utterances", BENIGN, ids=lambda u: u[0])
def test_benign_positional_numbness_is_never_told_to_call_emergency_services(utterances: list[str]) -> None:
    turns = run_dialog(utterances)
    for turn in turns:
        assert "911" not in turn.speech, turn.speech
    answer = next(t.speech for t in turns if "A common reason" in t.speech)
    assert "A common reason is pressure on a nerve" in answer
    # the one thing to do now, first: the tip for how they lie (Mayo Clinic sleeping positions)
    lead = {"side": "Put a pillow between your knees.", "back": "Put a pillow under your knees.", "crossed": "Uncross your legs."}
    said = next(words for words in ("side", "back", "crossed") if any(words in u for u in utterances))
    assert answer.startswith(lead[said]), answer


def test_why_says_back_what_it_heard_then_the_reasons() -> None:
    turns = run_dialog(["pins and needles in my foot when I lie on my side", "no", "shaking it", "the left one", "why"])
    why = turns[-1].speech
    heard = "You said you have pins and needles in your left foot when you lie on your side."
    assert why.startswith(heard)
    assert "Common reasons include pressure on a nerve" in why


def test_the_first_answer_leads_with_the_tip_for_the_position_the_user_lies_in() -> None:
    """Mayo Clinic sleeping positions; NHS Wales sciatica: the position said is the lead."""
    def answer(position: str) -> tuple[str, str]:
        turns = run_dialog([f"my leg goes numb when I lie on my {position}", "no", "moving it", "what else can I do"])
        return turns[-2].speech, turns[-1].speech

    (side, side_more), (back, back_more), (front, front_more) = answer("side"), answer("back"), answer("stomach")
    assert side.startswith("Put a pillow between your knees") and "under your knees" not in side
    assert back.startswith("Put a pillow under your knees") and "between your knees" not in back
    assert front.startswith("Put a flat pillow under your hips")
    for first, more in ((side, side_more), (back, back_more), (front, front_more)):
        assert first.split(".")[0] not in more  # not again
        assert "Change how you lie" in more


def test_never_more_than_three_questions() -> None:
    turns = run_dialog(["my leg feels weird"] + ["I don't know"] * 6)
    # The safety question is asked once more as a plain yes/no when the answer is unclear;
    # that repeat is not a new question.
    questions = [t for t in turns if "Dialog.ElicitSlot" in t.directives and "yes or a no" not in t.speech]
    assert 1 <= len(questions) <= 3
    assert any("For sudden weakness, trouble speaking, a numb groin, or a cold, pale leg, call 911." in t.speech for t in turns)
    assert turns[-1].speech.endswith("Do you want more tips?")  # an answer, with nothing to explain


def test_i_dont_know_is_accepted_and_the_skill_moves_on() -> None:
    turns = run_dialog(["why do my legs tingle at night", "no", "I don't know", "skip"])
    assert turns[2].speech.startswith("That is fine.")
    assert "A common reason" in turns[3].speech


def test_restless_legs_gets_iron_checked_by_a_doctor_never_iron_pills() -> None:
    turns = run_dialog(["I can't keep my legs still", "no", "on my back", "moving"])
    answer = turns[-1].speech
    assert "restless legs" in answer
    assert "check your iron" in answer
    assert not re.search(r"\btake iron\b", answer, re.IGNORECASE)


def test_rest_pain_eased_by_hanging_down_is_a_same_day_flag_not_a_comfort_tip() -> None:
    turns = run_dialog(["my leg aches at night", "no", "I don't know", "hanging it off the bed"])
    answer = turns[-1].speech
    assert "today" in answer
    assert "higher than your heart" not in answer and "stockings" not in answer
    assert "Here is what to try now" not in answer
    assert "stretch" not in answer.lower()


def test_elevation_waits_until_an_artery_problem_is_ruled_out() -> None:
    skipped = run_dialog(["my legs ache and I have swollen ankles", "no", "skip", "skip", "skip"])
    answered = run_dialog(["my legs ache and I have swollen ankles", "no", "moving it", "on my back"])
    assert "higher than your heart" not in skipped[-1].speech
    assert "higher than your heart" in answered[-1].speech


def test_no_heat_on_a_numb_leg() -> None:
    turns = run_dialog(["my feet are numb at night", "no", "both", "nothing helps"])
    answer = turns[-1].speech
    assert "Keep hot pads off skin that feels numb" in answer
    assert "warm bath" not in answer


def test_swollen_calf_is_same_day_with_a_clear_escalation() -> None:
    [turn] = run_dialog(["my calf is swollen and hot"])
    assert "Please get medical help today." in turn.speech
    assert "If you get chest pain or feel short of breath, call 911." in turn.speech
    assert not turn.end_session


def test_disclaimer_is_said_once_per_session() -> None:
    turns = run_dialog(
        ["my leg goes numb when I lie on my side", "no", "moving it", "one", "my leg goes numb when I lie on my back"],
        launch=True,
    )
    said = sum(t.speech.count("This is not medical advice") for t in turns)
    assert said == 1


def test_one_shot_conversation_carries_the_disclaimer_once() -> None:
    turns = run_dialog(["my leg goes numb when I lie on my side", "no", "moving it", "one"])
    assert "This is not medical advice" in turns[1].speech  # after the safety check, before the next question
    assert sum("This is not medical advice" in t.speech for t in turns) == 1


def test_help_mid_question_explains_then_asks_the_same_question_again() -> None:
    turns = run_dialog(["my leg fell asleep in bed", "help"], launch=True)
    assert "Just say yes or no." in turns[-1].speech  # help that fits the safety question
    assert turns[-1].speech.endswith(turns[-2].speech.split(". ")[-1])
    assert "Dialog.ElicitSlot" in turns[-1].directives


def test_repeat_says_the_last_answer_again() -> None:
    turns = run_dialog(["my calf is swollen and hot", "repeat"])
    assert turns[1].ssml == turns[0].ssml


def test_fallback_gives_an_example_of_what_to_say() -> None:
    turns = run_dialog(["purple monkey dishwasher"], launch=True)
    assert turns[-1].intent == "CatchAllIntent"  # unmatched speech, its words in the `words` slot
    assert "You can say something like" in turns[-1].speech
    assert not turns[-1].end_session


@pytest.mark.parametrize("word", ["stop", "cancel", "go home"])
def test_stop_cancel_and_home_end_the_session_kindly(word: str) -> None:
    turns = run_dialog(["my leg goes numb", word], launch=True)
    assert turns[-1].end_session
    assert "Good night" in turns[-1].speech


def test_cause_details_and_when_to_see_a_doctor() -> None:
    turns = run_dialog(["tell me more about sciatica", "when should I see a doctor"], launch=True)
    assert "sciatica" in turns[1].speech and "down one leg" in turns[1].speech
    assert "For sudden weakness, trouble speaking, a numb groin, or a cold, pale leg, call 911." in turns[2].speech


def test_every_answer_ends_with_a_next_step() -> None:
    for name, launch, utterances in DIALOGS:
        for turn in run_dialog(utterances, launch=launch):
            if turn.end_session:
                continue
            assert turn.reprompt, f"{name}: a turn that keeps listening needs a reprompt"
            last = turn.speech.rstrip()
            if last.startswith("Please get medical help today."):
                # same day: the next step is getting help today; to hear it again is the reprompt
                assert "repeat" in turn.reprompt.lower(), (name, turn.reprompt)
                continue
            assert last.endswith("?") or "say" in last.split(".")[-2].lower() + last.split(".")[-1].lower(), (name, last)


@pytest.mark.parametrize("name,launch,utterances", DIALOGS, ids=[d[0] for d in DIALOGS])
def test_scripted_dialogs_run_to_their_end(name: str, launch: bool, utterances: list[str]) -> None:
    turns = run_dialog(utterances, launch=launch)
    assert len(turns) == len(utterances) + (1 if launch else 0)
    assert all(t.speech for t in turns)
    assert not any("went wrong" in t.speech for t in turns), name


def test_no_after_a_fallback_says_what_you_can_say_instead_of_good_night() -> None:
    turns = run_dialog(["purple monkey dishwasher", "no"], launch=True)
    assert not turns[-1].end_session
    assert "You can tell me what your leg feels like" in turns[-1].speech
    assert "Good night" not in turns[-1].speech


def test_more_tips_after_why_never_repeat_the_tip_just_heard() -> None:
    turns = run_dialog(["I can't keep my legs still", "no", "on my back", "moving", "why", "yes"])
    answer, why, tips = turns[-3].speech, turns[-2].speech, turns[-1].speech
    assert answer.startswith("Stretch your legs, and rub your calves gently.")
    assert why.startswith("You said your leg will not keep still")
    assert "rub your calves" not in tips
    assert "Coffee, tea, alcohol, and some medicines can make it worse." in tips
