"""Typed, validated content loaded from `content/*.yaml`.

Everything the skill says about legs, and every prompt, lives in YAML. This module turns
those files into frozen dataclasses once per process and checks them: a missing field, an
unknown slot value, a reference to a cause that does not exist or an entry without
`sources:` stops the load with a `ContentError` naming the file, the entry and the
problem.

Locales: `content/locales.yaml` holds each locale's emergency and advice numbers, and
`content/locales/<locale>/<file>.yaml` may replace single spoken texts of a base file by
their dotted path (`tiers.same_day.after`, `prompts.goodbye`, `sign.bladder_bowel`), for
spelling and local services. Anything not overridden falls back to the base (en-US) text.
An override must keep the base text's placeholders, may only say its own locale's numbers,
and is checked like the base text; its errors name the override file.
"""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, MutableMapping

import yaml

from skill import paths

DEFAULT_LOCALE = "en-US"
TIERS = ("emergency", "same_day", "soon")
SLOTS = ("sensation", "side", "position", "timing", "relief", "sign")
# phrases.yaml names the side values under `leg`; every other slot under its own name.
_PHRASE_SECTION = {"side": "leg"}


class ContentError(Exception):
    """A content file is malformed. The message names the file, the entry and the reason."""

    def __init__(self, file: str, entry: str, reason: str) -> None:
        self.file = file
        self.entry = entry
        self.reason = reason
        super().__init__(f"{file}: {entry}: {reason}")


# --------------------------------------------------------------------------- typed content


@dataclass(frozen=True)
class Condition:
    """One `match` group: every named slot must have one of the listed values."""

    slots: Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class Cause:
    id: str
    name: str
    explain: str
    more: str
    features: Mapping[str, Mapping[str, int]]
    prior: int
    sources: tuple[str, ...]
    stretch: str | None = None


@dataclass(frozen=True)
class Pattern:
    id: str
    match: tuple[Condition, ...]
    ruled_out_by: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Remedy:
    id: str
    say: str
    safe_in_bed: bool
    positions: frozenset[str]
    causes: frozenset[str]
    avoid_if: frozenset[str]
    needs_ruled_out: frozenset[str]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Tier:
    id: str
    action: str
    after: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RedFlag:
    id: str
    tier: str
    match: tuple[Condition, ...]
    say: str
    escalate: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    slot: str
    prompt: str
    reprompt: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Locale:
    code: str
    emergency: str  # the words inside "Call {emergency} now."
    numbers: tuple[str, ...]  # every emergency number those words say
    sources: tuple[str, ...]
    advice_numbers: tuple[str, ...] = ()  # other numbers this locale's texts may say

    @property
    def own_numbers(self) -> frozenset[str]:
        """Every phone number this locale's content is allowed to say."""
        return frozenset(self.numbers) | frozenset(self.advice_numbers)


@dataclass(frozen=True)
class Phrases:
    heard: str
    heard_short: str
    leg: Mapping[str, Mapping[str, str]]
    sensation: Mapping[str, Mapping[str, str]]
    position: Mapping[str, str]
    timing: Mapping[str, str]
    sign: Mapping[str, str]
    relief: Mapping[str, str]

    def values(self, slot: str) -> frozenset[str]:
        """Every value id the content knows for a slot."""
        section: Mapping[str, Any] = getattr(self, _PHRASE_SECTION.get(slot, slot))
        return frozenset(k for k in section if k != "unknown")


@dataclass(frozen=True)
class Content:
    locale: Locale
    phrases: Phrases
    causes: tuple[Cause, ...]
    remedies: tuple[Remedy, ...]
    patterns: tuple[Pattern, ...]
    tiers: Mapping[str, Tier]
    flags: tuple[RedFlag, ...]
    default_soon: str
    safety_net: str
    summaries: Mapping[str, str]
    screen: Question
    questions: tuple[Question, ...]
    max_questions: int
    prompts: Mapping[str, str]
    _cause_index: Mapping[str, Cause] = field(default_factory=dict, repr=False)

    def cause(self, cause_id: str) -> Cause | None:
        return self._cause_index.get(cause_id)

    @functools.cached_property
    def cause_priors(self) -> tuple[int, ...]:
        return tuple(cause.prior for cause in self.causes)

    @functools.cached_property
    def feature_points(self) -> Mapping[tuple[str, str | None], tuple[tuple[int, int], ...]]:
        """(slot, value) -> ((cause number, points), ...): which causes a said value scores for."""
        index: dict[tuple[str, str | None], list[tuple[int, int]]] = {}
        for number, cause in enumerate(self.causes):
            for slot, weights in cause.features.items():
                for value, points in weights.items():
                    index.setdefault((slot, value), []).append((number, points))
        return {key: tuple(found) for key, found in index.items()}

    def prompt(self, prompt_id: str, **values: str) -> str:
        return self.fill(self.prompts[prompt_id], **values)

    def fill(self, text: str, **values: str) -> str:
        """Fill {emergency} (and any other named value) into a content sentence."""
        return fill_emergency(text, self.locale.emergency).format(**values)


def fill_emergency(text: str, emergency: str) -> str:
    """Put the emergency words into a text. Words with a comma ("999, or 112 in Ireland")
    are closed with a comma when the sentence goes on: "Call 999, or 112 in Ireland, now."
    Braces in the words cannot start a placeholder."""
    words = emergency.replace("{", "{{").replace("}", "}}")
    if "," in emergency:
        text = re.sub(r"\{emergency\}(?= \w)", "{emergency},", text)
    return text.replace("{emergency}", words)


# --------------------------------------------------------------------------- reading helpers


# libyaml's safe loader when PyYAML was built with it: the same documents, parsed about ten
# times faster, which is most of a cold start's first request (issue 7).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; a syntax error or a missing file becomes a ContentError."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_SAFE_LOADER)
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


_PROMPT_FIELDS = frozenset({"list", "name", "leg", "feeling", "when"})
LOCALES_FILE = "locales.yaml"
# A phone number as spoken text writes it: "911", "000", "1800 022 222".
_PHONE = re.compile(r"(?<!\d)\d{3,}(?: \d{3})*(?!\d)")
_111 = re.compile(r"(?<!\d)111(?!\d)")


def phone_numbers(text: str) -> tuple[str, ...]:
    """The phone numbers a text says, in order ("Call 000, or 111 in New Zealand" -> 000, 111)."""
    return tuple(match.group(0) for match in _PHONE.finditer(text))


def has_bare_111(text: str) -> bool:
    """True when a text says 111 as neither "NHS 111" nor "111 in New Zealand".

    111 is the emergency number in New Zealand (served by en-AU) and the NHS advice line in
    the UK (en-GB): said bare, it sends someone to the wrong one.
    """
    for match in _111.finditer(text):
        if not (text[: match.start()].endswith("NHS ") or text[match.end():].startswith(" in New Zealand")):
            return True
    return False


def _check_spoken(entry: _Entry, key: str, text: str) -> None:
    """Spoken text: no exclamation marks, no markup, only known placeholders."""
    if "!" in text:
        raise entry.fail(f"`{key}` has an exclamation mark; the bedtime voice has none")
    if "<" in text or ">" in text:
        raise entry.fail(f"`{key}` has markup; content is plain text, SSML is built in code")
    names = _placeholders(entry, key, text)
    allowed = {"emergency"} | (_PROMPT_FIELDS if entry.file.endswith(("prompts.yaml", "phrases.yaml")) else set())
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


# --------------------------------------------------------------------------- file loaders


def _load_locale(directory: Path, code: str) -> Locale:
    file = LOCALES_FILE
    data = read_yaml(directory / file)
    table = data.get("locales") if isinstance(data, Mapping) else None
    if not isinstance(table, Mapping) or not table:
        raise ContentError(file, "locales", "the file needs a `locales:` mapping")
    if code not in table:
        raise ContentError(file, code, "no entry for this locale")
    entry = _Entry(file, code, table[code])

    def number_list(key: str, *, required: bool) -> tuple[str, ...]:
        raw = entry.data.get(key, None if required else [])
        if not isinstance(raw, list) or (required and not raw) or not all(isinstance(n, str) for n in raw):
            raise entry.fail(f"`{key}` must be a list of phone numbers written as strings")
        for number in raw:
            if phone_numbers(number) != (number,):
                raise entry.fail(f"`{key}` has {number!r}, which is not a phone number like \"999\" or \"1800 022 222\"")
        return tuple(raw)

    numbers = number_list("numbers", required=True)
    advice = number_list("advice_numbers", required=False)
    emergency = entry.text("emergency")
    said = phone_numbers(emergency)
    for number in numbers:
        if number not in said:
            raise entry.fail(f"`emergency` does not say the number {number}")
    for number in said:
        if number not in numbers:
            raise entry.fail(f"`emergency` says {number}, which `numbers` does not list")
    return Locale(code, emergency, numbers, entry.sources(), advice)


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


def _load_phrases(source: _Source) -> Phrases:
    file = "phrases.yaml"
    data = source.read(file)
    top = _Entry(file, "(file)", data)
    top.sources()

    def forms(section: str, required: tuple[str, ...]) -> dict[str, dict[str, str]]:
        raw = data.get(section)
        if not isinstance(raw, Mapping) or not raw:
            raise ContentError(file, section, "must map value ids to phrases")
        out: dict[str, dict[str, str]] = {}
        for value_id, value in raw.items():
            entry = _Entry(file, f"{section}.{value_id}", value)
            if not set(entry.data) & set(required):
                raise entry.fail(f"needs one of {list(required)}")
            out[str(value_id)] = {k: entry.text(k) for k in required if k in entry.data}
        return out

    def plain(section: str) -> dict[str, str]:
        raw = data.get(section)
        if not isinstance(raw, Mapping) or not raw:
            raise ContentError(file, section, "must map value ids to phrases")
        entry = _Entry(file, section, raw)
        return {str(k): entry.text(str(k)) for k in raw}

    sensation = forms("sensation", ("one", "both"))
    for value_id, value in sensation.items():
        if set(value) != {"one", "both"}:
            raise ContentError(file, f"sensation.{value_id}", "needs both `one` and `both` forms")
    if "unknown" not in sensation:
        raise ContentError(file, "sensation", "needs an `unknown` entry for when it was not said")
    return Phrases(
        heard=top.text("heard"),
        heard_short=top.text("heard_short"),
        leg=forms("leg", ("one", "both")),
        sensation=sensation,
        position=plain("position"),
        timing=plain("timing"),
        sign=plain("sign"),
        relief=plain("relief"),
    )


def _vocab(phrases: Phrases) -> dict[str, frozenset[str]]:
    return {slot: phrases.values(slot) for slot in SLOTS}


def _load_causes(source: _Source, vocab: Mapping[str, frozenset[str]]) -> tuple[Cause, ...]:
    file = "causes.yaml"
    data = source.read(file)
    causes: list[Cause] = []
    for cause_id, entry in _list_of_entries(file, data, "causes"):
        raw_features = entry.data.get("features")
        if not isinstance(raw_features, Mapping) or not raw_features:
            raise entry.fail("`features` must map slots to {value: points}")
        features: dict[str, dict[str, int]] = {}
        for slot, weights in raw_features.items():
            if slot not in vocab:
                raise entry.fail(f"`features` names unknown slot {slot!r}")
            if not isinstance(weights, Mapping) or not weights:
                raise entry.fail(f"`features.{slot}` must map values to points")
            for value, points in weights.items():
                if value not in vocab[slot]:
                    raise entry.fail(f"`features.{slot}` has unknown value {value!r}")
                if not isinstance(points, int) or isinstance(points, bool):
                    raise entry.fail(f"`features.{slot}.{value}` must be a whole number")
            features[slot] = dict(weights)
        stretch = entry.data.get("stretch")
        if stretch is not None and not isinstance(stretch, str):
            raise entry.fail("`stretch` must name a routine id")
        causes.append(
            Cause(
                id=cause_id,
                name=entry.text("name"),
                explain=entry.text("explain"),
                more=entry.text("more"),
                features=features,
                prior=entry.integer("prior", 0),
                sources=entry.sources(),
                stretch=stretch,
            )
        )
    return tuple(causes)


def _load_remedies(
    source: _Source, vocab: Mapping[str, frozenset[str]], cause_ids: frozenset[str]
) -> tuple[tuple[Pattern, ...], tuple[Remedy, ...]]:
    file = "remedies.yaml"
    data = source.read(file)
    patterns: list[Pattern] = []
    for pattern_id, entry in _list_of_entries(file, data, "patterns"):
        ruled_out_by = entry.words("ruled_out_by")
        if not ruled_out_by or ruled_out_by - set(vocab):
            raise entry.fail("`ruled_out_by` must list the slots whose answers rule it out")
        patterns.append(
            Pattern(pattern_id, _conditions(entry, "match", vocab), tuple(sorted(ruled_out_by)), entry.sources())
        )
    pattern_ids = frozenset(p.id for p in patterns)
    remedies: list[Remedy] = []
    for remedy_id, entry in _list_of_entries(file, data, "remedies"):
        positions = entry.words("positions")
        causes = entry.words("causes")
        avoid_if = entry.words("avoid_if")
        needs_ruled_out = entry.words("needs_ruled_out")
        if positions - vocab["position"]:
            raise entry.fail(f"`positions` has unknown value(s) {sorted(positions - vocab['position'])}")
        if causes - cause_ids:
            raise entry.fail(f"`causes` names unknown cause(s) {sorted(causes - cause_ids)}")
        for key, ids in (("avoid_if", avoid_if), ("needs_ruled_out", needs_ruled_out)):
            if ids - pattern_ids:
                raise entry.fail(f"`{key}` names unknown pattern(s) {sorted(ids - pattern_ids)}")
        remedies.append(
            Remedy(
                id=remedy_id,
                say=entry.text("say"),
                safe_in_bed=entry.flag("safe_in_bed"),
                positions=positions,
                causes=causes,
                avoid_if=avoid_if,
                needs_ruled_out=needs_ruled_out,
                sources=entry.sources(),
            )
        )
    return tuple(patterns), tuple(remedies)


def _load_redflags(
    source: _Source, vocab: Mapping[str, frozenset[str]]
) -> tuple[dict[str, Tier], tuple[RedFlag, ...], str, str, dict[str, str]]:
    file = "redflags.yaml"
    data = source.read(file)
    raw_tiers = data.get("tiers") if isinstance(data, Mapping) else None
    if not isinstance(raw_tiers, Mapping):
        raise ContentError(file, "tiers", "the file needs a `tiers:` mapping")
    tiers: dict[str, Tier] = {}
    for tier_id in TIERS:
        if tier_id not in raw_tiers:
            raise ContentError(file, f"tiers.{tier_id}", "this tier is missing")
        entry = _Entry(file, f"tiers.{tier_id}", raw_tiers[tier_id])
        tiers[tier_id] = Tier(tier_id, entry.text("action"), entry.text("after", optional=True), entry.sources())
    if "{emergency}" not in tiers["emergency"].action:
        raise ContentError(file, "tiers.emergency", "`action` must say {emergency}")
    flags: list[RedFlag] = []
    for flag_id, entry in _list_of_entries(file, data, "flags"):
        tier = entry.data.get("tier")
        if tier not in TIERS:
            raise entry.fail(f"`tier` must be one of {list(TIERS)}, not {tier!r}")
        escalate = entry.text("escalate", optional=True)
        if tier == "same_day" and "{emergency}" not in escalate:
            raise entry.fail("a same_day flag needs `escalate` saying when to call {emergency}")
        flags.append(
            RedFlag(flag_id, tier, _conditions(entry, "match", vocab), entry.text("say"), escalate, entry.sources())
        )
    default = _Entry(file, "default_soon", data.get("default_soon"))
    net = _Entry(file, "safety_net", data.get("safety_net"))
    default.sources()
    net.sources()
    raw_summaries = data.get("summaries")
    if not isinstance(raw_summaries, Mapping):
        raise ContentError(file, "summaries", "the file needs `summaries:` for emergency and same_day")
    summaries: dict[str, str] = {}
    for tier_id in ("emergency", "same_day"):
        entry = _Entry(file, f"summaries.{tier_id}", raw_summaries.get(tier_id))
        entry.sources()
        summaries[tier_id] = entry.text("say")
    if "{emergency}" not in summaries["emergency"]:
        raise ContentError(file, "summaries.emergency", "`say` must say {emergency}")
    return tiers, tuple(flags), default.text("say"), net.text("say"), summaries


def _load_followups(source: _Source, vocab: Mapping[str, frozenset[str]]) -> tuple[Question, tuple[Question, ...], int]:
    file = "followups.yaml"
    data = source.read(file)
    top = _Entry(file, "(file)", data)
    max_questions = top.integer("max_questions")
    if not 1 <= max_questions <= 3:
        raise top.fail("`max_questions` must be 1, 2 or 3")

    def question(entry: _Entry) -> Question:
        slot = entry.data.get("slot")
        if slot not in vocab:
            raise entry.fail(f"`slot` must be one of {list(SLOTS)}, not {slot!r}")
        return Question(slot, entry.text("prompt"), entry.text("reprompt"), entry.sources())

    screen = question(_Entry(file, "screen", data.get("screen")))
    raw = data.get("questions")
    if not isinstance(raw, list) or not raw:
        raise ContentError(file, "questions", "needs a non-empty list")
    questions: list[Question] = []
    for index, item in enumerate(raw):
        label = item.get("slot", f"questions[{index}]") if isinstance(item, Mapping) else f"questions[{index}]"
        q = question(_Entry(file, f"questions.{label}", item))
        if any(q.slot == other.slot for other in questions):
            raise ContentError(file, f"questions.{label}", "two questions ask the same slot")
        questions.append(q)
    return screen, tuple(questions), max_questions


REQUIRED_PROMPTS = (
    "launch_first", "launch_again", "launch_question", "launch_reprompt", "disclaimer",
    "help", "help_question", "help_reprompt", "fallback", "fallback_question",
    "fallback_in_question", "skip_ack", "causes_intro", "causes_single", "try_now",
    "try_later", "get_help", "answer_question", "answer_reprompt", "emergency_end",
    "same_day_question", "same_day_reprompt", "more_question", "more_reprompt",
    "remedies_question", "remedies_reprompt", "doctor_question", "doctor_reprompt",
    "positions_intro", "positions_all", "positions_question", "no_symptoms_yet",
    "unknown_cause", "cause_question", "repeat_nothing", "goodbye", "error",
    "error_question", "yes_no_unclear", "anything_else_yes",
)


def _load_prompts(source: _Source) -> dict[str, str]:
    file = "prompts.yaml"
    data = source.read(file)
    top = _Entry(file, "(file)", data)
    top.sources()
    raw = data.get("prompts")
    if not isinstance(raw, Mapping):
        raise ContentError(file, "prompts", "the file needs a `prompts:` mapping")
    entry = _Entry(file, "prompts", raw)
    prompts = {str(k): entry.text(str(k)) for k in raw}
    for prompt_id in REQUIRED_PROMPTS:
        if prompt_id not in prompts:
            raise ContentError(file, f"prompts.{prompt_id}", "this prompt is missing")
    return prompts


def load_from(directory: Path, locale: str = DEFAULT_LOCALE) -> Content:
    """Load and validate every content file in `directory` for a locale (not cached):
    the base files with the locale's overrides from `directory/locales/<locale>/`."""
    place = _load_locale(directory, locale)
    source = _Source(directory, place)
    phrases = _load_phrases(source)
    vocab = _vocab(phrases)
    causes = _load_causes(source, vocab)
    cause_ids = frozenset(c.id for c in causes)
    patterns, remedies = _load_remedies(source, vocab, cause_ids)
    tiers, flags, default_soon, safety_net, summaries = _load_redflags(source, vocab)
    screen, questions, max_questions = _load_followups(source, vocab)
    return Content(
        locale=place,
        phrases=phrases,
        causes=causes,
        remedies=remedies,
        patterns=patterns,
        tiers=tiers,
        flags=flags,
        default_soon=default_soon,
        safety_net=safety_net,
        summaries=summaries,
        screen=screen,
        questions=questions,
        max_questions=max_questions,
        prompts=_load_prompts(source),
        _cause_index={c.id: c for c in causes},
    )


def supported_locales(directory: Path | None = None) -> tuple[str, ...]:
    data = read_yaml((directory or paths.content_dir()) / "locales.yaml")
    return tuple(sorted(data.get("locales", {}))) if isinstance(data, Mapping) else ()


@functools.lru_cache(maxsize=None)
def load_content(locale: str = DEFAULT_LOCALE) -> Content:
    """The content for a locale, loaded once per process."""
    return load_from(paths.content_dir(), locale)
