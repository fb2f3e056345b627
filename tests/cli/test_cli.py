"""`nightlegs ask` and `nightlegs chat` as people script them: real processes, real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

KEYS = {"heard", "intent", "slots", "speech", "ssml", "reprompt", "end_session", "directives"}


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
    assert turns[0]["slots"] == {"sensation": "numb"}
    assert turns[0]["directives"] == ["Dialog.ElicitSlot"]
    assert turns[0]["end_session"] is False
    assert turns[-1]["speech"].startswith("Change how you lie, and move the leg gently.")
    assert turns[-1]["ssml"].startswith("<speak>")


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
