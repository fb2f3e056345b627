"""Catch undefined names and similar mistakes before a user hears "something went wrong"."""

from __future__ import annotations

import subprocess
import sys

from skill import paths


def test_no_undefined_names_or_unused_imports_in_the_code() -> None:
    root = paths.project_root()
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "F,E9", "--ignore", "F811", "skill", "lambda", "bench", "tests"],
        cwd=root, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
