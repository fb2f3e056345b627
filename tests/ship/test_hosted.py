"""Alexa-hosted: the build refuses the Python Amazon documents for hosted skills (3.8,
older than Night Legs can run on) with a message naming both versions, writes nothing,
and for a newer hosted Python writes code whose requirements are pinned. The entry point
reads the hosted table's region and the session key the build left."""

from __future__ import annotations

import contextlib
import io
import logging
import re
import runpy
import tomllib
from pathlib import Path

import pytest

from skill import paths
from skill.cli.main import main
from skill.ship import hosted

ROOT = paths.project_root()


def nightlegs(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return int(code or 0), out.getvalue(), err.getvalue()


def test_the_minimum_python_is_the_one_pyproject_requires() -> None:
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=" + ".".join(map(str, hosted.MIN_PYTHON))


def test_hosted_build_refuses_python_3_8_naming_both_versions_and_writes_nothing(tmp_path: Path) -> None:
    clone = tmp_path / "night-legs"
    clone.mkdir()
    (clone / "README.md").write_text("the hosted template\n")
    code, _, err = nightlegs("build", "--target", "alexa-hosted", "--out", str(clone))
    assert code == 1
    assert "Python 3.8" in err and "3.11 or newer" in err
    assert "sam-deploy.sh" in err and "--hosted-python" in err, "the message says what to do instead"
    assert sorted(p.name for p in clone.iterdir()) == ["README.md"]
    assert [p.name for p in tmp_path.iterdir()] == ["night-legs"], "no staging folder left behind"


def test_hosted_build_refusal_in_json_is_one_error(tmp_path: Path) -> None:
    code, out, _ = nightlegs("build", "--json", "--target", "alexa-hosted", "--out", str(tmp_path / "c"))
    assert code == 1 and '"ok": false' in out and "Python 3.8" in out


def test_hosted_build_for_a_newer_python_pins_every_requirement_and_keeps_its_secrets(tmp_path: Path) -> None:
    clone = tmp_path / "night-legs"
    code, _, err = nightlegs("build", "--target", "alexa-hosted", "--hosted-python", "3.12", "--out", str(clone))
    assert code == 0, err
    requirements = (clone / "lambda" / "requirements.txt").read_text()
    lines = [line for line in requirements.splitlines() if line and not line.startswith((" ", "#"))]
    assert lines and all(re.match(r"^[a-z0-9-]+==[\w.]+ \\$", line) for line in lines), lines
    assert "--hash=sha256:" in requirements
    assert "ask-sdk-dynamodb-persistence-adapter==" in requirements
    salt = (clone / "lambda" / "user_salt.txt").read_text()
    key = (clone / "lambda" / "session_key.txt").read_text()
    assert re.fullmatch(r"[0-9a-f]{64}\n", salt) and re.fullmatch(r"[0-9a-f]{64}\n", key) and salt != key
    again, _, err = nightlegs("build", "--target", "alexa-hosted", "--hosted-python", "3.12", "--out", str(clone))
    assert again == 0, err
    assert (clone / "lambda" / "user_salt.txt").read_text() == salt, "a new salt would forget every user"
    assert (clone / "lambda" / "session_key.txt").read_text() == key


@pytest.mark.parametrize("version", ["3.10", "python3.8", "2.7"])
def test_hosted_python_older_than_the_package_is_refused(version: str, tmp_path: Path) -> None:
    code, _, err = nightlegs("build", "--target", "alexa-hosted", "--hosted-python", version, "--out", str(tmp_path / "c"))
    assert code == 1 and "3.11 or newer" in err
    assert not (tmp_path / "c").exists()


def _entry_point() -> dict[str, object]:
    root = logging.getLogger()
    level = root.level
    try:
        return runpy.run_path(str(ROOT / "lambda" / "lambda_function.py"))
    finally:
        root.setLevel(level)  # the entry point sets the process's log level at cold start


def test_hosted_table_is_used_in_the_region_alexa_hosting_names(tmp_path: Path) -> None:
    use = _entry_point()["use_alexa_hosted_table"]
    (tmp_path / "user_salt.txt").write_text("ab" * 32 + "\n")
    (tmp_path / "session_key.txt").write_text("cd" * 32 + "\n")
    env = {
        "DYNAMODB_PERSISTENCE_TABLE_NAME": "hosted-table",
        "DYNAMODB_PERSISTENCE_REGION": "us-east-1",
        "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-1",  # the function runs nearer the user
    }
    use(env, str(tmp_path))  # type: ignore[operator]
    assert env["NIGHTLEGS_DYNAMODB_TABLE"] == "hosted-table"
    assert env["AWS_DEFAULT_REGION"] == "us-east-1"
    assert env["NIGHTLEGS_SESSION_KEY"] == "cd" * 32


def test_a_session_key_set_in_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    use = _entry_point()["use_alexa_hosted_table"]
    (tmp_path / "session_key.txt").write_text("cd" * 32 + "\n")
    env = {"NIGHTLEGS_SESSION_KEY": "ef" * 32}
    use(env, str(tmp_path))  # type: ignore[operator]
    assert env == {"NIGHTLEGS_SESSION_KEY": "ef" * 32}
