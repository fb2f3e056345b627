"""Issue 23, finding 6: signed session state is bound to its user and session.

State the skill signed in one user's session, replayed in another user's request or in
another session of the same user, reads as absent: the conversation starts afresh."""

from __future__ import annotations

import uuid

from skill.dialog import signing
from skill.simulator.session import LocalSession


def _user() -> str:
    return f"amzn1.ask.account.{uuid.uuid4()}"


def test_state_signed_for_one_user_and_session_reads_as_absent_elsewhere() -> None:
    attributes: dict = {}
    with signing.bound_to("user-a", "session-1"):
        signing.store(attributes, "nl", {"screened": True})
        assert signing.read(attributes, "nl") == {"screened": True}
    with signing.bound_to("user-b", "session-1"):
        assert signing.read(attributes, "nl") is None
    with signing.bound_to("user-a", "session-2"):
        assert signing.read(attributes, "nl") is None


def _mid_conversation() -> LocalSession:
    """A session waiting on the safety question ("Anything new and sudden...?")."""
    session = LocalSession("en-US", user_id=_user())
    turn = session.say("my left leg goes numb when I lie on my side")
    assert "safety check" in turn.speech.lower()
    return session


def _replayed(attributes: dict, *, user_id: str, same_session_of: LocalSession | None = None) -> str:
    other = LocalSession("en-US", user_id=user_id)
    other.new = False
    if same_session_of is not None:
        other.session_id = same_session_of.session_id
    other.attributes = dict(attributes)
    return other.say("no").speech


def test_another_users_request_cannot_carry_this_users_state() -> None:
    mine = _mid_conversation()
    genuine = LocalSession("en-US", user_id=mine.user_id)
    genuine.session_id, genuine.new, genuine.attributes = mine.session_id, False, dict(mine.attributes)
    answered = genuine.say("no").speech  # the safety question answered: on to the next step
    replayed = _replayed(mine.attributes, user_id=_user(), same_session_of=mine)
    assert "what makes it better" in answered.lower()
    assert "what makes it better" not in replayed.lower(), "the other user's request did not go on with this conversation"


def test_the_same_users_other_session_cannot_carry_the_state_either() -> None:
    mine = _mid_conversation()
    replayed = _replayed(mine.attributes, user_id=mine.user_id)  # a new session id
    assert "what makes it better" not in replayed.lower()
