"""What the Lambda path imports: `import lambda_function` and one LaunchRequest in a fresh
interpreter, with the content snapshots `nightlegs build` ships (skill/content/snapshot.py).

A module on the list below costs every cold start its import time and does nothing for a
Lambda request: the web service, the simulator, the CLI and the build, their libraries, and
PyYAML once the content comes from snapshots. No timing here: only which modules load.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from skill import paths
from skill.content.loader import write_snapshots

ROOT = Path(__file__).resolve().parent.parent

_SCRIPT = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[2])
import lambda_function
imported = set(sys.modules)
from cold_driver import LAUNCH
answer = lambda_function.lambda_handler(json.loads(json.dumps(LAUNCH)), None)
assert answer["response"]["outputSpeech"]["ssml"].startswith("<speak>"), answer
print(json.dumps({"import": sorted(imported), "request": sorted(set(sys.modules))}))
"""

# Never on the Lambda path: (top-level name, or a prefix ending in ".")
NOT_ON_THE_LAMBDA_PATH = (
    "flask", "flask_ask_sdk", "werkzeug", "jinja2", "gunicorn", "a2wsgi", "ask_sdk_webservice_support",
    "requests", "urllib3", "boto3", "botocore", "platformdirs", "pyinstrument", "psutil", "hypothesis",
    "skill.web", "skill.simulator", "skill.cli", "skill.ship",
)


def _modules(env_extra: dict[str, str], tmp_path: Path) -> dict[str, list[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIGHTLEGS_")}
    env.update(NIGHTLEGS_DB=str(tmp_path / "memory.sqlite3"), **env_extra)
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(ROOT / "lambda"), str(ROOT / "bench")],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _on(modules: list[str], name: str) -> list[str]:
    if name.endswith("."):
        return [m for m in modules if m.startswith(name) or m == name[:-1]]
    return [m for m in modules if m == name or m.startswith(name + ".")]


@pytest.fixture(scope="module")
def shipped_snapshots() -> None:
    write_snapshots(paths.content_dir())  # what `nightlegs build` puts in the bundle


def test_the_lambda_path_imports_no_web_simulator_cli_or_yaml(shipped_snapshots: None, tmp_path: Path) -> None:
    found = _modules({}, tmp_path)
    for phase in ("import", "request"):
        for name in NOT_ON_THE_LAMBDA_PATH:
            prefix = name + "." if name.startswith("skill.") else name
            assert not _on(found[phase], prefix), f"{phase}: {_on(found[phase], prefix)}"
        assert not _on(found[phase], "yaml"), f"{phase}: PyYAML loaded although the content has snapshots"
    assert "skill.content.snapshot" in found["request"]


def test_without_snapshots_the_content_is_parsed_from_yaml(shipped_snapshots: None, tmp_path: Path) -> None:
    found = _modules({"NIGHTLEGS_SNAPSHOT": "off"}, tmp_path)
    assert not _on(found["import"], "yaml")  # still not at import: only when the content loads
    assert _on(found["request"], "yaml")
