"""The main dialogs on a screen device and on a speaker, through the real skill.

On a speaker the reply is today's reply plus a card; on a screen it also carries one
RenderDocument that links a document kept in the skill package. Every directive and its
datasources survive ask-sdk-model's APL classes, and every response stays under 24 KB.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

from skill.handlers.interceptors.device_display import ScreenInterceptor
from skill.simulator.session import RENDER_DOCUMENT, LocalSession, Turn
from dialogs import DIALOGS, EMERGENCY_ONE_SHOTS

MAX_RESPONSE_BYTES = 24 * 1024  # Alexa's limit for a whole response
ANSWER = ["my leg goes numb when I lie on my side", "no", "moving it"]  # the answer comes on "moving it"
STRETCH = ["ask night legs for the two minute stretch", "yes", "yes"]


def _run(utterances: list[str], *, screen: bool, launch: bool = False) -> list[Turn]:
    # A new user each run: "Welcome back" must not tell two runs apart.
    session = LocalSession("en-US", screen=screen, user_id=f"amzn1.ask.account.{uuid.uuid4()}")
    turns = [session.launch()] if launch else []
    return turns + [session.say(u) for u in utterances]


def _apl(turn: Turn) -> list[dict[str, Any]]:
    return [d for d in turn.response["response"].get("directives") or [] if d["type"] == RENDER_DOCUMENT]


def _without_card(turn: Turn) -> dict[str, Any]:
    envelope = _unsigned(turn)
    envelope["response"].pop("card", None)
    return envelope


def _unsigned(turn: Turn) -> dict[str, Any]:
    """The answer without the state's signatures, which differ from session to session."""
    envelope = json.loads(json.dumps(turn.response))
    attributes = envelope.get("sessionAttributes") or {}
    attributes.pop("sig", None)
    (attributes.get("memory") or {}).pop("opened_at", None)  # when each session opened
    return envelope


SPEAKER_DIALOGS = [(name, launch, said) for name, launch, said in DIALOGS] + [
    (f"emergency: {name}", False, [said]) for name, said in EMERGENCY_ONE_SHOTS.items()
] + [("stretch", False, STRETCH + ["next", "pause", "next", "stop"])]


@pytest.mark.parametrize(("name", "launch", "utterances"), SPEAKER_DIALOGS, ids=[d[0] for d in SPEAKER_DIALOGS])
def test_a_speaker_gets_todays_reply_plus_at_most_a_card(
    name: str, launch: bool, utterances: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with_display = _run(utterances, screen=False, launch=launch)
    monkeypatch.setattr(ScreenInterceptor, "process", lambda self, handler_input, response: None)
    today = _run(utterances, screen=False, launch=launch)
    assert [_without_card(t) for t in with_display] == [_unsigned(t) for t in today]
    assert not any(_apl(t) for t in with_display)


def test_an_answer_on_a_screen_links_the_answer_document_and_leads_with_the_tip() -> None:
    turn = _run(ANSWER, screen=True)[-1]
    (directive,) = _apl(turn)
    assert directive["document"] == {"type": "Link", "src": "doc://alexa/apl/documents/answer"}
    data = directive["datasources"]["answer"]
    assert data["action"] in turn.speech  # the screen also shows what was heard; "why" says it
    assert turn.card is not None and turn.card["type"] == "Standard"
    assert "Emergency number: 911" in turn.card["text"]


@pytest.mark.parametrize("said", list(EMERGENCY_ONE_SHOTS.values()))
def test_an_emergency_on_a_screen_shows_the_number_very_large(said: str) -> None:
    turn = _run([said], screen=True)[-1]
    assert turn.end_session and "Call 911 now." in turn.speech
    (directive,) = _apl(turn)
    assert directive["document"]["src"] == "doc://alexa/apl/documents/urgent"
    assert directive["datasources"]["urgent"]["headline"] == "911"
    assert directive["datasources"]["urgent"]["tier"] == "emergency"
    assert turn.card == {"type": "Standard", "title": "Call 911 now.", "text": turn.card["text"]}
    assert "911" in turn.card["text"] and "Here is what to try" not in turn.card["text"]


def test_the_questions_before_an_answer_show_nothing() -> None:
    for turn in _run(ANSWER[:-1], screen=True):
        assert turn.card is None and not _apl(turn)


def _hold_seconds(ssml: str) -> list[float]:
    """Seconds of silence between each spoken "Hold it there." and its "And relax."."""
    holds = []
    for hold in re.findall(r"Hold it there\.(.*?)And relax\.", ssml):
        holds.append(sum(int(ms) for ms in re.findall(r'<break time="(\d+)ms"/>', hold)) / 1000)
    return holds


def test_the_stretch_screen_shows_the_step_where_you_are_and_the_spoken_hold() -> None:
    session = LocalSession("en-US", screen=True)
    started = session.say(STRETCH[0])
    data = _apl(started)[0]["datasources"]["stretch"]
    assert data["position"] == "Step 1 of 2" and data["step"] == "ankle pumps"
    assert started.card is not None and "1. ankle pumps" in started.card["text"]  # the steps, for the app
    counted = session.say("yes")
    assert _apl(counted)[0]["datasources"]["stretch"]["countdown"]["seconds"] == 0  # counted moves: no timer
    held = session.say("yes")
    data = _apl(held)[0]["datasources"]["stretch"]
    assert data["position"] == "Step 2 of 2" and data["step"] == "the knee hug"
    spoken = _hold_seconds(held.ssml)  # one hold per knee
    shown = [h for h in data["countdown"]["holds"] if h["seconds"]]
    assert len(spoken) == len(shown) == 2
    assert [h["seconds"] for h in shown] == [round(s) for s in spoken]
    said_at = [h["end"] - h["seconds"] for h in shown]
    assert 0 < said_at[0] < said_at[1]  # each starts after the words before its "Hold it there."
    assert held.end_session and data["controls"] is False
    assert held.card is not None and "2. the knee hug" in held.card["text"]


@pytest.mark.parametrize(("action", "said"), [("next", "next"), ("pause", "pause"), ("stop", "stop")])
def test_a_touch_target_is_the_same_turn_as_the_voice_command(action: str, said: str) -> None:
    by_voice = LocalSession("en-US", screen=True)
    by_touch = LocalSession("en-US", screen=True)
    for utterance in STRETCH[:2]:
        by_voice.say(utterance)
        by_touch.say(utterance)
    voice, touch = by_voice.say(said), by_touch.touch(action)
    assert touch.ssml == voice.ssml and touch.end_session == voice.end_session
    unsigned = lambda attributes: {k: v for k, v in attributes.items() if k not in ("sig", "memory")}  # noqa: E731 (per session)
    assert unsigned(by_touch.attributes) == unsigned(by_voice.attributes)


def test_a_touch_with_no_stretch_running_is_not_an_error() -> None:
    turn = LocalSession("en-US", screen=True).touch("next")
    assert turn.speech and "Sorry, I did not catch that." in turn.speech


def _screen_turns() -> list[Turn]:
    turns = _run(ANSWER + ["yes", "yes", "yes"], screen=True)
    turns += _run(["my calf is swollen and hot", "repeat", "stop"], screen=True)
    for said in EMERGENCY_ONE_SHOTS.values():
        turns += _run([said], screen=True)
    for locale in ("en-GB", "en-AU", "en-IN", "en-CA"):
        session = LocalSession(locale, screen=True)
        turns += [session.say(u) for u in ANSWER] + [session.say("my face is drooping")]
    return [t for t in turns if _apl(t)]


def test_every_response_with_apl_stays_under_24_kb_and_round_trips_through_ask_sdk_model() -> None:
    serializer = DefaultSerializer()
    turns = _screen_turns()
    assert {_apl(t)[0]["document"]["src"].rsplit("/", 1)[1] for t in turns} == {"answer", "urgent", "stretch"}
    for turn in turns:
        size = len(json.dumps(turn.response, ensure_ascii=False).encode("utf-8"))
        assert size < MAX_RESPONSE_BYTES, (turn.heard, size)
        for directive in _apl(turn):
            typed = serializer.deserialize(json.dumps(directive), RenderDocumentDirective)
            assert isinstance(typed, RenderDocumentDirective)
            assert serializer.serialize(typed) == directive


def test_en_au_screen_shows_triple_zero_and_new_zealand_in_words() -> None:
    turn = LocalSession("en-AU", screen=True).say("my leg went numb and my face is drooping")
    data = _apl(turn)[0]["datasources"]["urgent"]
    assert data["headline"] == "000"
    assert "111 in New Zealand" in data["action"]  # never a bare 111


def test_a_speaker_gets_the_answer_card_to_read_in_the_morning() -> None:
    turn = _run(ANSWER, screen=False)[-1]
    assert turn.screen is None
    assert turn.card is not None and turn.card["title"] == "Night Legs: what you told me"
    assert "You said your leg goes numb when you lie on your side." in turn.card["text"]


@pytest.mark.parametrize("asked", [
    "ask night legs for the two minute stretch", "ask night legs for a five minute stretch",
    "ask night legs for a stretch for cramps", "ask night legs for a stretch for restless legs",
])
def test_every_countdown_runs_inside_its_turn_in_every_routine(asked: str) -> None:
    from skill.dialog.ssml import measure

    session = LocalSession("en-US", screen=True)
    turn = session.say(asked)
    steps_seen = set()
    for _ in range(40):
        data = _apl(turn)[0]["datasources"]["stretch"]
        steps_seen.add(data["step"])
        holds = [h for h in data["countdown"]["holds"] if h["seconds"]]
        said_at = [h["end"] - h["seconds"] for h in holds]
        assert said_at == sorted(said_at) and all(t > 0 for t in said_at)
        assert all(h["end"] <= measure(turn.ssml) + 1 for h in holds), (data["step"], holds)  # no timer past the speech
        if turn.end_session:
            break
        turn = session.touch("next")
    assert turn.end_session and data["status"] == "Done"
    assert data["position"].startswith(f"Step {len(steps_seen)} of ")


def test_the_reminders_permission_card_is_never_replaced() -> None:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model import RequestEnvelope, Response
    from ask_sdk_model.ui import AskForPermissionsConsentCard

    from skill.display.model import Card, Display, Screen
    from skill.handlers.interceptors.device_display import add_display

    envelope = LocalSession("en-US", screen=True).envelope({"type": "LaunchRequest"})
    handler_input = HandlerInput(DefaultSerializer().deserialize(json.dumps(envelope), RequestEnvelope))
    consent = AskForPermissionsConsentCard(permissions=["alexa::alerts:reminders:skill:readwrite"])
    response = Response(card=consent)
    add_display(handler_input, response, Display(Card("t", "x"), Screen("answer", {"action": "a"})))
    assert response.card is consent
    assert [d.object_type for d in response.directives] == [RENDER_DOCUMENT]


def test_a_failing_display_never_costs_the_spoken_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    import skill.handlers.interceptors.device_display as screen_module

    def broken(handler_input: object) -> None:
        raise KeyError("labels")

    monkeypatch.setattr(screen_module, "display_for", broken)
    turn = _run(["my leg is cold and pale"], screen=True)[-1]
    assert "Call 911 now." in turn.speech and turn.card is None and not _apl(turn)
