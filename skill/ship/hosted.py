"""The code folder of an Alexa-hosted skill (`nightlegs build --target alexa-hosted`).

Alexa-hosted skills (free hosting, no AWS account) live in a git repository that
`ask init --hosted-skill-id <id>` clones: `skill-package/` and `lambda/`. A push to its
default branch builds `lambda/` (pip-installs lambda/requirements.txt on Amazon's side)
and deploys it with the skill package. So this writes sources, not wheels:

    lambda/lambda_function.py, requirements.txt, skill/, content/, interaction_model/
    lambda/user_salt.txt   made once and then kept: the secret salt for user keys

Alexa-hosted gives the function a DynamoDB table (DYNAMODB_PERSISTENCE_TABLE_NAME) but no
way to set environment variables; lambda_function.py reads the salt from the file. The
hosted repository is private to the developer account.
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

from skill.ship import bundle

SALT_FILE = "user_salt.txt"


def write_code(root: Path, folder: Path, progress: Callable[[str], None] = lambda _: None) -> list[str]:
    """Replace `folder` (the hosted repository's lambda/) with the skill's sources,
    keeping its salt file; returns the files written, relative to `folder`."""
    salt_path = folder / SALT_FILE
    salt = salt_path.read_text(encoding="utf-8").strip() if salt_path.is_file() else ""
    if folder.exists():
        shutil.rmtree(folder)
    requirements = root / "lambda" / "requirements.txt"
    if not requirements.is_file():
        raise bundle.BundleError(f"{requirements} is missing")
    entries = [*bundle.source_entries(root), ("requirements.txt", requirements)]
    progress(f"writing {len(entries)} source files for Alexa-hosted into {folder}")
    for name, source in entries:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    if not salt:
        salt = secrets.token_hex(32)
        progress(f"made {SALT_FILE}: keep it in the hosted repository; a new salt forgets every user")
    salt_path.write_text(salt + "\n", encoding="utf-8")
    salt_path.chmod(0o600)
    return sorted([name for name, _ in entries] + [SALT_FILE])
