"""One growth measurement, run in a fresh interpreter by bench/growth.py.

    NIGHTLEGS_HOME=<grown home> python -m bench.growth_driver ENVELOPES.json ROUNDS

Builds the skill (content from NIGHTLEGS_HOME; memory in a dict, so storage I/O does not
blur how the content's size costs), replays the envelopes ROUNDS times after one warm-up
round, and prints the per-request times (ms).
"""

from __future__ import annotations

import json
import sys

from bench.memory_store import in_memory_handler
from bench.warm import time_handlers


def main() -> None:
    envelopes = json.loads(open(sys.argv[1], encoding="utf-8").read())
    rounds = int(sys.argv[2])
    handler = in_memory_handler()
    result = time_handlers({"nightlegs": handler}, envelopes, rounds)["nightlegs"]
    print(json.dumps(result.times_ms))


if __name__ == "__main__":
    main()
