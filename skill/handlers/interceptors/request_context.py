"""Request and response interceptors: the locale's content, and one log line per request."""

from __future__ import annotations

import logging
import time

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor, AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response

from skill.handlers.shared.common import CONTENT_KEY, content_for_locale

log = logging.getLogger("skill.requests")
_STARTED = "started_at"


class ContentInterceptor(AbstractRequestInterceptor):
    """Pick the content for the request's locale once, for every handler of this request."""

    def process(self, handler_input: HandlerInput) -> None:
        locale = getattr(handler_input.request_envelope.request, "locale", None)
        attributes = handler_input.attributes_manager.request_attributes
        attributes[CONTENT_KEY] = content_for_locale(locale if isinstance(locale, str) else None)
        attributes[_STARTED] = time.perf_counter()


class LogResponseInterceptor(AbstractResponseInterceptor):
    """Request type, intent and time taken; never the user, the device or what was said."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        request = handler_input.request_envelope.request
        intent = request.intent.name if isinstance(request, IntentRequest) and request.intent else "-"
        started = handler_input.attributes_manager.request_attributes.get(_STARTED)
        millis = (time.perf_counter() - started) * 1000 if isinstance(started, float) else -1.0
        log.info("request=%s intent=%s ms=%.1f", getattr(request, "object_type", "?"), intent, millis)


REQUEST_INTERCEPTORS = [ContentInterceptor()]
RESPONSE_INTERCEPTORS = [LogResponseInterceptor()]
