"""The Lambda deployment zip: handler, `skill` package, content, models and the
dependencies from lambda/requirements.txt installed as wheels for the Lambda
Python runtime (manylinux, CPython of the runtime's version), never compiled here.

Byte code: Lambda's /var/task is read-only, so a bundle without `.pyc` compiles every
module on every cold start. When the build runs on the runtime's Python version, each
module is compiled into the zip as an unchecked-hash `.pyc` (PEP 552: used without
looking at the source's timestamp). Another version cannot write them, and the bundle
then carries sources only.

Reproducible: entries are sorted, timestamps and permissions fixed, the `.pyc` are
hash-based and no console scripts are written, so two builds of the same commit (from
the same wheels, on the same Python) give identical bytes.
"""

from __future__ import annotations

import importlib.util
import py_compile
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from skill import paths

# Lambda Python runtimes that are not deprecated (AWS Lambda developer guide, "Building
# Lambda functions with Python"; "Lambda runtimes" lists their deprecation dates).
SUPPORTED_RUNTIMES: tuple[str, ...] = ("python3.11", "python3.12", "python3.13", "python3.14")
# THE one place the Lambda runtime is chosen. `nightlegs build` builds for it and writes
# it into ask-resources.json; deploy/sam-deploy.sh passes the runtime the build reports
# (`build --json`: lambda_zip.runtime) to `sam deploy` as Runtime=; template.yaml's
# Runtime default and the docs name the same value (tests/ship/test_runtime.py).
# python3.13: SnapStart (Python 3.12 and newer) and a long support window (Lambda
# deprecates python3.11 on 2027-06-30). CI runs the suite on 3.13 as well as on 3.11, the
# oldest Python the package supports, so the bundle's code is tested code; a build on
# another Python carries sources without .pyc.
DEFAULT_RUNTIME = "python3.13"
DEFAULT_PLATFORM = "manylinux2014_x86_64"
HANDLER = "lambda_function.lambda_handler"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_RUNTIME_RE = re.compile(r"^python(3\.\d+)$")
_SKIP_DIRS = {"__pycache__", ".pytest_cache", ".mypy_cache", "_data"}
_SKIP_SUFFIXES = {".pyc", ".pyo"}
# Every Lambda Python runtime ships the AWS SDK for Python (Boto3) and its dependencies
# (AWS Lambda developer guide, "Building Lambda functions with Python"). Leaving them
# out keeps the zip small (botocore alone is over 100 MB unpacked); the skill only
# imports boto3 when NIGHTLEGS_DYNAMODB_TABLE is set, which is only on Lambda.
RUNTIME_PROVIDED: frozenset[str] = frozenset({"boto3", "botocore", "s3transfer", "jmespath"})


class BundleError(Exception):
    """The bundle could not be built (bad runtime, pip failure, missing file)."""


@dataclass(frozen=True)
class BundleResult:
    zip_path: Path
    entries: int
    runtime: str
    compiled: bool = False


def python_version(runtime: str) -> str:
    """'python3.14' -> '3.14'."""
    match = _RUNTIME_RE.match(runtime)
    if not match or runtime not in SUPPORTED_RUNTIMES:
        raise BundleError(
            f"runtime {runtime!r} is not a Lambda Python runtime ({', '.join(SUPPORTED_RUNTIMES)})"
        )
    return match.group(1)


def can_compile_for(runtime: str) -> bool:
    """True when this Python writes byte code the runtime can load (same version)."""
    return python_version(runtime) == f"{sys.version_info.major}.{sys.version_info.minor}"


def compiled_entries(entries: Iterable[tuple[str, Path]], workdir: Path) -> list[tuple[str, Path]]:
    """An unchecked-hash .pyc for each .py entry, named as the importer looks for it
    (`pkg/__pycache__/mod.cpython-311.pyc`). Source paths in tracebacks are the zip
    names, so no build folder leaks in. SyntaxWarnings from dependencies' docstrings
    are compile-time noise and silenced here."""
    out: list[tuple[str, Path]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        for name, path in entries:
            if not name.endswith(".py"):
                continue
            cached = importlib.util.cache_from_source(name)
            target = workdir / cached
            try:
                py_compile.compile(
                    str(path), cfile=str(target), dfile=name, doraise=True,
                    invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
                )
            except py_compile.PyCompileError:
                continue  # e.g. a vendored file for another Python version; imports compile it
            out.append((cached, target))
    return out


def _pip_target_args(version: str, platform: str) -> list[str]:
    return [
        "--platform", platform,
        "--only-binary=:all:",
        "--implementation", "cp",
        "--python-version", version,
    ]


def install_dependencies(
    requirements: Path,
    target: Path,
    runtime: str,
    platform: str = DEFAULT_PLATFORM,
    wheelhouse: Path | None = None,
) -> None:
    """pip-install the requirements for the Lambda runtime into `target`.

    With a wheelhouse, wheels are downloaded there once and installed from it
    without the index afterwards (offline rebuilds, faster tests).
    """
    version = python_version(runtime)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    platform_args = _pip_target_args(version, platform)
    install = [
        *pip, "install", "--quiet", "--no-compile", "--target", str(target),
        *platform_args, "-r", str(requirements),
    ]
    if wheelhouse is None:
        _run(install)
        return
    wheelhouse.mkdir(parents=True, exist_ok=True)
    offline = [*install, "--no-index", "--find-links", str(wheelhouse)]
    if subprocess.run(offline, capture_output=True, text=True).returncode == 0:
        return
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    _run([*pip, "download", "--quiet", "--dest", str(wheelhouse), *platform_args, "-r", str(requirements)])
    _run(offline)


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise BundleError(f"{' '.join(command[:6])} ... failed:\n{done.stderr.strip()}")


def _files(folder: Path, prefix: str, pattern: str = "**/*") -> Iterator[tuple[str, Path]]:
    for path in sorted(folder.glob(pattern)):
        rel = path.relative_to(folder)
        if not path.is_file() or any(part in _SKIP_DIRS or part.startswith(".") for part in rel.parts):
            continue
        if path.suffix in _SKIP_SUFFIXES:
            continue
        yield (f"{prefix}{rel.as_posix()}", path)


def source_entries(root: Path) -> list[tuple[str, Path]]:
    """Project files that go into the bundle, as (name in zip, file)."""
    handler = root / "lambda" / "lambda_function.py"
    if not handler.is_file():
        raise BundleError(f"{handler} is missing")
    entries = [("lambda_function.py", handler)]
    package = root / "skill" if (root / "skill").is_dir() else paths.package_dir()
    entries += _files(package, "skill/", "**/*.py")
    entries += _files(root / "content", "content/")
    entries += _files(root / "interaction_model", "interaction_model/", "*.json")
    return entries


def _distribution(top: str) -> str:
    """'botocore' -> 'botocore'; 'botocore-1.44.5.dist-info' -> 'botocore'."""
    return top.split("-", 1)[0].lower() if top.endswith((".dist-info", ".data")) else top.lower()


def dependency_entries(target: Path) -> list[tuple[str, Path]]:
    """Installed packages, minus console scripts (they point at this machine's Python)
    and the packages every Lambda Python runtime already provides."""
    return [
        (name, path)
        for name, path in _files(target, "")
        if not name.startswith("bin/") and _distribution(name.split("/", 1)[0]) not in RUNTIME_PROVIDED
    ]


def write_zip(entries: Iterable[tuple[str, Path]], out: Path) -> int:
    """A zip with sorted entries, fixed timestamps and permissions; returns the count."""
    unique = dict(entries)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(unique):
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = (0o100644 << 16)
            archive.writestr(info, unique[name].read_bytes())
    return len(unique)


def build_lambda_zip(
    root: Path,
    out: Path,
    runtime: str = DEFAULT_RUNTIME,
    platform: str = DEFAULT_PLATFORM,
    wheelhouse: Path | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> BundleResult:
    requirements = root / "lambda" / "requirements.lock"  # pinned, with hashes (README: locked dependencies)
    if not requirements.is_file():
        raise BundleError(f"{requirements} is missing")
    sources = source_entries(root)
    with tempfile.TemporaryDirectory(prefix="nightlegs-deps-") as tmp:
        target = Path(tmp)
        deps_dir = target / "deps"
        progress(f"installing {requirements.name} for {runtime} ({platform}) with pip")
        install_dependencies(requirements, deps_dir, runtime, platform, wheelhouse)
        deps = dependency_entries(deps_dir)
        clash = {name for name, _ in deps} & {name for name, _ in sources}
        if clash:
            raise BundleError(f"dependencies overwrite project files: {', '.join(sorted(clash))}")
        entries = [*deps, *sources]
        compiled = can_compile_for(runtime)
        if compiled:
            progress(f"compiling .pyc for {runtime}")
            entries += compiled_entries(entries, target / "pyc")
        else:
            progress(f"no .pyc: this is Python {sys.version_info.major}.{sys.version_info.minor}, "
                     f"not {runtime}; the bundle carries sources only")
        progress(f"writing {out.name}")
        count = write_zip(entries, out)
    return BundleResult(out, count, runtime, compiled)
