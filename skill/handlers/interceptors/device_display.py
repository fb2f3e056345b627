"""Cards in the Alexa app and APL night mode on screens, added after the handler built
the reply, so no handler builds either.

The response interceptor reads what the turn said (an urgent state, or the answer or
stretch turn recorded by `display_hooks`), asks `skill.display` for the card and screen,
adds a Standard card when the response has none, and, only when the device reports
`Alexa.Presentation.APL`, a RenderDocument directive that links the document kept in the
skill package. Speech, reprompt and the other directives are never touched, so a device
without a screen gets the same reply as before plus the card.
"""

from __future__ import annotations

import logging
import math
import re

from ask_sdk_core.dispatch_components import AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import StandardCard

from skill.core.decision import Answer, decide_urgent
from skill.dialog.ssml import escape, measure, speak
from skill.display import build
from skill.display.labels import load_labels
from skill.display.model import Display, StretchView
from skill.handlers.shared.common import content, get_state
from skill.handlers.shared.display_hooks import shown
from skill.handlers.shared.stretch_turns import library, stretch_speech
from skill.stretch.coach import Block, Kind, Outcome

log = logging.getLogger(__name__)
APL_INTERFACE = "Alexa.Presentation.APL"
_NO_SCREEN = (Kind.GATE, Kind.FALLBACK, Kind.DECLINED)  # a question about the routine, not a step


def supports_apl(handler_input: HandlerInput) -> bool:
    context = handler_input.request_envelope.context
    device = getattr(getattr(context, "system", None), "device", None)
    interfaces = getattr(device, "supported_interfaces", None)
    return getattr(interfaces, "alexa_presentation_apl", None) is not None


def display_for(handler_input: HandlerInput) -> Display | None:
    """What this turn shows: danger first, then the answer or the stretch it recorded."""
    text = content(handler_input)
    state = get_state(handler_input)
    labels = load_labels()
    urgent = decide_urgent(state.symptoms, text)
    if urgent is not None:
        return build.for_urgent(urgent, state.symptoms, text, labels)
    turn = shown(handler_input)
    if isinstance(turn, Answer):
        return build.for_answer(turn, state.symptoms, text, labels)
    if isinstance(turn, Outcome):
        view = stretch_view(turn)
        return build.for_stretch(view, labels) if view is not None else None
    return None


def stretch_view(outcome: Outcome) -> StretchView | None:
    if outcome.kind in _NO_SCREEN:
        return None
    state = outcome.state
    routine = library().routine(state.routine)
    steps = library().steps_of(state.routine)
    holds = hold_timing(outcome.block) if outcome.block is not None else ()
    index = outcome.block.step_index if outcome.block is not None else min(state.cursor.step, len(steps) - 1)
    status = {Kind.PAUSED: "paused", Kind.FINISHED: "done", Kind.STOPPED: "done"}.get(outcome.kind, "active")
    return StretchView(
        routine=routine.name,
        steps=tuple((step.name, step.instruction) for step in steps),
        index=index,
        status=status,
        holds=holds,
        card=outcome.kind in (Kind.STARTED, Kind.FINISHED, Kind.STOPPED),
    )


def hold_timing(block: Block) -> tuple[tuple[int, int], ...]:
    """Each hold the block leads: (seconds into the turn when "Hold it there." (or "Still
    holding.") has been said, seconds held), measured on the SSML the turn speaks."""
    if not block.step.is_hold:
        return ()
    ssml = stretch_speech().block(block)
    prompts = library().prompts
    step = block.step
    # The block opens with the step's own words, which may say "hold" too: look after them.
    skip = len(escape(step.instruction)) + len(escape(step.safety)) if block.starts_step else 0
    cues = sorted(
        (match.end(), key)
        for key in ("hold", "still_holding")
        for match in re.finditer(re.escape(escape(prompts[key])), ssml)
        if match.start() >= skip
    )
    holds = [part for part in block.parts if part.starts_unit or part is block.parts[0]]
    return tuple(
        (math.ceil(measure(speak(ssml[:said]))), int(part.seconds)) for (said, _), part in zip(cues, holds)
    )


def add_display(handler_input: HandlerInput, response: Response, display: Display) -> None:
    if display.card is not None and response.card is None:  # never over the permission card
        response.card = StandardCard(title=display.card.title, text=display.card.text)
    if display.screen is not None and supports_apl(handler_input):
        # ask-sdk's APL models: ~8 ms to import, needed only for a device with a screen
        from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

        screen = display.screen
        directive = RenderDocumentDirective(
            token=screen.token,
            document={"type": "Link", "src": screen.link},
            datasources=screen.datasources,
        )
        response.directives = [*(response.directives or []), directive]


class ScreenInterceptor(AbstractResponseInterceptor):
    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        if response is None:
            return
        try:
            display = display_for(handler_input)
        except Exception:  # the picture is extra: it must never cost the spoken reply
            log.exception("no card or screen for this turn")
            return
        if display is not None:
            add_display(handler_input, response, display)


RESPONSE_INTERCEPTORS = [ScreenInterceptor()]
