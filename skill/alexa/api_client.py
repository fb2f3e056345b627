"""ask-sdk's `DefaultApiClient` with a timeout.

`DefaultApiClient` calls `requests` with no timeout, so a slow Alexa API would hold the
request until Alexa gives up on the skill (about 8 seconds) and the user hears an error.
This client gives each call `timeout` seconds; a timeout reaches the caller as a
`ServiceException` whose chain holds `requests.Timeout` (see `skill.reminders`).

`requests` (with urllib3, http.client, ssl and email) is imported on the first call,
not when the skill is built: only reminders call an Alexa API, and importing it was
about 90 ms of every Lambda cold start (bench/cold.py).
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from ask_sdk_model.services import ApiClient, ApiClientRequest, ApiClientResponse

DEFAULT_TIMEOUT_SECONDS = 3.0


class TimeoutApiClient(ApiClient):  # type: ignore[misc]
    def __init__(self, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        self.timeout = timeout
        self._client: ApiClient | None = None

    def invoke(self, request: ApiClientRequest) -> ApiClientResponse:
        if self._client is None:
            self._client = _timed_default_client(self.timeout)
        return self._client.invoke(request)


def _timed_default_client(timeout: float) -> ApiClient:
    from ask_sdk_core.api_client import DefaultApiClient

    class _TimedDefaultApiClient(DefaultApiClient):  # type: ignore[misc]
        def _resolve_method(self, request: Any) -> Callable[..., Any]:
            method = super()._resolve_method(request)
            return functools.partial(method, timeout=timeout)

    return _TimedDefaultApiClient()
