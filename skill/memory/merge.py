"""Three-way merge of attribute records, so two writers do not lose each other's work.

ask-sdk saves a user's whole attribute record at the end of a request. When two
requests for the same user overlap (two Echo devices, two worker processes), the
second save would wipe out what the first one changed. The store instead keeps
what this request read (`base`), and on save merges this request's record
(`ours`) into what is stored now (`theirs`): keys this request did not change
keep the other writer's value; keys it did change take its value. Nested
mappings merge key by key. When both changed the same leaf, the later save wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_MISSING: Any = object()


def merge3(base: Mapping[str, Any], ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for key in _ordered_keys(theirs, ours, base):
        value = _merge_value(base.get(key, _MISSING), ours.get(key, _MISSING), theirs.get(key, _MISSING))
        if value is not _MISSING:
            merged[key] = value
    return merged


def _merge_value(base: Any, ours: Any, theirs: Any) -> Any:
    if _same(ours, base):
        return theirs
    if _same(theirs, base) or _same(theirs, ours):
        return ours
    if isinstance(ours, Mapping) and isinstance(theirs, Mapping):
        return merge3(base if isinstance(base, Mapping) else {}, ours, theirs)
    return ours


def _same(a: Any, b: Any) -> bool:
    if a is _MISSING or b is _MISSING:
        return a is b
    return bool(a == b)


def _ordered_keys(*records: Mapping[str, Any]) -> list[str]:
    seen: dict[str, None] = {}
    for record in records:
        for key in record:
            seen.setdefault(key, None)
    return list(seen)
