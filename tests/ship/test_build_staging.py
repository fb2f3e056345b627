"""A failed `nightlegs build` leaves the output folder as it was: no half-written dist/
that `ask deploy` or `sam deploy` could pick up. And a build for `ask deploy`'s function
carries a session key of the deployment's own, made once and kept."""

from __future__ import annotations

import contextlib
import io
import json
import re
import stat
from pathlib import Path

import pytest

from skill.cli.main import main
from skill.ship import bundle


def nightlegs(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return int(code or 0), out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fake_install(requirements: Path, target: Path, *args: object, **kwargs: object) -> None:
    (target / "yaml").mkdir(parents=True)
    (target / "yaml" / "__init__.py").write_text("")


def test_a_build_that_fails_half_way_leaves_the_last_good_output_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundle, "install_dependencies", fake_install)
    out = tmp_path / "dist"
    code, _, err = nightlegs("build", "--out", str(out), "--session-key-file", str(tmp_path / "key"))
    assert code == 0, err
    (out / ".ask").mkdir()
    (out / ".ask" / "ask-states.json").write_text('{"skill": "kept"}')
    before = snapshot(out)

    def broken(*args: object, **kwargs: object) -> None:
        raise bundle.BundleError("pip install ... failed: no matching distribution for pyyaml")

    monkeypatch.setattr(bundle, "install_dependencies", broken)
    code, _, err = nightlegs("build", "--out", str(out), "--session-key-file", str(tmp_path / "key"))
    assert code == 1 and "no matching distribution" in err
    assert snapshot(out) == before, "the failed build changed dist/"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "key"], "a staging folder was left behind"


def test_a_first_build_that_fails_leaves_no_project_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise bundle.BundleError("pip failed")

    monkeypatch.setattr(bundle, "install_dependencies", broken)
    out = tmp_path / "dist"
    code, _, _ = nightlegs("build", "--out", str(out), "--session-key-file", str(tmp_path / "key"))
    assert code == 1
    assert not (out / "skill-package").exists() and not (out / "ask-resources.json").exists()


def test_a_switch_to_an_https_endpoint_drops_the_old_lambda_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle, "install_dependencies", fake_install)
    out = tmp_path / "dist"
    assert nightlegs("build", "--out", str(out), "--session-key-file", str(tmp_path / "key"))[0] == 0
    assert (out / "lambda.zip").is_file()
    code, _, err = nightlegs("build", "--out", str(out), "--endpoint", "https", "--https-url", "https://legs.example.org/")
    assert code == 0, err
    assert not (out / "lambda.zip").exists() and not (out / "lambda").exists()


def test_ask_deploys_function_gets_a_session_key_made_once_and_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle, "install_dependencies", fake_install)
    monkeypatch.delenv("NIGHTLEGS_SESSION_KEY", raising=False)
    key_file = tmp_path / "secrets" / "session-key"
    out = tmp_path / "dist"

    def function_env() -> dict[str, str]:
        resources = json.loads((out / "ask-resources.json").read_text())
        return resources["profiles"]["default"]["skillInfrastructure"]["userConfig"]["lambda"]["environmentVariables"]

    code, _, err = nightlegs("build", "--out", str(out), "--session-key-file", str(key_file))
    assert code == 0, err
    key = function_env()["NIGHTLEGS_SESSION_KEY"]
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert key_file.read_text().strip() == key and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert "made the session key" in err
    assert nightlegs("build", "--out", str(out), "--session-key-file", str(key_file))[0] == 0
    assert function_env()["NIGHTLEGS_SESSION_KEY"] == key, "a new key on every build would restart conversations"
    monkeypatch.setenv("NIGHTLEGS_SESSION_KEY", "f" * 64)
    assert nightlegs("build", "--out", str(out), "--session-key-file", str(key_file))[0] == 0
    assert function_env()["NIGHTLEGS_SESSION_KEY"] == "f" * 64
