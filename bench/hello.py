"""The smallest useful ask-sdk-core skill: the baseline every Night Legs number is set against.

It answers every request with one short sentence, through the same ask-sdk path
(deserialize, dispatch, serialize) as the real skill. Importing this module builds the
skill, as a Lambda function built with `SkillBuilder.lambda_handler()` would.
"""

from __future__ import annotations

from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

HELLO = "Hello world."


class LaunchHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.speak(HELLO).ask(HELLO).set_should_end_session(False).response


class SessionEndedHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.response


class AnyIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.speak(HELLO).set_should_end_session(True).response


def create_builder() -> SkillBuilder:
    builder = SkillBuilder()
    builder.add_request_handler(LaunchHandler())
    builder.add_request_handler(SessionEndedHandler())
    builder.add_request_handler(AnyIntentHandler())
    return builder


_BUILDER = create_builder()
skill = _BUILDER.create()
lambda_handler: Any = _BUILDER.lambda_handler()
