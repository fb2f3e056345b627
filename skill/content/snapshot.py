"""A content snapshot: one locale's loaded `Content`, read back without YAML or re-checking.

Loading `content/*.yaml` parses YAML, checks every entry and compiles every danger
pattern: most of a cold start's first request. Once a locale has loaded, the result is
written as JSON to `content/snapshots/<locale>.json` (`nightlegs build` writes them before
it bundles the content, so a Lambda bundle ships them; elsewhere the first load writes
one). The next process reads that file instead, when its key still matches.

The key is a hash of every `content/**/*.yaml` file, this package's source files (the
loader's rules) and the Python version (which patterns `re` accepts), so a snapshot is
never used for content or rules it was not made from: an edited file, a new check or a
new field makes it stale, and the YAML is loaded (and checked, and a bad entry reported)
as before.

The format knows no record by name: any dataclass defined in `skill.content` is written
as its class and fields (and its `functools.cached_property` values that can be written,
so work done once per content is not repeated either), and shared records stay shared.
Reading builds only dataclasses of `skill.content` modules already imported: a snapshot
is data, never code. A regular expression comes back as a `LazyPattern` that compiles on
first use: the same pattern and flags, already compiled once without error when the
snapshot was written, so a launch that screens no words compiles none of them.

Reading and writing never fail the load: a snapshot that is missing, stale, damaged or
unwritable means the YAML is loaded. NIGHTLEGS_SNAPSHOT=off turns both off.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = 1
FOLDER = "snapshots"
ENV_SWITCH = "NIGHTLEGS_SNAPSHOT"
_PACKAGE = __name__.rpartition(".")[0]  # skill.content
_HERE = Path(__file__).resolve().parent

log = logging.getLogger(__name__)


class SnapshotError(Exception):
    """A value the snapshot format cannot hold, or a file that is not a snapshot."""


# --------------------------------------------------------------------------- lazy patterns


class LazyPattern:
    """A regular expression compiled on first use, otherwise standing in for `re.Pattern`.

    `pattern` and `flags` are there from the start; any other attribute compiles the
    pattern once and keeps its methods on the instance, so after the first use `search`,
    `finditer` and the rest cost what the compiled pattern's own do."""

    pattern: str
    flags: int

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> re.Pattern[str]:
        compiled = re.compile(self.pattern, self.flags)
        for name in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
            self.__dict__[name] = getattr(compiled, name)
        self.__dict__["compiled"] = lambda: compiled
        return compiled

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("pattern", "flags"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (LazyPattern, re.Pattern)):
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.compiled())

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyPattern, (self.pattern, self.flags))


# --------------------------------------------------------------------------- the key


def key(directory: Path, locale: str) -> str:
    """What a snapshot of `locale` from `directory` was made from: every content YAML
    file, this package's source and the Python version, hashed."""
    digest = hashlib.sha256(f"{FORMAT}|{sys.version_info[0]}.{sys.version_info[1]}|{locale}|".encode())
    digest.update(_source_digest())
    for name, path in _yaml_files(str(directory)):
        digest.update(b"\0" + name.encode() + b"\0")
        with open(path, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


def _yaml_files(top: str) -> list[tuple[str, str]]:
    """(name relative to `top`, path) of every .yaml file under it, sorted; os.scandir,
    which is several times faster than Path.glob on a cold start."""
    found: list[tuple[str, str]] = []
    stack = [("", top)]
    while stack:
        prefix, folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=True):
                    if entry.name != FOLDER or prefix:
                        stack.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.name.endswith(".yaml"):
                    found.append((prefix + entry.name, entry.path))
    return sorted(found)


@functools.cache
def _source_digest() -> bytes:
    """This package's source, hashed once per process (code does not change under it)."""
    digest = hashlib.sha256()
    for path in sorted(_HERE.glob("*.py")):
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def path_for(directory: Path, locale: str) -> Path:
    return directory / FOLDER / f"{locale}.json"


def enabled(env: os._Environ[str] | dict[str, str] = os.environ) -> bool:
    return env.get(ENV_SWITCH, "").strip().lower() not in ("off", "0", "no", "false")


# --------------------------------------------------------------------------- writing


class _Writer:
    def __init__(self) -> None:
        self.classes: dict[type, int] = {}
        self.class_table: list[list[Any]] = []
        self.refs: dict[int, int] = {}

    def value(self, obj: Any) -> Any:
        kind = type(obj)
        if obj is None or kind is str or kind is int or kind is float or kind is bool:
            return obj
        if kind is tuple or kind is list:
            return ["t" if kind is tuple else "l", *(self.value(item) for item in obj)]
        if kind is frozenset or kind is set:
            items = sorted((self.value(item) for item in obj), key=lambda v: json.dumps(v, sort_keys=True))
            return ["f" if kind is frozenset else "s", *items]
        if kind is dict:
            out: list[Any] = ["d"]
            for k, v in obj.items():
                out += (self.value(k), self.value(v))
            return out
        if kind is re.Pattern or kind is LazyPattern:
            return ["p", obj.pattern, obj.flags]
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return self.record(obj)
        raise SnapshotError(f"cannot write a {kind.__module__}.{kind.__qualname__}")

    def record(self, obj: Any) -> list[Any]:
        if id(obj) in self.refs:
            return ["r", self.refs[id(obj)]]
        cls = type(obj)
        if not (cls.__module__ == _PACKAGE or cls.__module__.startswith(_PACKAGE + ".")):
            raise SnapshotError(f"{cls.__module__}.{cls.__qualname__} is not a record of {_PACKAGE}")
        number = self.refs[id(obj)] = len(self.refs)
        if cls not in self.classes:
            self.classes[cls] = len(self.class_table)
            self.class_table.append([cls.__module__, cls.__qualname__, [f.name for f in dataclasses.fields(obj)]])
        fields = [self.value(getattr(obj, f.name)) for f in dataclasses.fields(obj)]
        cached: list[Any] = ["d"]
        for name in _cached_properties(cls):
            taken = len(self.refs)
            try:
                # worked out once per content; the same for every process that reads it
                cached += (name, self.value(getattr(obj, name)))
            except Exception:  # noqa: BLE001 - not writable (or failing): worked out on use instead
                # records numbered inside the value that was not written are not written either
                self.refs = {k: n for k, n in self.refs.items() if n < taken}
                log.debug("snapshot: %s.%s left to be worked out on use", cls.__qualname__, name)
        return ["o", self.classes[cls], number, fields, cached]


@functools.cache
def _cached_properties(cls: type) -> tuple[str, ...]:
    return tuple(
        name for klass in reversed(cls.__mro__) for name, attr in vars(klass).items()
        if isinstance(attr, functools.cached_property)
    )


def dumps(content: Any, snapshot_key: str) -> bytes:
    """The snapshot of a loaded content object: a header line (format, key, the records'
    classes and fields), then the content as one line of JSON."""
    writer = _Writer()
    body = json.dumps(writer.value(content), ensure_ascii=False, separators=(",", ":"))
    header = json.dumps({"format": FORMAT, "key": snapshot_key, "classes": writer.class_table},
                        ensure_ascii=False, separators=(",", ":"))
    return f"{header}\n{body}\n".encode()


def write(path: Path, content: Any, snapshot_key: str) -> Path:
    """Write a snapshot atomically (a reader sees the old file or the new one, whole)."""
    data = dumps(content, snapshot_key)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


# --------------------------------------------------------------------------- reading


class _Reader:
    def __init__(self, classes: list[Any]) -> None:
        self.classes = [_record_class(module, name, fields) for module, name, fields in classes]
        self.records: list[Any] = []
        self.tags: dict[str, Callable[[list[Any]], Any]] = {
            "t": lambda node: tuple(self.value(v) for v in node[1:]),
            "l": lambda node: [self.value(v) for v in node[1:]],
            "f": lambda node: frozenset(self.value(v) for v in node[1:]),
            "s": lambda node: {self.value(v) for v in node[1:]},
            "d": self.mapping,
            "p": lambda node: LazyPattern(node[1], node[2]),
            "o": self.record,
            "r": lambda node: self.records[node[1]],
        }

    def value(self, node: Any) -> Any:
        if type(node) is list:
            return self.tags[node[0]](node)
        return node

    def mapping(self, node: list[Any]) -> dict[Any, Any]:
        value = self.value
        it = iter(node[1:])
        return {value(k): value(v) for k, v in zip(it, it)}

    def record(self, node: list[Any]) -> Any:
        _, class_number, number, raw_fields, raw_cached = node
        cls, names, init = self.classes[class_number]
        if number != len(self.records):
            raise SnapshotError("records out of order")
        self.records.append(None)  # taken: a record cannot contain itself
        values = dict(zip(names, (self.value(v) for v in raw_fields), strict=True))
        obj = cls(**{name: values[name] for name in init})
        for name in names:
            if name not in init:
                object.__setattr__(obj, name, values[name])
        obj.__dict__.update(self.mapping(raw_cached))
        self.records[number] = obj
        return obj


def _record_class(module: str, name: str, fields: list[str]) -> tuple[type, list[str], frozenset[str]]:
    """A dataclass of an already imported skill.content module, with these very fields."""
    if not (module == _PACKAGE or module.startswith(_PACKAGE + ".")) or module not in sys.modules:
        raise SnapshotError(f"{module} is not a loaded module of {_PACKAGE}")
    cls = getattr(sys.modules[module], name, None)
    if not isinstance(cls, type) or not dataclasses.is_dataclass(cls):
        raise SnapshotError(f"{module}.{name} is not a record")
    own = dataclasses.fields(cls)
    if [f.name for f in own] != fields:
        raise SnapshotError(f"{module}.{name} has other fields than the snapshot's")
    return cls, fields, frozenset(f.name for f in own if f.init)


def read_key(path: Path) -> str | None:
    """The key a snapshot file was written with (None: no readable snapshot there)."""
    try:
        with path.open("rb") as handle:
            header = json.loads(handle.readline())
        return header["key"] if header.get("format") == FORMAT else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def loads(data: bytes, snapshot_key: str) -> Any:
    """The content in a snapshot written with `snapshot_key`; SnapshotError otherwise."""
    head, _, body = data.partition(b"\n")
    try:
        header = json.loads(head)
        if header.get("format") != FORMAT or header.get("key") != snapshot_key:
            raise SnapshotError("written from other content, rules or Python")
        # Every object made here lives as long as the content: collecting garbage while
        # they are made (several full collections on a cold start's heap) finds none.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return _Reader(header["classes"]).value(json.loads(body))
        finally:
            if collecting:
                gc.enable()
    except SnapshotError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file of any kind
        raise SnapshotError(f"damaged: {type(exc).__name__}: {exc}") from None


# --------------------------------------------------------------------------- loading


def load(directory: Path, locale: str, build: Callable[[Path, str], Any]) -> Any:
    """`build(directory, locale)` (the YAML load), or the snapshot of it when one matches;
    after a YAML load, the snapshot is written for the next process when it can be."""
    if not enabled():
        return build(directory, locale)
    path = path_for(directory, locale)
    try:
        snapshot_key = key(directory, locale)
    except OSError:
        return build(directory, locale)
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if data is not None:
        try:
            return loads(data, snapshot_key)
        except SnapshotError as exc:
            log.debug("content snapshot %s not used: %s", path, exc)
    content = build(directory, locale)
    if os.access(directory, os.W_OK):
        try:
            write(path, content, snapshot_key)
        except (OSError, SnapshotError) as exc:
            log.debug("content snapshot %s not written: %s", path, exc)
    return content


def _file_place(path: Path, directory: Path) -> tuple[Path, str] | None:
    """Where the snapshot of a parsed file goes, and its key (None: not for this file)."""
    try:
        name = path.relative_to(directory).as_posix()
    except ValueError:
        return None
    if name.startswith(f"{FOLDER}/"):
        return None
    digest = hashlib.sha256(f"{FORMAT}|{name}|".encode() + path.read_bytes()).hexdigest()
    return directory / FOLDER / "files" / f"{name}.json", digest


def parsed_file(path: Path, parse: Callable[[Path], Any], directory: Path) -> Any:
    """`parse(path)` for a file under `directory` (the content folder), or the snapshot of
    its result, kept under `snapshots/files/` and keyed by the file's bytes: every YAML
    file the skill reads (display labels, stretches, memory texts too) without PyYAML."""
    if not enabled():
        return parse(path)
    try:
        place = _file_place(path, directory)
    except OSError:
        place = None  # the parser says what is wrong with the file
    if place is None:
        return parse(path)
    cache, digest = place
    try:
        return loads(cache.read_bytes(), digest)
    except (OSError, SnapshotError):
        pass
    value = parse(path)
    if os.access(directory, os.W_OK):
        try:
            write(cache, value, digest)
        except (OSError, SnapshotError) as exc:
            log.debug("snapshot of %s not written: %s", path, exc)
    return value


def write_parsed(path: Path, parse: Callable[[Path], Any], directory: Path) -> Path | None:
    """Write the snapshot of `parse(path)` (None: its result cannot be written)."""
    place = _file_place(path, directory)
    if place is None:
        return None
    try:
        return write(place[0], parse(path), place[1])
    except SnapshotError:
        return None


def write_for(directory: Path, locales: tuple[str, ...], build: Callable[[Path, str], Any]) -> list[Path]:
    """Load each locale from YAML (checked) and write its snapshot: `nightlegs build`."""
    return [write(path_for(directory, locale), build(directory, locale), key(directory, locale)) for locale in locales]
