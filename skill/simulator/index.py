"""The resolver's index, compiled once per model and kept on disk.

Building the index (every sample's features, every slot value's phrase) takes seconds per
locale; loading it takes a fraction of that. So the compiled index is pickled into the
cache folder, keyed by a hash of everything it is built from: the bytes of the model file
and of the built-in phrases, the source of the simulator's NLU modules (a change to how
the index is built makes a new key) and INDEX_FORMAT. A changed model, changed code or a
file that cannot be read is simply compiled again; nothing is ever stale.

The cache folder is $NIGHTLEGS_CACHE_DIR, else $XDG_CACHE_HOME/nightlegs/simulator, else
~/.cache/nightlegs/simulator: outside the checkout, so git never sees it. Files are written
whole and then renamed into place, so processes compiling at once (pytest workers) never
read half a file. When the folder cannot be written, or there is no home folder, the index
is compiled in memory only.
Only the files of the same name with the oldest use are removed, KEEP per name, so
checkouts on different branches do not evict each other's index on every run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

INDEX_FORMAT = 1  # raise when the pickled layout changes in a way the code hash cannot see
CACHE_ENV = "NIGHTLEGS_CACHE_DIR"
KEEP = 6  # index files kept per model name (one per model version in use)
# The modules whose code decides what the index holds.
_CODE = ("resolver.py", "spotter.py", "text.py", "builtin_slots.py", "index.py")

T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where index files go; None (compile in memory only) when there is no home folder."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no password entry: never a shared temporary folder
            return None
    return Path(base) / "nightlegs" / "simulator"


def key_for(sources: Iterable[Path]) -> str:
    """A hash of the sources' bytes, the NLU code and the index format."""
    digest = hashlib.sha256(f"format {INDEX_FORMAT} python {sys.version_info[0]}.{sys.version_info[1]}\n".encode())
    here = Path(__file__).parent
    for path in [*(here / name for name in _CODE), *sources]:
        data = path.read_bytes()
        digest.update(f"{path.name} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def cached(name: str, sources: Iterable[Path], build: Callable[[], T], kind: type[T], folder: Path | None) -> T:
    """The object `build` makes from `sources`, loaded from `folder` when it was stored
    there from the very same sources; otherwise built now and stored. No folder: built."""
    if folder is None:
        return build()
    key = key_for(sources)
    path = folder / f"{name}-{key[:32]}.pickle"
    found = _load(path, key, kind)
    if found is not None:
        return found
    made = build()
    _store(path, key, made)
    _prune(folder, name)
    return made


def _load(path: Path, key: str, kind: type[T]) -> T | None:
    try:
        with path.open("rb") as handle:
            payload = pickle.load(handle)
        os.utime(path)  # in use: pruned last
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a truncated, old or foreign file is compiled again
        return None
    if not isinstance(payload, dict) or payload.get("format") != INDEX_FORMAT or payload.get("key") != key:
        return None
    found = payload.get("index")
    return found if isinstance(found, kind) else None


def _store(path: Path, key: str, made: object) -> None:
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp", delete=False) as handle:
            temporary = handle.name
            pickle.dump({"format": INDEX_FORMAT, "key": key, "index": made}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:  # a read-only home: compiled in memory only
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _prune(folder: Path, name: str) -> None:
    try:
        mine = [p for p in folder.glob(f"{name}-*.pickle") if len(p.stem) == len(name) + 33]
        for old in sorted(mine, key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return
