"""`nightlegs build`: the ASK CLI project, and a Lambda bundle that really runs.

Wheels are downloaded once per test session into a shared wheelhouse, so the
builds after the first install offline.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skill.ship.bundle import DEFAULT_RUNTIME, HANDLER
from skill.cli.main import main
from skill.ship.manifest import REMINDERS_PERMISSION
from skill.ship.rules import DISCLAIMER

ROOT = Path(__file__).resolve().parents[2]
LOCAL_RUNTIME = f"python{sys.version_info.major}.{sys.version_info.minor}"
LOCALES = sorted(p.stem for p in (ROOT / "interaction_model").glob("??-??.json"))
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"


def nightlegs(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return int(code or 0), out.getvalue()


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wheelhouse")


@pytest.fixture(scope="session")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A frozen copy of the files a build reads, so edits made to the working tree
    while the tests run cannot make two builds differ."""
    home = tmp_path_factory.mktemp("checkout")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "snapshots")  # snapshots: written by other tests meanwhile
    for folder in ("skill", "content", "interaction_model", "lambda", "assets"):
        shutil.copytree(ROOT / folder, home / folder, ignore=ignore)
    return home


@contextlib.contextmanager
def project_home(home: Path | None) -> Iterator[None]:
    old = os.environ.get("NIGHTLEGS_HOME")
    if home is not None:
        os.environ["NIGHTLEGS_HOME"] = str(home)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("NIGHTLEGS_HOME", None)
        else:
            os.environ["NIGHTLEGS_HOME"] = old


def build(out: Path, wheelhouse: Path, *extra: str, home: Path | None = None) -> dict[str, Any]:
    with project_home(home):
        code, stdout = nightlegs(
            "build", "--json", "--out", str(out), "--wheelhouse", str(wheelhouse),
            "--privacy-url", "https://example.org/privacy", "--terms-url", "https://example.org/terms",
            *extra,
        )
    report = json.loads(stdout)
    assert code == 0, json.dumps(report, indent=1)
    return report


@pytest.fixture(scope="session")
def local_build(tmp_path_factory: pytest.TempPathFactory, wheelhouse: Path, checkout: Path) -> Path:
    """A build for the Python running the tests, so its bundle can be run here."""
    out = tmp_path_factory.mktemp("local") / "dist"
    build(out, wheelhouse, "--runtime", LOCAL_RUNTIME, home=checkout)
    return out


@pytest.fixture(scope="session")
def default_build(
    tmp_path_factory: pytest.TempPathFactory, wheelhouse: Path, checkout: Path
) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("default") / "dist"
    return out, build(out, wheelhouse, home=checkout)


def _launch_request(locale: str) -> dict[str, Any]:
    application = {"applicationId": SKILL_ID}
    user = {"userId": "amzn1.ask.account.bundle-test"}
    return {
        "version": "1.0",
        "session": {"new": True, "sessionId": "amzn1.echo-api.session.bundle-test",
                    "application": application, "user": user, "attributes": {}},
        "context": {"System": {"application": application, "user": user,
                               "device": {"deviceId": "amzn1.ask.device.test", "supportedInterfaces": {}},
                               "apiEndpoint": "https://api.amazonalexa.com"}},
        "request": {"type": "LaunchRequest", "requestId": "amzn1.echo-api.request.bundle-test",
                    "timestamp": "2026-01-01T00:00:00Z", "locale": locale},
    }


_RUNNER = r"""
import json, sys
bundle = sys.argv[1]
sys.path[:] = [bundle] + [p for p in sys.path if p and not p.startswith(bundle)]
assert not any("site-packages" in p or "dist-packages" in p for p in sys.path), sys.path
import lambda_function
event = json.loads(sys.stdin.read())
response = lambda_function.lambda_handler(event, None)
origin = {name: getattr(sys.modules[name], "__file__", None) or "" for name in ("skill", "ask_sdk_core", "yaml")
          if name in sys.modules}  # yaml: not imported when the content comes from the bundle's snapshots
print(json.dumps({"response": response, "origin": origin}))
"""


def run_bundle(bundle_dir: Path, event: dict[str, Any], tmp: Path) -> dict[str, Any]:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp)}
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", _RUNNER, str(bundle_dir)],
        input=json.dumps(event), capture_output=True, text=True, cwd=tmp, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_bundle_for_this_python_answers_a_launch_request_with_only_its_own_files(
    local_build: Path, tmp_path: Path
) -> None:
    bundle_dir = tmp_path / "bundle"
    with zipfile.ZipFile(local_build / "lambda.zip") as archive:
        archive.extractall(bundle_dir)
    result = run_bundle(bundle_dir, _launch_request(LOCALES[0]), tmp_path)
    for name, origin in result["origin"].items():
        assert origin.startswith(str(bundle_dir)), f"{name} came from {origin}"
    response = result["response"]["response"]
    assert "<speak>" in response["outputSpeech"]["ssml"]
    assert len(response["outputSpeech"]["ssml"]) > len("<speak></speak>") + 20
    assert response.get("shouldEndSession") is not True
    assert response["reprompt"]["outputSpeech"]["ssml"]


def test_two_builds_of_the_same_checkout_are_byte_identical(
    local_build: Path, wheelhouse: Path, checkout: Path, tmp_path: Path
) -> None:
    again = tmp_path / "dist"
    build(again, wheelhouse, "--runtime", LOCAL_RUNTIME, home=checkout)

    def files(folder: Path) -> dict[str, bytes]:
        return {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()
        }

    first, second = files(local_build), files(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_default_bundle_is_built_for_the_default_runtime_with_its_byte_code(
    default_build: tuple[Path, dict[str, Any]],
) -> None:
    out, report = default_build
    assert report["lambda_zip"]["runtime"] == DEFAULT_RUNTIME
    tag = DEFAULT_RUNTIME.removeprefix("python").replace(".", "")
    with zipfile.ZipFile(out / "lambda.zip") as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert not [n for n in names if n.endswith(".pyo") or n.startswith("bin/")]
    # Byte code only when this Python is the runtime's: CI's full run is on the default
    # runtime's Python (.ci/run), so there every module ships its unchecked-hash .pyc.
    compiled = DEFAULT_RUNTIME == LOCAL_RUNTIME
    assert report["lambda_zip"]["pyc"] is compiled
    sources = [n for n in names if n.endswith(".py") and n.startswith(("skill/", "ask_sdk_core/"))]
    tag_pyc = [n for n in names if n.endswith(f".cpython-{tag}.pyc")]
    if compiled:
        missing = [n for n in sources if importlib.util.cache_from_source(n) not in set(names)]
        assert sources and missing == [], missing[:5]
    else:
        assert sources and not [n for n in names if n.endswith(".pyc")], "no byte code for another Python"
        assert tag_pyc == []
    extensions = [n for n in names if n.endswith(".so")]
    assert extensions, "expected compiled wheels (PyYAML) in the bundle"
    assert all(f"cpython-{tag}-x86_64-linux-gnu" in n for n in extensions), extensions
    tops = {n.split("/", 1)[0].split("-", 1)[0] for n in names}
    assert not tops & {"boto3", "botocore", "s3transfer", "jmespath"}, "the Lambda runtime provides these"
    for required in ("lambda_function.py", "skill/app.py", "skill/paths.py", "content/prompts.yaml",
                     "ask_sdk_dynamodb/adapter.py", "yaml/__init__.py",
                     *(f"interaction_model/{loc}.json" for loc in LOCALES)):
        assert required in names


def test_ask_cli_project_has_every_locale_and_a_complete_manifest(
    default_build: tuple[Path, dict[str, Any]], checkout: Path
) -> None:
    out, report = default_build
    assert report["ok"] is True and report["errors"] == []
    assert report["locales"] == LOCALES
    for locale in LOCALES:
        built = json.loads((out / "skill-package/interactionModels/custom" / f"{locale}.json").read_text())
        source = json.loads((checkout / "interaction_model" / f"{locale}.json").read_text())
        assert built == source
    manifest = json.loads((out / "skill-package/skill.json").read_text())["manifest"]
    listings = manifest["publishingInformation"]["locales"]
    assert sorted(listings) == LOCALES
    for listing in listings.values():
        assert DISCLAIMER in " ".join(listing["description"].lower().split())
        assert listing["examplePhrases"][0].startswith("Alexa, open ")
    assert {"name": REMINDERS_PERMISSION} in manifest["permissions"]
    assert manifest["privacyAndCompliance"]["locales"][LOCALES[0]]["privacyPolicyUrl"] == "https://example.org/privacy"
    # APL night mode: each document where doc://alexa/apl/documents/<name> points, and the interface
    for source in sorted((checkout / "content" / "apl").glob("*.json")):
        built_document = out / "skill-package/response/display" / source.stem / "document.json"
        assert json.loads(built_document.read_text()) == json.loads(source.read_text())
    assert [i["type"] for i in manifest["apis"]["custom"]["interfaces"]] == ["ALEXA_PRESENTATION_APL"]
    resources = json.loads((out / "ask-resources.json").read_text())
    infra = resources["profiles"]["default"]["skillInfrastructure"]
    assert infra["type"] == "@ask-cli/lambda-deployer"
    assert infra["userConfig"]["runtime"] == DEFAULT_RUNTIME
    assert infra["userConfig"]["handler"] == HANDLER
    hook = out / "hooks" / "build.sh"
    assert os.access(hook, os.X_OK)
    handler = (checkout / "lambda" / "lambda_function.py").read_bytes()
    assert (out / "lambda" / "lambda_function.py").read_bytes() == handler


def test_https_endpoint_build_pins_the_url_and_ships_no_lambda(tmp_path: Path, wheelhouse: Path) -> None:
    out = tmp_path / "dist"
    report = build(out, wheelhouse, "--endpoint", "https", "--https-url", "https://legs.example.org/alexa")
    assert report["lambda_zip"] is None
    manifest = json.loads((out / "skill-package/skill.json").read_text())["manifest"]
    assert manifest["apis"]["custom"]["endpoint"] == {
        "uri": "https://legs.example.org/alexa", "sslCertificateType": "Wildcard",
    }
    assert not (out / "lambda.zip").exists()
    resources = json.loads((out / "ask-resources.json").read_text())
    assert "skillInfrastructure" not in resources["profiles"]["default"]


def test_lambda_arn_pins_the_endpoint_for_a_sam_deployed_function(
    tmp_path: Path, wheelhouse: Path
) -> None:
    arn = "arn:aws:lambda:us-east-1:123456789012:function:night-legs-SkillFunction-abc"
    out = tmp_path / "dist"
    build(out, wheelhouse, "--runtime", LOCAL_RUNTIME, "--lambda-arn", arn)
    manifest = json.loads((out / "skill-package/skill.json").read_text())["manifest"]
    assert manifest["apis"]["custom"]["endpoint"] == {"uri": arn}
    resources = json.loads((out / "ask-resources.json").read_text())
    assert resources["profiles"]["default"] == {"skillMetadata": {"src": "./skill-package"}}


def test_https_without_url_is_refused(tmp_path: Path) -> None:
    code, stdout = nightlegs("build", "--json", "--out", str(tmp_path / "d"), "--endpoint", "https")
    assert code == 1
    assert "--https-url" in json.loads(stdout)["error"]
    assert not (tmp_path / "d" / "skill-package").exists()


@pytest.mark.parametrize(
    ("option", "value"),
    [("--runtime", "nodejs22.x"), ("--runtime", "python3.99"), ("--aws-region", "mars-1"),
     ("--lambda-arn", "notanarn")],
)
def test_bad_build_options_are_refused_in_one_line_before_anything_is_written(
    tmp_path: Path, option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = nightlegs("build", "--json", "--out", str(tmp_path / "d"), option, value)
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and option in err[0] and value in err[0]
    assert not (tmp_path / "d").exists()


def test_ask_deploy_gets_the_stated_memory_and_timeout_where_ask_cli_reads_them(
    default_build: tuple[Path, dict[str, Any]],
) -> None:
    out, _ = default_build
    resources = json.loads((out / "ask-resources.json").read_text())
    user_config = resources["profiles"]["default"]["skillInfrastructure"]["userConfig"]
    # ask-cli's lambda deployer: R.path(['lambda', parameter], userConfig)
    assert user_config["lambda"]["memorySize"] == 256
    assert user_config["lambda"]["timeout"] == 8
    assert "memorySize" not in user_config and "timeout" not in user_config


def test_task_files_become_skill_package_tasks_and_manifest_entries(
    tmp_path: Path, wheelhouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    shutil.copytree(ROOT / "content", home / "content", ignore=shutil.ignore_patterns("snapshots"))
    shutil.copytree(ROOT / "interaction_model", home / "interaction_model")
    shutil.copytree(ROOT / "assets", home / "assets")
    tasks = home / "content" / "tasks"
    tasks.mkdir(exist_ok=True)
    task = {
        "openapi": "3.0.0",
        "info": {"title": "Bedtime stretch", "version": "1"},
        "paths": {"/NightLegsTestTask": {"post": {"requestBody": {"content": {"application/json": {}}},
                                                   "responses": {"200": {"description": "done"}}}}},
    }
    (tasks / "NightLegsTestTask.1.json").write_text(json.dumps(task))
    monkeypatch.setenv("NIGHTLEGS_HOME", str(home))
    out = tmp_path / "dist"
    build(out, wheelhouse, "--endpoint", "https", "--https-url", "https://legs.example.org/alexa")
    manifest = json.loads((out / "skill-package/skill.json").read_text())["manifest"]
    assert {"name": "NightLegsTestTask", "version": "1"} in manifest["apis"]["custom"]["tasks"]
    assert json.loads((out / "skill-package/tasks/NightLegsTestTask.1.json").read_text()) == task
