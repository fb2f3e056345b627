"""ask-sdk's `DefaultApiClient` with a timeout.

`DefaultApiClient` calls `requests` with no timeout, so a slow Alexa API would hold the
request until Alexa gives up on the skill (about 8 seconds) and the user hears an error.
This client gives each call `timeout` seconds; a timeout reaches the caller as a
`ServiceException` whose chain holds `requests.Timeout` (see `skill.reminders`).
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from ask_sdk_core.api_client import DefaultApiClient

DEFAULT_TIMEOUT_SECONDS = 3.0


class TimeoutApiClient(DefaultApiClient):  # type: ignore[misc]
    def __init__(self, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        super().__init__()
        self.timeout = timeout

    def _resolve_method(self, request: Any) -> Callable[..., Any]:
        method = super()._resolve_method(request)
        return functools.partial(method, timeout=self.timeout)
