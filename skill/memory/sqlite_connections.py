"""One SQLite connection per thread, kept open between requests.

Opening a connection (and setting its PRAGMAs) cost about half of each memory read.
A kept connection is given back only while it still belongs to this process (a
connection must not cross a fork) and still points at the file now at its path (a
file deleted or replaced under a running skill gets a fresh connection, never the
old inode).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

Identity = tuple[int, int, int]  # process id, device, inode


def _identity(path: Path) -> Identity | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return os.getpid(), found.st_dev, found.st_ino


class ThreadConnections:
    """This thread's connection to one SQLite file, if it is still the right one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def current(self) -> sqlite3.Connection | None:
        held: tuple[sqlite3.Connection, Identity] | None = getattr(self._local, "held", None)
        if held is None:
            return None
        db, identity = held
        if identity == _identity(self.path):
            return db
        self.drop()
        return None

    def keep(self, db: sqlite3.Connection) -> None:
        """Hold `db` for this thread (closing any connection it replaces)."""
        identity = _identity(self.path)
        self.drop()
        if identity is None:  # the file went away as we opened it: use it once, keep nothing
            return
        self._local.held = (db, identity)

    def drop(self) -> None:
        """Close this thread's connection, if any (it is opened again on next use)."""
        held = getattr(self._local, "held", None)
        self._local.held = None
        if held is None:
            return
        db, identity = held
        if identity[0] == os.getpid():  # never close a connection a parent process opened
            try:
                db.close()
            except sqlite3.Error:
                pass
