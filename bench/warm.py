"""Warm latency: the mixed workload through the Lambda handler, in process, vs hello-world.

Both handlers get the same recorded envelopes, interleaved request by request so that
machine noise falls on both alike. Times are per request, handler call to return.
"""

from __future__ import annotations

import copy
import gc
import importlib.util
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.stats import TimesSummary

ROOT = Path(__file__).resolve().parent.parent
Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


def load_lambda_module() -> ModuleType:
    """lambda/lambda_function.py, imported by path as Lambda does (builds the skill)."""
    spec = importlib.util.spec_from_file_location("lambda_function", ROOT / "lambda" / "lambda_function.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Latency(TimesSummary):
    label: str
    times_ms: tuple[float, ...]


def time_handlers(
    handlers: Mapping[str, Handler], envelopes: Sequence[Mapping[str, Any]], rounds: int
) -> dict[str, Latency]:
    """Run every envelope through every handler `rounds` times (after one warm-up round)."""
    for handler in handlers.values():  # warm-up: content, caches, first-call imports
        for envelope in envelopes:
            handler(dict(envelope), None)
    times: dict[str, list[float]] = {label: [] for label in handlers}
    order = list(handlers.items())
    clock = time.perf_counter_ns
    gc.collect()
    for round_no in range(rounds):
        # alternate which handler goes first, so neither always runs on a cold cache line
        pairs = order if round_no % 2 == 0 else order[::-1]
        for envelope in envelopes:
            for label, handler in pairs:
                event = dict(envelope)
                start = clock()
                handler(event, None)
                times[label].append((clock() - start) / 1e6)
    return {label: Latency(label, tuple(values)) for label, values in times.items()}


def help_in_a_new_session(envelopes: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """An AMAZON.HelpIntent opening a session ("Alexa, ask Night Legs for help"), built
    from the workload's own help request: a new session with no attributes."""
    found = next(
        e for e in envelopes
        if e.get("request", {}).get("type") == "IntentRequest"
        and e["request"].get("intent", {}).get("name") == "AMAZON.HelpIntent"
    )
    envelope = copy.deepcopy(dict(found))
    envelope["session"] = {**envelope["session"], "new": True, "attributes": {}}
    envelope["request"].pop("dialogState", None)
    return envelope
