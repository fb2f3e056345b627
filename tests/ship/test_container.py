"""The Containerfile, without a container engine (none can pull a base image on the test
machine): its base image is pinned by digest, it installs from the hashed lock, and its
entry point refuses to start without a session key. The slow test runs the recipe's own
steps: the lock and the wheel into a fresh venv, then ENTRYPOINT + CMD, then HEALTHCHECK."""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT_SCRIPT = ROOT / "deploy" / "container-entrypoint.sh"
KEY = "0123456789abcdef" * 4


def _lines() -> list[str]:
    text = (ROOT / "Containerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _final_stage() -> dict[str, list[str]]:
    lines = _lines()
    start = max(i for i, line in enumerate(lines) if line.upper().startswith("FROM "))
    instructions: dict[str, list[str]] = {}
    for line in lines[start:]:
        word, _, rest = line.partition(" ")
        instructions.setdefault(word.upper(), []).append(rest.strip())
    return instructions


def test_every_stage_starts_from_an_image_pinned_by_digest() -> None:
    lines = _lines()
    args = {line.split()[1].split("=")[0]: line.split()[1] for line in lines if line.upper().startswith("ARG ")}
    froms = [line.split()[1] for line in lines if line.upper().startswith("FROM ")]
    assert froms and all(image.endswith("@${PYTHON_DIGEST}") for image in froms), froms
    assert args["PYTHON_DIGEST"] == "PYTHON_DIGEST", "no default: a build that names no digest must fail"
    assert args["PYTHON_IMAGE"].startswith("PYTHON_IMAGE=") and "@" not in args["PYTHON_IMAGE"]
    assert "python:3.13-slim" in args["PYTHON_IMAGE"], "the newest Python CI tests"


def test_the_image_installs_its_dependencies_from_the_hashed_lock_only() -> None:
    stage = _final_stage()
    copies = [c.split() for c in stage["COPY"]]
    assert ["requirements/service.lock", "/tmp/service.lock"] in copies
    pip_calls = [part.strip() for run in stage["RUN"] for part in run.split("&&") if "pip install" in part]
    assert len(pip_calls) == 2, pip_calls
    locked, wheel = (shlex.split(call) for call in pip_calls)
    assert "--require-hashes" in locked and locked[locked.index("-r") + 1] == "/tmp/service.lock"
    assert "--no-deps" in wheel and wheel[-1] == "/wheels/*.whl", "the wheel brings nothing unpinned"
    lock = (ROOT / "requirements" / "service.lock").read_text()
    assert re.search(r"^ask-sdk-dynamodb-persistence-adapter==", lock, flags=re.M), "DynamoDB memory is locked too"


def test_the_entry_point_is_the_session_key_check() -> None:
    stage = _final_stage()
    (entry,) = stage["ENTRYPOINT"]
    (target,) = json.loads(entry)
    assert [ "deploy/container-entrypoint.sh", target] in [c.split() for c in stage["COPY"]]
    assert os.access(ENTRYPOINT_SCRIPT, os.X_OK)


def _start(env: dict[str, str], *command: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("NIGHTLEGS_")}
    return subprocess.run([str(ENTRYPOINT_SCRIPT), *command], env={**base, **env},
                          capture_output=True, text=True, timeout=30)


def test_the_container_refuses_to_start_without_a_session_key() -> None:
    done = _start({}, "sh", "-c", "echo started")
    assert done.returncode != 0 and "started" not in done.stdout
    assert "NIGHTLEGS_SESSION_KEY is not set" in done.stderr
    assert "--env-file" in done.stderr and "token_hex(32)" in done.stderr, "it says how to make one"


def test_the_container_refuses_a_short_session_key() -> None:
    done = _start({"NIGHTLEGS_SESSION_KEY": "dev"}, "sh", "-c", "echo started")
    assert done.returncode != 0 and "started" not in done.stdout
    assert "at least 32" in done.stderr


def test_with_a_key_the_container_runs_its_command_with_the_key_set() -> None:
    done = _start({"NIGHTLEGS_SESSION_KEY": KEY}, "sh", "-c", 'echo "started with $NIGHTLEGS_SESSION_KEY"')
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"started with {KEY}"


def test_the_run_example_passes_a_session_key() -> None:
    for page in (ROOT / "docs" / "deploy.md", ROOT / "Containerfile"):
        text = page.read_text(encoding="utf-8").replace("\\\n#", "")
        runs = [line for line in text.splitlines() if "run -d" in line]
        assert runs and all("--env-file .nightlegs/container.env" in line for line in runs), page
        assert "NIGHTLEGS_SESSION_KEY=%s" in text, f"{page.name} shows how the env file gets its key"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_the_recipe_installed_from_the_lock_serves_and_passes_its_health_check(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NIGHTLEGS_", "PYTHON", "VIRTUAL_ENV"))}
    wheels = tmp_path / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                           capture_output=True, text=True, env=env, timeout=600)
    assert built.returncode == 0, built.stderr
    venv.create(tmp_path / "venv", with_pip=True)
    bin_dir = tmp_path / "venv" / "bin"
    for step in (["install", "-q", "--require-hashes", "-r", str(ROOT / "requirements" / "service.lock")],
                 ["install", "-q", "--no-deps", *map(str, wheels.glob("*.whl"))]):
        done = subprocess.run([str(bin_dir / "pip"), *step], capture_output=True, text=True, env=env, timeout=900)
        assert done.returncode == 0, done.stderr[-2000:]
    stage = _final_stage()
    port = str(_free_port())
    command = [part.replace("8080", port) for part in json.loads(stage["CMD"][0])]
    probe = [part.replace("8080", port) for part in json.loads(stage["HEALTHCHECK"][0].split(" CMD ", 1)[1])]
    data = tmp_path / "data"
    data.mkdir()
    run_env = {**env, "PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", "NIGHTLEGS_DB": str(data / "db.sqlite3"),
               "NIGHTLEGS_SKILL_ID": "amzn1.ask.skill.00000000-0000-0000-0000-000000000000",
               "NIGHTLEGS_SESSION_KEY": KEY}
    process = subprocess.Popen([str(ENTRYPOINT_SCRIPT), *command], cwd=tmp_path, env=run_env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90  # a start-up wait, not a speed check
        result = None
        while time.monotonic() < deadline and process.poll() is None:
            result = subprocess.run(probe, env=run_env, capture_output=True, text=True, timeout=30)
            if result.returncode == 0:
                break
            time.sleep(0.3)
        assert result is not None and result.returncode == 0, (process.poll(), result and result.stderr[-500:])
    finally:
        process.terminate()
        process.communicate(timeout=30)
