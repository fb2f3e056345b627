"""`nightlegs serve`: refuses unsafe settings; started for real, it answers signed requests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from alexa_fakes import SKILL_ID, Pki, body_of, envelope, sign
from skill.cli import serve as cli_serve
from skill.cli.main import main as nightlegs


def _serve(*argv: str) -> int:
    return nightlegs(["serve", *argv])


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.com"])
def test_insecure_mode_is_refused_off_loopback(host: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _serve("--host", host, "--insecure-skip-verification", "--skill-id", "x") == 2
    assert "refusing --insecure-skip-verification" in capsys.readouterr().err


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost"])
def test_loopback_hosts_are_recognised(host: str) -> None:
    assert cli_serve.is_loopback(host)


def test_serve_needs_a_skill_id_to_verify(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("NIGHTLEGS_SKILL_ID", raising=False)
    assert _serve() == 2
    assert "--skill-id" in capsys.readouterr().err


def test_zero_workers_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert _serve("--workers", "0", "--skill-id", "x") == 2
    assert "--workers" in capsys.readouterr().err


def test_port_out_of_range_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert _serve("--port", "70000", "--skill-id", "x") == 2
    assert "--port" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("host", "bind"), [("127.0.0.1", "127.0.0.1:8080"), ("::1", "[::1]:8080"), ("[::1]", "[::1]:8080")]
)
def test_ipv6_hosts_are_bracketed_for_gunicorn(host: str, bind: str) -> None:
    assert cli_serve.bind_address(host, 8080) == bind


# --- the real thing: gunicorn in a child process, the real skill, real HTTP -----------

GOOD_CERT_URL = "https://s3.amazonaws.com/echo.api/good.pem"  # the loopback chain server's good chain


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _nightlegs_command() -> list[str]:
    script = Path(sys.executable).with_name("nightlegs")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from skill.cli.main import main; sys.exit(main())"]


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]

    def output(self) -> str:
        self.process.terminate()
        out, _ = self.process.communicate(timeout=30)
        return out


@contextmanager
def _start(extra_env: dict[str, str], *argv: str) -> Iterator[Server]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIGHTLEGS_")}
    env.update(extra_env)
    process = subprocess.Popen(
        [*_nightlegs_command(), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1", *argv],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    server = Server(f"http://127.0.0.1:{port}", process)
    deadline = time.monotonic() + 60  # a start-up wait, not a speed check
    health = "no answer"
    while True:
        if process.poll() is not None:
            pytest.fail(f"nightlegs serve exited with {process.returncode}:\n{server.output()}")
        try:
            reply = requests.get(f"{server.url}/healthz", timeout=5)
            health = reply.text
            if reply.status_code == 200:
                break
        except requests.ConnectionError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"nightlegs serve never became healthy ({health}):\n{server.output()}")
        time.sleep(0.2)
    try:
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout is not None:
            process.stdout.close()


@pytest.fixture
def verified_server(root_pem_file: Path, chain_origin: str, tmp_path: Path) -> Iterator[Server]:
    settings = {
        "NIGHTLEGS_EXTRA_TRUST_ROOTS": str(root_pem_file),
        "NIGHTLEGS_CERT_FETCH_ORIGIN": chain_origin,
        "NIGHTLEGS_DB": str(tmp_path / "memory.sqlite3"),
    }
    with _start(settings, "--skill-id", SKILL_ID) as server:
        yield server


def _launch_speech_from_the_skill_itself(document: dict[str, object]) -> str:
    from skill.app import create_skill, handle_event

    answer = handle_event(create_skill(), document)
    return str(answer["response"]["outputSpeech"]["ssml"])


def test_serve_answers_a_signed_launch_request_over_http(
    verified_server: Server, pki: Pki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NIGHTLEGS_DB", str(tmp_path / "in-process.sqlite3"))  # a fresh user here too
    document = envelope()
    body = body_of(document)
    reply = requests.post(
        f"{verified_server.url}/", data=body, headers=sign(body, pki.signing_key, cert_url=GOOD_CERT_URL), timeout=30
    )
    assert reply.status_code == 200, reply.text
    speech = reply.json()["response"]["outputSpeech"]["ssml"]
    assert "Night Legs" in speech
    assert speech == _launch_speech_from_the_skill_itself(document)


def test_serve_refuses_a_request_signed_with_another_key(verified_server: Server, pki: Pki) -> None:
    body = body_of(envelope())
    reply = requests.post(
        f"{verified_server.url}/", data=body, headers=sign(body, pki.other_key, cert_url=GOOD_CERT_URL), timeout=30
    )
    assert reply.status_code == 400
    assert reply.json()["error"] == "bad_request"
    log = verified_server.output()
    assert "signature does not match" in log
    assert "SECRET" not in log  # no user or device ids in the log
    assert "NIGHTLEGS_CERT_FETCH_ORIGIN is set; it is for tests only" in log


def test_insecure_serve_warns_and_answers_unsigned_requests(tmp_path: Path) -> None:
    with _start({"NIGHTLEGS_DB": str(tmp_path / "memory.sqlite3")}, "--insecure-skip-verification") as server:
        body = body_of(envelope())
        reply = requests.post(f"{server.url}/", data=body, headers={"Content-Type": "application/json"}, timeout=30)
        assert reply.status_code == 200
        log = server.output()
        assert "signatures are NOT verified" in log
        # one log line for the one request: the service's own, with its status
        lines = [line for line in log.splitlines() if "LaunchRequest" in line]
        assert len(lines) == 1 and "nightlegs.web" in lines[0] and "status=200" in lines[0], lines


class _SlowClient:
    """A client that sends its headers (or its body) a little now and then, never finishing."""

    def __init__(self, url: str, *, body: bool = False) -> None:
        host, port = url.removeprefix("http://").split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=5)
        if body:  # complete headers, then a body that never finishes
            self.sock.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 900\r\n\r\n{")
        else:
            self.sock.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-0: x\r\n")
        self.body = body

    def drip(self, n: int) -> None:
        self.sock.sendall(b" " if self.body else f"X-Slow-{n}: x\r\n".encode())

    def still_open(self) -> bool:
        self.sock.setblocking(False)
        try:
            return self.sock.recv(1) != b""  # data would be an answer to a request it never finished
        except BlockingIOError:
            return True  # nothing to read: the server still waits on it
        except OSError:
            return False


def _worker_class_for_comparison() -> dict[str, str]:
    """NIGHTLEGS_SERVE_WORKER_CLASS passed through, to run this test against the old model."""
    chosen = os.environ.get(cli_serve.ENV_WORKER_CLASS)
    return {cli_serve.ENV_WORKER_CLASS: chosen} if chosen else {}


@pytest.mark.slow
def test_slow_clients_do_not_hold_back_a_genuine_request(tmp_path: Path) -> None:
    # One worker; more slow clients than a thread-per-connection worker could spare. A
    # genuine request is answered while every slow client is still connected and
    # unfinished (the hang guard below is far under gunicorn's 30 s worker timeout, which
    # is what freed a sync worker from a slow client).
    settings = {"NIGHTLEGS_DB": str(tmp_path / "memory.sqlite3"), **_worker_class_for_comparison()}
    with _start(settings, "--insecure-skip-verification") as server:
        slow = [_SlowClient(server.url, body=n % 2 == 1) for n in range(40)]
        time.sleep(0.5)  # let the server take them in
        for client in slow:
            client.drip(1)
        body = body_of(envelope())
        reply = requests.post(f"{server.url}/", data=body, headers={"Content-Type": "application/json"}, timeout=15)
        assert reply.status_code == 200
        assert all(client.still_open() for client in slow)
        for client in slow:
            client.sock.close()
