"""`pip install .` gives a working `nightlegs` anywhere: the built wheel, installed into
a fresh virtual environment, talks, validates and serves from a folder outside the
checkout, with no NIGHTLEGS_HOME."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _run(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, dict[str, str]]]:
    """(bin folder of the fresh venv, a working folder outside the checkout, environment)."""
    base = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NIGHTLEGS_", "PYTHON", "VIRTUAL_ENV"))}
    env["XDG_DATA_HOME"] = str(base / "data")
    wheels = base / "wheels"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(ROOT)], base, env)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("nightlegs-*.whl")
    venv.create(base / "venv", with_pip=True)
    bin_dir = base / "venv" / "bin"
    installed = _run([str(bin_dir / "pip"), "install", "--quiet", str(wheel)], base, env)
    assert installed.returncode == 0, installed.stderr
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    yield bin_dir, elsewhere, env


def test_installed_wheel_answers_a_question(installed: tuple[Path, Path, dict[str, str]]) -> None:
    bin_dir, cwd, env = installed
    done = _run([str(bin_dir / "nightlegs"), "ask", "--json", "why does my leg go numb when I lie down"], cwd, env)
    assert done.returncode == 0, done.stderr
    turn = json.loads(done.stdout.splitlines()[0])
    assert "safety check" in turn["speech"]


def test_installed_wheel_validates_its_own_content_and_models(installed: tuple[Path, Path, dict[str, str]]) -> None:
    bin_dir, cwd, env = installed
    done = _run([str(bin_dir / "nightlegs"), "validate", "--json"], cwd, env)
    report = json.loads(done.stdout)
    assert report["ok"], report["errors"]
    assert any("interaction_model/en-US.json" in f for f in report["checked"])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_installed_wheel_serves_a_healthy_endpoint(installed: tuple[Path, Path, dict[str, str]]) -> None:
    bin_dir, cwd, env = installed
    port = _free_port()
    process = subprocess.Popen(
        [str(bin_dir / "nightlegs"), "serve", "--port", str(port), "--workers", "1", "--insecure-skip-verification"],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 60  # a start-up wait, not a speed check
        reply = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                reply = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        assert reply is not None, f"serve never answered (exit {process.poll()})"
        assert reply.status_code == 200, reply.text
        assert reply.json()["checks"] == {"content": "ok", "model": "ok"}
    finally:
        process.terminate()
        process.communicate(timeout=30)


# --- the Containerfile's steps, without a container engine -------------------------
# No engine runs on the test machine (podman installs, but crun may not set rlimits in
# a sandbox, and no base image can be pulled), so the recipe's own commands are run
# against the same wheel-in-a-venv install: its CMD serves, its HEALTHCHECK passes.


def _containerfile() -> dict[str, list[str]]:
    text = (ROOT / "Containerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    stage = text.split("\nFROM ")[-1]  # the final image
    instructions: dict[str, list[str]] = {}
    for line in stage.splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, rest = line.strip().partition(" ")
            instructions.setdefault(word.upper(), []).append(rest.strip())
    return instructions


def test_container_runs_as_a_non_root_user_with_memory_on_its_volume() -> None:
    image = _containerfile()
    (user,) = image["USER"]
    assert user not in ("0", "root")
    env = " ".join(image["ENV"])
    assert "NIGHTLEGS_DB=/data/" in env and image["VOLUME"] == ["/data"]
    assert any("chown 10001" in run for run in image["RUN"]) and user == "10001"


def test_container_command_serves_and_its_health_check_passes(
    installed: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    bin_dir, cwd, env = installed
    image = _containerfile()
    port = str(_free_port())
    (cmd,) = image["CMD"]
    command = [part.replace("8080", port) for part in json.loads(cmd)]
    assert command[:2] == ["nightlegs", "serve"] and "0.0.0.0" in command
    health = image["HEALTHCHECK"][0]
    assert "/healthz" in health
    probe = [part.replace("8080", port) for part in json.loads(health.split(" CMD ", 1)[1])]
    data = tmp_path / "data"
    data.mkdir()
    run_env = {**env, "NIGHTLEGS_DB": str(data / "nightlegs.sqlite3"),
               "NIGHTLEGS_SKILL_ID": "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"}
    process = subprocess.Popen([str(bin_dir / command[0]), *command[1:]], cwd=cwd, env=run_env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60  # a start-up wait, not a speed check
        result = None
        while time.monotonic() < deadline and process.poll() is None:
            result = _run([str(bin_dir / probe[0]), *probe[1:]], cwd, run_env, timeout=30)
            if result.returncode == 0:
                break
            time.sleep(0.3)
        assert result is not None and result.returncode == 0, (process.poll(), result and result.stderr[-500:])
    finally:
        process.terminate()
        process.communicate(timeout=30)
