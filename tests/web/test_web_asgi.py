"""The body is read in full on the event loop: too slow is a 408, too big a 413, and the
app sees the whole body at once."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from skill.web.asgi import BufferedBody


def _run(messages: list[dict[str, Any]], *, max_bytes: int = 100, hang: bool = False) -> tuple[list[dict[str, Any]], list[bytes]]:
    sent: list[dict[str, Any]] = []
    seen: list[bytes] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append((await receive())["body"])
        await send({"type": "http.response.start", "status": 200, "headers": []})

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop(0)
        if hang:
            await asyncio.Event().wait()  # a client that never sends the rest
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    middleware = BufferedBody(app, max_bytes=max_bytes, timeout_s=0.2)
    asyncio.run(middleware({"type": "http"}, receive, send))
    return sent, seen


def _status(sent: list[dict[str, Any]]) -> int:
    return int(sent[0]["status"])


def test_the_app_gets_the_whole_body_at_once() -> None:
    parts = [{"type": "http.request", "body": b"{\"a\":", "more_body": True}, {"type": "http.request", "body": b"1}"}]
    sent, seen = _run(parts)
    assert seen == [b'{"a":1}'] and _status(sent) == 200


def test_a_body_that_never_finishes_is_a_408_and_never_reaches_the_app() -> None:
    sent, seen = _run([{"type": "http.request", "body": b"{", "more_body": True}], hang=True)
    assert _status(sent) == 408 and seen == []
    assert json.loads(sent[1]["body"])["error"] == "request_timeout"


def test_a_body_over_the_limit_is_a_413() -> None:
    sent, seen = _run([{"type": "http.request", "body": b"x" * 101}])
    assert _status(sent) == 413 and seen == []
