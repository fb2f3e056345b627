"""The code folder of an Alexa-hosted skill (`nightlegs build --target alexa-hosted`).

Alexa-hosted skills (free hosting, no AWS account) live in a git repository that
`ask init --hosted-skill-id <id>` clones: `skill-package/` and `lambda/`. A push to its
default branch builds `lambda/` (pip-installs lambda/requirements.txt on Amazon's side)
and deploys it with the skill package. So this writes sources, not wheels:

    lambda/lambda_function.py, requirements.txt, skill/, content/, interaction_model/
    lambda/user_salt.txt   made once and then kept: the secret salt for user keys
    lambda/session_key.txt made once and then kept: the key that signs session state

requirements.txt is lambda/requirements.lock: every dependency pinned, with hashes, so a
push installs what the tests ran against, not whatever the index serves that day.

The runtime. Amazon's guide "Build a Skill End-to-end Using an Alexa-hosted Skill" says
an Alexa-hosted skill is built with "Node.js version 16.x or Python version 3.8", chosen
when the skill is created and not changed afterwards (the ASK Toolkit for VS Code creates
hosted Python skills with the runtime PYTHON_3_8). Night Legs needs Python 3.11 or newer
(pyproject.toml requires-python; it uses 3.11 syntax and library calls throughout), so
on Python 3.8 its code would not even import. The build refuses that target with a
message naming both versions, before it writes anything. Should Amazon give your hosted
skill a newer Python, `--hosted-python 3.12` (say) builds for it.

Alexa-hosted gives the function a DynamoDB table (DYNAMODB_PERSISTENCE_TABLE_NAME, in
the region DYNAMODB_PERSISTENCE_REGION) but no way to set environment variables;
lambda_function.py reads both, the salt from user_salt.txt and the session key from
session_key.txt. The hosted repository is
private to the developer account.
"""

from __future__ import annotations

import re
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

from skill.ship import bundle

SALT_FILE = "user_salt.txt"
SESSION_KEY_FILE = "session_key.txt"
# Secrets an Alexa-hosted function cannot be given as environment variables: made once,
# then carried from build to build (lambda_function.py reads them).
SECRET_FILES: dict[str, str] = {
    SALT_FILE: "a new salt forgets every user",
    SESSION_KEY_FILE: "it signs conversation state (NIGHTLEGS_SESSION_KEY); a new one restarts conversations",
}
REQUIREMENTS_HEADER = (
    "# Night Legs' lambda/requirements.lock, copied by `nightlegs build --target alexa-hosted`:\n"
    "# every dependency pinned with its hashes, so Amazon's build installs what was tested.\n"
)
# What Amazon documents for Alexa-hosted Python skills (see the module docstring).
HOSTED_PYTHON = "3.8"
HOSTED_DOC = "Amazon's 'Build a Skill End-to-end Using an Alexa-hosted Skill'"
# pyproject.toml requires-python (tests/ship/test_hosted.py keeps the two in step).
MIN_PYTHON = (3, 11)
_VERSION_RE = re.compile(r"^(?:python)?(\d)\.(\d+)$")


class HostedRuntimeError(bundle.BundleError):
    """The Alexa-hosted runtime cannot run this code: names both versions and the way out."""


def parse_python(value: str) -> tuple[int, int]:
    """'3.12' or 'python3.12' -> (3, 12)."""
    match = _VERSION_RE.match(value.strip())
    if not match:
        raise HostedRuntimeError(f"{value!r} is not a Python version like 3.12")
    return int(match.group(1)), int(match.group(2))


def check_runtime(python: str | None = None) -> tuple[int, int]:
    """The hosted Python version, or HostedRuntimeError when Night Legs cannot import on it."""
    version = parse_python(python or HOSTED_PYTHON)
    if version < MIN_PYTHON:
        wanted = ".".join(map(str, MIN_PYTHON))
        said = ".".join(map(str, version))
        source = f"{HOSTED_DOC} says Python {HOSTED_PYTHON}" if python is None else f"--hosted-python {python}"
        raise HostedRuntimeError(
            f"Alexa-hosted skills run Python {said} ({source}), and Night Legs needs Python "
            f"{wanted} or newer: its code would not import there, so nothing was written. "
            "Deploy to your own AWS account instead (deploy/sam-deploy.sh, or `nightlegs build` "
            "then `ask deploy`; docs/deploy.md). If Amazon now runs your hosted skill on a newer "
            "Python, build for it with --hosted-python 3.12 (or whichever it is)."
        )
    return version


def write_code(
    root: Path,
    folder: Path,
    progress: Callable[[str], None] = lambda _: None,
    keep_from: Path | None = None,
    python: str | None = None,
) -> list[str]:
    """Write the skill's sources into `folder` (the hosted repository's lambda/), keeping
    the salt file found in `keep_from` (default: `folder` itself); returns the files
    written, relative to `folder`."""
    check_runtime(python)
    keep_from = folder if keep_from is None else keep_from
    kept = {name: _read(keep_from / name) for name in SECRET_FILES}
    if folder.exists():
        shutil.rmtree(folder)
    lock = root / "lambda" / "requirements.lock"
    if not lock.is_file():
        raise bundle.BundleError(f"{lock} is missing")
    entries = bundle.source_entries(root)
    progress(f"writing {len(entries) + 1} source files for Alexa-hosted into {folder}")
    for name, source in entries:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (folder / "requirements.txt").write_text(REQUIREMENTS_HEADER + lock.read_text(encoding="utf-8"), encoding="utf-8")
    for name, why in SECRET_FILES.items():
        secret = kept[name]
        if not secret:
            secret = secrets.token_hex(32)
            progress(f"made {name}: keep it in the hosted repository; {why}")
        path = folder / name
        path.write_text(secret + "\n", encoding="utf-8")
        path.chmod(0o600)
    return sorted([name for name, _ in entries] + ["requirements.txt", *SECRET_FILES])


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip() if path.is_file() else ""
