"""The Flask app on gunicorn's asyncio worker: whole requests, read on the event loop.

`BufferedBody` reads the whole body on the event loop first (at most ``max_bytes``,
within ``timeout_s``), so a client that sends its body a byte at a time holds a socket,
never a thread. Too big: 413; too slow: 408; both short JSON, like every other error of
the service. `WsgiOnThreads` then runs the WSGI (Flask) app for the complete request on
a small thread pool: one hand-off to a thread and one back per request, the response
collected whole (the service's answers are a few KB) and sent from the event loop.
"""

from __future__ import annotations

import asyncio
import contextvars
import io
import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from a2wsgi.wsgi import build_environ

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


WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class WsgiOnThreads:
    """ASGI app that runs a WSGI app on `threads` threads, one request per hand-off.

    a2wsgi's WSGIMiddleware (used before) crossed between the thread and the event loop
    for the body, the status line and every chunk of the answer, four blocking round
    trips per request; here the thread gets the request whole and gives the answer back
    whole. Behind `BufferedBody`, the body is already complete.
    """

    def __init__(self, app: WsgiApp, *, threads: int) -> None:
        self._app = app
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="wsgi")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope.get("type")
        if kind == "lifespan":
            while True:
                message = await receive()
                if message.get("type") == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message.get("type") == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if kind != "http":
            if kind == "websocket":
                await send({"type": "websocket.close", "code": 1000})
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message.get("type") == "http.disconnect":
                return
            chunks.append(message.get("body", b"") or b"")
            if not message.get("more_body", False):
                break
        environ = build_environ(scope, io.BytesIO(b"".join(chunks)))  # type: ignore[arg-type]
        context = contextvars.copy_context()
        loop = asyncio.get_running_loop()
        status, headers, body = await loop.run_in_executor(self._pool, context.run, self._call, environ)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})

    def _call(self, environ: dict[str, Any]) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        started: list[Any] = []
        out: list[bytes] = []

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
            if exc_info is not None and started:
                raise exc_info[1].with_traceback(exc_info[2])
            started[:] = [status, headers]
            return out.append

        answer = self._app(environ, start_response)
        try:
            out.extend(answer)
        finally:
            close = getattr(answer, "close", None)
            if close is not None:
                close()
        status, headers = started
        encoded = [(name.strip().encode("latin1").lower(), value.strip().encode("latin1")) for name, value in headers]
        return int(status.split(" ", 1)[0]), encoded, b"".join(out)
