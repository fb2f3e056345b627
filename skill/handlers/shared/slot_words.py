"""Every word a request's slots carry, whatever the intent and whatever the slot's name.

On a device the skill never hears the sentence: only slots. So the danger screen reads
every slot's spoken words: `slot.value` whether or not it resolved (ER_SUCCESS_NO_MATCH
values too), each value of a multi-value slot (`slot.slot_value`, a `ListSlotValue` of
`SimpleSlotValue`s), and the free-text catch-all slot (`words`), which carries speech no
sample matched. Resolved value ids are collected per slot name as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Slot
from ask_sdk_model.list_slot_value import ListSlotValue
from ask_sdk_model.simple_slot_value import SimpleSlotValue
from ask_sdk_model.slu.entityresolution import StatusCode

from skill.core import negation
from skill.core.symptoms import PART, SAID_SLOTS, Symptoms

MAX_WORDS = 600  # characters of one spoken value; anything longer is not speech
# Slots the interaction model fills with a sign said to be absent ("no chest pain"): their
# words reach the screen as negated and their ids are never taken as signs.
NEGATED_SLOTS = frozenset({"absent"})
_VALUE_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


@dataclass(frozen=True)
class SpokenSlots:
    words: tuple[str, ...] = ()  # every spoken value, in slot order
    ids: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # slot name -> resolved ids
    # slot name -> (resolved id, the words as spoken) for values that resolved
    said: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    # ids of signs said to be absent ("no numbness", "none of that"): never taken as signs
    absent: frozenset[str] = frozenset()

    def all_ids(self) -> frozenset[str]:
        return frozenset(i for ids in self.ids.values() for i in ids)


def read(handler_input: HandlerInput) -> SpokenSlots:
    """The spoken words and resolved ids of every slot of an IntentRequest (empty otherwise)."""
    request = handler_input.request_envelope.request
    if not isinstance(request, IntentRequest) or request.intent is None or not request.intent.slots:
        return SpokenSlots()
    words: list[str] = []
    ids: dict[str, tuple[str, ...]] = {}
    said: dict[str, tuple[tuple[str, str], ...]] = {}
    absent: set[str] = set()
    for name, slot in request.intent.slots.items():
        if not isinstance(slot, Slot):
            continue
        found: list[str] = []
        negated = name in NEGATED_SLOTS
        for value, resolutions in _values(slot):
            if isinstance(value, str) and value.strip():
                words.append(("no " if negated else "") + value.strip()[:MAX_WORDS])
            if negated:
                absent.update(_resolved_ids(resolutions))
            else:
                resolved = _resolved_ids(resolutions)
                found.extend(resolved)
                if resolved and isinstance(value, str) and value.strip():
                    said[str(name)] = said.get(str(name), ()) + ((resolved[0], value.strip()[:MAX_WORDS]),)
        if found:
            ids[str(name)] = tuple(dict.fromkeys(found))
    for name in denied(said, request.intent.slots):
        ids.pop(name, None)
        said.pop(name, None)
    return SpokenSlots(tuple(words), ids, said, frozenset(absent))


def denied(said: Mapping[str, tuple[tuple[str, str], ...]], slots: Mapping[str, Any]) -> list[str]:
    """Slots (a feeling, a side, a time; not the leg's part) whose value the request's
    other words say is not so: "my legs aren't numb, they just ache" with `numb` in the
    feeling slot and the sentence in the free words. A negated feeling is never taken,
    said back or acted on, whichever slot the model put it in."""
    out: list[str] = []
    for name, pairs in said.items():
        if name not in SAID_SLOTS or name == PART:
            continue
        value = pairs[0][1]
        others = [
            ("no " if other in NEGATED_SLOTS else "") + str(v)
            for other, slot in slots.items()
            if other != name and isinstance(slot, Slot)
            for v, _ in _values(slot)
            if isinstance(v, str) and v.strip()
        ]
        holding = [text for text in others if negation.holds(text, value)]
        if holding and all(negation.negated_in(text, value) for text in holding):
            out.append(name)
    return out


def remember(symptoms: Symptoms, spoken: SpokenSlots) -> Symptoms:
    """Keep the leg's part and the words said for each value the symptoms now hold, so they
    can be said back as said. Only values that resolved to an id are kept, and only for the
    value the conversation took (a vetoed or negated value is never said back)."""
    for name, pairs in spoken.said.items():
        if name not in SAID_SLOTS:
            continue
        value_id, words = pairs[0]
        if name == PART:
            symptoms = symptoms.with_part(value_id)
        elif getattr(symptoms, name, None) != value_id:
            continue
        symptoms = symptoms.with_said(name, value_id, words)
    return symptoms


def _values(slot: Slot) -> Iterable[tuple[Any, Any]]:
    """(spoken value, resolutions) for the slot itself and for each value of a multi-value slot."""
    yield slot.value, slot.resolutions
    slot_value = getattr(slot, "slot_value", None)
    if isinstance(slot_value, ListSlotValue):
        for item in slot_value.values or []:
            if isinstance(item, SimpleSlotValue):
                yield item.value, item.resolutions
    elif isinstance(slot_value, SimpleSlotValue) and slot_value.value != slot.value:
        yield slot_value.value, slot_value.resolutions


def _resolved_ids(resolutions: Any) -> list[str]:
    out: list[str] = []
    for authority in getattr(resolutions, "resolutions_per_authority", None) or []:
        status = getattr(getattr(authority, "status", None), "code", None)
        if status == StatusCode.ER_SUCCESS_MATCH and authority.values:
            value = authority.values[0].value
            if value is not None and isinstance(value.id, str) and _VALUE_ID.fullmatch(value.id):
                out.append(value.id)
    return out
