"""`nightlegs serve`: refuses unsafe settings; started for real, it answers signed requests."""

from __future__ import annotations

import argparse

import pytest

from skill import cli_serve


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="nightlegs")
    cli_serve.add_parser(parser.add_subparsers())
    return parser.parse_args(["serve", *argv])


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.com"])
def test_insecure_mode_is_refused_off_loopback(host: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_serve.run(_args("--host", host, "--insecure-skip-verification", "--skill-id", "x")) == 2
    assert "refusing --insecure-skip-verification" in capsys.readouterr().err


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost"])
def test_loopback_hosts_are_recognised(host: str) -> None:
    assert cli_serve.is_loopback(host)


def test_serve_needs_a_skill_id_to_verify(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("NIGHTLEGS_SKILL_ID", raising=False)
    assert cli_serve.run(_args()) == 2
    assert "--skill-id" in capsys.readouterr().err


def test_zero_workers_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_serve.run(_args("--workers", "0", "--skill-id", "x")) == 2


@pytest.mark.parametrize(
    ("host", "bind"), [("127.0.0.1", "127.0.0.1:8080"), ("::1", "[::1]:8080"), ("[::1]", "[::1]:8080")]
)
def test_ipv6_hosts_are_bracketed_for_gunicorn(host: str, bind: str) -> None:
    assert cli_serve.bind_address(host, 8080) == bind
