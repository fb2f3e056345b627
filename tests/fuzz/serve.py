"""Real servers on loopback for the soak test and the HTTP benchmark.

- `chain_server(pki)`: plays S3, serving the test CA's signing chain on 127.0.0.1.
- `nightlegs_serve(...)`: `nightlegs serve` in a child process (gunicorn, N workers),
  verifying signatures against the test root, or with --insecure-skip-verification.
- `hello_serve(...)`: flask-ask-sdk serving bench/hello.py's skill on gunicorn the same way.
- `SignedPool`: request bodies from the recorded workload, freshly stamped and signed,
  re-signed before Alexa's 150 s timestamp tolerance runs out.
- `worker_stats(pid)`: resident memory and open file descriptors of gunicorn's workers.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import requests

from fuzz.web_pki import (
    GOOD_CERT_URL,
    SKILL_ID,
    ChainServerHandler,
    Pki,
    QuietServer,
    body_of,
    sign,
)
from fuzz.workload import fresh

ROOT = Path(__file__).resolve().parent.parent.parent
STARTUP_WAIT_S = 60.0  # how long a server may take to come up; not a speed check


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def chain_server(pki: Pki) -> Iterator[str]:
    """Origin (http://127.0.0.1:PORT) of a loopback server with the good chain at /echo.api/good.pem."""
    handler = type("Handler", (ChainServerHandler,), {"chain": pki.good_chain})
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _nightlegs_command() -> list[str]:
    script = Path(sys.executable).with_name("nightlegs")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from skill.cli.main import main; sys.exit(main())"]


@contextmanager
def _run(command: Sequence[str], env: Mapping[str, str], ready: Any) -> Iterator[Server]:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="nightlegs-serve-") as folder:
        log_path = Path(folder) / "server.log"
        with log_path.open("wb") as log:  # a file, not a pipe: a full pipe would stall the server
            argv = [part.replace("{port}", str(port)) for part in command]
            process = subprocess.Popen(argv, env=dict(env), stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
            server = Server(f"http://127.0.0.1:{port}", process, log_path)
            try:
                _wait_until_ready(server, ready)
                yield server
            finally:
                if process.poll() is None:
                    process.terminate()  # gunicorn: graceful stop of master and workers
                    try:
                        process.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait()


def _wait_until_ready(server: Server, ready: Any) -> None:
    deadline = time.monotonic() + STARTUP_WAIT_S
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited with {server.process.returncode}:\n{server.log()}")
        try:
            if ready(server.url):
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"server did not come up in {STARTUP_WAIT_S:.0f} s:\n{server.log()}")
        time.sleep(0.2)


def _base_env(extra: Mapping[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIGHTLEGS_")}
    env.update(extra)
    return env


@contextmanager
def nightlegs_serve(
    *, workers: int, verify: bool, pki: Pki | None = None, chain_origin: str | None = None, db_dir: Path
) -> Iterator[Server]:
    env: dict[str, str] = {"NIGHTLEGS_DB": str(db_dir / "memory.sqlite3")}
    argv = [*_nightlegs_command(), "serve", "--host", "127.0.0.1", "--port", "{port}",
            "--workers", str(workers), "--skill-id", SKILL_ID]
    if verify:
        assert pki is not None and chain_origin is not None
        root = db_dir / "test-root.pem"
        root.write_bytes(pki.root_pem())
        env.update(NIGHTLEGS_EXTRA_TRUST_ROOTS=str(root), NIGHTLEGS_CERT_FETCH_ORIGIN=chain_origin)
    else:
        argv.append("--insecure-skip-verification")

    def ready(url: str) -> bool:
        return requests.get(f"{url}/healthz", timeout=5).status_code == 200

    with _run(argv, _base_env(env), ready) as server:
        yield server


@contextmanager
def hello_serve(*, workers: int, launch_body: bytes) -> Iterator[Server]:
    """flask-ask-sdk + hello-world on gunicorn, sync workers, as `nightlegs serve` runs."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    argv = [str(gunicorn), "--workers", str(workers), "--worker-class", "sync", "--bind", "127.0.0.1:{port}",
            "--timeout", "30", "--log-level", "warning", "bench.hello_web:app"]
    env = _base_env({"PYTHONPATH": str(ROOT)})

    def ready(url: str) -> bool:
        headers = {"Content-Type": "application/json"}
        return requests.post(f"{url}/", data=launch_body, headers=headers, timeout=5).status_code == 200

    with _run(argv, env, ready) as server:
        yield server


class SignedPool:
    """Bodies and headers for the workload's envelopes; stamped now, signed if a key is given."""

    def __init__(self, envelopes: Sequence[Mapping[str, Any]], pki: Pki | None, max_age_s: float = 90.0) -> None:
        self._envelopes = list(envelopes)
        self._pki = pki
        self._max_age_s = max_age_s
        self._made_at = 0.0
        self._items: list[tuple[bytes, dict[str, str]]] = []
        self._lock = threading.Lock()

    def items(self) -> list[tuple[bytes, dict[str, str]]]:
        with self._lock:
            if time.monotonic() - self._made_at > self._max_age_s:
                self._items = [self._one(envelope) for envelope in self._envelopes]
                self._made_at = time.monotonic()
            return self._items

    def _one(self, envelope: Mapping[str, Any]) -> tuple[bytes, dict[str, str]]:
        body = body_of(fresh(envelope, skill_id=SKILL_ID))
        if self._pki is None:
            return body, {"Content-Type": "application/json; charset=utf-8"}
        return body, sign(body, self._pki.signing_key, cert_url=GOOD_CERT_URL)


@dataclass(frozen=True)
class WorkerStats:
    rss_bytes: dict[int, int]
    fds: dict[int, int]


def worker_stats(master_pid: int) -> WorkerStats:
    """RSS and open file descriptors of each gunicorn worker (children of the master)."""
    rss: dict[int, int] = {}
    fds: dict[int, int] = {}
    for child in psutil.Process(master_pid).children():
        try:
            rss[child.pid] = child.memory_info().rss
            fds[child.pid] = child.num_fds()
        except psutil.NoSuchProcess:
            continue
    return WorkerStats(rss, fds)
