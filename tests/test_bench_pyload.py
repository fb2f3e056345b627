"""The Python load generator (bench/pyload.py) that stands in for wrk: it counts answers,
errors and timeouts as wrk does, drives loopback only, and always stops at its deadline."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import pyload


def _handler(status: int, close: bool) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            answer = b'{"seen": %d}' % len(body)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            if close:
                self.send_header("Connection", "close")
            self.end_headers()
            try:
                self.wfile.write(answer)
            except (BrokenPipeError, ConnectionResetError):  # the load generator stopped at its deadline
                pass

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextmanager
def _server(status: int = 200, close: bool = False) -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(status, close))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


ITEMS = [(b'{"a": 1}', {"Content-Type": "application/json"}), (b'{"b": 22}', {"Content-Type": "application/json"})]


def _requests(port: int) -> list[bytes]:
    return [pyload.request_bytes("127.0.0.1", port, body, headers) for body, headers in ITEMS]


def test_a_request_is_written_as_wrk_writes_it() -> None:
    raw = pyload.request_bytes("127.0.0.1", 8080, b"{}", {"Content-Type": "application/json", "Host": "x"})
    head, body = raw.split(b"\r\n\r\n")
    assert head.split(b"\r\n") == [b"POST / HTTP/1.1", b"Host: 127.0.0.1:8080", b"Content-Type: application/json",
                                   b"Content-Length: 2"]
    assert body == b"{}"


@pytest.mark.parametrize("close", [False, True], ids=["keep-alive", "closes after each answer"])
def test_answers_are_counted_on_kept_and_closed_connections(close: bool) -> None:
    with _server(close=close) as port:
        tally = pyload.run_client("127.0.0.1", port, _requests(port), connections=2, seconds=0.4, timeout=5)
    assert tally.requests > 0
    assert (tally.connect, tally.read, tally.write, tally.status, tally.timeout) == (0, 0, 0, 0, 0)
    assert len(tally.latencies_us) == tally.requests


def test_error_answers_are_counted_as_wrk_counts_them() -> None:
    with _server(status=500) as port:
        tally = pyload.run_client("127.0.0.1", port, _requests(port), connections=1, seconds=0.3, timeout=5)
    assert tally.requests > 0 and tally.status == tally.requests


def test_a_server_that_is_not_there_gives_connect_errors_and_the_run_still_ends() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound, not listening: connections are refused
        tally = pyload.run_client("127.0.0.1", port, _requests(port), connections=2, seconds=0.3, timeout=5)
    assert tally.requests == 0 and tally.connect > 0


def test_a_silent_server_gives_timeouts() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)  # accepts (in the backlog) and never answers
        port = listener.getsockname()[1]
        tally = pyload.run_client("127.0.0.1", port, _requests(port), connections=1, seconds=0.5, timeout=0.1)
    assert tally.requests == 0 and tally.timeout > 0


def test_only_loopback_servers_are_driven() -> None:
    for url in ("http://example.com:80", "https://127.0.0.1:443", "http://10.0.0.1:8080", "http://127.0.0.1"):
        with pytest.raises(ValueError, match="loopback"):
            pyload.load(url, ITEMS, seconds=1, connections=1, threads=1)


def test_load_reports_wrks_summary_from_client_processes() -> None:
    with _server() as port:
        summary = pyload.load(f"http://127.0.0.1:{port}", ITEMS, seconds=0.5, connections=2, threads=2)
    assert summary["requests"] > 0 and summary["duration_us"] > 0
    assert [summary[k] for k in ("connect", "read", "write", "status", "timeout")] == [0, 0, 0, 0, 0]
    assert 0 < summary["p50_us"] <= summary["p99_us"]


def test_without_wrk_the_bench_chooses_the_python_generator(monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import web_load

    monkeypatch.setattr(web_load.shutil, "which", lambda name: None)
    assert web_load.choose_generator("auto") == "python"
    assert "wrk not found" in web_load.describe_generator("python")
    with pytest.raises(RuntimeError, match="wrk is not installed"):
        web_load.choose_generator("wrk")
    monkeypatch.setattr(web_load.shutil, "which", lambda name: "/usr/bin/wrk")
    assert web_load.choose_generator("auto") == "wrk"
