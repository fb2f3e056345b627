"""Write a ready ASK CLI v2 project for this checkout (`nightlegs build`).

Layout of the output folder (default dist/):

    ask-resources.json                      ASK CLI project file
    skill-package/skill.json                manifest (content/manifest.yaml)
    skill-package/interactionModels/custom/<locale>.json   one per model present
    skill-package/tasks/<Task>.<version>.json              one per content/tasks file
    skill-package/response/display/<name>/document.json    one per content/apl file
    lambda.zip                              Lambda bundle (also the SAM CodeUri)
    lambda/                                 the same bundle unpacked (ASK CLI source)
    hooks/build.sh                          makes `ask deploy` upload lambda.zip as is

`.ask/` (ASK CLI state with the skill id) is left alone between builds.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from skill.ship import apl_package, bundle, hosted

from skill.ship import project
from skill.ship.manifest import Endpoint, Links, ListingConfig, build_manifest
from skill.ship.rules import invocation_name

ASK_RESOURCES_VERSION = "2020-03-31"
# What `ask init --hosted-skill-id` writes for an Alexa-hosted skill, for a folder without one.
HOSTED_RESOURCES: dict[str, Any] = {
    "askcliResourcesVersion": "2020-03-31",
    "profiles": {"default": {"skillMetadata": {"src": "./skill-package"}, "code": {"default": {"src": "lambda"}}}},
}
# The same as template.yaml's function: Alexa waits about 8 seconds for an answer.
LAMBDA_MEMORY_MB = 256
LAMBDA_TIMEOUT_S = 8
_GENERATED = ("ask-resources.json", "skill-package", "lambda", "lambda.zip", "hooks")
# What `--target alexa-hosted` replaces in the clone (its ask-resources.json is kept when present).
_GENERATED_HOSTED = ("ask-resources.json", "skill-package", "lambda")
_HOOK = """#!/bin/sh
# Written by `nightlegs build`. ASK CLI runs hooks/build.sh (its custom build flow)
# with the zip to upload as $1; hand it the reproducible bundle unchanged.
set -e
cp "$(dirname "$0")/../lambda.zip" "$1"
"""


class BuildError(Exception):
    """The project cannot be built: names what is missing or wrong."""


@dataclass(frozen=True)
class BuildOptions:
    out: Path
    runtime: str = bundle.DEFAULT_RUNTIME
    endpoint: Literal["lambda", "https"] = "lambda"
    https_url: str | None = None
    ssl_certificate_type: str = "Wildcard"
    lambda_arn: str | None = None
    aws_region: str = "us-east-1"
    links: Links | None = None
    wheelhouse: Path | None = None
    platform: str = bundle.DEFAULT_PLATFORM
    # "ask": ASK CLI project with the Lambda bundle; "alexa-hosted": write into the
    # clone of an Alexa-hosted skill (skill-package/ and lambda/ sources).
    target: Literal["ask", "alexa-hosted"] = "ask"
    # The Python the Alexa-hosted skill runs ("3.8", what Amazon documents); None: hosted.HOSTED_PYTHON.
    hosted_python: str | None = None
    # NIGHTLEGS_SESSION_KEY for the function `ask deploy` creates (the lambda deployer
    # route); the CLI makes one once and keeps it (see skill/cli/build.py).
    session_key: str | None = None


@dataclass
class BuildResult:
    out: Path
    files: list[str] = field(default_factory=list)
    locales: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    lambda_zip: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "locales": self.locales,
            "tasks": self.tasks,
            "files": self.files,
            "lambda_zip": self.lambda_zip,
        }


def endpoint_for(options: BuildOptions) -> Endpoint:
    if options.endpoint == "https":
        if not options.https_url or not options.https_url.startswith("https://"):
            raise BuildError("--endpoint https needs --https-url https://...")
        return Endpoint("https", options.https_url, options.ssl_certificate_type)
    return Endpoint("lambda", options.lambda_arn)


def ask_resources(options: BuildOptions) -> dict[str, Any]:
    """ask-resources.json. With an unpinned Lambda endpoint, ASK CLI's lambda deployer
    creates the function from ./lambda and writes its ARN into the manifest."""
    profile: dict[str, Any] = {"skillMetadata": {"src": "./skill-package"}}
    if options.endpoint == "lambda" and not options.lambda_arn:
        profile["code"] = {"default": {"src": "./lambda"}}
        profile["skillInfrastructure"] = {
            "type": "@ask-cli/lambda-deployer",
            # ask-cli's lambda deployer reads memorySize, timeout and environment
            # variables from userConfig.lambda (regionalOverrides.<region>.lambda
            # first); anywhere else they are ignored and it makes a 512 MB / 15 s function.
            "userConfig": {
                "runtime": options.runtime,
                "handler": bundle.HANDLER,
                "awsRegion": options.aws_region,
                "lambda": {
                    "memorySize": LAMBDA_MEMORY_MB,
                    "timeout": LAMBDA_TIMEOUT_S,
                    "environmentVariables": _environment(options),
                },
            },
        }
    return {"askcliResourcesVersion": ASK_RESOURCES_VERSION, "profiles": {"default": profile}}


def _environment(options: BuildOptions) -> dict[str, str]:
    env = {"NIGHTLEGS_LOG_LEVEL": "INFO", "NIGHTLEGS_METRICS": "emf"}
    if options.session_key:
        env["NIGHTLEGS_SESSION_KEY"] = options.session_key
    return env


def needs_session_key(options: BuildOptions) -> bool:
    """True when the build writes a function's environment (ask deploy's lambda deployer)."""
    return options.target == "ask" and options.endpoint == "lambda" and not options.lambda_arn


def _write_json(path: Path, data: Any, result: BuildResult) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    result.files.append(path.relative_to(result.out).as_posix())


def _clean(out: Path, names: tuple[str, ...] = _GENERATED) -> None:
    for name in names:
        target = out / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def build_project(
    root: Path,
    options: BuildOptions,
    listing: ListingConfig,
    progress: Callable[[str], None] = lambda _: None,
) -> BuildResult:
    """Write the ASK CLI project for the checkout at `root` into options.out;
    `progress` hears one line per step.

    Everything is written into a staging folder beside `out` first and moved into
    `out` only when the whole build succeeded: a failed build (a pip error, a missing
    file) leaves the previous output as it was, never half of a new one."""
    models = project.load_models(root / "interaction_model")
    if not models:
        raise BuildError(f"no interaction models in {root / 'interaction_model'} (run python -m skill.ship.modelgen)")
    tasks = project.task_definitions(root / "content")
    endpoint = endpoint_for(options)
    bundle.python_version(options.runtime)  # fail before writing anything
    hosted_target = options.target == "alexa-hosted"
    if hosted_target:
        if options.endpoint != "lambda" or options.lambda_arn:
            raise BuildError("--target alexa-hosted runs on Amazon's Lambda: no --endpoint https or --lambda-arn")
        hosted.check_runtime(options.hosted_python)  # refuse before writing anything

    out = options.out
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name or 'dist'}-building-", dir=out.parent))
    try:
        result = _build_into(staging, root, options, listing, models, tasks, endpoint, out, progress)
        # An Alexa-hosted clone keeps its .git, its own ask-resources.json and the lambda/
        # salt (carried over by hosted.write_code); a stale lambda.zip of another build goes.
        _clean(out, _GENERATED_HOSTED[1:] if hosted_target else _GENERATED)
        for name in _GENERATED:
            if (staging / name).exists():
                os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.out = out
    if result.lambda_zip:
        result.lambda_zip["path"] = str(out / "lambda.zip")
    return result


def _build_into(
    staging: Path,
    root: Path,
    options: BuildOptions,
    listing: ListingConfig,
    models: dict[str, dict[str, Any]],
    tasks: list[project.TaskDefinition],
    endpoint: Endpoint,
    out: Path,
    progress: Callable[[str], None],
) -> BuildResult:
    hosted_target = options.target == "alexa-hosted"
    result = BuildResult(out=staging, locales=sorted(models), tasks=[t.package_file for t in tasks])
    package = staging / "skill-package"
    progress(f"writing the skill package ({', '.join(sorted(models))})")
    for locale, model in sorted(models.items()):
        _write_json(package / "interactionModels" / "custom" / f"{locale}.json", model, result)
    for task in tasks:
        _write_json(package / "tasks" / task.package_file, task.document, result)
    for name, source in project.package_assets(root).items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, package / name)
        result.files.append(f"skill-package/{name}")
    invocations = {locale: invocation_name(model) for locale, model in models.items()}
    manifest = build_manifest(listing, invocations, endpoint, [(t.name, t.version) for t in tasks])
    manifest = apl_package.with_apl_interface(manifest)  # APL night mode: interface and documents
    for package_path, document in apl_package.package_documents(root).items():
        _write_json(package / package_path, document, result)
    _write_json(package / "skill.json", manifest, result)
    if hosted_target:
        if not (out / "ask-resources.json").exists():
            _write_json(staging / "ask-resources.json", HOSTED_RESOURCES, result)
        written = hosted.write_code(
            root, staging / "lambda", progress, keep_from=out / "lambda", python=options.hosted_python
        )
        result.files += [f"lambda/{name}" for name in written]
        result.files.sort()
        return result
    _write_json(staging / "ask-resources.json", ask_resources(options), result)

    if options.endpoint == "lambda":
        zip_path = staging / "lambda.zip"
        built = bundle.build_lambda_zip(
            root, zip_path, options.runtime, options.platform, options.wheelhouse, progress
        )
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(staging / "lambda")
        hook = staging / "hooks" / "build.sh"
        hook.parent.mkdir(parents=True, exist_ok=True)
        hook.write_text(_HOOK, encoding="utf-8")
        hook.chmod(0o755)
        result.files += ["hooks/build.sh", "lambda.zip", "lambda/"]
        result.lambda_zip = {
            "path": str(zip_path),
            "runtime": options.runtime,
            "entries": built.entries,
            "pyc": built.compiled,
            "sha256": hashlib.sha256(zip_path.read_bytes()).hexdigest(),
        }
    result.files.sort()
    return result
