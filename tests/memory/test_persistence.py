"""The real SQLite store on temp files: memory survives, is private, and faults never lose it."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from memory_support import ALICE, BOB, envelope
from skill.memory.factory import persistence_from_env, sqlite_persistence
from skill.memory.guard import GuardedAdapter, MemoryUnavailable
from skill.memory.sqlite_store import SqliteAdapter
from skill.memory.userkey import SALT_ENV, load_or_create_salt

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_env_salt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SALT_ENV, raising=False)
    monkeypatch.delenv("NIGHTLEGS_DYNAMODB_TABLE", raising=False)


def store(path: Path, **kwargs: float) -> GuardedAdapter:
    return sqlite_persistence(path, **kwargs)


def remember(adapter: GuardedAdapter, user: str, record: dict) -> None:
    request = envelope(user)
    adapter.get_attributes(request)
    adapter.save_attributes(request, record)


def memory_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "skill.memory.guard" and r.levelno == logging.WARNING]


# --------------------------------------------------------------------------- basics


def test_memory_survives_a_restart_and_users_stay_apart(tmp_path: Path) -> None:
    db = tmp_path / "nl.sqlite3"
    remember(store(db), ALICE, {"memory": {"pace": "slow"}})
    remember(store(db), BOB, {"memory": {"pace": "normal"}})

    fresh = store(db)  # a new process: nothing cached
    assert fresh.get_attributes(envelope(ALICE)) == {"memory": {"pace": "slow"}}
    assert fresh.get_attributes(envelope(BOB)) == {"memory": {"pace": "normal"}}
    assert fresh.get_attributes(envelope("amzn1.ask.account.NOBODY")) == {}


def test_the_file_holds_no_user_id_and_only_the_owner_can_read_it(tmp_path: Path) -> None:
    db = tmp_path / "nl.sqlite3"
    remember(store(db), ALICE, {"memory": {"pace": "slow"}})

    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("nl.sqlite3"))
    assert b"ALICE" not in raw
    keys = [row[0] for row in sqlite3.connect(db).execute("SELECT user_key FROM memory")]
    assert len(keys) == 1 and len(keys[0]) == 64 and "ALICE" not in keys[0]
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    salt = tmp_path / "nl.sqlite3.salt"
    assert stat.S_IMODE(salt.stat().st_mode) == 0o600


def test_the_same_user_gets_a_different_key_under_another_salt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def key_with(salt: str, db: Path) -> str:
        monkeypatch.setenv(SALT_ENV, salt)
        remember(store(db), ALICE, {"x": 1})
        return sqlite3.connect(db).execute("SELECT user_key FROM memory").fetchone()[0]

    first = key_with("a" * 32, tmp_path / "a.sqlite3")
    second = key_with("b" * 32, tmp_path / "b.sqlite3")
    assert first != second
    assert not (tmp_path / "a.sqlite3.salt").exists(), "an env salt needs no salt file"


def test_the_default_store_follows_NIGHTLEGS_DB(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "from-env" / "memory.sqlite3"
    monkeypatch.setenv("NIGHTLEGS_DB", str(db))
    adapter = persistence_from_env()
    remember(adapter, ALICE, {"memory": {"pace": "slow"}})
    assert db.exists()

    elsewhere = tmp_path / "moved" / "memory.sqlite3"
    monkeypatch.setenv("NIGHTLEGS_DB", str(elsewhere))  # the same skill follows it
    assert adapter.get_attributes(envelope(ALICE)) == {}
    remember(adapter, ALICE, {"memory": {"pace": "normal"}})
    assert elsewhere.exists()
    assert sqlite_persistence(db).get_attributes(envelope(ALICE)) == {"memory": {"pace": "slow"}}


# --------------------------------------------------------------------------- concurrency


def _writer(db: str, name: str, rounds: int, barrier: "multiprocessing.synchronize.Barrier") -> None:
    adapter = sqlite_persistence(Path(db), busy_timeout=30.0)
    barrier.wait()
    for i in range(rounds):
        request = envelope(ALICE)
        record = adapter.get_attributes(request)
        record[name] = record.get(name, []) + [i]
        adapter.save_attributes(request, record)


def test_two_processes_writing_at_once_lose_no_update(tmp_path: Path) -> None:
    db = tmp_path / "nl.sqlite3"
    load_or_create_salt(tmp_path / "nl.sqlite3.salt")
    rounds = 30
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    workers = [ctx.Process(target=_writer, args=(str(db), name, rounds, barrier)) for name in ("echo", "phone")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
        assert w.exitcode == 0

    record = store(db).get_attributes(envelope(ALICE))
    assert record["echo"] == list(range(rounds))
    assert record["phone"] == list(range(rounds))


def _make_salt(path: str, barrier: "multiprocessing.synchronize.Barrier", out: "multiprocessing.Queue[bytes]") -> None:
    barrier.wait()
    out.put(load_or_create_salt(Path(path)))


def test_processes_racing_to_make_the_salt_agree_on_one(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(3), ctx.Queue()
    procs = [ctx.Process(target=_make_salt, args=(str(tmp_path / "s.salt"), barrier, out)) for _ in range(3)]
    for p in procs:
        p.start()
    salts = {out.get(timeout=60) for _ in procs}
    for p in procs:
        p.join(timeout=60)
    assert len(salts) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["s.salt"], "no temp files left behind"


def test_a_second_save_in_one_request_keeps_what_another_device_saved_meanwhile(tmp_path: Path) -> None:
    db = tmp_path / "nl.sqlite3"
    bedroom, kitchen = store(db), store(db)
    request = envelope(ALICE)
    record = bedroom.get_attributes(request)
    record["a"] = 1
    bedroom.save_attributes(request, record)
    remember(kitchen, ALICE, {"a": 1, "b": 2})  # another device, between our two saves
    record["c"] = 3
    bedroom.save_attributes(request, record)
    assert store(db).get_attributes(envelope(ALICE)) == {"a": 1, "b": 2, "c": 3}


def test_a_save_from_before_forget_me_does_not_bring_the_data_back(tmp_path: Path) -> None:
    db = tmp_path / "nl.sqlite3"
    remember(store(db), ALICE, {"memory": {"symptoms": {"leg": "left"}}})

    bedroom, kitchen = store(db), store(db)
    stale = envelope(ALICE)
    record = bedroom.get_attributes(stale)  # read before the erase
    kitchen.delete_attributes(envelope(ALICE))  # "forget me" on another device
    record["memory"]["pace"] = "slow"
    bedroom.save_attributes(stale, record)

    assert store(db).get_attributes(envelope(ALICE)) == {}


def test_forget_me_leaves_no_trace_in_the_files(tmp_path: Path) -> None:
    db = tmp_path / "nl.sqlite3"
    adapter = store(db)
    remember(adapter, ALICE, {"memory": {"symptoms": {"note": "ZEBRA-MARKER"}}})
    adapter.delete_attributes(envelope(ALICE))
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("nl.sqlite3"))
    assert b"ZEBRA-MARKER" not in raw


def test_a_running_worker_sees_what_another_worker_saved_since(tmp_path: Path) -> None:
    db = tmp_path / "nl.sqlite3"
    first, second = store(db), store(db)  # two workers, each keeping its connection open
    remember(first, ALICE, {"memory": {"pace": "slow"}})
    assert second.get_attributes(envelope(ALICE)) == {"memory": {"pace": "slow"}}
    remember(second, ALICE, {"memory": {"pace": "fast"}})
    assert first.get_attributes(envelope(ALICE)) == {"memory": {"pace": "fast"}}


def _store_files(db: Path) -> list[Path]:
    return [p for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()]


def test_a_store_deleted_while_running_comes_back_whole_and_owner_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "nl.sqlite3"
    adapter = store(db)  # one process, running throughout
    remember(adapter, ALICE, {"memory": {"pace": "slow"}})
    assert db.exists()
    for path in _store_files(db):
        path.unlink()  # someone clears the data folder under the running skill

    old_umask = os.umask(0o022)  # the usual umask: files SQLite creates itself are 0644
    try:
        with caplog.at_level(logging.WARNING):
            assert adapter.get_attributes(envelope(ALICE)) == {}  # gone, and said so without a fault
            remember(adapter, BOB, {"memory": {"pace": "fast"}})
            assert adapter.get_attributes(envelope(BOB)) == {"memory": {"pace": "fast"}}
    finally:
        os.umask(old_umask)

    assert memory_warnings(caplog) == []
    assert store(db).get_attributes(envelope(BOB)) == {"memory": {"pace": "fast"}}  # on disk, not in a lost inode
    assert _store_files(db), "the store was not re-created"
    for path in _store_files(db):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


# --------------------------------------------------------------------------- faults


def test_a_corrupt_file_means_no_memory_one_warning_and_no_overwrite(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "nl.sqlite3"
    db.write_bytes(b"this is not a database " * 200)
    before = db.read_bytes()
    adapter = store(db)

    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            request = envelope(ALICE)
            assert adapter.get_attributes(request) == {}
            adapter.save_attributes(request, {"memory": {"pace": "slow"}})

    assert db.read_bytes() == before
    warnings = memory_warnings(caplog)
    assert len(warnings) == 1
    assert "ALICE" not in warnings[0].getMessage()


def test_a_corrupt_record_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "nl.sqlite3"
    remember(store(db), ALICE, {"memory": {"pace": "slow"}})
    with sqlite3.connect(db) as con:
        con.execute("UPDATE memory SET attributes = '{not json'")
    adapter = store(db)
    request = envelope(ALICE)
    assert adapter.get_attributes(request) == {}
    adapter.save_attributes(request, {})
    assert sqlite3.connect(db).execute("SELECT attributes FROM memory").fetchone()[0] == "{not json"


class FlakyOnce(SqliteAdapter):
    """The real store, whose first read fails the way a network store can."""

    failed = False

    def get_attributes(self, request_envelope):  # type: ignore[no-untyped-def]
        if not FlakyOnce.failed:
            FlakyOnce.failed = True
            raise sqlite3.OperationalError("disk I/O error")
        return super().get_attributes(request_envelope)


def test_a_failed_read_never_lets_an_empty_record_replace_stored_memory(tmp_path: Path) -> None:
    db = tmp_path / "nl.sqlite3"
    remember(store(db), ALICE, {"memory": {"pace": "slow", "last_visit": "2026-11-20"}})

    adapter = GuardedAdapter(FlakyOnce(db), name="sqlite")
    request = envelope(ALICE)
    record = adapter.get_attributes(request)  # fails: the skill carries on with no memory
    assert record == {}
    adapter.save_attributes(request, {"memory": {"last_visit": "2026-11-21"}})

    assert store(db).get_attributes(envelope(ALICE)) == {"memory": {"pace": "slow", "last_visit": "2026-11-20"}}


def test_a_locked_store_degrades_and_keeps_its_data(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = tmp_path / "nl.sqlite3"
    remember(store(db), ALICE, {"memory": {"pace": "slow"}})
    adapter = store(db, busy_timeout=0.05)

    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is mid-write and holds the lock
    try:
        with caplog.at_level(logging.WARNING):
            request = envelope(ALICE)
            assert adapter.get_attributes(request) == {"memory": {"pace": "slow"}}  # WAL: reads go on
            adapter.save_attributes(request, {"memory": {"pace": "fast"}})  # must not raise
            with pytest.raises(MemoryUnavailable):
                adapter.delete_attributes(envelope(ALICE))  # never claim an erase that did not happen
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert len(memory_warnings(caplog)) == 1
    assert store(db).get_attributes(envelope(ALICE)) == {"memory": {"pace": "slow"}}
    remember(adapter, ALICE, {"memory": {"pace": "fast"}})  # and it recovers once the lock is gone
    assert store(db).get_attributes(envelope(ALICE)) == {"memory": {"pace": "fast"}}


def test_an_unreachable_store_degrades(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    adapter = store(blocker / "nl.sqlite3")
    with caplog.at_level(logging.WARNING):
        request = envelope(ALICE)
        assert adapter.get_attributes(request) == {}
        adapter.save_attributes(request, {"memory": {"pace": "slow"}})
        with pytest.raises(MemoryUnavailable):
            adapter.delete_attributes(envelope(ALICE))
    assert len(memory_warnings(caplog)) == 1


_READ_ONLY_CHILD = textwrap.dedent(
    """
    import json, logging, sys
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    sys.path.insert(0, sys.argv[2])
    sys.path.insert(0, sys.argv[3])
    from pathlib import Path
    from memory_support import ALICE, envelope
    from skill.memory.factory import sqlite_persistence
    adapter = sqlite_persistence(Path(sys.argv[1]))
    request = envelope(ALICE)
    record = adapter.get_attributes(request)
    adapter.save_attributes(request, {"memory": {"pace": "fast"}})
    print(json.dumps(record))
    """
)


def _without_root_file_override() -> None:
    """root ignores file modes: drop the capabilities that let it, for the child only."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search, cap_fowner = 24, 1, 2, 3
    for cap in (cap_dac_override, cap_dac_read_search, cap_fowner):
        if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_a_read_only_file_degrades_and_is_not_changed(tmp_path: Path) -> None:
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"nl-ro-{os.getpid()}-{tmp_path.name}"
    folder.mkdir(mode=0o755)
    try:
        db = folder / "nl.sqlite3"
        remember(store(db), ALICE, {"memory": {"pace": "slow"}})
        for p in folder.iterdir():
            p.chmod(0o444)
        folder.chmod(0o555)
        before = db.read_bytes()

        child = subprocess.run(
            [sys.executable, "-c", _READ_ONLY_CHILD, str(db), str(ROOT / "tests"), str(ROOT)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, SALT_ENV: ""},
            preexec_fn=_without_root_file_override if os.geteuid() == 0 else None,
        )
        assert child.returncode == 0, child.stderr
        assert json.loads(child.stdout) in ({}, {"memory": {"pace": "slow"}})
        assert child.stderr.count("WARNING") == 1
        assert db.read_bytes() == before
    finally:
        folder.chmod(0o755)
        for p in folder.iterdir():
            p.chmod(0o644)
            p.unlink()
        folder.rmdir()
