"""Test isolation for the skill's memory (skill/memory/factory.py).

The skill remembers users in SQLite at NIGHTLEGS_DB, else in the user's data folder.
Every test gets its own empty store here, so no test writes to the real data folder
and no test sees another's "returning user". (At the repository root so it covers
every test folder.)
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_MEMORY_ENV = ("NIGHTLEGS_DB", "NIGHTLEGS_DYNAMODB_TABLE", "NIGHTLEGS_USER_SALT")
_SCRATCH: list[Path] = []


def pytest_configure(config: pytest.Config) -> None:
    # Before collection: anything built at import time also points away from the real folder.
    scratch = Path(tempfile.mkdtemp(prefix="nightlegs-test-"))
    _SCRATCH.append(scratch)
    os.environ["NIGHTLEGS_DB"] = str(scratch / "memory.sqlite3")
    # Child processes started with the NIGHTLEGS_* variables stripped (a served skill)
    # fall back to the user data folder; platformdirs puts that under XDG_DATA_HOME.
    os.environ["XDG_DATA_HOME"] = str(scratch / "xdg-data")
    for name in _MEMORY_ENV[1:]:
        os.environ.pop(name, None)


def pytest_unconfigure(config: pytest.Config) -> None:
    for scratch in _SCRATCH:
        shutil.rmtree(scratch, ignore_errors=True)


@pytest.fixture(autouse=True)
def _own_memory_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("NIGHTLEGS_DB", str(tmp_path_factory.mktemp("memory") / "memory.sqlite3"))
    monkeypatch.delenv("NIGHTLEGS_DYNAMODB_TABLE", raising=False)
    monkeypatch.delenv("NIGHTLEGS_USER_SALT", raising=False)
    yield
