"""ask-sdk's `DefaultApiClient` with a timeout.

`DefaultApiClient` calls `requests` with no timeout, so a slow Alexa API would hold the
request until Alexa gives up on the skill (about 8 seconds) and the user hears an error.
This client gives each call `timeout` seconds; a timeout reaches the caller as a
`ServiceException` whose chain holds `requests.Timeout` (see `skill.reminders`).

The API endpoint comes from the request (`context.System.apiEndpoint`), and the call
carries the user's API access token: a call goes out only to Amazon's Alexa API hosts
(`ALEXA_API_HOSTS`, https, port 443), so a forged endpoint cannot collect the token.
Anything else is refused before a connection is made (`ForbiddenEndpoint`; ask-sdk
reports it as a failed call). `allow_loopback` (tests only) also allows https on a
loopback address, where the tests' stand-in for the Alexa API listens.

`requests` (with urllib3, http.client, ssl and email) is imported on the first call,
not when the skill is built: only reminders call an Alexa API, and importing it was
about 90 ms of every Lambda cold start (bench/cold.py).
"""

from __future__ import annotations

import functools
import ipaddress
from typing import Any, Callable
from urllib.parse import urlsplit

from ask_sdk_model.services import ApiClient, ApiClientRequest, ApiClientResponse

DEFAULT_TIMEOUT_SECONDS = 3.0
# Alexa's API endpoints by region (developer.amazon.com, "apiEndpoint" in the request).
ALEXA_API_HOSTS = frozenset({"api.amazonalexa.com", "api.eu.amazonalexa.com", "api.fe.amazonalexa.com"})


class ForbiddenEndpoint(ValueError):
    """The request named an API endpoint that is not Amazon's."""


def check_endpoint(url: str, *, allow_loopback: bool = False) -> None:
    """ForbiddenEndpoint unless ``url`` is https on one of Amazon's Alexa API hosts."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ForbiddenEndpoint("the API endpoint does not parse") from None
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or parts.username is not None or parts.password is not None:
        raise ForbiddenEndpoint("the API endpoint is not plain https")
    if host in ALEXA_API_HOSTS and port in (None, 443):
        return
    if allow_loopback and _loopback(host):
        return
    raise ForbiddenEndpoint("the API endpoint is not one of Amazon's Alexa API hosts")


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class TimeoutApiClient(ApiClient):  # type: ignore[misc]
    def __init__(self, timeout: float = DEFAULT_TIMEOUT_SECONDS, *, allow_loopback: bool = False) -> None:
        self.timeout = timeout
        self.allow_loopback = allow_loopback
        self._client: ApiClient | None = None

    def invoke(self, request: ApiClientRequest) -> ApiClientResponse:
        check_endpoint(str(request.url or ""), allow_loopback=self.allow_loopback)
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
