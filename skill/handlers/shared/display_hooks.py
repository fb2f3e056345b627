"""What a turn showed, for the screen interceptor, and which touch target was pressed.

A handler that gives an answer or leads a stretch records it here in the request
attributes; `skill.handlers.interceptors.device_display` turns it into a card and, on a screen, an APL
document. Urgent answers need no record: the interceptor reads them off the state.
"""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type

from skill.core.decision import Answer
from skill.display.model import TOUCH_ACTIONS
from skill.stretch.coach import Outcome

DISPLAY_KEY = "display"
USER_EVENT = "Alexa.Presentation.APL.UserEvent"


def show_answer(handler_input: HandlerInput, decision: Answer) -> None:
    handler_input.attributes_manager.request_attributes[DISPLAY_KEY] = decision


def show_stretch(handler_input: HandlerInput, outcome: Outcome) -> None:
    handler_input.attributes_manager.request_attributes[DISPLAY_KEY] = outcome


def shown(handler_input: HandlerInput) -> Answer | Outcome | None:
    found = handler_input.attributes_manager.request_attributes.get(DISPLAY_KEY)
    return found if isinstance(found, (Answer, Outcome)) else None


def touched(handler_input: HandlerInput) -> str | None:
    """"next", "pause" or "stop" when the request is a press on one of our touch targets."""
    if not is_request_type(USER_EVENT)(handler_input):
        return None
    arguments = getattr(handler_input.request_envelope.request, "arguments", None) or []
    first = arguments[0] if arguments else None
    return first if isinstance(first, str) and first in TOUCH_ACTIONS else None
