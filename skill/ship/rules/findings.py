"""What every rule returns: a `Finding` naming the file, the JSON path and the problem,
and the small helpers the rule modules share."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    severity: Severity
    rule: str
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.file}: {self.path}: {self.message} [{self.rule}]"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


class Collector:
    """Accumulates findings for one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.findings: list[Finding] = []

    def error(self, rule: str, path: str, message: str) -> None:
        self.findings.append(Finding("error", rule, self.file, path, message))

    def warning(self, rule: str, path: str, message: str) -> None:
        self.findings.append(Finding("warning", rule, self.file, path, message))


def normalize(text: str) -> str:
    """Lower-case, drop sentence punctuation and collapse spaces, for comparisons."""
    text = text.lower().replace(",", " ")
    text = re.sub(r"[?!;:]", " ", text).strip().rstrip(".")
    return " ".join(text.split())


def as_dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)
