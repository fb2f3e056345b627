"""Danger first, on every turn, whatever the intent.

A request interceptor screens every word the request's slots carry (`slot_words`) with the
pure screen (`skill.core.danger_screen`) and folds the danger signs it hears into the
conversation's symptoms, so every later answer knows them. The handler, tried before any
other, then takes the turn when:
- the words say something urgent: the emergency or same-day answer, whatever was asked;
- the words say a sign that may be innocent ("numb bum from the sofa", "cold feet"): one
  clarifying question, asked once a session, whose yes sets the sign;
- the safety question got no clear answer ("not sure", an off-topic reply): it is asked
  again as a plain yes or no once; still unclear, the emergency criteria are said before
  the conversation goes on.
"""

from __future__ import annotations

from dataclasses import dataclass

from ask_sdk_core.dispatch_components import AbstractRequestHandler, AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_request_type
from ask_sdk_model import Response

from skill.core.decision import Emergency, decide_urgent
from skill.core.symptoms import NO_DANGER, Symptoms
from skill.dialog import speech
from skill.dialog.pending import SAFETY_QUESTIONS, Area, Pending
from skill.handlers.shared import slot_words
from skill.handlers.shared.common import (
    VETOED_KEY,
    WORDS_HEARD_KEY,
    answers,
    content,
    elicit,
    get_state,
    respond,
    save_state,
    slot_ids,
)
from skill.handlers.shared.symptom_turns import merge, next_turn

ASSESSMENT_KEY = "danger_assessment"
MAX_PAIRED = 6  # slot values paired up for the screen (a sentence carries few)
# Replies to the safety question that answer it neither way when they carry no sign
# ("not sure", an unlisted answer, words that fit nothing). Other intents keep their own
# handling (a stretch asked for now is put off until the question is answered).
_UNCLEAR_ANSWERS = frozenset({
    "SkipIntent", "AnswerIntent", "DescribeSymptomIntent", "AMAZON.FallbackIntent", "LaterIntent",
})


@dataclass(frozen=True)
class Assessment:
    urgent: bool  # this turn's words or signs made the conversation urgent
    clarify: tuple[str, str] | None  # (question id, sign a yes sets)
    signs_said: bool  # any sign id or danger value arrived this turn


class DangerScreenInterceptor(AbstractRequestInterceptor):
    """Screen every slot's words; fold what they say into the conversation's symptoms."""

    def process(self, handler_input: HandlerInput) -> None:
        if not is_request_type("IntentRequest")(handler_input):
            return
        # Imported here: its patterns compile at import, and a launch screens nothing.
        from skill.core.danger_screen import clarify_for_signs, known_facts, screen

        text = content(handler_input)
        attributes = handler_input.attributes_manager.request_attributes
        state = get_state(handler_input)
        spoken = slot_words.read(handler_input)
        # Each slot's words, and every two of them side by side in either order: one
        # sentence's sign can land in two slots ("calf swelled up" and "all of a sudden"),
        # and slots do not keep the sentence's word order. " now " ends a clause, so a
        # negation in one slot's words does not reach the other's.
        result = screen(spoken.words, text.danger, known_facts(state.symptoms), pair_up=MAX_PAIRED)
        sign_vocab = text.phrases.values("sign")
        resolved = {i for i in spoken.ids.get("sign", ())} | {i for i in spoken.all_ids() if i in sign_vocab}
        resolved.discard(NO_DANGER)
        doubtful = {s for q in (text.danger.clarify or {}).values() for s in q.for_signs & resolved} - result.signs
        # A sign whose own words were negated ("no chest pain"), or that needs a question
        # before it may call for help ("numb bum"), is not taken from the slot's resolution.
        vetoed = (resolved & result.negated) | {
            sign for sign in doubtful if decide_urgent(Symptoms(signs=frozenset({sign})), text) is not None
        }
        attributes[VETOED_KEY] = frozenset(vetoed)
        attributes[WORDS_HEARD_KEY] = bool(result.found) or result.clarify is not None or result.on_topic
        clarify = result.clarify or (clarify_for_signs(doubtful, text.danger) if doubtful else None)
        if clarify is not None and clarify[0] in state.clarified:
            clarify = None
        symptoms = state.symptoms
        for finding in result.found:
            symptoms = symptoms.with_value(finding.slot, finding.value)
        for sign in resolved - vetoed:
            symptoms = symptoms.with_value("sign", sign)
        changed = symptoms != state.symptoms
        urgent = changed and decide_urgent(symptoms, text) is not None
        if changed:
            save_state(handler_input, state.evolve(symptoms=symptoms))
        attributes[ASSESSMENT_KEY] = Assessment(urgent, None if urgent else clarify, bool(result.signs or resolved))


def _assessment(handler_input: HandlerInput) -> Assessment | None:
    found = handler_input.attributes_manager.request_attributes.get(ASSESSMENT_KEY)
    return found if isinstance(found, Assessment) else None


class SafetyHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        assessment = _assessment(handler_input)
        if assessment is None:
            return False
        if assessment.urgent or assessment.clarify is not None:
            return True
        if answers(Area.SAFETY, handler_input):
            return True
        state = get_state(handler_input)
        intent = get_intent_name(handler_input)
        if state.pending not in SAFETY_QUESTIONS or intent not in _UNCLEAR_ANSWERS or assessment.signs_said:
            return False
        ids = slot_ids(handler_input)
        # What else was said may be urgent on its own ("it went weak all of a sudden"): the
        # conversation answers that.
        return "sign" not in ids and decide_urgent(merge(state, intent, ids).symptoms, content(handler_input)) is None

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        intent = get_intent_name(handler_input)
        assessment = _assessment(handler_input)
        state = get_state(handler_input)
        if answers(Area.SAFETY, handler_input) and state.pending is Pending.SCREEN:
            if intent == "AMAZON.YesIntent" and not (assessment and assessment.urgent):
                state = state.evolve(pending=Pending.SCREEN_AGAIN)
                reply = speech.simple(question=text.prompt("screen_confirm"), reprompt=text.screen.reprompt)
                return respond(handler_input, state, reply, [elicit("sign", state)])
            return next_turn(handler_input, merge(state, intent, slot_ids(handler_input)))
        if answers(Area.SAFETY, handler_input) and state.clarifying and not (assessment and assessment.urgent):
            sign = state.clarifying[1]
            state = state.evolve(clarifying=None, pending=None)
            if intent == "AMAZON.YesIntent":
                state = state.evolve(symptoms=state.symptoms.with_value("sign", sign))
            return next_turn(handler_input, state)
        was_pending = state.pending
        calm = assessment is None or (not assessment.urgent and assessment.clarify is None)
        if was_pending in SAFETY_QUESTIONS and calm and NO_DANGER in slot_words.read(handler_input).absent:
            # "no, none of that": the model heard "none" as a sign said to be absent; it is a no
            return next_turn(handler_input, merge(state.evolve(clarifying=None), "AMAZON.NoIntent", slot_ids(handler_input)))
        state = merge(state.evolve(clarifying=None), intent, slot_ids(handler_input))
        if assessment is not None and assessment.urgent:
            decision = decide_urgent(state.symptoms, text)
            if decision is not None:
                reply = speech.warning(decision, state.symptoms, text)
                done = isinstance(decision, Emergency)
                return respond(handler_input, state.evolve(pending=None, answered=state.answered or not done), reply)
            return next_turn(handler_input, state)
        if assessment is not None and assessment.clarify is not None:
            question = text.danger.question(assessment.clarify[0])
            if question is not None:
                state = state.evolve(
                    pending=Pending.CLARIFY,
                    clarifying=assessment.clarify,
                    clarified=state.clarified + (question.id,),
                )
                reply = speech.simple(question=question.prompt, reprompt=question.reprompt)
                return respond(handler_input, state, reply, [elicit("sign", state)])
        if was_pending is Pending.SCREEN:
            state = state.evolve(pending=Pending.SCREEN_AGAIN)
            reply = speech.simple(question=text.prompt("screen_again"), reprompt=text.screen.reprompt)
            return respond(handler_input, state, reply, [elicit("sign", state)])
        # Asked twice and still unclear: say when to call, then go on.
        lead = " ".join((text.prompt("screen_unclear"), text.fill(text.summaries["emergency"])))
        state = state.evolve(pending=None, progress=state.progress.rule_out_danger())
        return next_turn(handler_input, state, lead=lead)


REQUEST_HANDLERS = [SafetyHandler()]
REQUEST_INTERCEPTORS = [DangerScreenInterceptor()]
