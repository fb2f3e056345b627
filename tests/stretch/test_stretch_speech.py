"""Timing in SSML for the guided stretch: breaks never over 10 s, long holds broken by a
soft "Keep holding.", every turn within about 90 s, and one short question at the end."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from skill.paths import content_dir
from skill.dialog.ssml import plain_text
from skill.stretch.coach import Coach, Kind, Outcome, StretchState
from skill.stretch.library import StretchLibrary, load_stretches, parse_stretches
from skill.stretch.speech import MAX_RESPONSE_SECONDS, StretchSpeech
from skill.dialog.ssml import WORDS_PER_MINUTE, longest_break, measure


@pytest.fixture(scope="module")
def library() -> StretchLibrary:
    return load_stretches()


@pytest.fixture(scope="module")
def speech(library: StretchLibrary) -> StretchSpeech:
    return StretchSpeech(library)


# ---- measure ---------------------------------------------------------------------------


def test_measure_adds_breaks_and_words() -> None:
    ssml = '<speak>Hold it there. <break time="10s"/><break time="2500ms"/></speak>'
    words = 3 * 60 / WORDS_PER_MINUTE
    assert measure(ssml) == pytest.approx(12.5 + words)


def test_measure_slows_words_inside_a_slower_prosody() -> None:
    plain = measure("<speak>one two three four five six</speak>")
    slow = measure('<speak><prosody rate="50%">one two three four five six</prosody></speak>')
    assert slow == pytest.approx(plain * 2)
    tail = measure('<speak><prosody rate="50%">one two three</prosody> four five six</speak>')
    assert tail == pytest.approx(plain * 1.5)


def test_measure_rejects_a_break_it_cannot_read() -> None:
    with pytest.raises(ValueError):
        measure('<speak><break time="forever"/></speak>')


# ---- every turn of every routine -------------------------------------------------------


def _turns(speech: StretchSpeech, routine: str, pace: str) -> list[tuple[Outcome, object]]:
    coach = speech.coach
    first = coach.start(routine)
    turns = [(first, speech.reply(first))]
    state = first.state
    if first.kind == Kind.GATE:
        passed = coach.yes(state)
        turns.append((passed, speech.reply(passed)))
        state = passed.state
    state = coach.set_pace(state, pace).state
    for control in (coach.left, coach.repeat, coach.pause):
        o = control(state)
        turns.append((o, speech.reply(o)))
    while True:
        o = coach.go(state)
        turns.append((o, speech.reply(o)))
        if o.kind == Kind.FINISHED:
            break
        state = o.state
        for control in (coach.repeat, coach.left, coach.previous, coach.skip, coach.no, coach.pause, coach.stop):
            c = control(state)
            turns.append((c, speech.reply(c)))
    return turns


@pytest.mark.parametrize("pace", ["normal", "slower"])
def test_every_turn_respects_alexa_limits(library: StretchLibrary, speech: StretchSpeech, pace: str) -> None:
    for routine in library.routines:
        for outcome, reply in _turns(speech, routine, pace):
            for ssml in filter(None, (reply.speech, reply.reprompt)):
                ET.fromstring(ssml)  # well-formed
                assert len(ssml) <= 8000
                assert longest_break(ssml) <= 10
                assert "!" not in plain_text(ssml)
            seconds = measure(reply.speech)
            assert seconds <= MAX_RESPONSE_SECONDS, (routine, pace, outcome.kind, round(seconds))
            if reply.end_session:
                assert reply.reprompt is None
            else:
                said = plain_text(reply.speech)
                if outcome.kind in (Kind.PAUSED, Kind.NOT_READY):
                    assert said.count("?") == 0 and "Say" in said, said  # says what to say
                else:  # one question, and it is the last thing said
                    assert said.count("?") == 1 and said.endswith("?"), said
                assert reply.reprompt and measure(reply.reprompt) < 15


def test_a_thirty_second_hold_is_three_breaks_with_keep_holding_between() -> None:
    raw = yaml.safe_load((content_dir() / "stretches.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(raw)
    data["steps"]["knee_hug"]["hold_seconds"] = 30
    library = parse_stretches(data)
    speech = StretchSpeech(library)
    coach = Coach(library)
    state = StretchState("two_minute")
    state = coach.skip(state).state  # on to the knee hug
    ssml = speech.reply(coach.go(state)).speech
    first_side = ssml.split("Now the other knee")[0]
    hold = first_side[first_side.index("Hold it there."):first_side.index("And relax.")]
    assert re.findall(r'time="(\d+)ms"', hold) == ["10000", "10000", "10000"]
    assert hold.count("Keep holding.") == 2
    assert 'volume="x-soft">Keep holding.' in hold


def test_counts_are_spoken_with_a_pause_after_each(speech: StretchSpeech) -> None:
    coach = speech.coach
    reply = speech.reply(coach.go(coach.start("two_minute").state))
    said = plain_text(reply.speech)
    assert "1. 2. 3. 4. 5. 6. 7. 8. 9. 10." in said
    assert re.search(r'10\.\s*<break time="2000ms"/>', reply.speech)


def test_the_turn_ends_by_naming_the_next_move(speech: StretchSpeech) -> None:
    coach = speech.coach
    reply = speech.reply(coach.go(coach.start("two_minute").state))
    said = plain_text(reply.speech)
    assert said.startswith("Lie on your back with your legs straight.")
    assert said.endswith("Next is the knee hug. Ready?")  # same position: no cue to move


def test_silence_reprompt_says_where_they_got_to(speech: StretchSpeech) -> None:
    coach = speech.coach
    reply = speech.reply(coach.go(coach.start("two_minute").state))
    assert plain_text(reply.reprompt) == "You have done 1 of 2 moves. Next is the knee hug. Ready?"


def test_slower_gives_the_same_move_more_time(speech: StretchSpeech) -> None:
    coach = speech.coach
    start = coach.start("two_minute").state
    normal = measure(speech.reply(coach.go(start)).speech)
    slower = measure(speech.reply(coach.go(coach.set_pace(start, "slower").state)).speech)
    assert slower > normal + 10


def test_buergers_exercise_opens_with_its_caveat_and_asks_first(speech: StretchSpeech) -> None:
    reply = speech.reply(speech.coach.start("buerger"))
    said = plain_text(reply.speech)
    assert "doctor or physio" in said and "all of a sudden" in said
    assert said.endswith("Has a doctor or physio told you to do it?")
    refused = speech.reply(speech.coach.no(speech.coach.start("buerger").state))
    assert plain_text(refused.speech).endswith("I can lead the two minute stretch instead. Would you like that?")


def test_standing_asks_if_they_are_up(speech: StretchSpeech) -> None:
    said = plain_text(speech.reply(speech.coach.start("standing")).speech)
    assert said == "This one is done standing up. Are you out of bed now?"
    refused = speech.reply(speech.coach.no(speech.coach.start("standing").state))
    assert plain_text(refused.speech) == (
        "Then let us stay in bed. I can lead the two minute stretch instead. Would you like that?"
    )


def test_stop_and_finish_end_the_session_saying_how_far_they_got(speech: StretchSpeech) -> None:
    coach = speech.coach
    state = coach.go(coach.start("two_minute").state).state
    stopped = speech.reply(coach.stop(state))
    assert stopped.end_session and plain_text(stopped.speech) == (
        "Okay, we will stop here. You did 1 of 2 moves. Sleep well."
    )
    last = coach.skip(state)
    finished = speech.reply(last)
    assert finished.end_session
    assert plain_text(finished.speech).endswith("That is the end of the two minute stretch. Well done. Sleep well.")


def test_each_routine_takes_about_as_long_as_it_says(library: StretchLibrary, speech: StretchSpeech) -> None:
    """Speech plus silence over the whole routine, measured (words err slow), is within
    a fair margin of the minutes it claims: "the two minute stretch" is about two minutes."""
    coach = speech.coach
    for routine in library.routines.values():
        outcome = coach.start(routine.id, gate_passed=True)
        total = measure(speech.reply(outcome).speech)
        while outcome.kind != Kind.FINISHED:
            outcome = coach.go(outcome.state)
            total += measure(speech.reply(outcome).speech)
        assert 0.8 * routine.minutes * 60 <= total <= 1.3 * routine.minutes * 60, (routine.id, round(total))
