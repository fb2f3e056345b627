"""One growth measurement, run in a fresh interpreter by bench/growth.py.

    NIGHTLEGS_HOME=<grown home> python -m bench.growth_driver ENVELOPES.json ROUNDS

Loads the skill through the Lambda module (content from NIGHTLEGS_HOME), replays the
envelopes ROUNDS times after one warm-up round, and prints the per-request times (ms).
"""

from __future__ import annotations

import json
import sys

from bench.warm import load_lambda_module, time_handlers


def main() -> None:
    envelopes = json.loads(open(sys.argv[1], encoding="utf-8").read())
    rounds = int(sys.argv[2])
    handler = load_lambda_module().lambda_handler
    result = time_handlers({"nightlegs": handler}, envelopes, rounds)["nightlegs"]
    print(json.dumps(result.times_ms))


if __name__ == "__main__":
    main()
