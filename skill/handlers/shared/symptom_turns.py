"""The symptom conversation's turn, shared by the conversation and the safety handlers:
fold what was said into the state, decide, then warn, ask or answer."""

from __future__ import annotations

from typing import Mapping

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.content import SLOTS, Content
from skill.core.decision import Answer, Ask, Emergency, SameDay, decide
from skill.core.symptoms import DANGER_UNSPECIFIED, NO_DANGER
from skill.dialog import speech
from skill.dialog.pending import SAFETY_QUESTIONS, Pending
from skill.dialog.state import SessionState
from skill.handlers.shared.common import content, elicit, respond
from skill.handlers.shared import night_log_access
from skill.handlers.shared.display_hooks import show_answer
from skill.handlers.shared.stretch_turns import NUMB_FEELINGS, offer


def merge(state: SessionState, intent: str | None, slots: Mapping[str, str]) -> SessionState:
    """Fold this turn's slots (and a yes/no to the safety question) into the state."""
    symptoms, progress = state.symptoms, state.progress
    for slot in SLOTS:
        value = slots.get(slot)
        if value is None:
            continue
        if slot == "sign" and value == NO_DANGER:
            progress = progress.rule_out_danger()
        else:
            symptoms = symptoms.with_value(slot, value)
    if state.pending in SAFETY_QUESTIONS and intent == "AMAZON.YesIntent":
        symptoms = symptoms.with_value("sign", DANGER_UNSPECIFIED)
    if state.pending in SAFETY_QUESTIONS and intent == "AMAZON.NoIntent":
        progress = progress.rule_out_danger()
    return state.evolve(symptoms=symptoms, progress=progress)


def next_turn(handler_input: HandlerInput, state: SessionState, *, lead: str = "", ack: str = "") -> Response:
    """Decide on what was said so far, then warn, ask the next question, or answer. `ack`
    ("That is fine.") goes before a question only: an answer starts with what to do."""
    text: Content = content(handler_input)
    decision = decide(state.symptoms, state.progress, text)
    if isinstance(decision, Emergency):
        reply = speech.emergency(decision, state.symptoms, text)
        return respond(handler_input, state.evolve(pending=None), reply)
    if isinstance(decision, SameDay):
        reply = speech.same_day(decision, state.symptoms, text)
        return respond(handler_input, state.evolve(pending=None, answered=True), reply)
    if isinstance(decision, Ask):
        pending = Pending.SCREEN if decision.is_screen else Pending(decision.question.slot)
        lead = " ".join(filter(None, (ack, lead)))
        if not state.progress.asked:  # the leg is first heard: say it back, in their words
            lead = " ".join(filter(None, (speech.first_heard(state.symptoms, text), lead)))
        heard_now = not state.disclaimer_heard and not decision.is_screen  # the safety check comes first
        if heard_now:
            lead = " ".join(filter(None, (lead, text.prompt("disclaimer"))))
        state = state.evolve(pending=pending, progress=state.progress.ask(pending), disclaimer_heard=state.disclaimer_heard or heard_now)
        reply = speech.question(decision, text, lead=lead)
        return respond(handler_input, state, reply, [elicit(decision.question.slot, state)])
    assert isinstance(decision, Answer)
    # A recognised person hears "Shall I add tonight to your night log?" once a session, in
    # place of the answer's own offer, which is asked after their yes or no.
    own_offer = Pending.OFFER_MORE if decision.causes else Pending.OFFER_TIPS
    log_offer = not decision.stretch and night_log_access.offer_due(handler_input, state)
    if log_offer:
        night_log_access.note_offer(handler_input, then=str(own_offer))
    words = night_log_access.text()
    reply = speech.answer(
        decision, state.symptoms, text, lead=lead, disclaimer=not state.disclaimer_heard,
        stretch_offer=offer(decision.stretch, numb=state.symptoms.sensation in NUMB_FEELINGS) if decision.stretch else None,
        log_offer=(words.say("offer"), words.say("offer_reprompt")) if log_offer else None,
    )
    state = state.evolve(
        pending=Pending.OFFER_STRETCH if decision.stretch else Pending.OFFER_LOG if log_offer else own_offer,
        disclaimer_heard=True,
        answered=True,
        top_cause=decision.causes[0].id if decision.causes else None,
    )
    show_answer(handler_input, decision)
    return respond(handler_input, state, reply)
