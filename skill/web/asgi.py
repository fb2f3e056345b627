"""The Flask app on gunicorn's asyncio worker: whole requests, read on the event loop.

a2wsgi runs the WSGI app on a small thread pool and feeds it the body as it arrives, so a
client that sends its body a byte at a time would hold a thread. `BufferedBody` reads the
whole body on the event loop first (at most ``max_bytes``, within ``timeout_s``), and
only a complete request reaches a thread. Too big: 413; too slow: 408; both short JSON,
like every other error of the service.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
AsgiApp = Callable[[Scope, Receive, Send], Awaitable[None]]


async def _reply(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": code, "message": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


class BufferedBody:
    """ASGI middleware: the request body in full before the wrapped app sees the request."""

    def __init__(self, app: AsgiApp, *, max_bytes: int, timeout_s: float) -> None:
        self._app = app
        self._max_bytes = max_bytes
        self._timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await self._app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self._timeout_s):
                while True:
                    message = await receive()
                    if message.get("type") == "http.disconnect":
                        return
                    body = message.get("body", b"") or b""
                    size += len(body)
                    if size > self._max_bytes:
                        await _reply(send, 413, "request_entity_too_large", "the body is too large")
                        return
                    chunks.append(body)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            await _reply(send, 408, "request_timeout", "the body did not arrive in time")
            return
        whole: Message | None = {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        async def replay() -> Message:
            nonlocal whole
            if whole is not None:
                message, whole = whole, None
                return message
            return await receive()

        await self._app(scope, replay, send)
