"""One cold start, run in a fresh interpreter by bench/cold.py.

    python bench/cold_driver.py nightlegs|hello

Imports the Lambda module (the real `lambda/lambda_function.py` or the hello-world
skill), answers one LaunchRequest, and prints the time of each phase as JSON.
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()  # as early as this process can measure

import importlib.util  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

LAUNCH = {
    "version": "1.0",
    "session": {
        "new": True,
        "sessionId": "amzn1.echo-api.session.cold",
        "application": {"applicationId": "amzn1.ask.skill.cold"},
        "user": {"userId": "amzn1.ask.account.COLD"},
    },
    "context": {
        "System": {
            "application": {"applicationId": "amzn1.ask.skill.cold"},
            "user": {"userId": "amzn1.ask.account.COLD"},
            "device": {"deviceId": "amzn1.ask.device.COLD", "supportedInterfaces": {}},
            "apiEndpoint": "https://api.amazonalexa.com",
        }
    },
    "request": {
        "type": "LaunchRequest",
        "requestId": "amzn1.echo-api.request.cold",
        "timestamp": "2026-01-01T00:00:00Z",
        "locale": "en-US",
    },
}


def _module_path(which: str) -> Path:
    return ROOT / ("lambda/lambda_function.py" if which == "nightlegs" else "bench/hello.py")


def main() -> None:
    which = sys.argv[1]
    spec = importlib.util.spec_from_file_location("lambda_function", _module_path(which))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    if which == "hello":
        sys.path.insert(0, str(ROOT))  # bench.hello is imported as a plain module here
    t_import = time.perf_counter()
    spec.loader.exec_module(module)
    t_ready = time.perf_counter()
    response = module.lambda_handler(json.loads(json.dumps(LAUNCH)), None)
    t_done = time.perf_counter()
    assert response["response"]["outputSpeech"]["ssml"].startswith("<speak>")
    print(json.dumps({
        "init_ms": (t_ready - t_import) * 1000,
        "first_request_ms": (t_done - t_ready) * 1000,
        "in_process_ms": (t_done - _T0) * 1000,
    }))


if __name__ == "__main__":
    main()
