"""Launch, help, repeat, fallback, yes/no, stop and session end."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response

from skill.dialog import speech, ssml
from skill.dialog.pending import THREAD_QUESTIONS, Pending
from skill.handlers.common import (
    FALLBACK_INTENTS,
    close,
    content,
    elicit,
    get_state,
    help_here,
    is_stop,
    is_yes_or_no,
    not_caught,
    pending_question,
    pending_slot,
    reask,
    respond,
)
from skill.handlers.memory_access import load, welcome_back
from skill.handlers.stretch_turns import step_name

log = logging.getLogger(__name__)


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
        text = content(handler_input)
        state = get_state(handler_input)
        here = help_here(state, text)
        if here is not None:  # help with the question waiting, which keeps waiting
            lead, question, reprompt = here
            reply = speech.simple(lead, question=question, reprompt=reprompt)
            directives = [elicit(pending_slot(state), state)] if state.pending in THREAD_QUESTIONS else []
            return respond(handler_input, state, reply, directives)
        return close(handler_input, state, text.prompt("help"), question=text.prompt("help_question"), reprompt=text.prompt("help_reprompt"))


class RepeatHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.RepeatIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        state = get_state(handler_input)
        if state.last_speech:
            reply = ssml.Reply(state.last_speech, state.last_reprompt, False)
            question = pending_question(state, text)
            directives = [elicit(pending_slot(state), state)] if question is not None else []
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
        again = reask(handler_input, state, text.prompt("fallback_in_question"))
        if again is not None:  # a yes/no to "one leg, or both?" is no answer
            return again
        if yes:
            reply = speech.simple(question=text.prompt("anything_else_yes"), reprompt=text.prompt("launch_reprompt"))
            return respond(handler_input, state.evolve(pending=None), reply)
        if state.pending is Pending.NOT_CAUGHT:  # "no" to "what is your leg doing?": what they can say
            reply = speech.simple(text.prompt("what_you_can_say"), question=text.prompt("what_you_can_say_question"), reprompt=text.prompt("launch_reprompt"))
            return respond(handler_input, state.evolve(pending=None), reply)
        return respond(handler_input, state.evolve(pending=None), speech.goodbye(text))


class StopHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_stop(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        return respond(handler_input, get_state(handler_input).evolve(pending=None), speech.goodbye(text))


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
    StopHandler(),
    SessionEndedHandler(),
]
# Last of all, after every feature's handlers.
CATCH_ALL_HANDLERS = [UnhandledIntentHandler()]
