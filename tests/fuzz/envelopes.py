"""Hypothesis strategies for Alexa request envelopes: valid, hostile, mutated and random.

- `alexa_envelopes()`: shaped like what Alexa sends (right types everywhere) but with
  hostile values: unknown intents and slots, slot values and resolved ids with `<`, `&`
  and quotes, huge strings, unknown locales, dialog states that do not match the session,
  and session attributes that are stale, tampered with or junk.
- `mutated_envelopes()`: a recorded real envelope with one to three structural mutations
  (a field deleted, replaced by random JSON, or by a hostile string).
- `json_values()`: any JSON document at all.

Everything generated is plain JSON-ready data, so the same examples go through
`handle_event` in process and through the web service as request bodies.
"""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

from hypothesis import strategies as st

from skill import paths

SUPPORTED_LOCALES = ("en-US", "en-CA", "en-GB", "en-AU", "en-IN")
ODD_LOCALES = ("en-NZ", "fr-FR", "de-DE", "EN-us", "en_US", "en", "", "xx-YY", "en-US\x00", "<en>")
DIALOG_STATES = ("STARTED", "IN_PROGRESS", "COMPLETED")
CONFIRMATIONS = ("NONE", "CONFIRMED", "DENIED")
# Characters that break SSML or JSON-in-SSML if they ever reach the markup unescaped.
SSML_BREAKERS = "<>&\"'/=;"
_HOSTILE_SNIPPETS = (
    "<", "&", "\"", "'", "</speak>", "<audio src=\"https://example.com/x.mp3\"/>", "&amp;", "&#0;",
    "]]>", "<![CDATA[x]]>", "<break time=\"60s\"/>", "{emergency}", "{0}", "%s", "\\", "\u202e", "\ufeff",
)


@functools.lru_cache(maxsize=1)
def _model() -> dict[str, Any]:
    path = paths.model_dir() / "en-US.json"
    language_model: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]
    return language_model


@functools.lru_cache(maxsize=1)
def intent_slots() -> dict[str, tuple[tuple[str, str], ...]]:
    """Intent name -> ((slot name, slot type), ...) from the interaction model."""
    return {
        intent["name"]: tuple((slot["name"], slot["type"]) for slot in intent.get("slots", []))
        for intent in _model()["intents"]
    }


@functools.lru_cache(maxsize=1)
def slot_type_ids() -> dict[str, tuple[str, ...]]:
    """Slot type -> the value ids the model defines."""
    return {
        slot_type["name"]: tuple(value.get("id") or value["name"]["value"] for value in slot_type["values"])
        for slot_type in _model()["types"]
    }


# --------------------------------------------------------------------------- text


def hostile_text(max_size: int = 80) -> st.SearchStrategy[str]:
    """Short text rich in SSML-breaking characters, or a known nasty snippet, or any text."""
    return st.one_of(
        st.text(alphabet=st.sampled_from(SSML_BREAKERS + "ab 1"), max_size=max_size),
        st.sampled_from(_HOSTILE_SNIPPETS),
        st.text(max_size=max_size),
        st.lists(st.sampled_from(_HOSTILE_SNIPPETS), min_size=2, max_size=6).map("".join),
    )


def huge_text() -> st.SearchStrategy[str]:
    """Up to ~100 KB of one repeated character or snippet (stays under the web body limit)."""
    return st.builds(
        lambda piece, count: piece * count,
        st.sampled_from(["<", "&", "A", "\u00e9", "<p>", "\"'"]),
        st.integers(min_value=1_000, max_value=50_000),
    )


def any_text() -> st.SearchStrategy[str]:
    return st.one_of(hostile_text(), huge_text())


json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False), hostile_text(40),
)


def json_values(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    return st.recursive(
        json_scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=4), st.dictionaries(hostile_text(12), children, max_size=4)
        ),
        max_leaves=max_leaves,
    )


# --------------------------------------------------------------------------- slots and intents


@st.composite
def slot_value(draw: st.DrawFn, name: str, slot_type: str | None) -> dict[str, Any]:
    """One slot as Alexa sends it; resolved ids are real ids of the type or hostile text."""
    slot: dict[str, Any] = {"name": name, "confirmationStatus": draw(st.sampled_from(CONFIRMATIONS))}
    known = slot_type_ids().get(slot_type or "", ())
    if draw(st.booleans()):
        slot["value"] = draw(st.one_of(st.sampled_from(known), any_text()) if known else any_text())
        slot["source"] = "USER"
    if draw(st.booleans()):
        value_id = draw(st.one_of(st.sampled_from(known), hostile_text(30)) if known else hostile_text(30))
        code = draw(st.sampled_from(["ER_SUCCESS_MATCH", "ER_SUCCESS_NO_MATCH", "ER_ERROR_TIMEOUT"]))
        authority: dict[str, Any] = {
            "authority": f"amzn1.er-authority.echo-sdk.amzn1.ask.skill.x.{slot_type or name}",
            "status": {"code": code},
        }
        if code == "ER_SUCCESS_MATCH":
            authority["values"] = [{"value": {"name": draw(hostile_text(30)), "id": value_id}}]
        slot["resolutions"] = {"resolutionsPerAuthority": [authority]}
    return slot


@st.composite
def intent(draw: st.DrawFn) -> dict[str, Any]:
    known = intent_slots()
    name = draw(st.one_of(st.sampled_from(sorted(known)), hostile_text(40), st.sampled_from(
        ["AMAZON.ScrollDownIntent", "AMAZON.ShuffleOnIntent", "AMAZON.LoopOffIntent", "UnknownIntent"])))
    slots_spec = list(known.get(name, ()))
    # plus slots the intent does not have: names from other intents, or invented ones
    slots_spec += draw(st.lists(
        st.one_of(
            st.sampled_from([s for spec in known.values() for s in spec] or [("x", "X")]),
            st.tuples(hostile_text(15), st.none()),
        ),
        max_size=3,
    ))
    slots: dict[str, Any] = {}
    for slot_name, slot_type in slots_spec:
        if draw(st.integers(0, 3)) > 0:
            slots[slot_name] = draw(slot_value(slot_name, slot_type))
    out: dict[str, Any] = {"name": name, "confirmationStatus": draw(st.sampled_from(CONFIRMATIONS))}
    if slots or draw(st.booleans()):
        out["slots"] = slots
    return out


# --------------------------------------------------------------------------- session attributes

_EVIL_SSML = (
    "<speak><audio src=\"https://example.com/evil.mp3\"/></speak>",
    "<speak>&</speak>",
    "<speak><prosody rate=\"95%\" volume=\"soft\"><p>ok</p></prosody><break time=\"60s\"/></speak>",
    "<speak><prosody rate=\"95%\" volume=\"x-loud\" onload=\"x\"><p>hi</p></prosody></speak>",
    "not ssml at all",
    "<speak>" + "<p>a</p>" * 3000 + "</speak>",
)


@st.composite
def tampered_state(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """A real session state with some fields replaced by wrong types, unknown values or evil SSML."""
    state = copy.deepcopy(base)
    nl = state.get("nl")
    if not isinstance(nl, dict):
        nl = state["nl"] = {}
    for key in draw(st.lists(st.sampled_from(
        ["symptoms", "asked", "screened", "pending", "disclaimer_heard", "last_speech", "last_reprompt",
         "top_cause", "answered"]), max_size=4, unique=True)):
        nl[key] = draw(st.one_of(
            json_values(6), st.sampled_from(_EVIL_SSML), hostile_text(20),
            st.just({"sensation": "<numb>", "side": ["left"], "signs": ["chest_pain"] * 100}),
            st.lists(st.sampled_from(["screen", "side", "position", "timing", "relief", "x"]), max_size=50),
        ))
    for key in draw(st.lists(st.sampled_from(["stretch", "memory", "nl", "unknown"]), max_size=2, unique=True)):
        if draw(st.booleans()) and isinstance(state.get(key), dict):
            inner = state[key]
            field = draw(st.sampled_from(sorted(inner) or ["x"]))
            inner[field] = draw(json_values(6))
        else:
            state[key] = draw(json_values(6))
    return state


def session_attributes(recorded_states: list[dict[str, Any]]) -> st.SearchStrategy[Any]:
    """Attributes a session might carry: none, a real recorded state (possibly stale for
    this request), a tampered one, or junk."""
    real = st.sampled_from(recorded_states) if recorded_states else st.just({})
    return st.one_of(
        st.just({}),
        real.map(copy.deepcopy),
        real.flatmap(tampered_state),
        st.dictionaries(hostile_text(12), json_values(6), max_size=4),
    )


# --------------------------------------------------------------------------- envelopes


@st.composite
def alexa_envelopes(draw: st.DrawFn, recorded_states: list[dict[str, Any]], skill_id: str) -> dict[str, Any]:
    """An envelope with Alexa's shape and types, and hostile content."""
    locale = draw(st.one_of(st.sampled_from(SUPPORTED_LOCALES), st.sampled_from(ODD_LOCALES), hostile_text(12)))
    kind = draw(st.sampled_from(["IntentRequest"] * 6 + ["LaunchRequest", "SessionEndedRequest"]))
    request: dict[str, Any] = {
        "type": kind,
        "requestId": f"amzn1.echo-api.request.{draw(st.uuids())}",
        "timestamp": "2026-01-01T00:00:00Z",  # callers stamp it "now" where it is checked
        "locale": locale,
    }
    if kind == "IntentRequest":
        request["intent"] = draw(intent())
        if draw(st.booleans()):
            request["dialogState"] = draw(st.sampled_from(DIALOG_STATES))
    elif kind == "SessionEndedRequest":
        request["reason"] = draw(st.sampled_from(["USER_INITIATED", "ERROR", "EXCEEDED_MAX_REPROMPTS"]))
        if draw(st.booleans()):
            request["error"] = {"type": "INVALID_RESPONSE", "message": draw(hostile_text(40))}
    application = {"applicationId": skill_id}
    user = {"userId": draw(st.one_of(st.just("amzn1.ask.account.FUZZ"), hostile_text(30).filter(bool)))}
    return {
        "version": "1.0",
        "session": {
            "new": draw(st.booleans()),
            "sessionId": f"amzn1.echo-api.session.{draw(st.uuids())}",
            "application": application,
            "attributes": draw(session_attributes(recorded_states)),
            "user": user,
        },
        "context": {
            "System": {
                "application": application,
                "user": user,
                "device": {"deviceId": "amzn1.ask.device.FUZZ", "supportedInterfaces": {}},
                "apiEndpoint": "https://api.amazonalexa.com",
            }
        },
        "request": request,
    }


def _paths(document: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a JSON document (dict keys and list indexes)."""
    out: list[tuple[Any, ...]] = []
    if isinstance(document, dict):
        for key, value in document.items():
            out.append(prefix + (key,))
            out.extend(_paths(value, prefix + (key,)))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            out.append(prefix + (index,))
            out.extend(_paths(value, prefix + (index,)))
    return out


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        document = document[key]
    return document


@st.composite
def mutated_envelopes(draw: st.DrawFn, originals: list[dict[str, Any]]) -> dict[str, Any]:
    """A recorded envelope with one to three fields deleted or replaced."""
    document = copy.deepcopy(draw(st.sampled_from(originals)))
    for _ in range(draw(st.integers(1, 3))):
        paths_ = _paths(document)
        if not paths_:
            break
        path = draw(st.sampled_from(paths_))
        parent = _parent(document, path)
        action = draw(st.sampled_from(["delete", "replace", "text"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(json_values(8))
        else:
            parent[path[-1]] = draw(any_text())
    return document
