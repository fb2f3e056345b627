"""Where Night Legs' time goes: pyinstrument over the warm workload or one cold start.

    .venv/bin/python -m bench.profile warm [--store sqlite|dict] [--rounds 50]
    .venv/bin/python -m bench.profile cold

`warm` replays the recorded workload through the Lambda handler (memory in SQLite as
built, or in a dict) and prints pyinstrument's call tree. `cold` profiles importing
lambda/lambda_function.py and answering one LaunchRequest in this fresh process.
Needs pyinstrument (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("what", choices=("warm", "cold"))
    parser.add_argument("--store", choices=("sqlite", "dict"), default="sqlite")
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    from pyinstrument import Profiler

    from fuzz.scratch import scratch_dir

    with scratch_dir("nightlegs-profile-") as folder:
        os.environ["NIGHTLEGS_DB"] = str(Path(folder) / "memory.sqlite3")
        profiler = Profiler(interval=0.0005)
        if args.what == "cold":
            from bench.cold_driver import LAUNCH
            from bench.warm import load_lambda_module

            profiler.start()
            load_lambda_module().lambda_handler(dict(LAUNCH), None)
            profiler.stop()
        else:
            from bench.memory_store import in_memory_handler
            from bench.warm import load_lambda_module
            from fuzz.workload import record

            envelopes = [dict(item.envelope) for item in record()]
            handler = in_memory_handler() if args.store == "dict" else load_lambda_module().lambda_handler
            for envelope in envelopes:
                handler(dict(envelope), None)
            profiler.start()
            for _ in range(args.rounds):
                for envelope in envelopes:
                    handler(dict(envelope), None)
            profiler.stop()
        print(profiler.output_text(unicode=False, color=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
