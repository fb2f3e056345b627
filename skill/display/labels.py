"""The words on cards and screens that are not spoken (content/display.yaml), checked at load."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from skill.content import ContentError, read_yaml
from skill.paths import content_dir

FILE = "display.yaml"
KEYS = (
    "answer_title", "heard", "reasons", "try_now", "get_help", "emergency_number", "sources", "same_day_title",
    "stretch_title", "steps", "step_of", "paused", "done", "next", "pause", "stop",
)


@dataclass(frozen=True)
class Labels:
    texts: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        return self.texts[key]

    def fill(self, key: str, **values: object) -> str:
        return self.texts[key].format(**values)


def parse_labels(data: Any) -> Labels:
    """Labels from the parsed file; a missing or empty label names the file and the entry."""
    raw = data.get("labels") if isinstance(data, Mapping) else None
    if not isinstance(raw, Mapping):
        raise ContentError(FILE, "labels", "the file needs a `labels:` mapping")
    texts: dict[str, str] = {}
    for key in KEYS:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ContentError(FILE, f"labels.{key}", "this label is missing or empty")
        texts[key] = value.strip()
    unknown = sorted(set(map(str, raw)) - set(KEYS))
    if unknown:
        raise ContentError(FILE, f"labels.{unknown[0]}", "no screen or card uses this label")
    return Labels(texts)


def read_labels(folder: Path) -> Labels:
    return parse_labels(read_yaml(folder / FILE))


@functools.lru_cache(maxsize=1)
def load_labels() -> Labels:
    return read_labels(content_dir())
