"""The import rules in pyproject.toml ([tool.importlinter]) hold, and they bite.

The second test copies the package, adds one import that breaks a rule, and checks that
import-linter names the broken contract: a rule that cannot fail would prove nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from skill import paths

ROOT = paths.project_root()


def _lint_imports(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
    )


def test_the_import_rules_hold() -> None:
    result = _lint_imports(ROOT, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "bad_import", "contract"),
    [
        ("skill/core/triage.py", "import ask_sdk_core", "import no SDK"),
        ("skill/dialog/ssml.py", "import skill.stretch.library", "Layers"),
        ("skill/memory/policy.py", "import skill.reminders", "Layers"),
        ("skill/handlers/areas/builtin.py", "import skill.handlers.areas.info", "Handler areas"),
        ("skill/handlers/interceptors/metrics.py", "import skill.handlers.areas.memory", "never import a conversation area"),
        ("skill/ship/manifest.py", "import skill.core.triage", "Shipping tools"),
        # the simulator's NLU knows the built model only, as Alexa does; the device part
        # reaches the skill through skill.app and plain_text alone
        ("skill/simulator/resolver.py", "from skill.core import negation", "knows only the built interaction model"),
        ("skill/simulator/session.py", "import skill.content", "knows only the built interaction model"),
    ],
)
def test_a_wrong_import_breaks_its_contract(tmp_path: Path, module: str, bad_import: str, contract: str) -> None:
    shutil.copytree(ROOT / "skill", tmp_path / "skill", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{bad_import}  # deliberately wrong\n")
    result = _lint_imports(tmp_path, tmp_path)
    assert result.returncode != 0, result.stdout
    report = " ".join(result.stdout.split())  # contract names wrap over lines
    assert "1 broken" in report, report
    broken_name = report[: report.index(" BROKEN")].rsplit("KEPT", 1)[-1]
    assert contract in broken_name, report
    assert bad_import.split()[-1] in report, report
