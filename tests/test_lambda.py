"""The Lambda entry point answers a real LaunchRequest envelope."""

from __future__ import annotations

import json
import logging
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from skill import paths
from skill.simulator.session import LocalSession


def test_lambda_handler_answers_a_launch_request_in_a_fresh_process() -> None:
    envelope = LocalSession().envelope({"type": "LaunchRequest"})
    code = (
        "import json, sys, runpy;"
        f"module = runpy.run_path({str(paths.project_root() / 'lambda' / 'lambda_function.py')!r});"
        "print(json.dumps(module['lambda_handler'](json.loads(sys.stdin.read()), None)))"
    )
    result = subprocess.run([sys.executable, "-c", code], input=json.dumps(envelope), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    response = json.loads(result.stdout.strip().splitlines()[-1])
    assert response["version"] == "1.0"
    assert "Welcome to Night Legs" in response["response"]["outputSpeech"]["ssml"]
    assert response["response"]["shouldEndSession"] is False


def test_lambda_requirements_name_the_runtime_stack() -> None:
    text = (paths.project_root() / "lambda" / "requirements.txt").read_text()
    assert "ask-sdk-core" in text and "pyyaml" in text.lower()
    assert Path(paths.project_root() / "lambda" / "lambda_function.py").exists()


def _root_level_after_cold_start(env: dict[str, str]) -> str:
    code = (
        "import logging, runpy;"
        f"runpy.run_path({str(paths.project_root() / 'lambda' / 'lambda_function.py')!r});"
        "print(logging.getLevelName(logging.getLogger().level))"
    )
    base = {k: v for k, v in os.environ.items() if k not in ("NIGHTLEGS_LOG_LEVEL", "AWS_LAMBDA_LOG_LEVEL")}
    result = subprocess.run([sys.executable, "-c", code], env={**base, **env}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "SyntaxWarning" not in result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_cold_start_logs_the_per_request_lines_by_default() -> None:
    # The Lambda Python runtime starts the root logger at WARNING, which hides INFO lines.
    assert _root_level_after_cold_start({}) == "INFO"


def test_log_level_comes_from_the_environment_in_lambdas_words_too() -> None:
    assert _root_level_after_cold_start({"AWS_LAMBDA_LOG_LEVEL": "WARN"}) == "WARNING"
    assert _root_level_after_cold_start({"AWS_LAMBDA_LOG_LEVEL": "WARN", "NIGHTLEGS_LOG_LEVEL": "debug"}) == "DEBUG"


def test_alexa_hosted_table_is_used_with_the_salt_the_build_left(tmp_path: Path) -> None:
    root = logging.getLogger()
    level = root.level
    try:
        module = runpy.run_path(str(paths.project_root() / "lambda" / "lambda_function.py"))
    finally:
        root.setLevel(level)  # the entry point sets the process's log level at cold start
    use = module["use_alexa_hosted_table"]
    env: dict[str, str] = {"DYNAMODB_PERSISTENCE_TABLE_NAME": "hosted-table"}
    use(env, str(tmp_path))
    assert "NIGHTLEGS_DYNAMODB_TABLE" not in env, "no salt file: no table (and no unsalted keys)"
    (tmp_path / "user_salt.txt").write_text("ab" * 32 + "\n")
    use(env, str(tmp_path))
    assert env["NIGHTLEGS_DYNAMODB_TABLE"] == "hosted-table"
    assert env["NIGHTLEGS_USER_SALT"] == "ab" * 32
def _deep(levels: int) -> dict:
    top: dict = {}
    node = top
    for _ in range(levels):
        node["a"] = {}
        node = node["a"]
    return top


def _launch_with(**changes: object) -> dict:
    envelope = LocalSession().envelope({"type": "LaunchRequest"})
    for path, value in changes.items():
        *parents, last = path.split("__")
        node = envelope
        for key in parents:
            node = node[key]
        node[last] = value
    return envelope


MALFORMED = {
    "none": None,
    "a list": [],
    "a string": "SECRET-USER-WORDS",
    "an unknown request type": _launch_with(request__type="Foo.SECRET-USER-WORDS"),
    "a bad timestamp": _launch_with(request__timestamp="SECRET-USER-WORDS"),
    "900-deep attributes": _launch_with(session__attributes=_deep(900)),
    "800-deep attributes": _launch_with(session__attributes={"nl": _deep(800)}),
}


def test_malformed_events_are_refused_with_one_short_line_and_no_user_data(caplog: pytest.LogCaptureFixture) -> None:
    module = runpy.run_path(str(paths.project_root() / "lambda" / "lambda_function.py"))
    for name, event in MALFORMED.items():
        caplog.clear()
        with caplog.at_level(logging.INFO):
            result = module["lambda_handler"](event, None)
        assert result["error"] == "bad_request", name
        refusals = [r for r in caplog.records if r.getMessage().startswith("refused event:")]
        assert len(refusals) == 1, name
        assert all("SECRET" not in r.getMessage() and r.exc_info is None for r in caplog.records), name
        assert "SECRET" not in json.dumps(result), name
    assert "Welcome to Night Legs" in json.dumps(module["lambda_handler"](_launch_with(), None))
