"""`pip install .` (or `pipx install .`) gives a working `nightlegs` anywhere: the built
wheel, installed into a fresh virtual environment, talks, validates for a release,
builds every target and serves from a folder outside the checkout, with no
NIGHTLEGS_HOME. (The container recipe's own steps: tests/ship/test_container.py.)"""

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


PUBLISHED = "https://nightlegs-skill.github.io/nightlegs/"
ARN = "arn:aws:lambda:us-east-1:123456789012:function:night-legs-SkillFunction-AbC123:live"


def test_installed_wheel_passes_a_release_validation(installed: tuple[Path, Path, dict[str, str]]) -> None:
    bin_dir, cwd, env = installed
    done = _run([str(bin_dir / "nightlegs"), "validate", "--json", "--release", "--policy-base-url", PUBLISHED], cwd, env)
    assert done.returncode == 0, done.stdout[-3000:]
    assert json.loads(done.stdout)["errors"] == []


@pytest.mark.parametrize(
    ("target", "extra"),
    [
        ("ask-lambda", ["--release"]),
        ("ask-pinned-lambda", ["--lambda-arn", ARN]),
        ("ask-https", ["--endpoint", "https", "--https-url", "https://skill.nightlegs.org/"]),
        ("alexa-hosted-newer-python", ["--target", "alexa-hosted", "--hosted-python", "3.12"]),
    ],
)
def test_installed_wheel_builds_every_target_outside_the_checkout(
    installed: tuple[Path, Path, dict[str, str]], target: str, extra: list[str]
) -> None:
    bin_dir, cwd, env = installed
    out = cwd / target
    wheelhouse = cwd.parent / "wheelhouse"
    done = _run([str(bin_dir / "nightlegs"), "build", "--json", "--out", str(out), "--wheelhouse", str(wheelhouse),
                 "--policy-base-url", PUBLISHED, *extra], cwd, env)
    assert done.returncode == 0, (done.stdout[-2000:], done.stderr[-2000:])
    report = json.loads(done.stdout)
    assert report["ok"] and report["errors"] == []
    assert (out / "skill-package" / "skill.json").is_file()
    assert (out / "skill-package" / "assets" / "images" / "large-icon.png").is_file()
    if target.endswith("lambda"):
        assert report["lambda_zip"]["entries"] > 100
        assert (out / "lambda.zip").is_file() and (out / "lambda" / "lambda_function.py").is_file()
    if target.startswith("alexa-hosted"):
        assert (out / "lambda" / "requirements.txt").read_text().count("--hash=sha256:") > 10
        assert (out / "lambda" / "skill" / "app.py").is_file()
    assert not [p.name for p in cwd.iterdir() if "-building-" in p.name], "a staging folder was left behind"


def test_installed_wheel_refuses_the_documented_hosted_python_and_writes_nothing(
    installed: tuple[Path, Path, dict[str, str]],
) -> None:
    bin_dir, cwd, env = installed
    out = cwd / "hosted-3.8"
    done = _run([str(bin_dir / "nightlegs"), "build", "--target", "alexa-hosted", "--out", str(out)], cwd, env)
    assert done.returncode == 1
    assert "Python 3.8" in done.stderr and "3.11 or newer" in done.stderr
    assert not out.exists()
