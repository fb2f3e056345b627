"""A Python HTTP load generator for loopback: what `bench.web_load` uses when `wrk` is missing.

It works like the wrk run it stands in for: `threads` client processes (wrk's -t), each
keeping its share of `connections` (wrk's -c) busy with one request at a time, replaying
prepared requests round-robin for `seconds`, and reporting the same numbers as wrk's
summary (requests, duration, socket errors, non-2xx/3xx answers, timeouts, p50/p99
latency). Each process drives its connections from one `selectors` loop over raw
sockets: the requests are built once as bytes and a response is read by its
Content-Length, so the client spends as little CPU per request as Python allows. It
still spends more than wrk, on the same cores as the servers: a faster server costs the
client more CPU, so ratios against a faster baseline read a little kinder than wrk's
(docs/benchmarks.md).

Loopback only (the URL must be http://127.0.0.1 or localhost), and every loop is bounded:
the run ends at its deadline, a connection that cannot connect waits before it tries
again, and an answer that takes longer than `timeout` seconds is counted and dropped.
"""

from __future__ import annotations

import multiprocessing
import selectors
import socket
import statistics
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_RESPONSE_BYTES = 4 * 2**20  # a loopback benchmark answer is never this big: a broken server
RECONNECT_PAUSE_S = 0.05


def request_bytes(host: str, port: int, body: bytes, headers: Mapping[str, str]) -> bytes:
    """One POST / as wrk.format writes it (Host and Content-Length added)."""
    lines = ["POST / HTTP/1.1", f"Host: {host}:{port}"]
    lines += [f"{k}: {v}" for k, v in headers.items() if k.lower() not in ("host", "content-length")]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


@dataclass
class _Conn:
    sock: socket.socket | None = None
    buffer: bytearray = field(default_factory=bytearray)
    started: float = 0.0
    retry_at: float = 0.0


@dataclass
class Tally:
    requests: int = 0
    connect: int = 0
    read: int = 0
    write: int = 0
    status: int = 0
    timeout: int = 0
    latencies_us: list[float] = field(default_factory=list)
    duration_s: float = 0.0


def _response_length(buffer: bytearray) -> tuple[int, int, bool] | None:
    """(status, total length, server closes) once the headers are in, else None."""
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        if len(buffer) > 65536:
            raise ValueError("headers too long")
        return None
    head = bytes(buffer[:end]).decode("latin-1").split("\r\n")
    status = int(head[0].split(" ", 2)[1])
    length, close = 0, head[0].startswith("HTTP/1.0")
    for line in head[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "connection":
            close = value.strip().lower() == "close"
        elif name == "transfer-encoding":
            raise ValueError("chunked answers are not expected from these servers")
    if length > MAX_RESPONSE_BYTES:
        raise ValueError("answer too large")
    return status, end + 4 + length, close


def run_client(host: str, port: int, requests: Sequence[bytes], connections: int, seconds: float,
               timeout: float, offset: int = 0) -> Tally:
    """One client process's share: `connections` sockets, one request in flight on each,
    until `seconds` have passed."""
    tally = Tally()
    selector = selectors.DefaultSelector()
    conns = [_Conn() for _ in range(connections)]
    counter = offset

    def close(conn: _Conn) -> None:
        if conn.sock is not None:
            selector.unregister(conn.sock)
            conn.sock.close()
            conn.sock = None
        conn.buffer.clear()

    def send_next(conn: _Conn, now: float) -> None:
        nonlocal counter
        if conn.sock is None:
            try:
                conn.sock = socket.create_connection((host, port), timeout=timeout)
            except OSError:
                tally.connect += 1
                conn.retry_at = now + RECONNECT_PAUSE_S
                return
            # Blocking: a request of a few KB always fits the loopback send buffer, and
            # recv is only called when the selector says there is something to read.
            conn.sock.settimeout(None)
            conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            selector.register(conn.sock, selectors.EVENT_READ, conn)
        counter += 1
        try:
            conn.sock.sendall(requests[counter % len(requests)])
        except OSError:
            tally.write += 1
            close(conn)
            conn.retry_at = now + RECONNECT_PAUSE_S
            return
        conn.started = time.perf_counter()

    start = time.perf_counter()
    deadline = start + seconds
    for conn in conns:
        send_next(conn, start)
    while True:
        now = time.perf_counter()
        if now >= deadline:
            break
        for key, _ in selector.select(timeout=min(0.05, deadline - now)):
            conn = key.data
            try:
                chunk = conn.sock.recv(262144)
            except OSError:
                chunk = b""
            if not chunk:  # closed by the server: an error unless it said so after an answer
                tally.read += 1
                close(conn)
                send_next(conn, time.perf_counter())
                continue
            conn.buffer += chunk
            try:
                parsed = _response_length(conn.buffer)
            except ValueError:
                tally.read += 1
                close(conn)
                send_next(conn, time.perf_counter())
                continue
            if parsed is None or len(conn.buffer) < parsed[1]:
                continue
            status, total, server_closes = parsed
            done = time.perf_counter()
            if done <= deadline:
                tally.requests += 1
                tally.latencies_us.append((done - conn.started) * 1e6)
                if status > 399:
                    tally.status += 1
            del conn.buffer[:total]
            if server_closes:
                close(conn)
            send_next(conn, done)
        now = time.perf_counter()
        for conn in conns:  # answers overdue, and connections waiting to reconnect
            if conn.sock is not None and now - conn.started > timeout:
                tally.timeout += 1
                close(conn)
                send_next(conn, now)
            elif conn.sock is None and now >= conn.retry_at:
                send_next(conn, now)
    tally.duration_s = time.perf_counter() - start
    for conn in conns:
        close(conn)
    selector.close()
    return tally


def _child(args: tuple[str, int, list[bytes], int, float, float, int], ready: Any, go: Any, out: Any) -> None:
    host, port, requests, connections, seconds, timeout, offset = args
    ready.set()
    go.wait(timeout=60)
    out.send(run_client(host, port, requests, connections, seconds, timeout, offset))
    out.close()


def check_loopback(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK or parts.port is None:
        raise ValueError(f"the Python load generator drives loopback servers only, not {url!r}")
    return parts.hostname, parts.port


def load(url: str, items: Sequence[tuple[bytes, Mapping[str, str]]], *, seconds: float, connections: int,
         threads: int, timeout: float = 10.0) -> dict[str, Any]:
    """Drive `url` for `seconds` with `connections` spread over `threads` client processes;
    the summary in wrk's terms (the keys bench.web_load reads from wrk's script)."""
    host, port = check_loopback(url)
    requests = [request_bytes(host, port, body, headers) for body, headers in items]
    threads = max(1, min(threads, connections))
    context = multiprocessing.get_context("spawn")  # a clean process: only this module and the stdlib
    go = context.Event()
    children = []
    for number in range(threads):
        share = connections // threads + (1 if number < connections % threads else 0)
        ready = context.Event()
        receive, send = context.Pipe(duplex=False)
        args = (host, port, requests, share, float(seconds), timeout, number * 7919)
        process = context.Process(target=_child, args=(args, ready, go, send), daemon=True)
        process.start()
        send.close()
        children.append((process, ready, receive))
    for process, ready, _ in children:
        if not ready.wait(timeout=60):
            raise RuntimeError("a load generator process did not start")
    go.set()
    tallies: list[Tally] = []
    for process, _, receive in children:
        if not receive.poll(seconds + timeout + 60):
            process.kill()
            raise RuntimeError("a load generator process did not report")
        tallies.append(receive.recv())
        process.join(timeout=10)
    latencies = sorted(v for t in tallies for v in t.latencies_us)
    if len(latencies) >= 2:
        cuts = statistics.quantiles(latencies, n=100, method="inclusive")
        p50, p99 = cuts[49], cuts[98]
    else:
        p50 = p99 = latencies[0] if latencies else 0.0
    duration = max(t.duration_s for t in tallies)
    return {
        # requests/s over the processes' common window, as wrk's sum over its threads
        "requests": sum(t.requests for t in tallies),
        "duration_us": duration * 1e6,
        "connect": sum(t.connect for t in tallies),
        "read": sum(t.read for t in tallies),
        "write": sum(t.write for t in tallies),
        "status": sum(t.status for t in tallies),
        "timeout": sum(t.timeout for t in tallies),
        "p50_us": p50,
        "p99_us": p99,
        "mean_us": statistics.fmean(latencies) if latencies else 0.0,
    }
