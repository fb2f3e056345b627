"""Reading YAML and checking one entry of it: typed fields, sources, spoken-text rules.

Every failure is a ContentError that names the file, the entry and the problem.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any, Mapping

from skill.content.errors import ContentError
from skill.content.phones import has_bare_111
from skill.content.records import Condition

# --------------------------------------------------------------------------- reading helpers


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; a syntax error or a missing file becomes a ContentError.

    A file of the content folder whose parsed form was snapshotted from the same bytes
    is read from that snapshot (`skill.content.snapshot.parsed_file`) without PyYAML."""
    from skill import paths
    from skill.content import snapshot

    return snapshot.parsed_file(path, _parse_yaml, paths.content_dir())


def _parse_yaml(path: Path) -> Any:
    # PyYAML is imported here, on first use: a process that finds its content in
    # snapshots never imports it. libyaml's safe loader when PyYAML was built with it:
    # the same documents, parsed about ten times faster.
    import yaml

    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError:
        raise ContentError(path.name, "(file)", "file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        reason = getattr(exc, "problem", None) or str(exc)
        raise ContentError(path.name, where, f"not valid YAML: {reason}") from None


def require_sources(file: str, entry_id: str, entry: Mapping[str, Any]) -> tuple[str, ...]:
    """Every fact carries its source: a seed file name or a public https URL."""
    raw = entry.get("sources")
    if not isinstance(raw, list) or not raw:
        raise ContentError(file, entry_id, "needs a non-empty `sources:` list")
    out: list[str] = []
    for item in raw:
        if not isinstance(item, str) or not _is_source(item):
            raise ContentError(
                file, entry_id, f"source {item!r} is neither a seed file name nor an https URL"
            )
        out.append(item)
    return tuple(out)


def _is_source(text: str) -> bool:
    if text.startswith("https://") and "." in text[8:]:
        return True
    return text.endswith(".txt") and text[:3].isdigit() and "/" not in text


class _Entry:
    """Typed access to one mapping entry, raising ContentError with file and entry."""

    def __init__(self, file: str, entry_id: str, data: Any) -> None:
        if not isinstance(data, Mapping):
            raise ContentError(file, entry_id, "must be a mapping")
        self.file, self.id, self.data = file, entry_id, data

    def fail(self, reason: str) -> ContentError:
        return ContentError(self.file, self.id, reason)

    def text(self, key: str, *, optional: bool = False) -> str:
        value = self.data.get(key)
        if optional and (value is None or value == ""):
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"`{key}` must be a non-empty string")
        _check_spoken(self, key, value)
        return value.strip()

    def words(self, key: str) -> frozenset[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"`{key}` must be a list of ids")
        return frozenset(value)

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        if not isinstance(value, bool):
            raise self.fail(f"`{key}` must be true or false")
        return value

    def integer(self, key: str, default: int | None = None) -> int:
        value = self.data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(f"`{key}` must be a whole number")
        return value

    def sources(self) -> tuple[str, ...]:
        return require_sources(self.file, self.id, self.data)


_PROMPT_FIELDS = frozenset({"list", "name", "leg", "feeling", "when", "place", "number", "said", "part"})


def _check_spoken(entry: _Entry, key: str, text: str) -> None:
    """Spoken text: no exclamation marks, no markup, only known placeholders."""
    if "!" in text:
        raise entry.fail(f"`{key}` has an exclamation mark; the bedtime voice has none")
    if "<" in text or ">" in text:
        raise entry.fail(f"`{key}` has markup; content is plain text, SSML is built in code")
    names = _placeholders(entry, key, text)
    allowed = {"emergency", "crisis"} | (_PROMPT_FIELDS if entry.file.endswith(("prompts.yaml", "phrases.yaml")) else set())
    if names - allowed:
        raise entry.fail(f"`{key}` has unknown placeholder(s) {sorted(names - allowed)}")
    if has_bare_111(text):
        raise entry.fail(
            f"`{key}` says a bare 111; say \"NHS 111\" or \"111 in New Zealand\" "
            "(111 is an emergency number in New Zealand and an advice line in the UK)"
        )


def _placeholders(entry: _Entry, key: str, text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise entry.fail(f"`{key}` has a broken placeholder: {exc}") from None


def _conditions(entry: _Entry, key: str, vocab: Mapping[str, frozenset[str]]) -> tuple[Condition, ...]:
    raw = entry.data.get(key)
    if not isinstance(raw, list) or not raw:
        raise entry.fail(f"`{key}` must be a non-empty list of slot groups")
    groups: list[Condition] = []
    for index, group in enumerate(raw):
        if not isinstance(group, Mapping) or not group:
            raise entry.fail(f"`{key}[{index}]` must map slot names to value lists")
        slots: dict[str, frozenset[str]] = {}
        for slot, values in group.items():
            if slot not in vocab:
                raise entry.fail(f"`{key}[{index}]` names unknown slot {slot!r}")
            if not isinstance(values, list) or not values:
                raise entry.fail(f"`{key}[{index}].{slot}` must be a non-empty list")
            unknown = set(values) - vocab[slot]
            if unknown:
                raise entry.fail(f"`{key}[{index}].{slot}` has unknown value(s) {sorted(unknown)}")
            slots[slot] = frozenset(values)
        groups.append(Condition(slots))
    return tuple(groups)


def _list_of_entries(file: str, data: Any, key: str) -> list[tuple[str, _Entry]]:
    if not isinstance(data, Mapping) or not isinstance(data.get(key), list):
        raise ContentError(file, key, f"the file needs a top-level `{key}:` list")
    seen: set[str] = set()
    out: list[tuple[str, _Entry]] = []
    for index, raw in enumerate(data[key]):
        label = f"{key}[{index}]"
        if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
            label = raw["id"]
        entry = _Entry(file, label, raw)
        entry_id = raw.get("id") if isinstance(raw, Mapping) else None
        if not isinstance(entry_id, str) or not entry_id:
            raise entry.fail("needs an `id`")
        if entry_id in seen:
            raise entry.fail("this id is used twice")
        seen.add(entry_id)
        out.append((entry_id, entry))
    return out
