"""The skill's serializer reads every envelope exactly as ask-sdk's own does, only faster."""

from __future__ import annotations

import functools
import json
from datetime import date, datetime

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.envelopes import alexa_envelopes, mutated_envelopes
from fuzz.workload import record

from skill.alexa.serializer import FastSerializer
from skill.app import create_skill

STAMPS = [
    "2026-11-30T21:03:07Z",
    "2026-11-30T21:03:07.123Z",
    "2026-11-30T21:03:07+01:00",
    "2026-11-30T21:03:07",
    "2026-11-30",
    "Nov 30 2026 9:03 PM",  # not ISO 8601: only ask-sdk's own parser reads it
]


def _envelope(stamp: str) -> str:
    return json.dumps({
        "version": "1.0",
        "context": {"System": {"application": {"applicationId": "amzn1.ask.skill.x"}, "user": {"userId": "u"}}},
        "request": {
            "type": "IntentRequest",
            "requestId": "r",
            "timestamp": stamp,
            "locale": "en-US",
            "intent": {"name": "AMAZON.HelpIntent", "slots": {"x": {"name": "x", "value": "numb"}}},
        },
    })


@pytest.mark.parametrize("stamp", STAMPS)
def test_a_request_reads_the_same_as_with_ask_sdks_serializer(stamp: str) -> None:
    ours = FastSerializer().deserialize(_envelope(stamp), RequestEnvelope)
    theirs = DefaultSerializer().deserialize(_envelope(stamp), RequestEnvelope)
    assert ours.request.timestamp == theirs.request.timestamp
    assert ours.request.timestamp.utcoffset() == theirs.request.timestamp.utcoffset()
    assert ours.to_dict() == theirs.to_dict()


def test_dates_and_bad_times_behave_as_in_ask_sdk() -> None:
    ours, theirs = FastSerializer(), DefaultSerializer()
    assert ours.deserialize('"2026-11-30"', date) == theirs.deserialize('"2026-11-30"', date) == date(2026, 11, 30)
    for serializer in (ours, theirs):
        with pytest.raises(Exception, match="Failed to parse"):
            serializer.deserialize('"not a time at all"', datetime)


def test_a_prepared_envelope_is_handed_out_once_and_only_for_the_same_body() -> None:
    serializer = FastSerializer()
    text = _envelope("2026-11-30T21:03:07Z")
    built = serializer.deserialize_data(json.loads(text), RequestEnvelope)
    with serializer.prepared(text, RequestEnvelope, built):
        assert serializer.deserialize(_envelope("2026-11-30T21:03:08Z"), RequestEnvelope) is not built
        assert serializer.deserialize(text, RequestEnvelope) is built
        again = serializer.deserialize(text, RequestEnvelope)
    assert again is not built and again.to_dict() == built.to_dict()


def test_the_skill_uses_it() -> None:
    assert isinstance(create_skill().serializer, FastSerializer)


@functools.lru_cache(maxsize=1)
def _originals() -> list[dict]:
    return [dict(item.envelope) for item in record()]


def _read(serializer: DefaultSerializer, text: str) -> tuple[str, object]:
    try:
        return "ok", serializer.deserialize(text, RequestEnvelope).to_dict()
    except Exception as exc:  # the same refusal, with the same message
        return type(exc).__name__, str(exc)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_envelope_even_a_damaged_one_reads_as_with_ask_sdk(data: st.DataObject) -> None:
    document = data.draw(st.one_of(alexa_envelopes([], "amzn1.ask.skill.x"), mutated_envelopes(_originals())))
    text = json.dumps(document)
    ours = _read(FastSerializer(), text)
    if ours == ("SerializationException", TEXT_REFUSAL):
        return  # a non-text value where Alexa sends text: refused, where ask-sdk calls str() on it
    assert ours == _read(DefaultSerializer(), text)


TEXT_REFUSAL = "a text field of the envelope holds another type"


def test_a_list_where_the_intent_name_goes_is_refused_not_turned_into_text() -> None:
    document = {"version": "1.0", "request": {"type": "IntentRequest", "requestId": "r", "timestamp": "2026-01-01T00:00:00Z",
                                              "intent": {"name": ["SENT-VALUE"]}}}
    text = json.dumps(document)
    assert _read(FastSerializer(), text) == ("SerializationException", TEXT_REFUSAL)
    assert "SENT-VALUE" in str(_read(DefaultSerializer(), text)), "ask-sdk carries the value on as a name"


def test_every_answer_is_written_as_ask_sdks_serializer_writes_it() -> None:
    """The response JSON Alexa gets (keys, their order, values) is ask-sdk's, for every
    answer of the recorded workload, down to each nested model and value."""
    skill = create_skill()
    seen: list[object] = []
    write = skill.serializer.serialize

    def recording(obj: object) -> object:
        seen.append(obj)
        return write(obj)

    skill.serializer.serialize = recording  # type: ignore[method-assign]
    from skill.app import handle_event

    for envelope in _originals():
        handle_event(skill, dict(envelope))
    assert len(seen) > 1000
    ours, theirs = FastSerializer(), DefaultSerializer()
    assert all(repr(ours.serialize(obj)) == repr(theirs.serialize(obj)) for obj in seen)
