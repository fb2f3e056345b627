"""Percentiles, medians and the held/missed verdict for a target."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], pct: float) -> float:
    """The pct-th percentile (0 < pct < 100), interpolated ('inclusive' method)."""
    if len(values) < 2:
        return float(values[0])
    cuts = statistics.quantiles(values, n=1000, method="inclusive")
    return cuts[int(round(pct * 10)) - 1]


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


class TimesSummary:
    """mean, p50 and p99 of a result's `times_ms` (mixed into the result dataclasses)."""

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


@dataclass(frozen=True)
class Target:
    """One performance target and whether this run meets it."""

    name: str
    wanted: str
    measured: str
    held: bool

    def line(self) -> str:
        return f"{'HELD  ' if self.held else 'MISSED'} {self.name}: {self.measured} (target {self.wanted})"
