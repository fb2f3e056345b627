"""Offline checks of the APL documents in content/apl/ (night mode, touch targets, commands).

Pure rules over parsed JSON, like `skill.ship.rules`; `check_folder` reads the files. Each
problem is a `Finding` with the file, the JSON path and what is wrong:

- apl-document: a JSON object with `type` "APL", a version, and a `mainTemplate` whose
  only parameter is `payload` (the skill sends its data under that name).
- apl-night: theme "dark", and no color brighter than NIGHT_MAX_LUMINANCE (no white).
- apl-touch: every SendEvent sends one of TOUCH_ACTIONS as its first argument, written in
  the document or passed to a layout by every use of it.
- apl-command: every command is an APL command type, and `delay` and `repeatCount` are
  whole numbers (ask-sdk-model's command classes read them as int, so a binding there
  would not survive the skill's own serializer).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator, Mapping

from skill.ship import project
from skill.ship.rules.findings import Collector, Finding

DOCUMENT_DIR = "apl"
TOUCH_ACTIONS = ("next", "pause", "stop")
NIGHT_MAX_LUMINANCE = 0.45
COMMAND_TYPES = frozenset({
    "AnimateItem", "AutoPage", "ClearFocus", "ControlMedia", "Finish", "GoBack", "HideOverlay",
    "Idle", "OpenURL", "Parallel", "PlayMedia", "Reinflate", "Scroll", "ScrollToComponent",
    "ScrollToIndex", "Select", "SendEvent", "Sequential", "SetFocus", "SetPage", "SetState",
    "SetValue", "ShowOverlay", "SpeakItem", "SpeakList",
})
_COMMAND_LISTS = ("onMount", "onPress", "commands", "catch", "finally", "otherwise", "onDown", "onUp")
_WHOLE_NUMBER_FIELDS = ("delay", "repeatCount")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_HEX = re.compile(r"^#([0-9a-fA-F]{6})([0-9a-fA-F]{2})?$")
_PARAMETER = re.compile(r"^\$\{(\w+)\}$")
_BRIGHT_NAMES = frozenset({"white", "snow", "ivory", "ghostwhite", "whitesmoke", "yellow"})


def document_files(content_dir: Path) -> dict[str, Path]:
    """Document name -> file, for content/apl/<name>.json."""
    folder = content_dir / DOCUMENT_DIR
    return {path.stem: path for path in sorted(folder.glob("*.json"))} if folder.is_dir() else {}


def check_folder(root: Path) -> tuple[list[Finding], list[str]]:
    """Read and check every content/apl/*.json: (findings, files checked)."""
    findings: list[Finding] = []
    checked: list[str] = []
    for name, path in document_files(root / "content").items():
        file = path.relative_to(root).as_posix()
        checked.append(file)
        try:
            document = project.read_json(path)
        except project.ProjectError as exc:
            findings.append(Finding("error", "apl-document", file, exc.entry, exc.reason))
            continue
        findings.extend(check_document(name, document, file))
    return findings, checked


def check_document(name: str, document: Any, file: str) -> list[Finding]:
    out = Collector(file)
    if not _NAME.match(name):
        out.error("apl-document", "$", f"document name {name!r} must be lower-case letters, digits and _")
    if not isinstance(document, Mapping):
        out.error("apl-document", "$", "an APL document is a JSON object")
        return out.findings
    if document.get("type") != "APL":
        out.error("apl-document", "$.type", 'must be "APL"')
    if not isinstance(document.get("version"), str):
        out.error("apl-document", "$.version", "needs an APL version string")
    template = document.get("mainTemplate")
    if not isinstance(template, Mapping) or template.get("parameters") != ["payload"]:
        out.error("apl-document", "$.mainTemplate.parameters", 'must be ["payload"]: the skill sends its data as payload')
    _check_night(out, document)
    _check_commands(out, document)
    _check_touch(out, document)
    return out.findings


# --------------------------------------------------------------------------- night mode


def luminance(hex_color: str) -> float:
    """WCAG relative luminance of #RRGGBB (0 black .. 1 white)."""
    channels = [int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _check_night(out: Collector, document: Mapping[str, Any]) -> None:
    if document.get("theme") != "dark":
        out.error("apl-night", "$.theme", 'must be "dark" for night mode')
    for path, value in _strings(document, "$"):
        text = value.strip().lower()
        match = _HEX.match(text)
        if match and luminance("#" + match.group(1)) > NIGHT_MAX_LUMINANCE:
            out.error("apl-night", path, f"{value} is too bright for a dark bedroom (luminance over {NIGHT_MAX_LUMINANCE})")
        elif text in _BRIGHT_NAMES or text.startswith("rgb(255, 255, 255") or text.startswith("rgba(255, 255, 255"):
            out.error("apl-night", path, f"{value!r} is too bright for a dark bedroom")


# --------------------------------------------------------------------------- commands


def _commands(node: Any, path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every command object in the document, with its JSON path."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            child = f"{path}.{key}"
            if key in _COMMAND_LISTS and isinstance(value, list):
                for i, command in enumerate(value):
                    if isinstance(command, Mapping):
                        yield f"{child}[{i}]", command
            yield from _commands(value, child)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _commands(item, f"{path}[{i}]")


def _check_commands(out: Collector, document: Mapping[str, Any]) -> None:
    for path, command in _commands(document, "$"):
        kind = command.get("type")
        if kind not in COMMAND_TYPES:
            out.error("apl-command", f"{path}.type", f"{kind!r} is not an APL command")
        for field in _WHOLE_NUMBER_FIELDS:
            if field in command and (isinstance(command[field], bool) or not isinstance(command[field], int)):
                out.error("apl-command", f"{path}.{field}", "must be a whole number, not a binding or text")


# --------------------------------------------------------------------------- touch


def _check_touch(out: Collector, document: Mapping[str, Any]) -> None:
    layouts = document.get("layouts") if isinstance(document.get("layouts"), Mapping) else {}
    for path, command in _commands(document, "$"):
        if command.get("type") != "SendEvent":
            continue
        arguments = command.get("arguments")
        first = arguments[0] if isinstance(arguments, list) and arguments else None
        if not isinstance(first, str):
            out.error("apl-touch", f"{path}.arguments", f"must start with one of {', '.join(TOUCH_ACTIONS)}")
            continue
        parameter = _PARAMETER.match(first)
        if parameter is None:
            if first not in TOUCH_ACTIONS:
                out.error("apl-touch", f"{path}.arguments[0]", f"{first!r} is not one of {', '.join(TOUCH_ACTIONS)}")
            continue
        owner = _layout_of(path, layouts)
        if owner is None:
            out.error("apl-touch", f"{path}.arguments[0]", f"{first} is not a layout parameter")
            continue
        uses = [(p, c) for p, c in _components(document, "$") if c.get("type") == owner]
        if not uses:
            out.warning("apl-touch", f"$.layouts.{owner}", "this layout is never used")
        for use_path, use in uses:
            value = use.get(parameter.group(1))
            if value not in TOUCH_ACTIONS:
                out.error("apl-touch", f"{use_path}.{parameter.group(1)}", f"{value!r} is not one of {', '.join(TOUCH_ACTIONS)}")


def _layout_of(path: str, layouts: Mapping[str, Any]) -> str | None:
    for name in layouts:
        if path.startswith(f"$.layouts.{name}."):
            return str(name)
    return None


def _components(node: Any, path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    if isinstance(node, Mapping):
        if "type" in node:
            yield path, node
        for key, value in node.items():
            yield from _components(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _components(item, f"{path}[{i}]")


def _strings(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _strings(item, f"{path}[{i}]")


def check_package(root: Path, package: Path, manifest: Any) -> list[Finding]:
    """A built skill package: every content/apl document at response/display/<name>/
    document.json, unchanged, and the manifest declaring ALEXA_PRESENTATION_APL."""
    findings: list[Finding] = []
    documents = document_files(root / "content")
    for name, source in documents.items():
        built = package / "response" / "display" / name / "document.json"
        file = project_relative(built, root)
        try:
            same = project.read_json(built) == project.read_json(source)
        except project.ProjectError as exc:
            findings.append(Finding("error", "apl-package", file, "$", exc.reason))
            continue
        if not same:
            findings.append(Finding("error", "apl-package", file, "$", f"differs from content/apl/{name}.json: build again"))
    custom = manifest.get("manifest", {}).get("apis", {}).get("custom", {}) if isinstance(manifest, Mapping) else {}
    interfaces = custom.get("interfaces", []) if isinstance(custom, Mapping) else []
    if documents and not any(isinstance(i, Mapping) and i.get("type") == "ALEXA_PRESENTATION_APL" for i in interfaces):
        findings.append(Finding(
            "error", "apl-package", project_relative(package / "skill.json", root), "$.manifest.apis.custom.interfaces",
            "ALEXA_PRESENTATION_APL is missing: a device refuses the skill's RenderDocument directives",
        ))
    return findings


def project_relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
