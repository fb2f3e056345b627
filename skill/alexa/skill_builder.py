"""ask-sdk's CustomSkillBuilder, but its skill survives an envelope with no `context`.

With an API client configured (the reminders need one), ask-sdk's `CustomSkill.invoke`
reads `request_envelope.context.system.api_access_token` before any handler runs, so an
envelope without `context` raises AttributeError instead of getting an answer. Alexa
always sends a context; a malformed or hand-made request may not. This skill gives such
a request an empty context: it is answered without memory and without Alexa's APIs.
"""

from __future__ import annotations

from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model import Context, RequestEnvelope, ResponseEnvelope
from ask_sdk_model.interfaces.system import SystemState

from skill.alexa.serializer import FastSerializer


class NightLegsSkill(CustomSkill):  # type: ignore[misc]
    def __init__(self, skill_configuration: Any) -> None:
        super().__init__(skill_configuration=skill_configuration)
        self.serializer = FastSerializer()  # ask-sdk's, with a fast timestamp path

    def invoke(self, request_envelope: RequestEnvelope, context: Any) -> ResponseEnvelope:
        if request_envelope.context is None or request_envelope.context.system is None:
            request_envelope.context = Context(system=SystemState())
        return super().invoke(request_envelope=request_envelope, context=context)


class NightLegsSkillBuilder(CustomSkillBuilder):  # type: ignore[misc]
    def create(self) -> NightLegsSkill:
        return NightLegsSkill(skill_configuration=self.skill_configuration)
