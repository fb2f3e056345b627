"""AWS Lambda entry point: `lambda_function.lambda_handler`.

The bundle puts the `skill` package, `content/` and `interaction_model/` beside this file.
"""

from __future__ import annotations

import os
import sys
from typing import Any

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:  # the bundle's root holds the skill package
    sys.path.insert(0, _HERE)

from skill.app import default_skill, handle_event  # noqa: E402

# Build the skill (and load content) at cold start, outside the first request.
_SKILL = default_skill()


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return handle_event(_SKILL, event)
