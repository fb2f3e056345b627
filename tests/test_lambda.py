"""The Lambda entry point answers a real LaunchRequest envelope."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
