"""Scratch folders for tests that write a lot: on tmpfs (/dev/shm) when there is one.

The memory store commits to SQLite on most requests; on a real disk every commit waits
for fsync, which would make fuzzing and soaking slow without testing anything more.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_SHM = Path("/dev/shm")


def scratch_dir(prefix: str) -> tempfile.TemporaryDirectory[str]:
    base = str(_SHM) if _SHM.is_dir() and os.access(_SHM, os.W_OK) else None
    return tempfile.TemporaryDirectory(prefix=prefix, dir=base)


@contextmanager
def throwaway_memory(prefix: str = "nightlegs-test-") -> Iterator[Path]:
    """Point NIGHTLEGS_DB at a fresh SQLite file for the duration; restore it after."""
    saved = os.environ.get("NIGHTLEGS_DB")
    with scratch_dir(prefix) as folder:
        os.environ["NIGHTLEGS_DB"] = str(Path(folder) / "memory.sqlite3")
        try:
            yield Path(folder)
        finally:
            if saved is None:
                os.environ.pop("NIGHTLEGS_DB", None)
            else:
                os.environ["NIGHTLEGS_DB"] = saved
