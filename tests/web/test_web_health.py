"""GET /healthz: version plus a content and interaction-model check."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import skill
from skill.web import health as web_health


def test_health_is_ok_with_the_projects_content_and_model(make_client: Callable[..., Any]) -> None:
    reply = make_client().get("/healthz")
    assert reply.status_code == 200
    assert reply.get_json() == {
        "status": "ok",
        "version": skill.__version__,
        "checks": {"content": "ok", "model": "ok"},
    }


def test_health_is_503_naming_what_failed(
    make_client: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = make_client()
    monkeypatch.setenv("NIGHTLEGS_HOME", str(tmp_path))  # no content, no models here
    reply = client.get("/healthz")
    assert reply.status_code == 503
    document = reply.get_json()
    assert document["status"] == "fail"
    assert "locales.yaml" in document["checks"]["content"]
    assert "en-US" in document["checks"]["model"]


def test_model_check_names_a_broken_model_file(tmp_path: Path) -> None:
    good = {"interactionModel": {"languageModel": {"invocationName": "night legs"}}}
    (tmp_path / "en-US.json").write_text(json.dumps(good))
    assert web_health.check_model(tmp_path) == "ok"
    (tmp_path / "en-GB.json").write_text("{not json")
    assert "en-GB.json" in web_health.check_model(tmp_path)


def test_health_answers_only_get(make_client: Callable[..., Any]) -> None:
    assert make_client().post("/healthz").status_code == 405
