"""How long a verified request costs in the web service, through the Flask test client.

    .venv/bin/python bench/web_verify.py [--requests 500]

Builds a private CA (as the tests do), then posts signed LaunchRequests to a test skill.
Reports per-request time with signature checks on (chain served from the cache after
the first request) and off, so the cost of verification stands on its own.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "web")]

from alexa_fakes import CERT_URL, SKILL_ID, FakeFetcher, HelloHandler, body_of, build_pki, envelope, sign  # noqa: E402
from ask_sdk_core.skill_builder import SkillBuilder  # noqa: E402

from skill.web.app import WebConfig, create_app  # noqa: E402


def _timings(client, requests: int, key) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(requests):
        body = body_of(envelope())
        headers = sign(body, key)
        start = time.perf_counter()
        reply = client.post("/", data=body, headers=headers)
        out.append((time.perf_counter() - start) * 1000)
        assert reply.status_code == 200, reply.get_data(as_text=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()
    pki = build_pki()
    builder = SkillBuilder()
    builder.add_request_handler(HelloHandler())
    skill = builder.create()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "root.pem"
        root.write_bytes(pki.root_pem())
        fetcher = FakeFetcher({CERT_URL: pki.good_chain})
        for label, verify in (("signature on ", True), ("signature off", False)):
            config = WebConfig(skill_id=SKILL_ID, verify_signature=verify, extra_trust_roots=(root,))
            client = create_app(config, skill=skill, fetcher=fetcher).test_client()
            times = _timings(client, args.requests, pki.signing_key)
            print(
                f"{label}: median {statistics.median(times):.2f} ms, "
                f"p95 {statistics.quantiles(times, n=20)[-1]:.2f} ms over {len(times)} requests"
            )
        print(f"chain fetches: {len(fetcher.calls)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
