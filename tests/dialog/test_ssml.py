"""Every response respects Alexa's limits: well-formed SSML, supported tags, breaks ≤ 10 s,
speech under 8,000 characters, whole response under 24 KB."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import run_dialog
from dialogs import DIALOGS, EMERGENCY_ONE_SHOTS
from skill.simulator.session import Turn

# https://developer.amazon.com/en-US/docs/alexa/custom-skills/speech-synthesis-markup-language-ssml-reference.html
ALEXA_TAGS = {"speak", "p", "s", "break", "prosody", "emphasis", "say-as", "sub", "phoneme", "w", "audio", "lang", "voice"}
PROSODY_VOLUMES = {"silent", "x-soft", "soft", "medium", "loud", "x-loud"}


# (name, launch first, utterances): every scripted dialog and every one-shot emergency.
SCRIPTS = [*DIALOGS, *((name, False, [utterance]) for name, utterance in EMERGENCY_ONE_SHOTS.items())]


def check_ssml(ssml: str) -> None:
    root = ET.fromstring(ssml)  # raises on malformed markup
    assert root.tag == "speak"
    for element in root.iter():
        assert element.tag in ALEXA_TAGS, element.tag
        if element.tag == "break" and "time" in element.attrib:
            match = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s)", element.attrib["time"])
            assert match, element.attrib
            seconds = float(match.group(1)) / (1000 if match.group(2) == "ms" else 1)
            assert seconds <= 10
        if element.tag == "prosody" and "volume" in element.attrib:
            assert element.attrib["volume"] in PROSODY_VOLUMES


@pytest.mark.parametrize(("name", "launch", "utterances"), SCRIPTS, ids=[s[0] for s in SCRIPTS])
def test_every_response_respects_alexa_limits(name: str, launch: bool, utterances: list[str]) -> None:
    for turn in run_dialog(utterances, launch=launch):
        _check_turn(turn)


def _check_turn(turn: Turn) -> None:
    check_ssml(turn.ssml)
    assert len(turn.ssml) < 8000
    if turn.reprompt is not None:
        check_ssml(turn.response["response"]["reprompt"]["outputSpeech"]["ssml"])
    assert len(json.dumps(turn.response).encode()) < 24 * 1024
    assert "!" not in turn.speech, "the bedtime voice has no exclamation marks"


def test_user_text_cannot_break_the_markup() -> None:
    from skill.dialog import ssml

    said = ssml.speak(ssml.paragraph('my leg <break time="60s"/> & "it" hurts'))
    check_ssml(said)
    assert ssml.is_own_ssml(said)
    assert len(ET.fromstring(said).findall(".//break")) == 0


def test_pause_refuses_breaks_over_ten_seconds() -> None:
    from skill.dialog import ssml

    assert ssml.pause(10) == '<break time="10000ms"/>'
    with pytest.raises(ValueError):
        ssml.pause(10.5)


def test_repeat_refuses_tampered_ssml_in_session_attributes() -> None:
    from skill.simulator.session import LocalSession

    session = LocalSession()
    session.say("my calf is swollen and hot")
    session.attributes["nl"]["last_speech"] = '<speak><audio src="https://evil.example/x.mp3"/></speak>'
    turn = session.say("repeat")
    assert "audio" not in turn.ssml
    assert "There is nothing to repeat yet." in turn.speech


def test_malformed_session_state_is_dropped_not_trusted() -> None:
    from skill.simulator.session import LocalSession

    session = LocalSession()
    session.launch()
    session.attributes["nl"].update(asked=[[], {"x": 1}, "screen"], pending=["sign"], top_cause={"id": 1})
    turn = session.say("my leg goes numb when I lie on my side")
    assert "went wrong" not in turn.speech
    assert "Dialog.ElicitSlot" in turn.directives  # the state was rebuilt, the dialog goes on


def test_a_resolved_id_the_model_does_not_have_is_answered_and_not_echoed() -> None:
    from skill.app import create_skill, handle_event

    app_id = {"applicationId": "amzn1.ask.skill.x"}
    user = {"userId": "amzn1.ask.account.UNKNOWN-ID"}
    resolution = {
        "authority": "amzn1.er-authority.echo-sdk.amzn1.ask.skill.x.PositionType",
        "status": {"code": "ER_SUCCESS_MATCH"},
        "values": [{"value": {"name": "", "id": "1"}}],
    }
    from skill.dialog import signing

    state = {"symptoms": {"sensation": "numb", "side": "left", "relief": "moving"},
             "asked": ["screen", "relief", "timing"], "screened": True, "pending": "timing"}
    attributes: dict = {}
    with signing.bound_to(user["userId"], "s"):  # as the skill itself saved it last turn, in this session
        signing.store(attributes, "nl", state)
    event = {
        "version": "1.0",
        "session": {"new": False, "sessionId": "s", "application": app_id, "user": user, "attributes": attributes},
        "context": {"System": {"application": app_id, "user": user, "device": {"deviceId": "d", "supportedInterfaces": {}}}},
        "request": {
            "type": "IntentRequest", "requestId": "r", "timestamp": "2026-01-01T00:00:00Z", "locale": "en-US",
            "intent": {"name": "AnswerIntent", "confirmationStatus": "NONE", "slots": {
                "position": {"name": "position", "confirmationStatus": "NONE",
                             "resolutions": {"resolutionsPerAuthority": [resolution]}}}},
        },
    }
    speech = handle_event(create_skill(), event)["response"]["outputSpeech"]["ssml"]
    assert "something went wrong" not in speech
    assert "move the leg" in speech  # answered: the first thing to do for a numb leg
    assert ">1<" not in speech and " 1 " not in speech  # and the unknown id is not said
