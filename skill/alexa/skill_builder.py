"""ask-sdk's CustomSkillBuilder, but its skill survives an envelope with no `context`.

With an API client configured (the reminders need one), ask-sdk's `CustomSkill.invoke`
reads `request_envelope.context.system.api_access_token` before any handler runs, so an
envelope without `context` raises AttributeError instead of getting an answer. Alexa
always sends a context; a malformed or hand-made request may not. This skill gives such
a request an empty context: it is answered without memory and without Alexa's APIs.

Every request runs inside `skill.dialog.signing.bound_to` its user and session, so
signed session state cannot be replayed into another user's or another session's.
"""

from __future__ import annotations

from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model import Context, RequestEnvelope, ResponseEnvelope
from ask_sdk_model.interfaces.system import SystemState

from skill.alexa.serializer import FastSerializer
from skill.dialog import signing


class NightLegsSkill(CustomSkill):  # type: ignore[misc]
    def __init__(self, skill_configuration: Any) -> None:
        super().__init__(skill_configuration=skill_configuration)
        self.serializer = FastSerializer()  # ask-sdk's, with a fast timestamp path

    def invoke(self, request_envelope: RequestEnvelope, context: Any) -> ResponseEnvelope:
        if request_envelope.context is None or request_envelope.context.system is None:
            request_envelope.context = Context(system=SystemState())
        # Session state signed in this request holds for this user and session only.
        with signing.bound_to(_user_id(request_envelope), _session_id(request_envelope)):
            return super().invoke(request_envelope=request_envelope, context=context)


def _user_id(request_envelope: RequestEnvelope) -> str | None:
    user = getattr(request_envelope.context.system, "user", None)
    if user is None and request_envelope.session is not None:
        user = request_envelope.session.user
    return getattr(user, "user_id", None)


def _session_id(request_envelope: RequestEnvelope) -> str | None:
    session = request_envelope.session
    return getattr(session, "session_id", None) if session is not None else None


class NightLegsSkillBuilder(CustomSkillBuilder):  # type: ignore[misc]
    def create(self) -> NightLegsSkill:
        return NightLegsSkill(skill_configuration=self.skill_configuration)
