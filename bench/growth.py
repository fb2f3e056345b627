"""Growth: per-request time with the content grown 10x and 100x, against 1x in the same run.

Each size runs in its own interpreter (content loads once per process), the sizes taking
turns `reps` times so that machine noise falls on all of them alike.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from bench.grow_content import grow
from bench.stats import percentile

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Growth:
    factor: int
    causes: int
    remedies: int
    times_ms: tuple[float, ...]

    @property
    def mean(self) -> float:
        return sum(self.times_ms) / len(self.times_ms)

    @property
    def p50(self) -> float:
        return percentile(self.times_ms, 50)

    @property
    def p99(self) -> float:
        return percentile(self.times_ms, 99)


def measure(envelopes: Sequence[Mapping[str, Any]], factors: Sequence[int], rounds: int, reps: int) -> list[Growth]:
    from skill.content import load_from

    with tempfile.TemporaryDirectory(prefix="nightlegs-growth-") as folder:
        base = Path(folder)
        data = base / "envelopes.json"
        data.write_text(json.dumps(list(envelopes)), encoding="utf-8")
        homes = {factor: grow(base / f"x{factor}", factor) for factor in factors}
        sizes = {factor: load_from(home / "content") for factor, home in homes.items()}
        times: dict[int, list[float]] = {factor: [] for factor in factors}
        for _ in range(reps):
            for factor, home in homes.items():
                env = dict(os.environ, NIGHTLEGS_HOME=str(home), PYTHONPATH=str(ROOT))
                out = subprocess.run(
                    [sys.executable, "-m", "bench.growth_driver", str(data), str(rounds)],
                    capture_output=True, text=True, env=env, cwd=ROOT, check=True,
                )
                times[factor].extend(json.loads(out.stdout.strip().splitlines()[-1]))
        return [
            Growth(factor, len(sizes[factor].causes), len(sizes[factor].remedies), tuple(times[factor]))
            for factor in factors
        ]
