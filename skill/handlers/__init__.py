"""The ask-sdk handlers, in three rooms, and the order they are tried in.

- `areas/`: one module per conversation area (safety, care, builtin, conversation, info,
  memory, night_log, reminders, routine, stretch); each imports only `shared/`, never another area.
- `shared/`: the helpers areas share (`common`: content, state, slots and the reply builder
  over the pure policy `skill.dialog.turns`; the symptom, scope, memory and stretch turns).
- `interceptors/`: what runs around every handler (content and request log, the card and
  device display, Tasks.CompleteTask, metrics) and the one exception handler.

What a
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

from skill.handlers.areas import builtin, care, conversation, info, memory, night_log, reminders, routine, safety, stretch
from skill.handlers.interceptors import device_display, errors, metrics, task_completion
from skill.handlers.interceptors import request_context

# Earlier handlers win: the danger screen first, then the bedtime routine and memory
# questions before the stretch, the stretch before the symptom conversation, the built-ins
# last and a catch-all after them.
ALL: list[AbstractRequestHandler] = [
    *safety.REQUEST_HANDLERS,  # danger first, whatever the intent
    *care.REQUEST_HANDLERS,  # "can I stretch it?" about the last answer or urgent advice
    *routine.REQUEST_HANDLERS,
    *reminders.REQUEST_HANDLERS,
    *night_log.REQUEST_HANDLERS,  # before memory ("delete my night log" is a ForgetMeIntent) and the conversation
    *memory.REQUEST_HANDLERS,
    *stretch.REQUEST_HANDLERS,
    *conversation.REQUEST_HANDLERS,
    *info.REQUEST_HANDLERS,
    *builtin.REQUEST_HANDLERS,
    *builtin.CATCH_ALL_HANDLERS,
]
REQUEST_INTERCEPTORS: list[AbstractRequestInterceptor] = [
    *request_context.REQUEST_INTERCEPTORS,
    *memory.REQUEST_INTERCEPTORS,
    *safety.REQUEST_INTERCEPTORS,  # after the content and memory are in place
]
RESPONSE_INTERCEPTORS: list[AbstractResponseInterceptor] = [
    *memory.RESPONSE_INTERCEPTORS,
    *device_display.RESPONSE_INTERCEPTORS,  # the card and, on a screen, the APL document
    *task_completion.RESPONSE_INTERCEPTORS,  # Tasks.CompleteTask when a routine's session ends
    *metrics.RESPONSE_INTERCEPTORS,  # one metrics line per request, no user data
    *request_context.RESPONSE_INTERCEPTORS,
]
EXCEPTION_HANDLERS: list[AbstractExceptionHandler] = list(errors.EXCEPTION_HANDLERS)
