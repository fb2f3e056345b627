"""Growth: per-request time with the content grown 10x and 100x, against 1x in the same run.

All sizes run in this one process and take turns pass by pass (a pass replays the whole
workload once), in alternating order: on a shared or throttled machine, timings from
separate processes differ by +-30% with no change in the code, which would drown the
effect being measured. Before each pass NIGHTLEGS_HOME points at that size's content,
the content cache is cleared, and one untimed pass loads it. Memory is kept in a dict,
so storage I/O does not blur how the content's size costs.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.grow_content import grow
from bench.memory_store import in_memory_handler
from bench.stats import TimesSummary


@dataclass(frozen=True)
class Growth(TimesSummary):
    factor: int
    causes: int
    remedies: int
    times_ms: tuple[float, ...]


def measure(envelopes: Sequence[Mapping[str, Any]], factors: Sequence[int], passes: int) -> list[Growth]:
    import time

    from skill.content import load_content

    saved = os.environ.get("NIGHTLEGS_HOME")
    handler = in_memory_handler()
    clock = time.perf_counter_ns
    try:
        with tempfile.TemporaryDirectory(prefix="nightlegs-growth-") as folder:
            homes = {factor: grow(Path(folder) / f"x{factor}", factor) for factor in factors}
            sizes: dict[int, tuple[int, int]] = {}
            times: dict[int, list[float]] = {factor: [] for factor in factors}
            for number in range(passes):
                order = list(factors) if number % 2 == 0 else list(factors)[::-1]
                for factor in order:
                    os.environ["NIGHTLEGS_HOME"] = str(homes[factor])
                    load_content.cache_clear()
                    for envelope in envelopes:  # untimed: loads this size's content
                        handler(dict(envelope), None)
                    content = load_content()
                    sizes[factor] = (len(content.causes), len(content.remedies))
                    for envelope in envelopes:
                        event = dict(envelope)
                        start = clock()
                        handler(event, None)
                        times[factor].append((clock() - start) / 1e6)
    finally:
        if saved is None:
            os.environ.pop("NIGHTLEGS_HOME", None)
        else:
            os.environ["NIGHTLEGS_HOME"] = saved
        load_content.cache_clear()
    return [Growth(factor, *sizes[factor], tuple(times[factor])) for factor in factors]
