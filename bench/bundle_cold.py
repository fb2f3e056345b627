"""Cold start of the Lambda bundle itself, with and without its .pyc.

    .venv/bin/python -m bench.bundle_cold [--runs 15] [--dist DIR]

Builds (or reuses) a bundle for this Python's runtime, unpacks it twice into read-only
folders, as Lambda's /var/task is (and with -B, since root ignores file modes): one as built (with the unchecked-hash .pyc), one with
every .pyc removed, so each cold start compiles every module it imports. Each run is a
fresh `python -I -S` that puts only the bundle on sys.path, imports lambda_function and
answers one LaunchRequest. Runs alternate between the two. Prints medians and the ratio
(with / without), and counts SyntaxWarning lines on stderr. Not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench.stats import median

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = f"python{sys.version_info.major}.{sys.version_info.minor}"
_RUNNER = r"""
import json, sys, time
start = time.perf_counter()
bundle = sys.argv[1]
sys.path[:] = [bundle] + [p for p in sys.path if p and not p.startswith(bundle)]
import lambda_function
init = time.perf_counter()
lambda_function.lambda_handler(json.loads(sys.argv[2]), None)
done = time.perf_counter()
print(json.dumps({"init_ms": (init - start) * 1000, "first_request_ms": (done - init) * 1000}))
"""
_LAUNCH = {
    "version": "1.0",
    "session": {"new": True, "sessionId": "s", "application": {"applicationId": "amzn1.ask.skill.b"},
                "user": {"userId": "amzn1.ask.account.bench"}, "attributes": {}},
    "context": {"System": {"application": {"applicationId": "amzn1.ask.skill.b"},
                           "user": {"userId": "amzn1.ask.account.bench"},
                           "device": {"deviceId": "d", "supportedInterfaces": {}},
                           "apiEndpoint": "https://api.amazonalexa.com"}},
    "request": {"type": "LaunchRequest", "requestId": "r", "timestamp": "2026-01-01T00:00:00Z", "locale": "en-US"},
}


def _read_only(folder: Path) -> None:
    for path in folder.rglob("*"):
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    folder.chmod(folder.stat().st_mode & ~stat.S_IWUSR)


def _one(bundle: Path, work: Path) -> tuple[float, float, float, int]:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(work), "NIGHTLEGS_DB": str(work / "m.sqlite3")}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-I", "-S", "-B", "-c", _RUNNER, str(bundle), json.dumps(_LAUNCH)],
                          capture_output=True, text=True, env=env, cwd=work, check=True)
    wall = (time.perf_counter() - started) * 1000
    inside = json.loads(done.stdout.strip().splitlines()[-1])
    warnings = sum("SyntaxWarning" in line for line in done.stderr.splitlines())
    return wall, inside["init_ms"], inside["first_request_ms"], warnings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--dist", type=Path, default=None, help="an existing build for this Python")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nightlegs-coldbench-") as tmp_name:
        tmp = Path(tmp_name)
        dist = args.dist
        if dist is None:
            dist = tmp / "dist"
            subprocess.run([sys.executable, "-m", "skill", "build", "--out", str(dist), "--runtime", RUNTIME,
                            "--json"], check=True, capture_output=True, cwd=ROOT)
        with_pyc, without = tmp / "with-pyc", tmp / "without-pyc"
        with zipfile.ZipFile(dist / "lambda.zip") as archive:
            archive.extractall(with_pyc)
        shutil.copytree(with_pyc, without, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        pyc_count = sum(1 for _ in with_pyc.rglob("*.pyc"))
        for folder in (with_pyc, without):
            _read_only(folder)
        work = tmp / "work"
        work.mkdir()
        samples: dict[str, list[tuple[float, float, float, int]]] = {"with .pyc": [], "without .pyc": []}
        folders = {"with .pyc": with_pyc, "without .pyc": without}
        for label in samples:  # untimed: page cache warm for both
            _one(folders[label], work)
        for run in range(args.runs):
            order = list(samples) if run % 2 == 0 else list(reversed(samples))
            for label in order:
                samples[label].append(_one(folders[label], work))
        print(f"bundle cold start on Python {sys.version.split()[0]}, {args.runs} runs each, {pyc_count} .pyc in the bundle")
        print(f"{'':14} {'wall ms':>9} {'init ms':>9} {'1st req ms':>11} {'SyntaxWarning lines':>20}")
        for label, rows in samples.items():
            print(f"{label:14} {median([r[0] for r in rows]):9.0f} {median([r[1] for r in rows]):9.0f} "
                  f"{median([r[2] for r in rows]):11.1f} {max(r[3] for r in rows):20d}")
        ratio = median([r[0] for r in samples["with .pyc"]]) / median([r[0] for r in samples["without .pyc"]])
        print(f"ratio with/without (wall): {ratio:.2f}")
        for folder in (with_pyc, without):  # let the temporary folder be removed
            for path in [folder, *folder.rglob("*")]:
                path.chmod(path.stat().st_mode | stat.S_IWUSR)
    return 0


if __name__ == "__main__":
    sys.exit(main())
