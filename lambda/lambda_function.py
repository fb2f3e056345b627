"""AWS Lambda entry point: `lambda_function.lambda_handler`.

The bundle puts the `skill` package, `content/` and `interaction_model/` beside this file.

An event that is not an Alexa request envelope (None, a list, a string, an unknown
request type, a bad timestamp, nesting deeper than `skill.events.MAX_DEPTH`) is refused
before ask-sdk sees it: one short log line that names the problem and carries no user
data, and a small error object instead of a raw exception.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:  # the bundle's root holds the skill package
    sys.path.insert(0, _HERE)

from skill.app import default_skill, handle_event  # noqa: E402
from skill.events import BadEvent, check_envelope  # noqa: E402

log = logging.getLogger("nightlegs.lambda")

# Build the skill (and load content) at cold start, outside the first request.
_SKILL = default_skill()


def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    try:
        envelope = check_envelope(event)
    except BadEvent as exc:
        log.warning("refused event: %s", exc)
        return {"error": "bad_request", "message": str(exc)}
    return handle_event(_SKILL, envelope)
