"""Shared fixtures: talk to the real skill through the same engine as `nightlegs ask`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from collections.abc import Iterator
from typing import Callable

import pytest

from skill.simulator.session import DEFAULT_USER_ID, LocalSession, Turn

# Every test run keeps the skill's memory in a store of its own (one per xdist worker), never
# in the developer's own `nightlegs chat` store: what one run saved must not change what the
# next run hears ("Welcome back... Last time you stopped at ankle pumps").
os.environ["NIGHTLEGS_DB"] = str(Path(tempfile.mkdtemp(prefix="nightlegs-tests-")) / "memory.sqlite3")


def run_dialog(utterances: list[str], *, launch: bool = False, locale: str = "en-US", user_id: str = DEFAULT_USER_ID) -> list[Turn]:
    session = LocalSession(locale, user_id=user_id)
    turns = [session.launch()] if launch else []
    for utterance in utterances:
        turns.append(session.say(utterance))
    return turns


@pytest.fixture
def dialog() -> Callable[..., list[Turn]]:
    return run_dialog


# The slow tests: soak, build, fuzz, served processes, multi-process stores, and the checks
# that copy the package. `pytest -q` leaves them out for a fast local loop (like click's
# `stress` marker); `pytest -q -m "slow or not slow"` (the README's test command, and
# .ci/run) runs everything. A new slow test says `@pytest.mark.slow` itself, or is listed here.
_SLOW_FILES = {
    "ship/test_build.py",
    "web/test_soak_serve.py",
    "web/test_web_serve.py",
    "fuzz/test_fuzz_skill.py",
    "fuzz/test_fuzz_web.py",
}
_SLOW_TESTS = {
    "test_architecture.py::test_a_wrong_import_breaks_its_contract",
    "memory/test_persistence.py::test_two_processes_writing_at_once_lose_no_update",
    "memory/test_persistence.py::test_processes_racing_to_make_the_salt_agree_on_one",
    "cli/test_cli.py",
}
_HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        where = Path(str(item.fspath)).relative_to(_HERE).as_posix()
        name = f"{where}::{item.originalname}" if hasattr(item, "originalname") else where
        if where in _SLOW_FILES or where in _SLOW_TESTS or name in _SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="module")
def dynamodb_endpoint() -> Iterator[str]:
    """A DynamoDB stand-in (moto's server) on loopback, one per test module."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
