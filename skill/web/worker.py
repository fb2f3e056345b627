"""gunicorn's asyncio (ASGI) worker with a header deadline and a connection cap.

gunicorn's ``asgi`` worker (27.x) waits for a connection's first request headers with
no deadline and takes every connection it is offered: silent connections stayed open
for minutes, and about 2,100 of them used up a 1,024-descriptor limit, after which
genuine requests timed out. This worker adds, per connection:

- a **header deadline**: the request line and headers must be complete within
  ``header_timeout_s`` of the connection opening (each connection's deadline is drawn
  between 60% and 100% of it, so a crowd opened at once is not closed at once) (later requests on a kept-alive
  connection are bounded by gunicorn's own keep-alive timer, which runs until their
  headers are complete); the body has its own deadline (``skill.web.asgi.BufferedBody``);
- a **connection cap** per worker (gunicorn's ``worker_connections``, lowered to fit
  the process's descriptor limit): over it, the oldest connection still waiting for
  its headers is closed to make room, so a crowd of idle sockets cannot lock genuine
  requests out; when none is idle, the new connection gets a 503 and is closed.

The worker raises its soft descriptor limit to the hard limit at start, as servers do.
"""

from __future__ import annotations

import asyncio
import random
import resource
from collections import OrderedDict
from typing import Any

from gunicorn.asgi.protocol import ASGIProtocol
from gunicorn.workers.gasgi import ASGIWorker

HEADER_TIMEOUT_S = 10.0  # Alexa sends a request's headers at once; long enough that an idle crowd turns over slowly
FD_RESERVE = 64  # descriptors kept for the listener, logs, SQLite files, certificate fetches
_BUSY = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: 54\r\nConnection: close\r\n\r\n"
_BUSY_BODY = b'{"error":"service_unavailable","message":"try again"}\n'


def raise_fd_limit() -> int:
    """Raise the soft descriptor limit to the hard one; the soft limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    return soft


def connection_cap(configured: int, fd_limit: int) -> int:
    """At most ``configured`` connections, and never more than the descriptors allow."""
    return max(1, min(configured, fd_limit - FD_RESERVE))


class GuardedProtocol(ASGIProtocol):  # type: ignore[misc]
    """One HTTP connection: gunicorn's protocol plus the header deadline and the cap."""

    worker: GuardedAsgiWorker

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._header_timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        worker = self.worker
        if worker.nr_conns > worker.connection_cap and not worker.make_room():
            transport.write(_BUSY + _BUSY_BODY)  # type: ignore[attr-defined]
            self._close_transport()
            return
        worker.waiting[self] = None
        # Spread over the last 40% of the deadline: a crowd opened together is not closed
        # (and re-opened) all in one turn of the event loop, which stalled genuine requests.
        deadline = worker.header_timeout_s * (1.0 - 0.4 * random.random())
        self._header_timer = worker.loop.call_later(deadline, self._header_timeout)

    def _on_headers_complete(self) -> Any:
        self._headers_arrived()
        return super()._on_headers_complete()

    def _headers_arrived(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        self.worker.waiting.pop(self, None)

    def _header_timeout(self) -> None:
        self._header_timer = None
        self.close_idle()

    def close_idle(self) -> None:
        """Close a connection whose request headers have not arrived."""
        self.worker.waiting.pop(self, None)
        self._close_transport()
        if self._request_ready is not None:
            self._request_ready.set()  # let the connection's task see it is closed

    def connection_lost(self, exc: Exception | None) -> None:
        self._headers_arrived()
        super().connection_lost(exc)


class GuardedAsgiWorker(ASGIWorker):  # type: ignore[misc]
    """gunicorn's ASGI worker serving `GuardedProtocol` connections."""

    header_timeout_s = HEADER_TIMEOUT_S

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.connection_cap = int(self.cfg.worker_connections)
        self.waiting: OrderedDict[GuardedProtocol, None] = OrderedDict()  # oldest first

    def init_process(self) -> None:
        self.connection_cap = connection_cap(int(self.cfg.worker_connections), raise_fd_limit())
        super().init_process()

    def make_room(self) -> bool:
        """Close the oldest connection still waiting for its headers; False if none is."""
        while self.waiting:
            oldest, _ = self.waiting.popitem(last=False)
            if not oldest._closed:
                oldest.close_idle()
                return True
        return False

    async def _serve(self) -> None:
        # gunicorn's _serve builds its servers with ASGIProtocol by name; serve ours.
        import gunicorn.workers.gasgi as gasgi

        gasgi.ASGIProtocol = GuardedProtocol
        await super()._serve()
