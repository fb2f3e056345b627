"""A small pure-Python load driver (threads + http.client) for the CI soak test.

CI cannot install wrk, so the soak test drives the server with this: `threads` clients
post the pool's bodies round-robin until `requests` have been sent or `seconds` have
passed, and count every status code and every connection error.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

Items = Callable[[], Sequence[tuple[bytes, dict[str, str]]]]


@dataclass
class LoadResult:
    statuses: Counter[int] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    bad_bodies: int = 0
    sent: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> int:
        return self.statuses.get(200, 0)


def drive(
    url: str,
    items: Items,
    *,
    requests: int,
    seconds: float,
    threads: int,
    check: Callable[[bytes], bool] = lambda body: True,
) -> LoadResult:
    """Post until `requests` are sent or `seconds` pass; every answer is counted."""
    target = urlsplit(url)
    result = LoadResult()
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        try:
            while time.monotonic() < deadline:
                with lock:
                    number = next(counter, None)
                if number is None:
                    return
                pool = items()
                body, headers = pool[number % len(pool)]
                try:
                    connection.request("POST", "/", body=body, headers=headers)
                    reply = connection.getresponse()
                    payload = reply.read()
                    if reply.will_close:
                        connection.close()
                except (OSError, http.client.HTTPException) as exc:
                    connection.close()
                    with lock:
                        result.errors[type(exc).__name__] += 1
                    continue
                good = reply.status == 200 and check(payload)
                with lock:
                    result.statuses[reply.status] += 1
                    result.bad_bodies += 0 if good or reply.status != 200 else 1
        finally:
            connection.close()

    start = time.monotonic()
    workers = [threading.Thread(target=client, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    result.seconds = time.monotonic() - start
    result.sent = sum(result.statuses.values()) + sum(result.errors.values())
    return result
