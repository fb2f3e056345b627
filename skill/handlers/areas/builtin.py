"""Launch, help, repeat, fallback, yes/no, stop and session end."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response

from skill.core.decision import decide_urgent
from skill.dialog import speech, ssml, turns
from skill.dialog.pending import LATER_INTENT, Pending
from skill.dialog.ssml import plain_text
from skill.handlers.shared.common import (
    FALLBACK_INTENTS,
    content,
    elicit,
    get_state,
    is_stop,
    is_yes_or_no,
    not_caught,
    respond,
    respond_turn,
)
from skill.handlers.shared.memory_access import load, welcome_back
from skill.handlers.shared.stretch_turns import step_name

log = logging.getLogger(__name__)
WHY_ASK_INTENT = "WhyAskIntent"


class LaunchHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        state = get_state(handler_input)
        # A returning user (memory), with the resume offer when a routine was left part-way.
        back = welcome_back(handler_input, step_name(load(handler_input).progress))
        if state.disclaimer_heard:
            sentences = [text.prompt("launch_again")]
        else:
            sentences = [back.opening if back else text.prompt("launch_first"), text.prompt("disclaimer")]
        question = back.question if back and back.question else text.prompt("launch_question")
        reprompt = back.reprompt if back and back.reprompt else text.prompt("launch_reprompt")
        reply = speech.simple(*sentences, question=question, reprompt=reprompt)
        return respond(handler_input, state.evolve(disclaimer_heard=True, pending=back.waiting if back else None), reply)


class HelpHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.HelpIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        state = get_state(handler_input)
        offer = plain_text(state.last_reprompt) if state.last_reprompt else None
        return respond_turn(handler_input, turns.help_turn(state, content(handler_input), last_reprompt_text=offer))


class RepeatHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.RepeatIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        state = get_state(handler_input)
        if state.last_speech:
            reply = ssml.Reply(state.last_speech, state.last_reprompt, False)
            slot = turns.slot_for(state.pending)
            directives = [elicit(slot, state)] if slot is not None else []
            return respond(handler_input, state, reply, directives)
        reply = speech.simple(text.prompt("repeat_nothing"), question=text.prompt("launch_question"), reprompt=text.prompt("launch_reprompt"))
        return respond(handler_input, state, reply)


class FallbackHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return any(is_intent_name(name)(handler_input) for name in FALLBACK_INTENTS)

    def handle(self, handler_input: HandlerInput) -> Response:
        return not_caught(handler_input)


class YesNoHandler(AbstractRequestHandler):
    """Yes or no that no other area answers (`skill.dialog.pending.ROUTES`): to a follow-up
    that wants a word, to "anything else?", or with nothing waiting."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_yes_or_no(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        state = get_state(handler_input)
        yes = is_intent_name("AMAZON.YesIntent")(handler_input)
        turn = turns.yes_no(state, text, yes=yes)
        if turn is not None:
            return respond_turn(handler_input, turn)
        return respond(handler_input, state.evolve(pending=None), speech.goodbye(text, state.symptoms))


class WhyAskHandler(AbstractRequestHandler):
    """ "Why do you ask?": why the waiting question matters, then that question again."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(WHY_ASK_INTENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond_turn(handler_input, turns.why_ask(get_state(handler_input), content(handler_input)))


class LaterHandler(AbstractRequestHandler):
    """ "Not now", "maybe tomorrow" that no area took as its own no: a follow-up question or
    an offer is let go, and the session ends kindly with the door left open. At the safety
    question the danger screen has already asked it again (`areas.safety`)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(LATER_INTENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        state = get_state(handler_input)
        if state.pending is Pending.NOT_CAUGHT:  # "not really" to "what is your leg doing?": what they can say
            turn = turns.yes_no(state, text, yes=False)
            if turn is not None:
                return respond_turn(handler_input, turn)
        if decide_urgent(state.symptoms, text) is not None:  # "not now" never lets urgent advice go: said once more
            return respond(handler_input, state.evolve(pending=None), speech.goodbye(text, state.symptoms))
        reply = ssml.Reply(ssml.speak(ssml.paragraph(text.prompt("goodbye_later"))), None, True)
        return respond(handler_input, state.evolve(pending=None), reply)


class GoBackHandler(AbstractRequestHandler):
    """ "Go back" outside a stretch: the question before the waiting one, or the last turn
    again when no question waits."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.PreviousIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = turns.go_back(get_state(handler_input), content(handler_input))
        if turn is None:
            return RepeatHandler().handle(handler_input)
        return respond_turn(handler_input, turn)


class PauseHandler(AbstractRequestHandler):
    """ "Hang on" outside a stretch: take your time, and the waiting question still waits."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.PauseIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond_turn(handler_input, turns.pause(get_state(handler_input), content(handler_input)))


class StartOverHandler(AbstractRequestHandler):
    """ "Start again" outside a stretch: a fresh conversation, the first question."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.StartOverIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond_turn(handler_input, turns.start_over(get_state(handler_input), content(handler_input)))


class StopHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_stop(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        state = get_state(handler_input)
        return respond(handler_input, state.evolve(pending=None), speech.goodbye(text, state.symptoms))


class SessionEndedHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        log.info("session ended: %s", getattr(getattr(request, "reason", None), "value", "unknown"))
        return handler_input.response_builder.response


class UnhandledIntentHandler(AbstractRequestHandler):
    """Any other request this skill does not know: treat it like a fallback."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        return FallbackHandler().handle(handler_input)


REQUEST_HANDLERS = [
    LaunchHandler(),
    HelpHandler(),
    RepeatHandler(),
    FallbackHandler(),
    YesNoHandler(),
    WhyAskHandler(),
    LaterHandler(),
    GoBackHandler(),
    PauseHandler(),
    StartOverHandler(),
    StopHandler(),
    SessionEndedHandler(),
]
# Last of all, after every feature's handlers.
CATCH_ALL_HANDLERS = [UnhandledIntentHandler()]
