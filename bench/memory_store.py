"""An in-process persistence adapter: the skill's memory with no storage I/O.

Used to split Night Legs' warm cost into its own code and the memory store's I/O
(SQLite here, DynamoDB on Lambda), which hello-world does not have at all.
"""

from __future__ import annotations

import copy
from typing import Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_model import RequestEnvelope

from skill.app import create_skill, handle_event


class DictStore(AbstractPersistenceAdapter):  # type: ignore[misc]
    def __init__(self) -> None:
        self._data: dict[str, dict[str, Any]] = {}

    @staticmethod
    def _key(envelope: RequestEnvelope) -> str:
        return str(envelope.context.system.user.user_id)

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        return copy.deepcopy(self._data.get(self._key(request_envelope), {}))

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: dict[str, Any]) -> None:
        self._data[self._key(request_envelope)] = copy.deepcopy(attributes)

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self._data.pop(self._key(request_envelope), None)


def in_memory_handler() -> Any:
    """A Lambda-style handler for the real skill, its memory kept in a dict."""
    skill = create_skill(persistence_adapter=DictStore())

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return handle_event(skill, event)

    return handler
