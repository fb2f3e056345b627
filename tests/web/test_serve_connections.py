"""Issue 23, finding 4, served for real: a header deadline and a connection cap per
worker (`skill.web.worker`), and genuine requests answered quickly while a stranger
holds 2,000 idle connections and sends 40 unsigned bad-URL requests a minute.

Loopback only; every loop is bounded. Slow: each test starts `nightlegs serve`."""

from __future__ import annotations

import multiprocessing
import socket
import statistics
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

from alexa_fakes import Pki, body_of, envelope, sign
from fuzz.serve import chain_server, nightlegs_serve
from skill.web.worker import HEADER_TIMEOUT_S
from test_web_serve import _start

pytestmark = pytest.mark.slow
GOOD_CERT_URL = "https://s3.amazonaws.com/echo.api/good.pem"


def _address(url: str) -> tuple[str, int]:
    host, port = url.removeprefix("http://").split(":")
    return host, int(port)


def _closed_within(sock: socket.socket, seconds: float) -> float | None:
    """Seconds until the server closed ``sock`` (None if still open after ``seconds``)."""
    started = time.monotonic()
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return None
    except OSError:
        pass
    return time.monotonic() - started


def test_a_silent_connection_is_closed_at_the_header_deadline(tmp_path: Path) -> None:
    with _start({"NIGHTLEGS_DB": str(tmp_path / "m.sqlite3")}, "--insecure-skip-verification") as server:
        silent = socket.create_connection(_address(server.url))
        elapsed = _closed_within(silent, HEADER_TIMEOUT_S + 10)
        assert elapsed is not None, "a connection that sends nothing is held open"
        assert elapsed < HEADER_TIMEOUT_S + 5


def test_headers_dripped_a_line_a_second_are_cut_off_at_the_deadline(tmp_path: Path) -> None:
    with _start({"NIGHTLEGS_DB": str(tmp_path / "m.sqlite3")}, "--insecure-skip-verification") as server:
        slow = socket.create_connection(_address(server.url))
        slow.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        started = time.monotonic()
        closed = False
        for n in range(int(HEADER_TIMEOUT_S) + 15):  # bounded: far past the deadline
            time.sleep(1.0)
            try:
                slow.sendall(f"X-Slow-{n}: x\r\n".encode())
            except OSError:
                closed = True
                break
            slow.setblocking(False)
            try:
                if slow.recv(4096) == b"":
                    closed = True
                    break
            except BlockingIOError:
                pass
            except OSError:
                closed = True
                break
            slow.setblocking(True)
        elapsed = time.monotonic() - started
        assert closed, "headers dripped a line a second keep the connection forever"
        assert elapsed < HEADER_TIMEOUT_S + 5


def test_idle_connections_over_the_cap_make_room_for_a_genuine_request(tmp_path: Path) -> None:
    settings = {"NIGHTLEGS_DB": str(tmp_path / "m.sqlite3")}
    with _start(settings, "--insecure-skip-verification", "--max-connections", "50") as server:
        idle = [socket.create_connection(_address(server.url)) for _ in range(200)]
        try:
            body = body_of(envelope())
            reply = requests.post(f"{server.url}/", data=body, headers={"Content-Type": "application/json"}, timeout=10)
            assert reply.status_code == 200
        finally:
            for sock in idle:
                sock.close()


def _hold_idle(address: tuple[str, int], count: int, stop: Any, opened: Any) -> None:
    """Hold ``count`` idle connections open, opening a new one for each the server closes."""
    import selectors

    selector = selectors.DefaultSelector()
    socks: set[socket.socket] = set()
    try:
        while not stop.is_set():
            while len(socks) < count and not stop.is_set():
                try:
                    sock = socket.create_connection(address, timeout=2)
                except OSError:
                    break
                sock.setblocking(False)
                selector.register(sock, selectors.EVENT_READ)
                socks.add(sock)
                with opened.get_lock():
                    opened.value += 1
            for key, _ in selector.select(timeout=0.2):
                sock = key.fileobj  # readable: the server closed it
                selector.unregister(sock)
                socks.discard(sock)  # type: ignore[arg-type]
                sock.close()  # type: ignore[union-attr]
    finally:
        for sock in socks:
            sock.close()
        selector.close()


class _IdleCrowd:
    """A separate process holding ``count`` idle connections (so the client measuring
    genuine requests does not share its interpreter with the crowd)."""

    def __init__(self, address: tuple[str, int], count: int) -> None:
        context = multiprocessing.get_context("fork")
        self._stop = context.Event()
        self._opened = context.Value("i", 0)
        self._process = context.Process(target=_hold_idle, args=(address, count, self._stop, self._opened), daemon=True)

    @property
    def opened(self) -> int:
        return int(self._opened.value)

    def __enter__(self) -> _IdleCrowd:
        self._process.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._process.join(timeout=30)
        if self._process.is_alive():
            self._process.kill()


def test_genuine_requests_stay_fast_under_idle_connections_and_unsigned_bad_urls(tmp_path: Path) -> None:
    from alexa_fakes import build_pki

    pki: Pki = build_pki()
    with chain_server(pki) as origin, nightlegs_serve(
        workers=2, verify=True, pki=pki, chain_origin=origin, db_dir=tmp_path
    ) as server:
        url = server.url
        for _ in range(20):  # warm-up: content loaded, chain fetched, in both workers
            body = body_of(envelope())
            requests.post(f"{url}/", data=body, headers=sign(body, pki.signing_key, cert_url=GOOD_CERT_URL), timeout=10)

        stop = threading.Event()
        bad_statuses: list[int] = []

        def unsigned_bad_urls() -> None:  # 40 a minute, each naming a new junk chain URL
            while not stop.wait(60 / 40):
                body = body_of(envelope())
                headers = {**sign(body, pki.other_key), "SignatureCertChainUrl": f"https://s3.amazonaws.com/echo.api/{uuid.uuid4()}.pem"}
                try:
                    bad_statuses.append(requests.post(f"{url}/", data=body, headers=headers, timeout=10).status_code)
                except requests.RequestException:
                    bad_statuses.append(0)

        attacker = threading.Thread(target=unsigned_bad_urls, daemon=True)
        times: list[float] = []
        statuses: list[int] = []
        with _IdleCrowd(_address(url), 2000) as crowd:
            time.sleep(3.0)  # let the crowd gather
            attacker.start()
            session = requests.Session()
            deadline = time.monotonic() + 30  # bounded: at most 30 s of genuine traffic
            while time.monotonic() < deadline and len(times) < 400:
                body = body_of(envelope(request_type="IntentRequest", intent="AMAZON.HelpIntent"))
                headers = sign(body, pki.signing_key, cert_url=GOOD_CERT_URL)  # Alexa's work, not the service's
                started = time.perf_counter()
                reply = session.post(f"{url}/", data=body, headers=headers, timeout=10)
                times.append((time.perf_counter() - started) * 1000)
                statuses.append(reply.status_code)
                time.sleep(0.05)
            stop.set()
            attacker.join(timeout=15)
            held = crowd.opened
        log = server.log()

    assert held >= 2000
    assert set(statuses) == {200}, (statuses, log[-2000:])
    assert bad_statuses and set(bad_statuses) == {400}, bad_statuses
    p99 = statistics.quantiles(times, n=100)[98]
    slowest = sorted(times)[-5:]
    assert p99 < 100, f"p99 {p99:.1f} ms over {len(times)} genuine requests (median {statistics.median(times):.1f}, slowest {slowest})"
    assert "too many certificate fetches" not in log
