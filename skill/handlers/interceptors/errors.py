"""One exception handler: apologise, keep the session, never leak a stack trace."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.dialog import speech
from skill.handlers.interceptors import metrics
from skill.handlers.shared.common import content

log = logging.getLogger(__name__)


class ApologiseHandler(AbstractExceptionHandler):
    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        # The type and place only: never the request, which holds what the user said.
        log.error("handler failed: %s", type(exception).__name__, exc_info=log.isEnabledFor(logging.DEBUG))
        metrics.record_error()
        text = content(handler_input)
        reply = speech.simple(text.prompt("error"), question=text.prompt("error_question"), reprompt=text.prompt("launch_reprompt"))
        builder = handler_input.response_builder.speak(reply.speech).ask(reply.reprompt or reply.speech)
        return builder.set_should_end_session(False).response


EXCEPTION_HANDLERS = [ApologiseHandler()]
