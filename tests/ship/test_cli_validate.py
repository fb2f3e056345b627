"""`nightlegs validate` on the real project and on broken copies of a small project.

Each broken fixture is a temporary project (NIGHTLEGS_HOME) holding the real
content, a small valid interaction model with one rule broken, and a listing.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from skill.cli.main import main

# tests/ and tests/ship/ are not packages: pytest puts them on sys.path.
from shipping_fixtures import valid_listing_yaml, valid_model
from test_validate_rules import MANIFEST_CASES, MODEL_CASES

ROOT = Path(__file__).resolve().parents[2]
GENERATED_MANIFEST = "skill.json (generated from content/manifest.yaml)"


def nightlegs(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse errors
            code = exc.code if isinstance(exc.code, int) else 2
    return int(code or 0), out.getvalue()


def validate_json(*extra: str) -> tuple[int, dict[str, Any]]:
    code, out = nightlegs("validate", "--json", *extra)
    return code, json.loads(out)


@pytest.fixture
def small_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Write a small project; returns a function taking the model and listing to use."""
    shutil.copytree(ROOT / "content", tmp_path / "content", ignore=shutil.ignore_patterns("snapshots"))
    (tmp_path / "interaction_model").mkdir()
    monkeypatch.setenv("NIGHTLEGS_HOME", str(tmp_path))
    for name in ("NIGHTLEGS_PRIVACY_URL", "NIGHTLEGS_TERMS_URL"):
        monkeypatch.delenv(name, raising=False)

    def write(model: dict[str, Any] | None = None, listing: dict[str, Any] | None = None) -> Path:
        (tmp_path / "interaction_model" / "en-US.json").write_text(
            json.dumps(model or valid_model()), encoding="utf-8"
        )
        data = listing or valid_listing_yaml()
        data["countries"] = {"en-US": ["US"]}
        (tmp_path / "content" / "manifest.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
        return tmp_path

    return write


def test_the_real_project_validates_clean() -> None:
    code, report = validate_json()
    assert report["errors"] == [], json.dumps(report["errors"], indent=1)
    assert code == 0
    assert report["ok"] is True
    models = sorted(p.name for p in (ROOT / "interaction_model").glob("*-*.json"))
    assert models, "the project has no interaction model"
    assert {f"interaction_model/{m}" for m in models} <= set(report["checked"])


def test_text_output_lists_each_finding_with_file_and_path(small_project: Callable[..., Path]) -> None:
    model = valid_model()
    model["interactionModel"]["languageModel"]["invocationName"] = "nightlegs"
    small_project(model)
    code, out = nightlegs("validate")
    assert code == 1
    assert "error: interaction_model/en-US.json: $.interactionModel.languageModel.invocationName: " in out
    assert "needs at least two words" in out
    assert "1 error(s)" in out


def test_the_small_valid_project_passes(small_project: Callable[..., Path]) -> None:
    small_project()
    code, report = validate_json()
    assert (code, report["errors"]) == (0, [])


@pytest.mark.parametrize(("rule", "mutate", "words"), MODEL_CASES, ids=[f"{c[0]}:{c[2][:30]}" for c in MODEL_CASES])
def test_validate_reports_each_broken_model_rule(
    small_project: Callable[..., Path], rule: str, mutate: Callable[[dict[str, Any]], None], words: str
) -> None:
    model = valid_model()
    mutate(model)
    small_project(model)
    code, report = validate_json()
    assert code == 1
    # A broken invocation name also breaks the example phrases that use it; count
    # only what is reported against the model file.
    errors = [e for e in report["errors"] if e["file"] == "interaction_model/en-US.json"]
    assert [e["rule"] for e in errors] == [rule], report["errors"]
    assert words in errors[0]["message"]
    assert errors[0]["path"].startswith("$.interactionModel.")


@pytest.mark.parametrize(("rule", "listing", "field", "words"), MANIFEST_CASES, ids=[f"{c[0]}:{c[3][:30]}" for c in MANIFEST_CASES])
def test_validate_reports_each_broken_manifest_rule(
    small_project: Callable[..., Path], rule: str, listing: dict[str, Any], field: str, words: str
) -> None:
    data = valid_listing_yaml()
    data["listing"]["default"].update(copy.deepcopy(listing))
    small_project(listing=data)
    code, report = validate_json()
    assert code == 1
    (error,) = report["errors"]
    assert (error["rule"], error["file"]) == (rule, GENERATED_MANIFEST)
    assert error["path"] == f"$.manifest.publishingInformation.locales.en-US.{field}"
    assert words in error["message"]


def test_missing_privacy_url_is_a_warning_until_a_release_check_and_the_flag_fixes_it(
    small_project: Callable[..., Path],
) -> None:
    data = valid_listing_yaml()
    data["links"]["privacy_policy_url"] = ""
    small_project(listing=data)
    where = "$.manifest.privacyAndCompliance.locales.en-US.privacyPolicyUrl"
    code, report = validate_json()
    assert code == 0
    assert where in [w["path"] for w in report["warnings"]]
    code, report = validate_json("--release", "--terms-url", "https://legs.nightlegs.org/terms")
    assert code == 1
    assert [e["path"] for e in report["errors"]] == [where]
    code, report = validate_json("--release", "--policy-base-url", "https://legs.nightlegs.org/")
    assert (code, report["errors"]) == (0, [])


@pytest.mark.parametrize(
    "url", ["https://example.org/privacy", "https://example.com/p", "https://legs.invalid/p", "https://a.org/\u2026"]
)
def test_a_release_check_refuses_placeholder_policy_pages(small_project: Callable[..., Path], url: str) -> None:
    small_project()
    code, report = validate_json("--release", "--privacy-url", url, "--terms-url", "https://legs.nightlegs.org/terms")
    assert code == 1
    assert {e["rule"] for e in report["errors"]} == {"manifest-placeholder"}
    code, _ = validate_json("--privacy-url", url, "--terms-url", "https://legs.nightlegs.org/terms")
    assert code == 0, "placeholders are fine while developing"


def test_the_real_project_passes_a_release_check_only_with_real_pages() -> None:
    code, report = validate_json("--release")
    assert code == 1 and {e["rule"] for e in report["errors"]} == {"manifest-placeholder"}
    code, report = validate_json("--release", "--policy-base-url", "https://nightlegs.github.io/nightlegs/")
    assert (code, report["errors"]) == (0, [])


def test_content_without_sources_is_reported_with_file_and_entry(small_project: Callable[..., Path]) -> None:
    root = small_project()
    causes_file = root / "content" / "causes.yaml"
    causes = yaml.safe_load(causes_file.read_text(encoding="utf-8"))
    first = causes["causes"][0]
    del first["sources"]
    causes_file.write_text(yaml.safe_dump(causes), encoding="utf-8")
    code, report = validate_json()
    assert code == 1
    (error,) = report["errors"]
    assert (error["rule"], error["file"]) == ("content", "content/causes.yaml")
    assert first["id"] in error["path"]
    assert "sources" in error["message"]


def test_warnings_alone_exit_zero(small_project: Callable[..., Path]) -> None:
    model = valid_model()
    intents = model["interactionModel"]["languageModel"]["intents"]
    model["interactionModel"]["languageModel"]["intents"] = [
        i for i in intents if i["name"] != "AMAZON.FallbackIntent"
    ]
    small_project(model)
    code, report = validate_json()
    assert code == 0
    assert any("AMAZON.FallbackIntent" in w["message"] for w in report["warnings"])


def test_bad_json_model_is_an_error_naming_the_line(small_project: Callable[..., Path]) -> None:
    root = small_project()
    (root / "interaction_model" / "en-GB.json").write_text('{"interactionModel": ', encoding="utf-8")
    code, report = validate_json()
    assert code == 1
    (error,) = report["errors"]
    assert error["file"] == "interaction_model/en-GB.json"
    assert error["path"].startswith("line 1")


def test_task_definition_with_two_paths_is_reported(small_project: Callable[..., Path]) -> None:
    root = small_project()
    tasks = root / "content" / "tasks"
    tasks.mkdir(exist_ok=True)
    two_paths = {"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/One": {}, "/Two": {}}}
    (tasks / "broken-task.json").write_text(json.dumps(two_paths), encoding="utf-8")
    code, report = validate_json()
    assert code == 1
    (error,) = report["errors"]
    assert error["file"] == "content/tasks/broken-task.json"
    assert error["path"] == "$.paths"
    assert "exactly one path" in error["message"]


def test_validate_dist_checks_the_built_skill_package(
    small_project: Callable[..., Path], tmp_path: Path
) -> None:
    small_project()
    dist = tmp_path / "dist"
    code, _ = nightlegs("build", "--out", str(dist), "--endpoint", "https", "--https-url", "https://legs.example.org/")
    assert code == 0
    code, report = validate_json("--dist", str(dist))
    assert (code, report["errors"]) == (0, [])
    skill_json = dist / "skill-package" / "skill.json"
    manifest = json.loads(skill_json.read_text(encoding="utf-8"))
    del manifest["manifest"]["apis"]["custom"]["endpoint"]
    skill_json.write_text(json.dumps(manifest), encoding="utf-8")
    code, report = validate_json("--dist", str(dist))
    assert code == 1
    (error,) = report["errors"]
    assert (error["rule"], error["path"]) == ("endpoint", "$.manifest.apis.custom.endpoint")
    assert error["file"].endswith("skill-package/skill.json")


def test_listing_without_sources_names_content_manifest_yaml(small_project: Callable[..., Path]) -> None:
    data = valid_listing_yaml()
    del data["listing"]["default"]["sources"]
    small_project(listing=data)
    code, report = validate_json()
    assert code == 1
    (error,) = report["errors"]
    assert (error["file"], error["path"]) == ("content/manifest.yaml", "listing.default.sources")
