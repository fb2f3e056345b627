"""The ask-sdk handlers: one module per conversation area, and the order they are tried in.

Area modules (safety, care, builtin, conversation, info, memory, reminders, routine, stretch)
import only the shared helpers (`common`, `slot_words`, `symptom_turns`, `scope_turns`, `memory_access`,
`stretch_turns`, `display_hooks`, `task_completion`), never each other. What a
bare yes, no, next, repeat, help or stop answers is decided by the pending register's table
(`skill.dialog.pending.ROUTES`), not by this order.
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import (
    AbstractExceptionHandler,
    AbstractRequestHandler,
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)

from skill.handlers import (
    builtin,
    care,
    conversation,
    errors,
    info,
    interceptors,
    memory,
    metrics,
    reminders,
    routine,
    safety,
    screen,
    stretch,
    task_completion,
)

# Earlier handlers win: the danger screen first, then the bedtime routine and memory
# questions before the stretch, the stretch before the symptom conversation, the built-ins
# last and a catch-all after them.
ALL: list[AbstractRequestHandler] = [
    *safety.REQUEST_HANDLERS,  # danger first, whatever the intent
    *care.REQUEST_HANDLERS,  # "can I stretch it?" about the last answer or urgent advice
    *routine.REQUEST_HANDLERS,
    *reminders.REQUEST_HANDLERS,
    *memory.REQUEST_HANDLERS,
    *stretch.REQUEST_HANDLERS,
    *conversation.REQUEST_HANDLERS,
    *info.REQUEST_HANDLERS,
    *builtin.REQUEST_HANDLERS,
    *builtin.CATCH_ALL_HANDLERS,
]
REQUEST_INTERCEPTORS: list[AbstractRequestInterceptor] = [
    *interceptors.REQUEST_INTERCEPTORS,
    *memory.REQUEST_INTERCEPTORS,
    *safety.REQUEST_INTERCEPTORS,  # after the content and memory are in place
]
RESPONSE_INTERCEPTORS: list[AbstractResponseInterceptor] = [
    *memory.RESPONSE_INTERCEPTORS,
    *screen.RESPONSE_INTERCEPTORS,  # the card and, on a screen, the APL document
    *task_completion.RESPONSE_INTERCEPTORS,  # Tasks.CompleteTask when a routine's session ends
    *metrics.RESPONSE_INTERCEPTORS,  # one metrics line per request, no user data
    *interceptors.RESPONSE_INTERCEPTORS,
]
EXCEPTION_HANDLERS: list[AbstractExceptionHandler] = list(errors.EXCEPTION_HANDLERS)
