"""Fixtures for the web service tests; the helpers live in alexa_fakes.py."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.skill_builder import SkillBuilder

from alexa_fakes import (
    CERT_URL,
    SKILL_ID,
    ChainServer,
    FakeFetcher,
    HelloHandler,
    Pki,
    QuietServer,
    SpyInterceptor,
    SpySkill,
    build_pki,
)
from skill.web.app import WebConfig, create_app

AppFactory = Callable[..., Any]


@pytest.fixture(scope="session")
def pki() -> Pki:
    return build_pki()


@pytest.fixture(scope="session")
def root_pem_file(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pki") / "test-root.pem"
    path.write_bytes(pki.root_pem())
    return path


@pytest.fixture
def spy_skill() -> SpySkill:
    spy = SpyInterceptor()
    builder = SkillBuilder()
    builder.add_request_handler(HelloHandler())
    builder.add_global_request_interceptor(spy)
    return SpySkill(skill=builder.create(), spy=spy)


@pytest.fixture
def fetcher(pki: Pki) -> FakeFetcher:
    return FakeFetcher({CERT_URL: pki.good_chain})


@pytest.fixture
def make_client(spy_skill: SpySkill, fetcher: FakeFetcher, root_pem_file: Path) -> Iterator[AppFactory]:
    """Builds a Flask test client around the spy skill; keyword args go to WebConfig."""

    def factory(**overrides: Any) -> Any:
        settings: dict[str, Any] = {"skill_id": SKILL_ID, "extra_trust_roots": (root_pem_file,)}
        settings.update(overrides)
        app = create_app(WebConfig(**settings), skill=spy_skill.skill, fetcher=fetcher)
        return app.test_client()

    yield factory


@pytest.fixture
def chain_origin(pki: Pki) -> Iterator[str]:
    """Origin (http://127.0.0.1:PORT) of a loopback server that serves the test chains."""
    handler = type("Handler", (ChainServer,), {"chain": pki.good_chain})
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
