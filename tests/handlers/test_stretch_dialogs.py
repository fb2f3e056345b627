"""Guided stretching through the real skill, in plain sentences (`skill.simulator.session.LocalSession`),
as `nightlegs ask` runs it: every routine to the end, every control, the limits of every
response, the offer after an answer, and no stretch over a red flag."""

from __future__ import annotations

import pytest
import yaml

from skill.content import load_content
from skill.simulator.session import LocalSession, Turn
from skill.paths import content_dir
from skill.stretch.library import StretchLibrary, load_stretches
from skill.stretch.speech import MAX_RESPONSE_SECONDS
from skill.dialog.ssml import longest_break, measure
from dialogs import EMERGENCY_ONE_SHOTS

# How a user asks for each routine, and what they answer a gate question with.
ASK = {
    "two_minute": ["ask night legs for the two minute stretch"],
    "five_minute": ["ask night legs for a five minute stretch"],
    "restless": ["ask night legs for a stretch for restless legs"],
    "cramps": ["ask night legs for a stretch for cramps"],
    "standing": ["ask night legs for a stretch, I'm out of bed"],
    "buerger": ["ask night legs for buerger's exercise", "yes"],
}


@pytest.fixture(scope="module")
def library() -> StretchLibrary:
    return load_stretches()


def _checked(turn: Turn) -> Turn:
    """Every response: within Alexa's limits, calm, and a question unless it ends."""
    assert turn.ssml.startswith("<speak>")
    assert measure(turn.ssml) <= MAX_RESPONSE_SECONDS, (turn.heard, round(measure(turn.ssml)))
    assert longest_break(turn.ssml) <= 10
    assert len(turn.ssml) <= 8000
    assert "!" not in turn.speech
    if not turn.end_session:
        assert turn.reprompt
    return turn


def _state(session: LocalSession) -> dict | None:
    return session.attributes.get("stretch")


def _start(library: StretchLibrary, routine: str) -> tuple[LocalSession, Turn]:
    session = LocalSession()
    turn = None
    for utterance in ASK[routine]:
        turn = _checked(session.say(utterance))
    assert turn is not None
    assert library.routine(routine).intro in turn.speech
    assert _state(session)["routine"] == routine
    return session, turn


@pytest.mark.parametrize("routine", list(ASK))
def test_next_walks_every_routine_to_the_end(library: StretchLibrary, routine: str) -> None:
    session, turn = _start(library, routine)
    steps = library.steps_of(routine)
    assert turn.speech.endswith(f"First is {steps[0].name}. {library.positions[steps[0].position]} Ready?")
    spoken: list[str] = []
    for _ in range(30):
        turn = _checked(session.say("next"))
        assert turn.intent == "AMAZON.NextIntent"
        spoken += [s.id for s in steps if s.instruction in turn.speech]
        if turn.end_session:
            break
        assert turn.speech.endswith("Ready?")
    assert turn.end_session
    assert spoken == [s.id for s in steps]
    assert turn.speech.endswith(f"That is the end of {library.routine(routine).name}. Well done. Sleep well.")
    assert _state(session) is None


CYCLE = ["repeat", "next", "pause", "resume", "slower", "next", "go back", "next", "next", "skip this one",
         "how many are left", "faster", "next"]


@pytest.mark.parametrize("routine", list(ASK))
def test_every_routine_reaches_its_end_through_every_control(routine: str, library: StretchLibrary) -> None:
    session, turn = _start(library, routine)
    for i in range(120):
        utterance = CYCLE[i % len(CYCLE)]
        before = _state(session)
        turn = _checked(session.say(utterance))
        if turn.end_session:
            break
        after = _state(session)
        assert after is not None and after["routine"] == routine
        if utterance == "pause":
            assert after["stage"] == "paused"
        elif utterance == "go back":
            assert after["cursor"][0] <= before["cursor"][0] and after["cursor"][1:] == [0, 0]
        elif utterance == "skip this one":
            assert after["cursor"] == [before["cursor"][0] + 1, 0, 0]
        elif utterance in ("slower", "faster"):
            assert after["pace"] == ("slower" if utterance == "slower" else "normal")
    assert turn.end_session
    assert turn.speech.endswith(f"That is the end of {library.routine(routine).name}. Well done. Sleep well.")


def test_every_control_through_the_two_minute_stretch(library: StretchLibrary) -> None:
    pumps, hug = library.steps_of("two_minute")
    session = LocalSession()
    turn = _checked(session.say("ask night legs for a bedtime stretch"))
    assert turn.intent == "StartStretchIntent"
    assert "not medical advice" in turn.speech  # once per session, briefly

    turn = _checked(session.say("repeat"))
    assert turn.speech.startswith("We have not started a move yet.")

    turn = _checked(session.say("yes"))
    assert pumps.instruction in turn.speech and "1. 2. 3." in turn.speech
    assert turn.speech.endswith("Next is the knee hug. Ready?")
    assert turn.reprompt == "You have done 1 of 2 moves. Next is the knee hug. Ready?"
    assert _state(session)["cursor"] == [1, 0, 0]
    assert "not medical advice" not in turn.speech
    normal_pumps = measure(turn.ssml)

    turn = _checked(session.say("say that again"))
    assert pumps.instruction in turn.speech and _state(session)["cursor"] == [1, 0, 0]

    turn = _checked(session.say("go back"))
    assert turn.speech == "Okay, back to ankle pumps. Lie on your back for this one. Ready?"
    assert _state(session)["cursor"] == [0, 0, 0] and _state(session)["done_steps"] == 0

    turn = _checked(session.say("how many are left"))
    assert turn.speech == "There are 2 moves left. First is ankle pumps. Lie on your back for this one. Ready?"

    turn = _checked(session.say("slower"))
    assert turn.speech.startswith("Okay. I will go slower.") and _state(session)["pace"] == "slower"

    turn = _checked(session.say("next"))
    assert pumps.instruction in turn.speech and measure(turn.ssml) > normal_pumps + 10

    turn = _checked(session.say("start over"))
    assert turn.speech.startswith("Okay, we will start again from the top. First is ankle pumps.")
    assert _state(session)["cursor"] == [0, 0, 0] and _state(session)["pace"] == "slower"

    turn = _checked(session.say("skip this one"))
    assert turn.speech == "Okay, we will skip ankle pumps. Next is the knee hug. Ready?"

    turn = _checked(session.say("how many are left"))
    assert turn.speech == "This is the last move. Next is the knee hug. Ready?"

    turn = _checked(session.say("no"))
    assert turn.speech == "Take your time. Say next when you are ready. Or say stop."
    assert not turn.end_session

    turn = _checked(session.say("pause"))
    assert turn.speech == "Okay, we will pause here. Say resume when you are ready."
    assert not turn.end_session and _state(session)["stage"] == "paused"

    turn = _checked(session.say("resume"))
    assert hug.instruction in turn.speech and "Now the other knee." in turn.speech
    assert turn.end_session and turn.speech.endswith("That is the end of the two minute stretch. Well done. Sleep well.")
    assert _state(session) is None


def test_stop_in_the_middle_says_where_they_got_to() -> None:
    session = LocalSession()
    session.say("ask night legs for the two minute stretch")
    session.say("yes")
    turn = _checked(session.say("stop"))
    assert turn.end_session
    assert turn.speech == "Okay, we will stop here. You did 1 of 2 moves. Sleep well."


def test_buergers_exercise_only_by_name_with_its_caveat(library: StretchLibrary) -> None:
    session = LocalSession()
    turn = _checked(session.say("ask night legs for burgers exercise"))
    assert library.routine("buerger").caveat in turn.speech
    assert turn.speech.endswith("Has a doctor or physio told you to do it?")
    turn = _checked(session.say("no"))
    assert turn.speech.endswith("I can lead the two minute stretch instead. Would you like that?")
    turn = _checked(session.say("yes"))
    assert _state(session)["routine"] == "two_minute"
    assert library.routine("two_minute").intro in turn.speech
    for utterance in ("ask night legs for a stretch for circulation", "ask night legs for a stretch for numbness"):
        other = LocalSession()
        other.say(utterance)
        assert _state(other)["routine"] != "buerger"


def test_standing_moves_only_once_they_say_they_are_up(library: StretchLibrary) -> None:
    session = LocalSession()
    turn = _checked(session.say("ask night legs for the standing stretch"))
    assert turn.speech.endswith("Are you out of bed now?")
    assert library.steps["leg_swings"].instruction not in turn.speech
    turn = _checked(session.say("no"))
    assert "stay in bed" in turn.speech
    turn = _checked(session.say("yes"))
    assert _state(session)["routine"] == "two_minute"

    up = LocalSession()
    turn = _checked(up.say("ask night legs for a stretch, I'm out of bed"))
    assert _state(up)["routine"] == "standing" and _state(up)["stage"] == "ready"
    turn = _checked(up.say("next"))
    assert library.steps["leg_swings"].instruction in turn.speech


def test_a_fitting_answer_offers_its_stretch_and_yes_starts_it(library: StretchLibrary) -> None:
    session = LocalSession()
    for utterance in ("ask night legs why my leg goes numb when I lie on my side", "no", "moving helps", "the left one"):
        turn = session.say(utterance)
    _checked(turn)
    # after numbness the stretch waits until the feeling has come back
    assert turn.speech.endswith("Once the feeling has come back, want the two minute stretch?")
    assert turn.reprompt == "Say yes for the two minute stretch. Or say stop."
    turn = _checked(session.say("yes"))
    assert library.routine("two_minute").intro in turn.speech
    assert turn.speech.index("wait until the feeling has come back") < turn.speech.index(library.routine("two_minute").intro)
    assert "not medical advice" not in turn.speech  # said before the first question

    cramps = LocalSession()
    for utterance in ("ask night legs my calf cramps at night", "nope", "on my side", "stretching it"):
        turn = cramps.say(utterance)
    assert turn.speech.endswith("Want the cramp stretch?")
    assert library.routine("cramps").intro in cramps.say("yes").speech


def test_no_to_the_offer_ends_kindly() -> None:
    session = LocalSession()
    for utterance in ("ask night legs why my leg goes numb when I lie on my side", "no", "moving helps", "the left one"):
        session.say(utterance)
    turn = session.say("no")
    assert turn.end_session and _state(session) is None


@pytest.mark.parametrize("name", list(EMERGENCY_ONE_SHOTS))
def test_an_emergency_answer_never_offers_a_stretch(name: str) -> None:
    turn = LocalSession().say(f"ask night legs {EMERGENCY_ONE_SHOTS[name]}")
    assert "stretch" not in turn.speech.lower()


def test_a_same_day_answer_never_offers_and_asking_still_gets_the_warning() -> None:
    session = LocalSession()
    turn = session.say("ask night legs my calf is swollen and hot")
    assert "stretch" not in turn.speech.lower()
    warned = turn.speech
    turn = session.say("give me a stretch")
    assert turn.intent == "StartStretchIntent"
    assert turn.speech == warned and _state(session) is None
    assert "Ready?" not in turn.speech


def test_a_detour_does_not_let_the_stretch_steal_yes_and_no() -> None:
    session = LocalSession()
    session.say("ask night legs for the two minute stretch")
    session.say("yes")
    turn = session.say("when should I see a doctor")
    assert turn.intent == "WhenToSeeDoctorIntent" and "Ready?" not in turn.speech
    turn = session.say("yes")  # "want the signs to get help today?" belongs to the conversation
    assert "Get help the same day" in turn.speech and "Ready?" not in turn.speech
    turn = session.say("yes")  # "anything else about your legs?" too
    assert "Tell me what your leg feels like." in turn.speech
    turn = _checked(session.say("next"))  # the routine picks up where it was
    assert load_stretches().steps["knee_hug"].instruction in turn.speech


def test_tampered_stretch_attributes_are_dropped_not_trusted() -> None:
    session = LocalSession()
    session.say("ask night legs for the two minute stretch")
    session.attributes["stretch"] = {"routine": "two_minute", "stage": "ready", "cursor": [0, 999, 0],
                                     "pace": "normal", "last": None, "done_steps": 0, "offer": None}
    turn = session.say("next")
    assert "1. 2. 3." not in turn.speech
    assert "stretch" not in session.attributes


def test_every_cause_that_names_a_stretch_names_an_in_bed_routine(library: StretchLibrary) -> None:
    data = yaml.safe_load((content_dir() / "causes.yaml").read_text(encoding="utf-8"))
    named = {c["id"]: c["stretch"] for c in data["causes"] if "stretch" in c}
    assert {"position_pressure", "restless_legs", "night_cramps"} <= set(named)
    for cause_id, routine in named.items():
        assert routine in library.routines, cause_id
        assert library.routine(routine).offer == "any", cause_id
    for risky in ("blood_clot", "artery_flow", "sciatica", "nerve_damage"):
        assert load_content().cause(risky).stretch is None


def test_the_open_safety_question_comes_before_any_stretch() -> None:
    session = LocalSession()
    session.say("ask night legs my leg tingles at night")
    turn = _checked(session.say("give me a stretch"))
    assert turn.speech.startswith("We can stretch after this.")
    assert turn.speech.endswith(load_content().screen.prompt)
    assert _state(session) is None and "Dialog.ElicitSlot" in turn.directives


def test_nothing_for_sudden_symptoms() -> None:
    session = LocalSession()
    for utterance in ("ask night legs my leg went numb all of a sudden", "no"):
        session.say(utterance)
    turn = _checked(session.say("a bedtime stretch"))
    assert turn.speech.startswith("A stretch is not meant for a feeling that came on all of a sudden.")
    assert _state(session) is None and "Ready?" not in turn.speech


def test_silence_gets_the_question_once_with_where_they_got_to_then_a_clean_end() -> None:
    session = LocalSession()
    session.say("ask night legs for the two minute stretch")
    turn = session.say("yes")
    assert turn.reprompt == "You have done 1 of 2 moves. Next is the knee hug. Ready?"
    # Alexa says the reprompt once; after more silence it ends the session.
    ended = session.request(session.envelope({"type": "SessionEndedRequest", "reason": "EXCEEDED_MAX_REPROMPTS"}))
    assert "outputSpeech" not in (ended.get("response") or {})


def test_no_red_flag_tier_lets_an_answer_offer_a_stretch() -> None:
    from skill.core import triage

    text = load_content()
    cramps = text.cause("night_cramps")
    assert triage.stretch_offer((cramps,), ()) == "cramps"
    for tier in ("emergency", "same_day", "soon"):
        flag = next(f for f in text.flags if f.tier == tier)
        assert triage.stretch_offer((cramps,), (flag,)) is None, tier
    assert triage.stretch_offer((), ()) is None
