"""Issue 23: `nightlegs serve` refuses what would leave it open (findings 4, 5 and 6).

All refusals happen before gunicorn starts (exit 2), so these run in the fast loop."""

from __future__ import annotations

import pytest

from skill.cli import serve as cli_serve
from skill.cli.main import main as nightlegs
from skill.dialog import signing

GOOD_KEY = "9c" * 32


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (signing.ENV_SESSION_KEY, cli_serve.ENV_WORKER_CLASS, cli_serve.ENV_ALLOW_SYNC,
                 "NIGHTLEGS_EXTRA_TRUST_ROOTS", "NIGHTLEGS_CERT_FETCH_ORIGIN"):
        monkeypatch.delenv(name, raising=False)


def _serve(*argv: str) -> int:
    return nightlegs(["serve", "--skill-id", "amzn1.ask.skill.x", *argv])


# --------------------------------------------------------------------------- session key


@pytest.mark.parametrize(
    ("key", "why"),
    [
        (None, "is not set"),
        ("x", "shorter than 32"),
        ("a" * 31, "shorter than 32"),
        (signing.DEVELOPMENT_KEY, "development key"),
        (signing.DEVELOPMENT_KEY + "-2", "development key"),
    ],
)
@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20"])
def test_serve_off_loopback_refuses_a_missing_short_or_development_key(
    key: str | None, why: str, host: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if key is not None:
        monkeypatch.setenv(signing.ENV_SESSION_KEY, key)
    assert _serve("--host", host) == 2
    err = capsys.readouterr().err
    assert "refusing to serve" in err and why in err and "openssl rand -hex 32" in err
    if key and len(key) > 8:
        assert key not in err, "the key itself is never printed"


def test_the_key_rule() -> None:
    assert signing.key_problem({signing.ENV_SESSION_KEY: GOOD_KEY}) is None
    assert signing.key_problem({signing.ENV_SESSION_KEY: "  " + "k" * 31 + "  "}) is not None
    assert signing.key_problem({}) is not None


def test_local_chat_needs_no_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert nightlegs(["ask", "my legs cramp at night"]) == 0
    assert "cramp" in capsys.readouterr().out.lower()


# --------------------------------------------------------------------------- test-only trust roots


@pytest.mark.parametrize("name", ["NIGHTLEGS_EXTRA_TRUST_ROOTS", "NIGHTLEGS_CERT_FETCH_ORIGIN"])
def test_test_only_trust_settings_are_refused_off_loopback(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(signing.ENV_SESSION_KEY, GOOD_KEY)
    monkeypatch.setenv(name, "/tmp/anything.pem" if "ROOTS" in name else "http://127.0.0.1:9")
    assert _serve("--host", "0.0.0.0") == 2
    assert f"refusing {name}" in capsys.readouterr().err


# --------------------------------------------------------------------------- worker class


def test_the_sync_worker_is_refused_unless_asked_for_twice(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(cli_serve.ENV_WORKER_CLASS, "sync")
    assert _serve() == 2
    err = capsys.readouterr().err
    assert "refusing" in err and cli_serve.ENV_ALLOW_SYNC in err


def test_the_sync_worker_when_asked_for_explicitly() -> None:
    env = {cli_serve.ENV_WORKER_CLASS: "sync", cli_serve.ENV_ALLOW_SYNC: "1"}
    assert cli_serve.worker_class_from_env(env) == ("sync", None)


@pytest.mark.parametrize("chosen", ["gevent", "gthread", "eventlet", "uvicorn.workers.UvicornWorker"])
def test_an_unknown_worker_class_is_refused_not_passed_to_gunicorn(chosen: str) -> None:
    worker, why = cli_serve.worker_class_from_env({cli_serve.ENV_WORKER_CLASS: chosen})
    assert worker is None and why is not None


def test_the_default_worker_is_the_guarded_asgi_worker() -> None:
    assert cli_serve.worker_class_from_env({}) == ("skill.web.worker.GuardedAsgiWorker", None)
