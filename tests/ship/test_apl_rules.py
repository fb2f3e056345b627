"""`nightlegs validate` over the APL documents (content/apl/*.json), and what `nightlegs
build` puts in the skill package for them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.interfaces.alexa.presentation.apl import Command

from skill.display.model import DOCUMENTS, TOUCH_ACTIONS
from skill.paths import project_root
from skill.ship import apl_package, apl_rules, certify

ROOT = project_root()
FILES = apl_rules.document_files(ROOT / "content")


def _load(name: str) -> dict[str, Any]:
    return json.loads(FILES[name].read_text(encoding="utf-8"))


def _rules(findings: list[apl_rules.Finding]) -> set[str]:
    return {f.rule for f in findings if f.severity == "error"}


def test_the_skill_links_exactly_the_documents_kept_as_files() -> None:
    assert sorted(FILES) == sorted(DOCUMENTS)
    assert apl_rules.TOUCH_ACTIONS == TOUCH_ACTIONS


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_document_passes_the_checks(name: str) -> None:
    assert apl_rules.check_document(name, _load(name), f"content/apl/{name}.json") == []


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_command_in_every_document_round_trips_through_ask_sdk_model(name: str) -> None:
    serializer = DefaultSerializer()
    commands = list(apl_rules._commands(_load(name), "$"))
    for _, command in commands:
        typed = serializer.deserialize(json.dumps(command), Command)
        assert isinstance(typed, Command), command
        assert serializer.serialize(typed) == command
    if name == "stretch":
        assert {c["type"] for _, c in commands} >= {"SendEvent", "Sequential", "Idle", "SetValue"}


def test_validate_reports_the_documents_it_checked() -> None:
    report = certify.run(ROOT)
    assert {f"content/apl/{n}.json" for n in DOCUMENTS} <= set(report.checked)
    assert not [f for f in report.errors if f.rule.startswith("apl")]


def test_a_white_text_breaks_night_mode() -> None:
    document = _load("answer")
    document["mainTemplate"]["items"][0]["item"]["items"][0]["color"] = "#FFFFFF"
    findings = apl_rules.check_document("answer", document, "content/apl/answer.json")
    assert _rules(findings) == {"apl-night"}
    assert "$.mainTemplate.items[0].item.items[0].color" in [f.path for f in findings]
    document["theme"] = "light"
    assert "$.theme" in [f.path for f in apl_rules.check_document("answer", document, "x")]


def test_a_touch_target_must_send_next_pause_or_stop() -> None:
    document = _load("stretch")
    buttons = document["mainTemplate"]["items"][0]["items"][-1]["items"]
    buttons[0]["action"] = "jump"
    findings = apl_rules.check_document("stretch", document, "content/apl/stretch.json")
    assert _rules(findings) == {"apl-touch"}
    assert any("'jump'" in f.message for f in findings)


def test_a_bound_delay_would_not_survive_the_sdk_and_is_refused() -> None:
    document = _load("stretch")
    countdown = document["mainTemplate"]["items"][0]["items"][4]
    countdown["onMount"][0]["commands"][0]["delay"] = "${screen.countdown.delay}"
    countdown["onMount"][0]["commands"].append({"type": "Blink"})
    findings = apl_rules.check_document("stretch", document, "content/apl/stretch.json")
    assert _rules(findings) == {"apl-command"}
    assert {f.message for f in findings} >= {"must be a whole number, not a binding or text", "'Blink' is not an APL command"}


def test_a_document_without_the_payload_parameter_is_refused() -> None:
    document = _load("urgent")
    document["mainTemplate"]["parameters"] = ["data"]
    assert _rules(apl_rules.check_document("urgent", document, "x")) == {"apl-document"}
    assert _rules(apl_rules.check_document("Bad-Name", _load("urgent"), "x")) == {"apl-document"}


def test_an_unreadable_document_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "content" / "apl").mkdir(parents=True)
    (tmp_path / "content" / "apl" / "broken.json").write_text("{", encoding="utf-8")
    findings, checked = apl_rules.check_folder(tmp_path)
    assert checked == ["content/apl/broken.json"]
    assert [(f.rule, f.file) for f in findings] == [("apl-document", "content/apl/broken.json")]


def test_the_package_gets_each_document_where_its_link_points_and_the_apl_interface(tmp_path: Path) -> None:
    package = tmp_path / "skill-package"
    for path, document in apl_package.package_documents(ROOT).items():
        target = package / path
        target.parent.mkdir(parents=True)
        target.write_text(json.dumps(document), encoding="utf-8")
    assert sorted(p.relative_to(package).as_posix() for p in package.rglob("*.json")) == sorted(
        f"response/display/{name}/document.json" for name in DOCUMENTS
    )
    manifest = apl_package.with_apl_interface({"manifest": {"apis": {"custom": {}}}})
    assert apl_package.with_apl_interface(manifest) == manifest  # once, however often applied
    (interface,) = manifest["manifest"]["apis"]["custom"]["interfaces"]
    assert interface["type"] == "ALEXA_PRESENTATION_APL" and interface["supportedViewports"]
    assert apl_rules.check_package(ROOT, package, manifest) == []

    without = copy.deepcopy(manifest)
    without["manifest"]["apis"]["custom"]["interfaces"] = []
    assert [f.path for f in apl_rules.check_package(ROOT, package, without)] == ["$.manifest.apis.custom.interfaces"]
    (package / "response" / "display" / "urgent" / "document.json").write_text("{}", encoding="utf-8")
    assert any("differs from content/apl/urgent.json" in f.message for f in apl_rules.check_package(ROOT, package, manifest))


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_document_round_trips_whole_through_the_render_document_directive(name: str) -> None:
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

    serializer = DefaultSerializer()
    directive = {"type": "Alexa.Presentation.APL.RenderDocument", "token": f"nightlegs-{name}", "document": _load(name)}
    typed = serializer.deserialize(json.dumps(directive), RenderDocumentDirective)
    assert serializer.serialize(typed) == directive
