"""Slots as Alexa puts them in an IntentRequest.

A single-value slot carries `value` (the words), `resolutions` (custom types only: one
authority per slot type, ER_SUCCESS_MATCH with the value's name and id, or
ER_SUCCESS_NO_MATCH with no values) and the same again in `slotValue` {"type": "Simple"}.
A multiple-value slot carries only `slotValue` {"type": "List", "values": [Simple, …]};
it has no top-level `value` or `resolutions`.
"""

from __future__ import annotations

from typing import Any, Sequence

from skill.simulator.resolver import SlotValue


def _resolutions(skill_id: str, value: SlotValue) -> dict[str, Any]:
    authority = f"amzn1.er-authority.echo-sdk.{skill_id}.{value.type_name}"
    if value.id is None:
        return {"resolutionsPerAuthority": [{"authority": authority, "status": {"code": "ER_SUCCESS_NO_MATCH"}}]}
    return {
        "resolutionsPerAuthority": [
            {
                "authority": authority,
                "status": {"code": "ER_SUCCESS_MATCH"},
                "values": [{"value": {"name": value.name, "id": value.id}}],
            }
        ]
    }


def _simple(skill_id: str, value: SlotValue) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "Simple", "value": value.spoken}
    if not value.builtin:
        out["resolutions"] = _resolutions(skill_id, value)
    return out


def slot_json(skill_id: str, name: str, values: Sequence[SlotValue], multiple: bool) -> dict[str, Any]:
    """One slot of the request's intent."""
    slot: dict[str, Any] = {"name": name, "confirmationStatus": "NONE", "source": "USER"}
    if multiple:
        slot["slotValue"] = {"type": "List", "values": [_simple(skill_id, v) for v in values]}
        return slot
    simple = _simple(skill_id, values[0])
    slot["value"] = simple["value"]
    if "resolutions" in simple:
        slot["resolutions"] = simple["resolutions"]
    slot["slotValue"] = simple
    return slot
