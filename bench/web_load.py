"""HTTP throughput: `nightlegs serve` under load, signed and unverified, vs flask-ask-sdk hello-world.

All three servers run on gunicorn with the same number of workers on 127.0.0.1.
`nightlegs serve` runs as it ships: gunicorn's asyncio worker, bodies read on the event
loop, requests on a few threads (skill.cli.serve); hello-world runs on gunicorn's sync
worker, flask-ask-sdk's usual deployment. They get the same bodies (the recorded
workload, stamped now). wrk (Debian package `wrk`) replays them round-robin from a
generated Lua script and reports requests per second, latency percentiles and errors
(socket errors plus non-2xx answers). Without wrk (or with `generator="python"`), the
Python load generator `bench.pyload` does the same with the same numbers of client
threads (processes) and connections. Resident memory is read per worker with psutil
after each run.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fuzz.scratch import scratch_dir
from fuzz.serve import (
    SignedPool,
    chain_server,
    hello_serve,
    nightlegs_serve,
    worker_stats,
)
from fuzz.web_pki import build_pki

from bench import pyload

GENERATORS = ("auto", "wrk", "python")

_LUA = r"""
local items = dofile("%(data)s")
local prepared = {}
local counter = 0
init = function(args)
  for i, item in ipairs(items) do
    prepared[i] = wrk.format("POST", "/", item.headers, item.body)
  end
end
request = function()
  counter = counter + 1
  return prepared[(counter %% #prepared) + 1]
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%%d,"duration_us":%%d,"connect":%%d,"read":%%d,"write":%%d,"status":%%d,' ..
    '"timeout":%%d,"p50_us":%%d,"p99_us":%%d,"mean_us":%%.1f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean))
end
"""


@dataclass(frozen=True)
class HttpResult:
    label: str
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p99_ms: float
    rss_mb: tuple[float, ...]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def max_rss_mb(self) -> float:
        return max(self.rss_mb)


def _lua_string(text: str) -> str:
    level = "=" * 4
    assert f"]{level}]" not in text
    return f"[{level}[{text}]{level}]"


def _write_script(folder: Path, items: Sequence[tuple[bytes, Mapping[str, str]]]) -> Path:
    entries = []
    for body, headers in items:
        pairs = ", ".join(f'["{k}"] = {_lua_string(v)}' for k, v in headers.items())
        entries.append(f"{{ body = {_lua_string(body.decode('utf-8'))}, headers = {{ {pairs} }} }}")
    data = folder / "items.lua"
    data.write_text("return {\n" + ",\n".join(entries) + "\n}\n", encoding="utf-8")
    script = folder / "replay.lua"
    script.write_text(_LUA % {"data": str(data)}, encoding="utf-8")
    return script


def choose_generator(wanted: str = "auto") -> str:
    """'wrk' or 'python': wrk when asked for or found on PATH, else the Python generator."""
    if wanted not in GENERATORS:
        raise ValueError(f"load generator must be one of {GENERATORS}, not {wanted!r}")
    if wanted == "auto":
        return "wrk" if shutil.which("wrk") else "python"
    if wanted == "wrk" and shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (Debian: apt-get install wrk); use the Python load generator")
    return wanted


def describe_generator(generator: str) -> str:
    """Which load generator drives the servers, for the report."""
    if generator == "wrk":
        wrk = shutil.which("wrk") or "wrk"
        done = subprocess.run([wrk, "--version"], capture_output=True, text=True)
        version = (done.stdout + done.stderr).strip().splitlines()
        return f"wrk ({version[0] if version else wrk})"
    found = "" if shutil.which("wrk") else ", wrk not found"
    return f"Python (bench/pyload.py: raw sockets, one selectors loop per client process{found})"


def _wrk(url: str, script: Path, seconds: int, connections: int, threads: int) -> dict[str, Any]:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is not installed: apt-get install wrk (Debian)")
    out = subprocess.run(
        [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), f"{url}/"],
        capture_output=True, text=True, check=True,
    )
    line = next(l for l in out.stdout.splitlines() if l.startswith("WRKJSON "))
    return json.loads(line[len("WRKJSON "):])


def _drive(generator: str, url: str, items: Sequence[tuple[bytes, Mapping[str, str]]], seconds: int,
           connections: int, threads: int) -> dict[str, Any]:
    if generator == "python":
        return pyload.load(url, items, seconds=seconds, connections=connections, threads=threads)
    with tempfile.TemporaryDirectory(prefix="nightlegs-wrk-") as folder:
        script = _write_script(Path(folder), items)
        return _wrk(url, script, seconds, connections, threads)


@dataclass
class _Runs:
    label: str
    server: Any
    pool: SignedPool
    generator: str = "wrk"
    requests: int = 0
    seconds: float = 0.0
    errors: int = 0
    p50_us: list[float] = field(default_factory=list)
    p99_us: list[float] = field(default_factory=list)

    def run(self, seconds: int, connections: int, threads: int) -> None:
        # stamped and signed now
        data = _drive(self.generator, self.server.url, self.pool.items(), seconds, connections, threads)
        self.requests += data["requests"]
        self.seconds += data["duration_us"] / 1e6
        self.errors += data["connect"] + data["read"] + data["write"] + data["status"] + data["timeout"]
        self.p50_us.append(data["p50_us"])
        self.p99_us.append(data["p99_us"])

    def result(self) -> HttpResult:
        stats = worker_stats(self.server.pid)
        return HttpResult(
            label=self.label,
            requests=self.requests,
            seconds=self.seconds,
            errors=self.errors,
            p50_ms=statistics.median(self.p50_us) / 1000,
            p99_ms=max(self.p99_us) / 1000,
            rss_mb=tuple(sorted(v / 2**20 for v in stats.rss_bytes.values())),
        )


def measure(envelopes: Sequence[Mapping[str, Any]], *, workers: int, seconds: int, rounds: int,
            connections: int, threads: int, generator: str = "wrk") -> dict[str, HttpResult]:
    """All three servers up at once; the load generator (`choose_generator`) drives one
    at a time, `rounds` runs of `seconds` each, the servers taking turns in alternating
    order (idle servers use no CPU), so that drifts in machine load fall on all three
    alike. p50 is the median of the runs' p50s; p99 the worst run's p99."""
    pki = build_pki()
    with ExitStack() as stack:
        # the memory store's SQLite file on tmpfs when there is one, as in the warm benchmark
        folder = Path(stack.enter_context(scratch_dir("nightlegs-http-")))
        origin = stack.enter_context(chain_server(pki))
        for name in ("unverified", "signed"):
            (folder / name).mkdir()
        unsigned = SignedPool(envelopes, None)
        runs = {
            "hello": _Runs("hello-world (flask-ask-sdk)",
                           stack.enter_context(hello_serve(workers=workers, launch_body=unsigned.items()[0][0])), unsigned,
                           generator),
            "unverified": _Runs("nightlegs serve, unverified",
                                stack.enter_context(nightlegs_serve(workers=workers, verify=False, db_dir=folder / "unverified")),
                                SignedPool(envelopes, None), generator),
            "signed": _Runs("nightlegs serve, signed",
                            stack.enter_context(nightlegs_serve(workers=workers, verify=True, pki=pki, chain_origin=origin,
                                                                db_dir=folder / "signed")),
                            SignedPool(envelopes, pki), generator),
        }
        for item in runs.values():  # warm-up: content loaded, chain fetched and cached
            item.run(2, connections, threads)
            item.requests, item.seconds, item.errors, item.p50_us, item.p99_us = 0, 0.0, item.errors, [], []
        for number in range(rounds):
            order = list(runs.values()) if number % 2 == 0 else list(runs.values())[::-1]
            for item in order:
                item.run(seconds, connections, threads)
        return {name: item.result() for name, item in runs.items()}
