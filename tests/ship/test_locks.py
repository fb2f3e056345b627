"""The lock files: every dependency pinned with hashes, and in step with what they lock.

lambda/requirements.lock (from lambda/requirements.txt) is what `nightlegs build`
installs into the Lambda bundle; requirements/service.lock (from pyproject.toml) is what
the web service and the container are installed from. docs/deploy.md ("Locked
dependencies") says how to refresh them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from skill import paths
from skill.ship import bundle

ROOT = paths.project_root()
LAMBDA_LOCK = ROOT / "lambda" / "requirements.lock"
SERVICE_LOCK = ROOT / "requirements" / "service.lock"
_PIN = re.compile(r"^([A-Za-z0-9_.\-\[\],]+)==([^\s;\\]+)")


def _pins(lock: Path) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes)."""
    pins: dict[str, tuple[str, int]] = {}
    current: str | None = None
    for line in lock.read_text().splitlines():
        match = _PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1).split("[")[0])
            pins[current] = (match.group(2), pins.get(current, ("", 0))[1])
        if current and "--hash=sha256:" in line:
            version, count = pins[current]
            pins[current] = (version, count + line.count("--hash=sha256:"))
        if not line.rstrip().endswith("\\"):
            current = None if not line.startswith(" ") else current
    return pins


def _requirements_txt(path: Path) -> list[Requirement]:
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return [Requirement(line) for line in lines if line]


def _pyproject() -> list[Requirement]:
    """The service's dependencies, with the dynamodb extra the container installs too."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(text) for text in [*data["dependencies"], *data["optional-dependencies"]["dynamodb"]]]


@pytest.mark.parametrize(
    ("lock", "wanted"),
    [(LAMBDA_LOCK, lambda: _requirements_txt(ROOT / "lambda" / "requirements.txt")), (SERVICE_LOCK, _pyproject)],
    ids=["lambda", "service"],
)
def test_every_dependency_is_pinned_with_hashes_and_fits_what_is_asked(lock: Path, wanted) -> None:  # type: ignore[no-untyped-def]
    pins = _pins(lock)
    assert pins, f"{lock} pins nothing"
    unhashed = sorted(name for name, (_, hashes) in pins.items() if hashes == 0)
    assert not unhashed, f"{lock.name}: no hash for {unhashed}"
    for requirement in wanted():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{lock.name} does not pin {name}: refresh it (docs/deploy.md: Locked dependencies)"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), (
            f"{lock.name} pins {name}=={pins[name][0]}, outside {requirement.specifier}: refresh it"
        )


def test_the_lambda_bundle_is_installed_from_the_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[Path] = []

    def record(requirements: Path, *args: object, **kwargs: object) -> None:
        used.append(requirements)

    monkeypatch.setattr(bundle, "install_dependencies", record)
    bundle.build_lambda_zip(ROOT, tmp_path / "lambda.zip")
    assert used == [LAMBDA_LOCK]
