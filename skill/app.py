"""The skill, assembled in one place (handlers, interceptors, exception handler).

Both deployments use it: `lambda/lambda_function.py` (AWS Lambda) and the Flask web
service, and the simulator behind `nightlegs chat`. The handlers and their order are
`skill.handlers.ALL`.
"""

from __future__ import annotations

import json
from typing import Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model import RequestEnvelope
from ask_sdk_model.services import ApiClient

from skill import handlers
from skill.alexa.api_client import TimeoutApiClient
from skill.alexa.skill_builder import NightLegsSkillBuilder
from skill.memory.factory import persistence_from_env


def create_skill_builder(
    *, persistence_adapter: AbstractPersistenceAdapter | None = None, api_client: ApiClient | None = None
) -> CustomSkillBuilder:
    # Memory (skill/memory/factory.py) and the Alexa APIs (reminders) unless the caller brings its own.
    builder = NightLegsSkillBuilder(  # a CustomSkillBuilder whose skill survives a missing context
        persistence_adapter=persistence_adapter if persistence_adapter is not None else persistence_from_env(),
        api_client=api_client if api_client is not None else TimeoutApiClient(),
    )
    for handler in handlers.ALL:
        builder.add_request_handler(handler)
    for interceptor in handlers.REQUEST_INTERCEPTORS:
        builder.add_global_request_interceptor(interceptor)
    for response_interceptor in handlers.RESPONSE_INTERCEPTORS:
        builder.add_global_response_interceptor(response_interceptor)
    for exception_handler in handlers.EXCEPTION_HANDLERS:
        builder.add_exception_handler(exception_handler)
    return builder


def create_skill(
    *, persistence_adapter: AbstractPersistenceAdapter | None = None, api_client: ApiClient | None = None
) -> CustomSkill:
    return create_skill_builder(persistence_adapter=persistence_adapter, api_client=api_client).create()


def handle_event(skill: CustomSkill, event: dict[str, Any]) -> dict[str, Any]:
    """Run one request envelope (as JSON-ready dict) through the skill, as Lambda does."""
    request_envelope = skill.serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
    response_envelope = skill.invoke(request_envelope=request_envelope, context=None)
    result: dict[str, Any] = skill.serializer.serialize(response_envelope)
    return result


_skill: CustomSkill | None = None


def default_skill() -> CustomSkill:
    """The skill for this process, built once (content and models load once too)."""
    global _skill
    if _skill is None:
        _skill = create_skill()
    return _skill


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return handle_event(default_skill(), event)
