"""`nightlegs ask` and `nightlegs chat` as people script them: real processes, real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

KEYS = {"heard", "intent", "slots", "speech", "ssml", "reprompt", "end_session", "directives", "card", "screen"}


def nightlegs(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skill", *args], input=stdin, capture_output=True, text=True, timeout=120
    )


def test_ask_json_prints_one_object_per_turn_with_the_documented_keys() -> None:
    result = nightlegs("ask", "--json", "why my leg goes numb when I lie down", "no", "on my side", "moving it")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 4
    turns = [json.loads(line) for line in lines]
    assert all(set(t) == KEYS for t in turns)
    assert turns[0]["intent"] == "DescribeSymptomIntent"
    assert turns[0]["slots"] == {"part": "leg", "sensation": "numb", "timing": "lying_down"}  # the leg said back as said (issue 13)
    assert turns[0]["directives"] == ["Dialog.ElicitSlot"]
    assert turns[0]["end_session"] is False
    assert turns[-1]["speech"].startswith("Put a pillow between your knees.")  # the side sleeper's remedy first (issue 27)
    assert turns[-1]["ssml"].startswith("<speak>")
    assert turns[0]["card"] is None and turns[-1]["card"]["type"] == "Standard"
    assert all(t["screen"] is None for t in turns)  # a speaker: no APL


def test_ask_screen_shows_the_directives_and_taps_the_touch_targets() -> None:
    result = nightlegs(
        "ask", "--screen", "--json", "ask night legs for the two minute stretch", "(tap next)", "(tap stop)"
    )
    assert result.returncode == 0, result.stderr
    started, tapped, stopped = (json.loads(line) for line in result.stdout.strip().splitlines())
    assert started["directives"] == ["Alexa.Presentation.APL.RenderDocument"]
    assert started["screen"]["document"] == "doc://alexa/apl/documents/stretch"
    assert started["screen"]["datasources"]["stretch"]["position"] == "Step 1 of 2"
    assert tapped["intent"] == "Alexa.Presentation.APL.UserEvent"
    assert "Pull your toes up" in tapped["speech"]
    assert stopped["end_session"] is True
    plain = nightlegs("ask", "--screen", "my leg is cold and pale")
    assert "screen> [urgent] 911 | Call 911 now." in plain.stdout


def test_ask_understands_the_full_alexa_phrase() -> None:
    result = nightlegs("ask", "--json", "Alexa, ask night legs why my leg goes numb when I lie down")
    turn = json.loads(result.stdout)
    assert turn["heard"] == "why my leg goes numb when i lie down"
    assert turn["intent"] == "DescribeSymptomIntent"


def test_ask_plain_output_shows_both_sides() -> None:
    result = nightlegs("ask", "my leg is cold and pale")
    assert result.returncode == 0
    assert "you> my leg is cold and pale" in result.stdout
    assert "alexa> " in result.stdout and "Call 911 now." in result.stdout


def test_unknown_flag_is_one_line_and_exit_two() -> None:
    result = nightlegs("ask", "--loud", "hello")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--loud" in result.stderr


def test_unknown_option_before_the_command_names_the_option_not_a_missing_command() -> None:
    result = nightlegs("--bogus")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--bogus" in result.stderr and "required" not in result.stderr


def test_locale_without_a_model_is_one_line_and_exit_two() -> None:
    result = nightlegs("ask", "--locale", "fr-FR", "bonjour")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "fr-FR" in result.stderr


def test_chat_reads_turns_from_a_pipe_and_starts_with_a_launch() -> None:
    result = nightlegs("chat", stdin="my leg goes numb when I lie on my side\nno\nmoving it\none\nstop\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("alexa> ") == 6
    assert "Welcome to Night Legs" in result.stdout.split("alexa> ")[1]
    assert "Good night" in result.stdout


def test_chat_silence_gets_the_reprompt_once_then_ends() -> None:
    result = nightlegs("chat", stdin="\n\n")
    assert result.returncode == 0
    assert "For example, say" in result.stdout or "Tell me what your leg feels like" in result.stdout
    assert "(the session has ended)" in result.stdout


def test_nlu_prints_intent_and_every_slot_with_its_words_and_value() -> None:
    result = nightlegs("nlu", "--json", "my face looks funny and i cant lift my arm")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["intent"] == "DescribeSymptomIntent"
    assert [v["id"] for v in out["slots"]["sign"]] == ["face_droop", "arm_weak"]
    plain = nightlegs("nlu", "--eliciting", "DescribeSymptomIntent.position", "kinda on my side")
    assert "position: 'on my side' -> side" in plain.stdout
    unmatched = json.loads(nightlegs("nlu", "--json", "purple monkey dishwasher").stdout)
    assert unmatched["intent"] == "CatchAllIntent"
    assert unmatched["slots"]["words"] == [{"words": "purple monkey dishwasher", "id": None, "name": None}]
    assert nightlegs("nlu", "--eliciting", "Nope.slot", "hi").returncode == 2
