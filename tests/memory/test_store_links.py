"""Issue 23, finding 6: the SQLite store refuses symbolic links in place of its files
(database, -wal, -shm): memory is off, and nothing is written where the link points."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from memory_support import ALICE, envelope
from skill.memory.factory import sqlite_persistence
from skill.memory.guard import MemoryUnavailable


@pytest.fixture(autouse=True)
def _no_env_salt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NIGHTLEGS_USER_SALT", raising=False)


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_a_symlinked_store_file_is_refused(suffix: str, tmp_path: Path) -> None:
    db = tmp_path / "nl.sqlite3"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / f"planted{suffix}"
    target.write_bytes(b"")  # a file the attacker can read, planted where the link points
    if suffix:  # a working store first; then its journal is swapped for a link
        adapter = sqlite_persistence(db)
        request = envelope(ALICE)
        adapter.get_attributes(request)
        adapter.save_attributes(request, {"memory": {"pace": "slow"}})
        # closed before the swap: a connection closed later (whenever the collector gets to
        # it) checkpoints and removes the -wal file, the planted link with it
        del adapter
        gc.collect()
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    Path(f"{db}{suffix}").symlink_to(target)

    adapter = sqlite_persistence(db)
    request = envelope(ALICE)
    assert adapter.get_attributes(request) == {}
    adapter.save_attributes(request, {"memory": {"symptoms": {"side": "left"}}})
    with pytest.raises(MemoryUnavailable):
        adapter.delete_attributes(envelope(ALICE))
    assert target.read_bytes() == b"", "nothing written through the link"
    assert Path(f"{db}{suffix}").is_symlink(), "the link is left for the operator to see"
