"""Cold start: a fresh interpreter imports the Lambda module and answers one LaunchRequest.

Measured from outside (spawn to exit, what a cold Lambda invocation pays beyond the
runtime's own start) and from inside (module init, first request). Runs alternate
between the two skills so that disk cache and CPU noise fall on both alike.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.stats import median

DRIVER = Path(__file__).resolve().parent / "cold_driver.py"


@dataclass(frozen=True)
class ColdStart:
    label: str
    wall_ms: tuple[float, ...]
    init_ms: tuple[float, ...]
    first_request_ms: tuple[float, ...]

    @property
    def wall(self) -> float:
        return median(self.wall_ms)

    @property
    def init(self) -> float:
        return median(self.init_ms)

    @property
    def first_request(self) -> float:
        return median(self.first_request_ms)


def _one(which: str, env: dict[str, str]) -> tuple[float, dict[str, float]]:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(DRIVER), which], capture_output=True, text=True, env=env, check=True
    )
    wall = (time.perf_counter() - start) * 1000
    return wall, json.loads(out.stdout.strip().splitlines()[-1])


def measure(runs: int, env: dict[str, str] | None = None) -> dict[str, ColdStart]:
    env = dict(env or os.environ)
    samples: dict[str, list[tuple[float, dict[str, float]]]] = {"nightlegs": [], "hello": []}
    for which in samples:  # one untimed run each: byte-code caches written, files in page cache
        _one(which, env)
    for run in range(runs):
        order = ("nightlegs", "hello") if run % 2 == 0 else ("hello", "nightlegs")
        for which in order:
            samples[which].append(_one(which, env))
    return {
        which: ColdStart(
            which,
            tuple(w for w, _ in runs_),
            tuple(d["init_ms"] for _, d in runs_),
            tuple(d["first_request_ms"] for _, d in runs_),
        )
        for which, runs_ in samples.items()
    }
