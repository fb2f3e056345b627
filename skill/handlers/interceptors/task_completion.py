"""Tell Alexa when a routine's task is done: `Tasks.CompleteTask`.

An Alexa routine that runs a custom task (content/tasks/) waits for the skill to say the
task is over before it goes on to its next action. When a LaunchRequest carries a task,
`remember_task` marks the session; the first answer after that which ends the session
(the stretch finished, the user said stop, or a danger sign ended it) carries a
CompleteTaskDirective with status 200, once.
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response, Status
from ask_sdk_model.interfaces.tasks import CompleteTaskDirective

TASK_KEY = "routine_task"


def remember_task(handler_input: HandlerInput, name: str) -> None:
    handler_input.attributes_manager.session_attributes[TASK_KEY] = name


class CompleteTaskInterceptor(AbstractResponseInterceptor):
    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        attributes = handler_input.attributes_manager.session_attributes
        if response is None or not attributes.get(TASK_KEY) or response.should_end_session is not True:
            return
        attributes.pop(TASK_KEY, None)
        done = CompleteTaskDirective(status=Status(code="200", message="Success"))
        response.directives = [*(response.directives or []), done]


RESPONSE_INTERCEPTORS = [CompleteTaskInterceptor()]
