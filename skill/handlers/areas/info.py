"""Questions about what to do, how to lie, when to get help, and one reason in more detail."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from skill.content import Content
from skill.core import triage
from skill.dialog import speech, ssml
from skill.dialog.pending import SAFETY_QUESTIONS, Area, Pending
from skill.dialog.ssml import paragraph
from skill.dialog.state import SessionState
from skill.dialog.turns import waiting
from skill.handlers.shared.common import answers, close, content, get_state, respond, slot_ids, urgent_reply
from skill.handlers.shared.scope_turns import scope_answer


def _criteria_first(state: SessionState, text: Content) -> list[str]:
    """Before tips to someone not yet screened: when to call the emergency number."""
    if state.progress.screened or state.answered:
        return []
    return [speech.call_sentences(text.summaries["emergency"], text)]


TIPS_WORDS = 32  # a tips turn says tips up to about this many words, then one question
ASIDE_TIPS_WORDS = 20  # fewer when a question waits to be asked again after them


def tips(state: SessionState, text: Content, limit: int = TIPS_WORDS) -> list[str]:
    """Tips not yet heard, the likeliest reason's first: after an answer, its first tip is
    left out (it was the lead)."""
    causes = triage.rank_causes(state.symptoms, text)
    now = triage.pick_remedies(state.symptoms, causes, text, in_bed=True, limit=8)
    later = triage.pick_remedies(state.symptoms, causes, text, in_bed=False, limit=8)
    said = now[:1] if state.answered else ()
    top = {causes[0].id} if causes else set()
    unsaid = [r for r in (*now, *later) if r not in said]
    # the likeliest reason's own tips first (restless legs: the coffee and medicines note)
    fresh = [r.say for r in sorted(unsaid, key=lambda r: not (r.causes & top))]
    heard = " ".join(r.say for r in said)
    picked: list[str] = []
    for tip in fresh:
        if tip in heard or any(tip in other for other in picked):
            continue  # already said inside a longer tip ("Try not to lie on the same leg all night.")
        if picked and len(" ".join([*picked, tip]).split()) > limit:
            continue  # a shorter one may still fit
        picked.append(tip)
    return picked


def tips_reply(state: SessionState, text: Content) -> ssml.Reply:
    picked = tips(state, text)
    body = paragraph(*_criteria_first(state, text)) + paragraph(*(picked or [text.prompt("tips_none")]))
    if not state.answered:
        body += paragraph(text.safety_net)
    body += paragraph(text.prompt("remedies_question"))
    return ssml.Reply(ssml.speak(body), ssml.speak(paragraph(text.prompt("remedies_reprompt"))), False)


class RemediesHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("RemediesIntent")(handler_input) or is_intent_name("MoreTipsIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        state = get_state(handler_input)
        sensation = slot_ids(handler_input).get("sensation")
        if sensation:
            state = state.evolve(symptoms=state.symptoms.with_value("sensation", sensation))
        urgent = urgent_reply(state, text)
        if urgent is not None:
            return respond(handler_input, state.evolve(pending=None), urgent)
        if waiting(state) is not None:  # a few tips, then the question that was waiting
            said = tips(state, text, ASIDE_TIPS_WORDS) or [text.prompt("tips_none")]
            return close(handler_input, state, *said, question=text.prompt("remedies_question"), reprompt=text.prompt("remedies_reprompt"))
        return respond(handler_input, state.evolve(pending=Pending.OFFER_DOCTOR), tips_reply(state, text))


class SleepPositionHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("SleepPositionIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        state = get_state(handler_input)
        position = slot_ids(handler_input).get("position") or state.symptoms.position
        tips: list[str] = []
        if position:
            state = state.evolve(symptoms=state.symptoms.with_value("position", position))
            causes = triage.rank_causes(state.symptoms, text)
            tips = [
                r.say
                for r in triage.pick_remedies(state.symptoms, causes, text, in_bed=True)
                if position in r.positions
            ]
        criteria = _criteria_first(state, text)
        if waiting(state) is not None:  # one breath of tips, then the question that was waiting
            if state.pending in SAFETY_QUESTIONS:
                criteria = []  # the safety question says the signs itself
            return close(
                handler_input, state, *criteria, text.prompt("positions_intro"),
                *(tips[:1] or [text.prompt("positions_short")]),
                question=text.prompt("positions_question"), reprompt=text.prompt("doctor_reprompt"),
                pending=Pending.ANYTHING_ELSE,
            )
        if criteria:  # the emergency signs come first: one tip, so the turn stays one breath
            tips = tips[:1]
        reply = speech.simple(
            *criteria,
            text.prompt("positions_intro"),
            *(tips or [text.prompt("positions_all")]),
            question=text.prompt("positions_question"),
            reprompt=text.prompt("doctor_reprompt"),
        )
        return respond(handler_input, state.evolve(pending=Pending.ANYTHING_ELSE), reply)


def doctor_reply(state: SessionState, text: Content) -> ssml.Reply:
    """When to see a doctor for what they said, and the emergency signs; the same-day signs
    follow on yes (`same_day_reply`)."""
    soon = [f for f in triage.screen(state.symptoms, text) if f.tier == "soon"]
    lines = [text.fill(soon[0].say) if soon else text.default_soon]
    lines.append(speech.call_sentences(text.summaries["emergency"], text))
    return speech.simple(*lines, question=text.prompt("same_day_offer"), reprompt=text.prompt("same_day_offer_reprompt"))


def same_day_reply(text: Content) -> ssml.Reply:
    return speech.simple(
        text.fill(text.summaries["same_day"]), question=text.prompt("doctor_question"), reprompt=text.prompt("doctor_reprompt")
    )


class WhenToSeeDoctorHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("WhenToSeeDoctorIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        state = get_state(handler_input)
        if waiting(state) is not None:  # when to see a doctor, then the question that was waiting
            soon = [f for f in triage.screen(state.symptoms, text) if f.tier == "soon"]
            lines = [text.fill(soon[0].say) if soon else text.default_soon]
            if state.pending not in SAFETY_QUESTIONS:  # the safety question says the signs itself
                lines.append(speech.call_sentences(text.summaries["emergency"], text))
            return close(
                handler_input, state, *lines, question=text.prompt("same_day_offer"),
                reprompt=text.prompt("same_day_offer_reprompt"), pending=Pending.OFFER_SAME_DAY,
            )
        return respond(handler_input, state.evolve(pending=Pending.OFFER_SAME_DAY), doctor_reply(state, text))


def cause_reply(state: SessionState, text: Content, cause_id: str | None) -> tuple[ssml.Reply, SessionState]:
    cause = text.cause(cause_id) if cause_id else None
    if cause is None:
        lead = text.prompt("unknown_cause") if cause_id else text.prompt("no_symptoms_yet")
        reply = speech.simple(lead, question=text.prompt("launch_question"), reprompt=text.prompt("launch_reprompt"))
        # "What is your leg doing?" waits, as after words that fit nothing: a "no" to it
        # hears what they can say, never good night
        return reply, state.evolve(pending=Pending.NOT_CAUGHT)
    if state.answered and cause.id == state.top_cause and state.pending is not Pending.OFFER_TIPS:
        # "why" after an answer: what was heard, then the likely reasons; "tell me more" next
        # says more about the first one.
        causes = triage.rank_causes(state.symptoms, text)
        if len(causes) > 1:
            reasons = [text.prompt("causes_intro", list=ssml.join_list([c.name for c in causes]))]
        else:
            reasons = [text.prompt("causes_single", name=cause.name), cause.explain]
        reply = speech.simple(
            speech.heard(state.symptoms, text), *reasons,
            question=text.prompt("tips_question"), reprompt=text.prompt("tips_reprompt"),
        )
        return reply, state.evolve(pending=Pending.OFFER_TIPS)
    reply = speech.simple(cause.more, question=text.prompt("cause_question"), reprompt=text.prompt("more_reprompt"))
    return reply, state.evolve(pending=None, top_cause=cause.id)


class CauseDetailHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("CauseDetailIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        state = get_state(handler_input)
        cause_id = slot_ids(handler_input).get("cause") or state.top_cause
        if cause_id is None and waiting(state) is not None:  # "tell me more" before any reason was given
            return close(
                handler_input, state, text.prompt("no_symptoms_yet"),
                question=text.prompt("launch_question"), reprompt=text.prompt("launch_reprompt"),
            )
        cause = text.cause(cause_id) if cause_id else None
        if cause is not None and waiting(state) is not None:  # about it, then the question that was waiting
            return close(handler_input, state, cause.more, question=text.prompt("cause_question"), reprompt=text.prompt("more_reprompt"))
        reply, state = cause_reply(state, text, cause_id)
        return respond(handler_input, state, reply)


class OfferAnswerHandler(AbstractRequestHandler):
    """ "Yes" to "want to know when to see a doctor?" or "want to hear more about it?"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return answers(Area.INFO, handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        text = content(handler_input)
        state = get_state(handler_input)
        if state.pending is Pending.OFFER_DOCTOR:
            return respond(handler_input, state.evolve(pending=Pending.OFFER_SAME_DAY), doctor_reply(state, text))
        if state.pending is Pending.OFFER_SAME_DAY:
            return respond(handler_input, state.evolve(pending=Pending.ANYTHING_ELSE), same_day_reply(text))
        if state.pending is Pending.OFFER_TIPS:
            return respond(handler_input, state.evolve(pending=Pending.OFFER_DOCTOR), tips_reply(state, text))
        reply, state = cause_reply(state, text, state.top_cause)
        return respond(handler_input, state, reply)


SCOPE_INTENTS = {
    "MedicineQuestionIntent": "scope_medicine",
    "ChildQuestionIntent": "scope_child",
    "PregnancyQuestionIntent": "scope_pregnancy",
    "WorryQuestionIntent": "scope_worry",
}


class ScopeQuestionHandler(AbstractRequestHandler):
    """Medicines and doses, a child, pregnancy, "am I dying", "is it MS": who to ask, the
    locale's advice line, and the emergency signs, instead of a fallback."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return any(is_intent_name(name)(handler_input) for name in SCOPE_INTENTS)

    def handle(self, handler_input: HandlerInput) -> Response:
        key = SCOPE_INTENTS[next(name for name in SCOPE_INTENTS if is_intent_name(name)(handler_input))]
        return scope_answer(handler_input, get_state(handler_input), key)


REQUEST_HANDLERS = [
    OfferAnswerHandler(),
    RemediesHandler(),
    SleepPositionHandler(),
    WhenToSeeDoctorHandler(),
    CauseDetailHandler(),
    ScopeQuestionHandler(),
]
