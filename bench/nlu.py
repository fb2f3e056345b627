"""How fast the simulator's resolver understands a sentence, on the grown model.

    .venv/bin/python -m bench.nlu [--locale en-US] [--rounds 3]

Every utterance of tests/corpora/utterances.yaml is resolved uncached (the work a new
sentence costs) and then again from the cache. The baseline, measured in the same run, is
normalising the same text (lower case, contractions, fillers), the least any resolver does;
figures are printed as milliseconds and as ratios to it. Target: p50 at most 3 ms uncached.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import yaml

from bench.stats import percentile
from skill import paths
from skill.simulator.resolver import resolver_for
from skill.simulator.text import normalise

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpora" / "utterances.yaml"
ELICITED = ("sign", "position", "relief", "sensation", "side", "timing")


def _timed(fn, items) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.nlu")
    parser.add_argument("--locale", default="en-US")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    entries = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    items = [(e["say"], ("DescribeSymptomIntent", e["while"]) if e.get("while") in ELICITED else None) for e in entries]
    start = time.perf_counter()
    resolver = resolver_for(args.locale)
    build_ms = (time.perf_counter() - start) * 1000
    language = json.loads((paths.model_dir() / f"{args.locale}.json").read_text())["interactionModel"]["languageModel"]
    samples = sum(len(i["samples"]) for i in language["intents"])
    uncached: list[float] = []
    baseline: list[float] = []
    for _ in range(args.rounds):
        baseline += _timed(lambda it: normalise(it[0]), items)
        uncached += _timed(lambda it: resolver._resolve(it[0], it[1]), items)
    for item in items:
        resolver.resolve(*item)
    cached = _timed(lambda it: resolver.resolve(*it), items * args.rounds)
    b50 = percentile(baseline, 50)
    print(f"## Resolver speed, {args.locale}: {samples} samples, {len(resolver.samples)} distinct sample feature sets, "
          f"{len(items)} utterances x {args.rounds} rounds; model load {build_ms:.0f} ms")
    print("| | p50 | p99 | p50 vs normalise-only |")
    print("|---|---|---|---|")
    for name, times in (("normalise only (baseline)", baseline), ("resolve, uncached", uncached), ("resolve, cached", cached)):
        p50 = percentile(times, 50)
        print(f"| {name} | {p50:.3f} ms | {percentile(times, 99):.3f} ms | {p50 / b50:.1f}x |")
    p50 = percentile(uncached, 50)
    print(f"target: uncached p50 <= 3 ms -> {p50:.2f} ms, {'held' if p50 <= 3 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
