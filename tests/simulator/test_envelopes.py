"""The simulator sends slots exactly as Alexa does, so one reader serves Alexa and the tests."""

from __future__ import annotations

from typing import Any

from skill.simulator.session import LocalSession



def _values(slot: dict[str, Any]) -> list[dict[str, Any]]:
    found = slot.get("slotValue") or {}
    return list(found.get("values") or [found])


def test_several_signs_arrive_as_a_list_slot_value(monkeypatch) -> None:
    session = LocalSession("en-US")
    sent: list[dict[str, Any]] = []
    original = session.request
    monkeypatch.setattr(session, "request", lambda envelope: (sent.append(envelope), original(envelope))[1])
    turn = session.say("my leg went numb and my face is drooping and i cant lift my arm")
    slots = sent[-1]["request"]["intent"]["slots"]
    sign = slots["sign"]
    assert "value" not in sign and "resolutions" not in sign
    assert sign["slotValue"]["type"] == "List"
    ids = [v["resolutions"]["resolutionsPerAuthority"][0]["values"][0]["value"]["id"] for v in sign["slotValue"]["values"]]
    assert ids == ["face_droop", "arm_weak"]
    sensation = slots["sensation"]
    assert sensation["value"] == sensation["slotValue"]["value"] and sensation["slotValue"]["type"] == "Simple"
    authority = sensation["resolutions"]["resolutionsPerAuthority"][0]
    assert authority["status"]["code"] == "ER_SUCCESS_MATCH" and authority["authority"].endswith(".SensationType")
    assert turn.end_session  # the handlers still read the first sign of the list


def test_unmatched_words_arrive_with_no_match(monkeypatch) -> None:
    session = LocalSession("en-US")
    sent: list[dict[str, Any]] = []
    original = session.request
    monkeypatch.setattr(session, "request", lambda envelope: (sent.append(envelope), original(envelope))[1])
    session.say("my leg is wobbly")
    slots = sent[-1]["request"]["intent"]["slots"]
    holding = [slot for slot in slots.values() if "wobbly" in [v["value"] for v in _values(slot)]]
    assert holding, slots  # the words a sample leaves a slot for arrive in that slot
    value = next(v for v in _values(holding[0]) if v["value"] == "wobbly")
    authority = value["resolutions"]["resolutionsPerAuthority"][0]
    assert authority["status"]["code"] == "ER_SUCCESS_NO_MATCH" and "values" not in authority
    session.say("purple monkey dishwasher")
    request = sent[-1]["request"]["intent"]
    assert request["name"] == "CatchAllIntent"
    assert request["slots"]["words"]["value"] == "purple monkey dishwasher"


def test_times_arrive_as_alexa_writes_them(monkeypatch) -> None:
    session = LocalSession("en-US")
    sent: list[dict[str, Any]] = []
    original = session.request
    monkeypatch.setattr(session, "request", lambda envelope: (sent.append(envelope), original(envelope))[1])
    session.say("remind me to stretch at ten pm")
    time = sent[-1]["request"]["intent"]["slots"]["time"]
    assert time["value"] == "22:00" and "resolutions" not in time
