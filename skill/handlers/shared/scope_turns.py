"""Questions outside the skill's scope, whichever intent carried them: a scope intent
("is it growing pains") or a symptom sentence with a scope slot ("my seven year old wakes
with sore legs", "could my numb legs be MS", "can I take my dad's tablets for my leg pain").

Danger first: an urgent state is answered before any scope answer. A child's leg is not the
speaker's, so a child's symptoms are not kept; a worry's or a medicine question's are, for
the rest of the conversation. A pregnancy goes on with the symptom conversation: its line is
said with the echo (`pregnancy_lead`).
"""

from __future__ import annotations

from ask_sdk_model import Response
from ask_sdk_core.handler_input import HandlerInput

from skill.dialog import speech
from skill.dialog.pending import Pending
from skill.dialog.state import SessionState
from skill.handlers.shared import slot_words
from skill.dialog import turns
from skill.handlers.shared.common import content, get_state, respond, respond_turn, urgent_reply

SCOPE_SLOT = "scope"
PREGNANCY = "pregnancy"
PREGNANT_SIGN = "pregnant"
# Scope values that take the turn from the symptom conversation (a pregnancy does not).
ANSWERED = ("child", "medicine", "worry")


def scope_key(scope: str) -> str:
    """The prompt that answers a scope value (content/prompts.yaml scope_<id>)."""
    return f"scope_{scope}"


def scope_answer(handler_input: HandlerInput, state: SessionState, key: str, *, urgent_state: SessionState | None = None) -> Response:
    """Danger first; then who to ask and the advice line, and the waiting question again, or
    with none waiting the danger signs and "anything else about your legs?"."""
    text = content(handler_input)
    urgent = urgent_reply(urgent_state or state, text)
    if urgent is not None:
        return respond(handler_input, (urgent_state or state).evolve(pending=None), urgent)
    if turns.waiting(get_state(handler_input)) is not None:  # a question was waiting: answer, then ask it again
        turn = turns.close(
            get_state(handler_input), state, text, speech.scope_lines(key, text),
            question=turns.launch_question(text), said=(key, "scope_advice"),
        )
        return respond_turn(handler_input, turn)
    return respond(handler_input, state.evolve(pending=Pending.ANYTHING_ELSE), speech.scope(key, text))


def pregnancy_lead(handler_input: HandlerInput, state: SessionState, ids: dict[str, str]) -> str:
    """ "Check with your midwife or doctor too.": said with the echo when a pregnancy is
    heard with the leg, and whenever it is said later on."""
    spoken = slot_words.read(handler_input)
    said_now = ids.get(SCOPE_SLOT) == PREGNANCY or PREGNANT_SIGN in spoken.ids.get("sign", ())
    first = not state.progress.asked and PREGNANT_SIGN in state.symptoms.signs
    return content(handler_input).prompt("scope_pregnancy_heard") if said_now or first else ""
