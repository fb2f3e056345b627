"""Locale overrides: `content/locales/<locale>/<file>.yaml` replaces single spoken texts of a
base file by their dotted path, keeping placeholders and saying only the locale's own numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, MutableMapping

from skill import paths
from skill.content.entries import _Entry, _placeholders, read_yaml, require_sources
from skill.content.errors import ContentError
from skill.content.phones import has_bare_111, phone_numbers
from skill.content.records import Locale

# --------------------------------------------------------------------------- locale overrides

OVERRIDE_DIR = "locales"
# Which texts of a base file a locale may replace: (allowed first path part, allowed last
# part); None allows any. Only strings already in the base file can be replaced.
_OVERRIDABLE: dict[str, tuple[frozenset[str] | None, frozenset[str] | None]] = {
    "prompts.yaml": (frozenset({"prompts"}), None),
    "phrases.yaml": (None, None),
    "redflags.yaml": (
        frozenset({"tiers", "flags", "summaries", "default_soon", "safety_net"}),
        frozenset({"action", "after", "say", "escalate"}),
    ),
    "causes.yaml": (frozenset({"causes"}), frozenset({"name", "explain", "more"})),
    "remedies.yaml": (frozenset({"remedies"}), frozenset({"say"})),
}
# Medical text: every replaced text carries its own sources.
_MEDICAL_FILES = frozenset({"redflags.yaml", "causes.yaml", "remedies.yaml"})


@dataclass(frozen=True)
class _Override:
    origin: str  # "locales/en-GB/redflags.yaml"
    path: str  # "tiers.same_day.after"
    text: str
    sources: tuple[str, ...]


def override_locales(directory: Path | None = None) -> tuple[str, ...]:
    """Locales that have a folder of overrides."""
    folder = (directory or paths.content_dir()) / OVERRIDE_DIR
    return tuple(sorted(p.name for p in folder.iterdir() if p.is_dir())) if folder.is_dir() else ()


def _read_overrides(directory: Path, locale: Locale) -> dict[str, list[_Override]]:
    """base file name -> the locale's overrides for it, read and checked on their own."""
    folder = directory / OVERRIDE_DIR / locale.code
    found: dict[str, list[_Override]] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.yaml")):
        origin = f"{OVERRIDE_DIR}/{locale.code}/{path.name}"
        if path.name not in _OVERRIDABLE:
            raise ContentError(origin, "(file)", f"cannot override this file; overridable: {', '.join(sorted(_OVERRIDABLE))}")
        try:
            data = read_yaml(path)
        except ContentError as exc:
            raise ContentError(origin, exc.entry, exc.reason) from None
        if not isinstance(data, Mapping) or not isinstance(data.get("texts"), Mapping) or not data["texts"]:
            raise ContentError(origin, "texts", "the file needs a `texts:` mapping of dotted paths to new text")
        file_sources = require_sources(origin, "(file)", data) if "sources" in data else ()
        found[path.name] = [
            _parse_override(origin, path.name, str(key), value, file_sources, locale)
            for key, value in data["texts"].items()
        ]
    return found


def _parse_override(origin: str, base: str, key: str, value: Any, file_sources: tuple[str, ...], locale: Locale) -> _Override:
    first, last = _OVERRIDABLE[base]
    parts = key.split(".")
    if (len(parts) < 2 and base != "phrases.yaml") or not all(parts):
        raise ContentError(origin, key, "must be a dotted path to one text, such as tiers.same_day.after")
    if first is not None and parts[0] not in first:
        raise ContentError(origin, key, f"only texts under {sorted(first)} can be overridden in {base}")
    if last is not None and parts[-1] not in last:
        raise ContentError(origin, key, f"only spoken text ({', '.join(sorted(last))}) can be overridden, not `{parts[-1]}`")
    if isinstance(value, str):
        if base in _MEDICAL_FILES:
            raise ContentError(origin, key, "medical text needs its own sources: write {text: ..., sources: [...]}")
        if not file_sources:
            raise ContentError(origin, key, "needs sources: a top-level `sources:` list, or {text: ..., sources: [...]}")
        value = {"text": value}
        sources = file_sources
    elif isinstance(value, Mapping):
        sources = require_sources(origin, key, value)
    else:
        raise ContentError(origin, key, "must be a text, or {text: ..., sources: [...]}")
    entry = _Entry(origin, key, value)
    text = entry.text("text")
    for number in phone_numbers(text):
        if number not in locale.own_numbers:
            raise entry.fail(
                f"says {number}, which is not one of {locale.code}'s numbers in locales.yaml "
                f"({', '.join(sorted(locale.own_numbers))})"
            )
    return _Override(origin, key, text, sources)


def _locate(data: Any, parts: list[str]) -> MutableMapping[str, Any] | None:
    """The mapping that holds the text at `parts` (list items are found by `id`), or None."""
    node = data
    for part in parts[:-1]:
        if isinstance(node, Mapping):
            node = node.get(part)
        elif isinstance(node, list):
            node = next((item for item in node if isinstance(item, Mapping) and item.get("id") == part), None)
        else:
            return None
    if isinstance(node, MutableMapping) and isinstance(node.get(parts[-1]), str):
        return node
    return None


def _refuse_numbers(file: str, where: str, node: Any) -> None:
    """Base files serve every locale, so their texts say no phone number: they say
    {emergency}, and a locale's own numbers live in its override files."""
    if isinstance(node, str):
        numbers = phone_numbers(node)
        if has_bare_111(node):
            raise ContentError(file, where or "(file)", "says a bare 111; only a locale's own texts may say \"NHS 111\" or \"111 in New Zealand\"")
        if numbers:
            raise ContentError(
                file, where or "(file)",
                f"says the number {numbers[0]}; numbers differ by locale, so say {{emergency}}, "
                f"or put the text in {OVERRIDE_DIR}/<locale>/{file}",
            )
    elif isinstance(node, Mapping):
        for key, value in node.items():
            if key not in ("sources", "id"):
                _refuse_numbers(file, f"{where}.{key}" if where else str(key), value)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            label = value.get("id") if isinstance(value, Mapping) and isinstance(value.get("id"), str) else str(index)
            _refuse_numbers(file, f"{where}.{label}" if where else label, value)


class _Source:
    """Reads a base content file with the locale's overrides applied."""

    def __init__(self, directory: Path, locale: Locale) -> None:
        self.directory = directory
        self.overrides = _read_overrides(directory, locale)

    def read(self, file: str) -> Any:
        data = read_yaml(self.directory / file)
        _refuse_numbers(file, "", data)
        for override in self.overrides.get(file, ()):
            parts = override.path.split(".")
            holder = _locate(data, parts)
            if holder is None:
                raise ContentError(override.origin, override.path, f"{file} has no text at this path")
            entry = _Entry(override.origin, override.path, {"text": override.text})
            before = _placeholders(entry, "text", holder[parts[-1]])
            after = _placeholders(entry, "text", override.text)
            if before - after:
                raise entry.fail(f"drops the placeholder(s) {sorted(before - after)} that {file} says here")
            if after - before - {"emergency"}:
                raise entry.fail(f"adds placeholder(s) {sorted(after - before - {'emergency'})} that nothing fills here")
            holder[parts[-1]] = override.text
            if isinstance(holder.get("sources"), list):
                holder["sources"] = list(dict.fromkeys([*holder["sources"], *override.sources]))
        return data
