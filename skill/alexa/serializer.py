"""ask-sdk's DefaultSerializer with a fast path for the work it repeats on every request.

- Timestamps: every request carries one; ask-sdk parses it with dateutil's general
  parser (about a seventh of a warm request). Alexa sends ISO 8601
  (`2026-01-01T00:00:00Z`), which `datetime.fromisoformat` reads directly; anything it
  cannot read still goes to ask-sdk's own parser, so nothing is accepted or refused
  differently.
- Strings: a str arriving where the model wants a str is returned as it is (ask-sdk
  would look the type up and call `str()` on it, about half of all its steps). Any
  other value there is refused: ask-sdk's `str()` would turn a list into the text
  "['...']" and carry it on as a name (Alexa always sends text).
- Models: ask-sdk merged each model's `deserialized_types` into its `attribute_map`
  and scanned the map's values for every key of every object; the merged map is
  kept per class, so unknown keys are found with one set lookup.
- Model classes: ask-sdk resolves each model's class from its dotted name with
  `__import__` for every object in every envelope; the answer never changes, so it is
  looked up once.
- Responses: ask-sdk serializes every value through a chain of isinstance checks and,
  for every model object, re-merges the class's `attribute_map`; plain str, int, bool,
  float, None, dict and list are now handled first, and each model class's
  (attribute, key) pairs are worked out once. Everything else goes to ask-sdk's own
  `serialize`.
- A prepared envelope: the web service reads a body once to check it and to build the
  envelope; `prepared()` lets flask-ask-sdk's own deserialize of the same body reuse
  that envelope instead of parsing the JSON and building the models again.

A subclass, not a fork: the private methods it replaces are reached through Python's
name mangling (`_DefaultSerializer__...`), and everything else is ask-sdk's code.
"""

from __future__ import annotations

import decimal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from typing import Any

from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import DefaultSerializer


# per model class: (attribute, JSON key) pairs, and the JSON keys as a set and a tuple
_Plan = tuple[tuple[tuple[str, str], ...], frozenset[str], tuple[str, ...]]


class FastSerializer(DefaultSerializer):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__()
        self._classes: dict[str, Any] = {}
        self._plans: dict[Any, _Plan] = {}
        self._out_plans: dict[type, tuple[tuple[str, str], ...] | None] = {}
        self._models: dict[str, Any] = {}  # class name -> model class
        self._prepared = threading.local()

    # -- the response

    def serialize(self, obj: Any) -> Any:
        """ask-sdk's `serialize`, same output: the common cases first, model classes planned once."""
        if obj is None:
            return None
        kind = type(obj)
        if kind is str or kind is int or kind is bool or kind is float:
            return obj
        if kind is dict:
            return {key: self.serialize(value) for key, value in obj.items()}
        if kind is list:
            return [self.serialize(item) for item in obj]
        plan = self._out_plans.get(kind, _UNPLANNED)
        if plan is _UNPLANNED:
            plan = self._out_plans[kind] = _out_plan(kind)
        if plan is None:  # not a plain model class: ask-sdk's own steps
            return super().serialize(obj)
        # ask-sdk's two steps: the non-None attributes under their keys, then each value
        present = {}
        for attribute, key in plan:
            value = getattr(obj, attribute)
            if value is not None:
                present[key] = value
        return {key: self.serialize(value) for key, value in present.items()}

    # -- one parse of a body that was already read

    def deserialize_data(self, data: Any, obj_type: Any) -> Any:
        """Like `deserialize`, from JSON already parsed (`json.loads`) instead of text."""
        if data is None:
            return None
        return self._DefaultSerializer__deserialize(data, obj_type)

    @contextmanager
    def prepared(self, payload: str, obj_type: Any, value: Any) -> Iterator[None]:
        """Within the block, the next `deserialize(payload, obj_type)` in this thread
        returns `value` (once) instead of parsing `payload` again."""
        self._prepared.item = (payload, obj_type, value)
        try:
            yield
        finally:
            self._prepared.item = None

    def deserialize(self, payload: Any, obj_type: Any) -> Any:
        item = getattr(self._prepared, "item", None)
        if item is not None and item[1] is obj_type and item[0] == payload:
            self._prepared.item = None  # once: a second caller gets its own copy
            return item[2]
        return super().deserialize(payload, obj_type)

    # -- ask-sdk's private steps, faster

    def _DefaultSerializer__deserialize(self, payload: Any, obj_type: Any) -> Any:  # noqa: N802
        # Most values in an envelope are strings (ids, names, slot values): ask-sdk would
        # look the type up and call str() on a str, which returns it unchanged.
        if obj_type == "str":
            if type(payload) is str or payload is None:
                return payload
            # ask-sdk would call str() on a list or an object and carry "['...']" on as
            # an intent or slot name; Alexa sends text there, so anything else is refused
            # (the message names no value).
            raise SerializationException("a text field of the envelope holds another type")
        # A model's class name (most values): ask-sdk would test the name for list[ and
        # dict(, look it up, then compare the class with the primitive types, object, date
        # and datetime before building the model; the class, once found to be a model
        # class, is kept.
        model = self._models.get(obj_type) if type(obj_type) is str else None
        if model is not None:
            return None if payload is None else self._DefaultSerializer__deserialize_model(payload, model)
        if type(obj_type) is str and not obj_type.startswith(("list[", "dict(")) and obj_type not in self.NATIVE_TYPES_MAPPING:
            found = self._DefaultSerializer__load_class_from_name(obj_type)  # raises as ask-sdk does
            if not (found in self.PRIMITIVE_TYPES or found == object or found == date or found == datetime):
                self._models[obj_type] = found
        return super()._DefaultSerializer__deserialize(payload, obj_type)

    def _DefaultSerializer__deserialize_datetime(self, payload: Any, obj_type: Any) -> Any:  # noqa: N802
        if isinstance(payload, str):
            try:
                parsed = datetime.fromisoformat(payload)
            except ValueError:
                pass
            else:
                return parsed.date() if obj_type is date else parsed
        return super()._DefaultSerializer__deserialize_datetime(payload, obj_type)

    def _DefaultSerializer__deserialize_model(self, payload: Any, obj_type: Any) -> Any:  # noqa: N802
        # ask-sdk's steps in ask-sdk's order, with the per-class work done once: it merged
        # `deserialized_types` into `attribute_map` and scanned the map's values for every
        # key of every object; the merged map and its value set are kept per class.
        try:
            if issubclass(obj_type, Enum):
                return obj_type(payload)
            if not hasattr(obj_type, "deserialized_types"):
                return payload
            if hasattr(obj_type, "get_real_child_model"):
                obj_type = self._DefaultSerializer__get_obj_by_discriminator(payload, obj_type)
            items, known, known_list = self._plan(obj_type)
            model = obj_type()
            types = obj_type.deserialized_types
            for attribute, key in items:
                if key in payload:
                    setattr(model, attribute, self._DefaultSerializer__deserialize(payload[key], types[attribute]))
            for key in payload:
                # (a key that is not a str, from a payload that is not an object, is
                # compared as ask-sdk compares it, so it fails with ask-sdk's message)
                if (key not in known) if type(key) is str else (key not in known_list):
                    setattr(model, key, payload[key])
            return model
        except Exception as exc:
            raise SerializationException(str(exc)) from exc

    def _plan(self, model_class: Any) -> _Plan:
        plan = self._plans.get(model_class)
        if plan is None:
            attribute_map = getattr(model_class, "attribute_map", {})
            attribute_map.update({k: k for k in model_class.deserialized_types if k not in attribute_map})
            values = tuple(attribute_map.values())
            plan = self._plans[model_class] = (tuple(attribute_map.items()), frozenset(values), values)
        return plan

    def _DefaultSerializer__load_class_from_name(self, class_name: str) -> Any:  # noqa: N802
        found = self._classes.get(class_name)
        if found is None:
            found = self._classes[class_name] = super()._DefaultSerializer__load_class_from_name(class_name)
        return found


_UNPLANNED: Any = object()
# What ask-sdk's serialize handles before it treats an object as a model.
_NOT_MODELS = (float, bool, bytes, str, int, list, tuple, datetime, date, Enum, decimal.Decimal, dict)


def _out_plan(kind: type) -> tuple[tuple[str, str], ...] | None:
    """(attribute, JSON key) in `deserialized_types` order, after the same merge of
    `attribute_map` that ask-sdk's serialize does; None when ask-sdk would not treat
    objects of `kind` as models (or `kind` has no class-level `deserialized_types`)."""
    if issubclass(kind, _NOT_MODELS):
        return None
    types = getattr(kind, "deserialized_types", None)
    if not isinstance(types, dict):
        return None
    attribute_map = getattr(kind, "attribute_map", {})
    attribute_map.update({k: k for k in types.keys() if k not in attribute_map})
    return tuple((attribute, attribute_map[attribute]) for attribute in types)
