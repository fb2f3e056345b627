"""The conversation policy, pure: what waits, what an aside does to it, and the one way back.

Every turn that is not the symptom conversation's own step (help, repeat, an aside such as
"remember this" or "is it serious?", words that fit nothing, a bare yes or no) ends the same
way: the question that was waiting before it took the floor is asked again, or, when the
interruption answered it, the next one. That is `close`. There is no other way back.

The safety hold is a rule of this module, not of any handler: while the safety question is
unanswered it is the question that waits, whatever was said in between (an aside's own
yes/no keeps it behind itself in `SessionState.resume`). It is let go only by a yes or a no,
or after two unclear answers once the emergency criteria have been said
(`skill.handlers.areas.conversation.safety`), or by an urgent answer.

No SDK here: handlers read the envelope, call these functions and build the reply from the
`Turn` they return (`skill.handlers.shared.respond_turn`). Tests drive it with no NLU.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

from skill.content import Content
from skill.core.decision import Ask, decide, decide_urgent
from skill.dialog.pending import ASIDES, SAFETY_QUESTIONS, THREAD_QUESTIONS, Pending
from skill.dialog.state import SessionState


@dataclass(frozen=True)
class Question:
    """A question the skill asks: its words, what to say after silence, the slot it elicits."""

    prompt: str
    reprompt: str
    slot: str | None  # the DescribeSymptomIntent slot it elicits (None: an offer or open question)


@dataclass(frozen=True)
class Turn:
    """What one turn does: the state after it, what to say, and the question it ends with.

    `said` names the content the turn spoke (prompt ids, and `question:<pending>` for a
    thread question asked again), so tests can check meaning rather than wording."""

    state: SessionState
    sentences: tuple[str, ...]
    question: Question
    said: tuple[str, ...] = ()
    urgent: bool = False  # said at normal volume and rate, as urgent advice is

    @property
    def elicits(self) -> str | None:
        return self.question.slot


def slot_for(pending: Pending | None) -> str | None:
    """The slot a waiting thread question elicits (the safety question and its clarifying
    question elicit `sign`); None for offers and asides."""
    if pending in SAFETY_QUESTIONS or pending is Pending.CLARIFY:
        return "sign"
    if pending in THREAD_QUESTIONS:
        return str(pending)
    return None


def thread_question(state: SessionState, text: Content) -> Question | None:
    """The words of the thread question `state.pending` names, if it is one."""
    slot = slot_for(state.pending)
    if state.pending is Pending.SCREEN:
        return Question(text.screen.prompt, text.screen.reprompt, slot)
    if state.pending is Pending.SCREEN_AGAIN:
        return Question(text.prompt("screen_again"), text.screen.reprompt, slot)
    if state.pending is Pending.CLARIFY:
        asked = text.danger.question(state.clarifying[0]) if state.clarifying else None
        return Question(asked.prompt, asked.reprompt, slot) if asked is not None else None
    for question in text.questions:
        if question.slot == state.pending:
            return Question(question.prompt, question.reprompt, slot)
    return None


def waiting(state: SessionState) -> Pending | None:
    """The thread question waiting for an answer: the one just asked, or the one an aside's
    own yes/no interrupted."""
    return state.pending if state.pending in THREAD_QUESTIONS else state.resume


def still_open(question: Pending, state: SessionState) -> bool:
    """True while `question` has not been answered by what is known now."""
    if question in SAFETY_QUESTIONS:
        return not state.progress.screened
    if question is Pending.CLARIFY:
        return state.clarifying is not None
    return not state.symptoms.values(str(question))


def back_to_thread(before: SessionState, state: SessionState, text: Content) -> tuple[SessionState, Question] | None:
    """After an interruption: the state and the thread question that was waiting in `before`,
    or the next one when the interruption answered it ("how should I sleep on my side?"
    while "how do you lie?" waited); None when no question was waiting."""
    question = waiting(before)
    if question is None:
        return None
    if still_open(question, state):
        again = state.evolve(pending=question)
        found = thread_question(again, text)
        if found is not None:
            return again, found
    decision = decide(state.symptoms, state.progress, text)
    if isinstance(decision, Ask):
        pending = Pending.SCREEN if decision.is_screen else Pending(decision.question.slot)
        state = state.evolve(pending=pending, progress=state.progress.ask(pending))
        return state, Question(decision.question.prompt, decision.question.reprompt, slot_for(pending))
    return None


def close(
    before: SessionState,
    state: SessionState,
    text: Content,
    sentences: Iterable[str],
    *,
    question: Question,
    pending: Pending | None = None,
    said: Iterable[str] = (),
    aside: bool = True,
    urgent: bool = False,
) -> Turn:
    """The one way a turn that is not the conversation's own step ends: `sentences`, then the
    question that waited in `before`, asked again (the safety question above all), or with
    none waiting `question`, waiting for `pending`. `aside`: the sentences answered something
    else, so a follow-up question comes back with "Now, back to your legs."; a reply that only
    asks again ("Sorry, I did not catch that.") does not say it."""
    sentences = tuple(s for s in sentences if s)
    said = tuple(said)
    back = back_to_thread(before, state, text)
    if back is None:
        return Turn(state.evolve(pending=pending), sentences, question, said, urgent)
    state, again = back
    lead: tuple[str, ...] = ()
    if aside and state.pending not in SAFETY_QUESTIONS:
        lead = (text.prompt("back_to_question"),)
        said += ("back_to_question",)
    return Turn(state, sentences + lead, again, said + (f"question:{state.pending}",), urgent)


def kept_behind(before: SessionState, after: SessionState) -> SessionState:
    """The state to store after a turn: an aside's own question ("Do you want me to remember
    this?") keeps the thread question it interrupted waiting behind it; any other turn lets
    it go (the thread question, if still open, is then the pending one itself)."""
    if after.pending in ASIDES:
        return after.evolve(resume=after.resume or waiting(before))
    return after.evolve(resume=None)


# ----------------------------------------------------------------------------- replies


def launch_question(text: Content) -> Question:
    return Question(text.prompt("launch_question"), text.prompt("launch_reprompt"), None)


def not_caught(state: SessionState, text: Content) -> Turn:
    """Words that fit nothing: the waiting question again (the safety question above all),
    or what to say instead. Words that did not fit may still have meant danger, so every
    such reply says when to call."""
    if waiting(state) is not None:
        return close(
            state, state, text, (text.prompt("fallback_in_question"), text.safety_net),
            question=launch_question(text), said=("fallback_in_question", "safety_net"), aside=False,
        )
    return Turn(
        state.evolve(pending=Pending.NOT_CAUGHT),
        (text.prompt("fallback"), text.safety_net),
        Question(text.prompt("fallback_question"), text.prompt("launch_reprompt"), None),
        ("fallback", "safety_net", "fallback_question"),
    )


def help_turn(state: SessionState, text: Content, *, last_reprompt_text: str | None) -> Turn:
    """Help that fits where the person is. At the safety question: just say yes or no. At a
    follow-up: that question's choices. At an offer or an aside's own yes/no: what yes does
    (its reprompt). Elsewhere the general help, then the waiting question if any."""
    asked = thread_question(state, text)
    if asked is not None and (state.pending in SAFETY_QUESTIONS or state.pending is Pending.CLARIFY):
        lead = "help_screen" if state.pending in SAFETY_QUESTIONS else "help_yes_no"
        return Turn(state, (text.prompt(lead),), asked, (lead, f"question:{state.pending}"))
    if asked is not None:
        return Turn(
            state, (text.prompt("help_follow_up"),), Question(asked.reprompt, asked.reprompt, asked.slot),
            ("help_follow_up", f"question:{state.pending}"),
        )
    if state.pending not in (None, Pending.ANYTHING_ELSE, Pending.NOT_CAUGHT, Pending.STRETCHING) and last_reprompt_text:
        # an offer, or an aside's own yes/no (its thread question still waits behind it): what yes does
        return Turn(state, (text.prompt("help_offer"),), Question(last_reprompt_text, last_reprompt_text, None), ("help_offer",))
    return close(
        state, state, text, (text.prompt("help"),),
        question=Question(text.prompt("help_question"), text.prompt("help_reprompt"), None), said=("help",),
    )


def why_ask(state: SessionState, text: Content) -> Turn:
    """ "Why do you ask?": why the waiting question matters, then the question again."""
    key = "why_ask_screen" if waiting(state) in SAFETY_QUESTIONS else "why_ask"
    if waiting(state) is None:
        return help_turn(state, text, last_reprompt_text=None)
    return close(state, state, text, (text.prompt(key),), question=launch_question(text), said=(key,), aside=False)


def yes_no(state: SessionState, text: Content, *, yes: bool) -> Turn | None:
    """A yes or no that no area takes: to a follow-up that wants a word it is no answer (the
    question again); to "anything else?" a yes asks what, a no to "what is your leg doing?"
    says what they can say. None: a no to an offer or to "anything else?", or a no after
    urgent advice (never "ask for a stretch" after "get help today"), which ends the session
    kindly, the advice said once more (`speech.goodbye`)."""
    if waiting(state) is not None:  # a yes or no to "on your back, your side, or your front?"
        return close(
            state, state, text, (text.prompt("choice_needed"),),
            question=launch_question(text), said=("choice_needed",), aside=False,
        )
    if yes:
        return Turn(
            state.evolve(pending=None), (),
            Question(text.prompt("anything_else_yes"), text.prompt("launch_reprompt"), None), ("anything_else_yes",),
        )
    urgent_advice = state.answered and decide_urgent(state.symptoms, text) is not None
    if state.pending in (Pending.NOT_CAUGHT, None) and not urgent_advice:  # a no to "what is your leg doing?"
        return Turn(
            state.evolve(pending=None), (text.prompt("what_you_can_say"),),
            Question(text.prompt("what_you_can_say_question"), text.prompt("launch_reprompt"), None),
            ("what_you_can_say",),
        )
    return None


def go_back(state: SessionState, text: Content) -> Turn | None:
    """ "Go back" while the symptom questions are asked: the question before the waiting one,
    asked again with its answer let go. At the first question (the safety question above all)
    there is nothing before it: that question again. None when no question waits (an offer or
    an answer: the handler says the last turn again)."""
    current = waiting(state)
    if current is None:
        return None
    follow_ups = [Pending(a) for a in state.progress.asked if Pending(a) not in SAFETY_QUESTIONS]
    if current in SAFETY_QUESTIONS or state.pending in ASIDES or current not in follow_ups or follow_ups.index(current) == 0:
        return close(state, state, text, (text.prompt("go_back_first"),), question=launch_question(text), said=("go_back_first",), aside=False)
    previous = follow_ups[follow_ups.index(current) - 1]
    asked = tuple(a for a in state.progress.asked if a != str(current))
    back = state.evolve(
        pending=previous,
        symptoms=state.symptoms.without(str(previous)),
        progress=replace(state.progress, asked=asked),
    )
    found = thread_question(back, text)
    if found is None:  # a question the content no longer has: ask the waiting one again
        return close(state, state, text, (), question=launch_question(text), aside=False)
    return Turn(back, (), found, (f"question:{previous}",))


def start_over(state: SessionState, text: Content) -> Turn:
    """ "Start again" outside a stretch: what was said is let go (the safety question will be
    asked again for whatever is said next) and the first question is asked."""
    fresh = SessionState(disclaimer_heard=state.disclaimer_heard)
    return Turn(fresh, (text.prompt("start_over"),), launch_question(text), ("start_over",))



def pause(state: SessionState, text: Content) -> Turn:
    """ "Hang on", "wait a sec" outside a stretch: take your time; the waiting question (the
    safety question above all) is still the one that waits."""
    return close(state, state, text, (text.prompt("take_your_time"),), question=launch_question(text), said=("take_your_time",), aside=False)
