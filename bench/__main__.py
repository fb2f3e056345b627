"""Run every Night Legs benchmark and say which performance targets hold.

    .venv/bin/python -m bench                 # everything (about 3 minutes on 2 cores)
    .venv/bin/python -m bench --quick         # fewer rounds, shorter HTTP runs
    .venv/bin/python -m bench --only warm,cold

The HTTP part uses `wrk` (Debian: apt-get install wrk) when it is installed, else the
Python load generator in bench/pyload.py (`--load` chooses), and says which. Every number is measured
against the hello-world baseline (bench/hello.py) or the 1x content in the same run, and
printed as a ratio; absolute times depend on the machine and are shown for context.
Not part of the test suite's pass/fail: the exit code is 0 even when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # fuzz.workload, fuzz.serve: shared with the soak test

from bench.stats import Target  # noqa: E402
from fuzz.scratch import scratch_dir  # noqa: E402

PARTS = ("warm", "cold", "http", "growth")


def _machine() -> str:
    import psutil

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{cpu}, {psutil.cpu_count()} CPUs, {psutil.virtual_memory().total / 2**30:.0f} GB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"load average {load:.1f} at start"
    )


def _db_place() -> str:
    where = os.environ.get("NIGHTLEGS_DB", "")
    return "on tmpfs" if where.startswith("/dev/shm/") else f"file in {Path(where).parent}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and shorter HTTP runs")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts of {PARTS}")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers for the HTTP part (default 2)")
    parser.add_argument("--load", default="auto", choices=("auto", "wrk", "python"),
                        help="HTTP load generator: wrk when installed (auto, the default), or the Python one")
    args = parser.parse_args(argv)
    parts = [p for p in args.only.split(",") if p]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s) {sorted(unknown)}")

    folder = scratch_dir("nightlegs-bench-")
    # Memory goes to a throwaway SQLite file (on tmpfs when there is one), never the
    # user's data folder.
    os.environ["NIGHTLEGS_DB"] = str(Path(folder.name) / "memory.sqlite3")
    from fuzz.workload import CONVERSATIONS, mix, record

    recorded = record()
    envelopes = [item.envelope for item in recorded]
    print(f"# Night Legs benchmarks, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {_machine()}")
    print(f"command: python -m bench {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    print(f"workload: {len(envelopes)} envelopes from {len(CONVERSATIONS)} scripted conversations: {mix(recorded)}")
    print()
    targets: list[Target] = []

    if "warm" in parts:
        from bench.hello import lambda_handler as hello_handler
        from bench.memory_store import in_memory_handler
        from bench.warm import help_in_a_new_session, load_lambda_module, time_handlers

        rounds = 40 if args.quick else 200
        handlers = {
            "hello": hello_handler,
            "nightlegs": load_lambda_module().lambda_handler,
            "no_io": in_memory_handler(),
        }
        res = time_handlers(handlers, envelopes, rounds)
        h, n, m = res["hello"], res["nightlegs"], res["no_io"]
        print(f"## Warm latency, in process through the Lambda handler ({len(n.times_ms)} requests each)")
        print("| skill | p50 ms | p99 ms | p50 vs hello-world | p99 vs hello-world |")
        print("|---|---:|---:|---:|---:|")
        print(f"| hello-world | {h.p50:.3f} | {h.p99:.3f} | 1.00x | 1.00x |")
        print(f"| Night Legs, Lambda handler as built (memory: SQLite, {_db_place()}) | {n.p50:.3f} | {n.p99:.3f} "
              f"| {n.p50 / h.p50:.2f}x | {n.p99 / h.p99:.2f}x |")
        print(f"| Night Legs, memory kept in a dict (no storage I/O) | {m.p50:.3f} | {m.p99:.3f} "
              f"| {m.p50 / h.p50:.2f}x | {m.p99 / h.p99:.2f}x |")
        print()
        one = [help_in_a_new_session(envelopes)]
        hres = time_handlers({"hello": hello_handler, "nightlegs": handlers["nightlegs"]}, one, rounds * len(envelopes))
        hh, hn = hres["hello"], hres["nightlegs"]
        print(f"## Warm: AMAZON.HelpIntent in a new session, Lambda handler ({len(hn.times_ms)} requests each)")
        print("| skill | p50 ms | p99 ms | p50 vs hello-world | p99 vs hello-world |")
        print("|---|---:|---:|---:|---:|")
        print(f"| hello-world | {hh.p50:.3f} | {hh.p99:.3f} | 1.00x | 1.00x |")
        print(f"| Night Legs (memory: SQLite, {_db_place()}) | {hn.p50:.3f} | {hn.p99:.3f} "
              f"| {hn.p50 / hh.p50:.2f}x | {hn.p99 / hh.p99:.2f}x |")
        print()
        # issue 25: the workload's p50 within 1.3x and p99 within 1.6x; HelpIntent as before
        for label, ours, base, p50_max, p99_max in (("workload", n, h, 1.3, 1.6),
                                                    ("HelpIntent, new session", hn, hh, 1.5, 2.0)):
            targets.append(Target(f"warm {label} p50 vs hello-world", f"<= {p50_max:.2f}x",
                                  f"{ours.p50 / base.p50:.2f}x", ours.p50 / base.p50 <= p50_max))
            targets.append(Target(f"warm {label} p99 vs hello-world", f"<= {p99_max:.2f}x",
                                  f"{ours.p99 / base.p99:.2f}x", ours.p99 / base.p99 <= p99_max))

    if "cold" in parts:
        from bench.cold import measure as cold_measure

        runs = 5 if args.quick else 11
        with tempfile.TemporaryDirectory(prefix="nightlegs-pyc-") as pyc:
            # Byte-code cached for both (as a bundle with .pyc files would be); this
            # machine sets PYTHONDONTWRITEBYTECODE, so caches go to a private prefix.
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env["PYTHONPYCACHEPREFIX"] = pyc
            cold = cold_measure(runs, env)
        n, h = cold["nightlegs"], cold["hello"]
        print(f"## Cold start: fresh process, import the Lambda module, answer one LaunchRequest ({runs} runs each, medians)")
        print("| skill | process wall ms | module init ms | first request ms |")
        print("|---|---:|---:|---:|")
        print(f"| hello-world | {h.wall:.0f} | {h.init:.0f} | {h.first_request:.1f} |")
        print(f"| Night Legs | {n.wall:.0f} | {n.init:.0f} | {n.first_request:.1f} |")
        print(f"| ratio | {n.wall / h.wall:.2f}x | {n.init / h.init:.2f}x | {n.first_request / h.first_request:.1f}x |")
        print()
        targets.append(Target("cold start vs hello-world", "<= 1.50x", f"{n.wall / h.wall:.2f}x", n.wall / h.wall <= 1.5))
        first = n.first_request / h.first_request
        targets.append(Target("cold start, first request vs hello-world", "<= 3.0x", f"{first:.1f}x", first <= 3.0))

    if "http" in parts:
        from bench.web_load import choose_generator, describe_generator
        from bench.web_load import measure as http_measure
        from skill.cli.serve import THREADS_PER_WORKER

        seconds, rounds = (3, 1) if args.quick else (5, 4)
        generator = choose_generator(args.load)
        print(f"load generator: {describe_generator(generator)}")
        res_http = http_measure(envelopes, workers=args.workers, seconds=seconds, rounds=rounds,
                                connections=4 * args.workers, threads=2, generator=generator)
        print(f"## HTTP on 127.0.0.1: gunicorn, {args.workers} workers each (nightlegs serve: asyncio workers, "
              f"{THREADS_PER_WORKER} request threads each; hello-world: sync workers), "
              f"{'wrk' if generator == 'wrk' else 'Python load generator'} -t2 -c{4 * args.workers}, "
              f"{rounds} x {seconds} s per server, servers taking turns")
        print("| server | requests/s | p50 ms | p99 ms | errors | RSS per worker MB |")
        print("|---|---:|---:|---:|---:|---|")
        for r in res_http.values():
            rss = ", ".join(f"{m:.0f}" for m in r.rss_mb)
            print(f"| {r.label} | {r.rps:.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.errors} | {rss} |")
        s, u, h = res_http["signed"], res_http["unverified"], res_http["hello"]
        print(f"| signed / unverified | {s.rps / u.rps:.2f}x | | | | |")
        print(f"| unverified / hello-world | {u.rps / h.rps:.2f}x | | | | |")
        print()
        targets.append(Target(f"unverified throughput vs hello-world ({generator})", ">= 0.80x",
                              f"{u.rps / h.rps:.2f}x", u.rps / h.rps >= 0.8))
        targets.append(Target("signed throughput vs unverified", ">= 0.85x", f"{s.rps / u.rps:.2f}x", s.rps / u.rps >= 0.85))
        errors = sum(r.errors for r in res_http.values())
        targets.append(Target("errors under load", "0", str(errors), errors == 0))
        rss = max(s.max_rss_mb, u.max_rss_mb)
        targets.append(Target("memory per worker", "< 80 MB", f"{rss:.0f} MB", rss < 80))

    if "growth" in parts:
        from bench.growth import measure as growth_measure

        passes = 20 if args.quick else 100
        grown = growth_measure(envelopes, (1, 10, 100), passes)
        base = grown[0]
        print(f"## Growth: the same workload with content grown 10x and 100x ({len(base.times_ms)} requests each)")
        print("| content | causes | remedies | mean ms | p50 ms | p99 ms | mean vs 1x |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for g in grown:
            print(f"| {g.factor}x | {g.causes} | {g.remedies} | {g.mean:.3f} | {g.p50:.3f} | {g.p99:.3f} | {g.mean / base.mean:.2f}x |")
        print()
        ten = next(g for g in grown if g.factor == 10)
        targets.append(Target("per-request time at 10x content", "<= 1.20x of 1x (mean)", f"{ten.mean / base.mean:.2f}x",
                              ten.mean / base.mean <= 1.2))

    print("## Targets")
    for target in targets:
        print(f"- {target.line()}")
    folder.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
