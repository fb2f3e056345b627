"""Discover what a Night Legs checkout ships: interaction models per locale and
custom task definitions. Shared by `nightlegs build` and `nightlegs validate`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from skill.content import ContentError

_LOCALE_RE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")
_TASK_FILE_RE = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9]*)\.(?P<version>[0-9]+)\.(?:json|ya?ml)$")


class ProjectError(ContentError):
    """A project file that cannot be read: names the file, the entry and the reason."""


@dataclass(frozen=True)
class TaskDefinition:
    """A custom task (OpenAPI document) to publish as tasks/{name}.{version}.json."""

    name: str
    version: str
    source: Path
    document: dict[str, Any]

    @property
    def package_file(self) -> str:
        return f"{self.name}.{self.version}.json"


def package_assets(root: Path) -> dict[str, Path]:
    """Store icons to ship in the skill package: {path in skill-package/: source file}.

    assets/icons/*.png (drawn by `python -m skill.ship.icons`) go to assets/images/,
    which the manifest names as file://assets/images/<file>."""
    folder = root / "assets" / "icons"
    if not folder.is_dir():
        return {}
    return {f"assets/images/{p.name}": p for p in sorted(folder.glob("*.png")) if p.is_file()}


def model_files(model_dir: Path) -> dict[str, Path]:
    """`interaction_model/<locale>.json` files, keyed by locale, sorted."""
    if not model_dir.is_dir():
        return {}
    return {
        p.stem: p
        for p in sorted(model_dir.glob("*.json"))
        if _LOCALE_RE.match(p.stem)
    }


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ProjectError(str(path), f"line {exc.lineno} column {exc.colno}", exc.msg) from exc
    except OSError as exc:
        raise ProjectError(str(path), "$", exc.strerror or str(exc)) from exc


def load_models(model_dir: Path) -> dict[str, dict[str, Any]]:
    return {locale: read_json(path) for locale, path in model_files(model_dir).items()}


def task_definitions(content_dir: Path) -> list[TaskDefinition]:
    """Every task file under content/tasks/ (JSON or YAML OpenAPI documents).

    The task name and version come from the file name ({TaskName}.{Version}.json)
    or, failing that, from the one path in `paths` and `info.version`.
    """
    folder = content_dir / "tasks"
    if not folder.is_dir():
        return []
    tasks: list[TaskDefinition] = []
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".json", ".yaml", ".yml") or not path.is_file():
            continue
        document = read_json(path) if path.suffix == ".json" else _read_yaml(path)
        if not isinstance(document, dict):
            raise ProjectError(str(path), "$", "a task definition must be an OpenAPI object")
        match = _TASK_FILE_RE.match(path.name)
        if match:
            name, version = match.group("name"), match.group("version")
        else:
            paths = list((document.get("paths") or {}).keys())
            name = paths[0].lstrip("/") if len(paths) == 1 else ""
            version = str((document.get("info") or {}).get("version", ""))
        if not name:
            raise ProjectError(str(path), "$.paths", "a task definition needs exactly one path, /{TaskName}")
        if not version.isdigit() or int(version) < 1:
            raise ProjectError(str(path), "$.info.version", f"task version {version!r} must be a positive integer")
        tasks.append(TaskDefinition(name, version, path, document))
    return tasks


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "$"
        raise ProjectError(str(path), where, str(getattr(exc, "problem", exc))) from exc


def elicitation_intents(model_dir: Path) -> set[str]:
    """Intents whose samples may be a bare slot (answers to a dialog question).

    Listed explicitly in interaction_model/validate.yaml under `elicitation_intents`.
    """
    path = model_dir / "validate.yaml"
    if not path.is_file():
        return set()
    data = _read_yaml(path) or {}
    names = data.get("elicitation_intents", []) if isinstance(data, dict) else None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ProjectError(str(path), "elicitation_intents", "must be a list of intent names")
    return set(names)
