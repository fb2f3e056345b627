"""A memory row written by the release before the package was reorganised still loads.

The row below is exactly what that code stored in SQLite for a user on en-GB who said
their left leg goes numb on their side, asked to be remembered, and did part of a stretch
(salt 0123…cdef, user amzn1.ask.account.LOCALUSER). Renaming modules must never rename
what is stored: the returning user is welcomed back with what they asked us to keep.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from skill.simulator.session import LocalSession

SALT = "0123456789abcdef0123456789abcdef"
USER_KEY = "a0a27c4dca4dfd041cf6dbc28eb5cec94171cd9222c06dbcb7b6213994e5fb44"
ROW = (
    '{"memory": {"disclaimer_heard": true, "last_visit": "2026-11-20", "pace": "normal", '
    '"progress": {"routine": "two_minute", "step": 1}, "schema": 1, '
    '"symptoms": {"position": "side", "relief": "moving", "sensation": "numb", "side": "left"}}}'
)


def test_a_record_from_the_earlier_release_welcomes_the_user_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "memory.sqlite3"
    monkeypatch.setenv("NIGHTLEGS_DB", str(db))
    monkeypatch.setenv("NIGHTLEGS_USER_SALT", SALT)
    LocalSession("en-GB").launch()  # the store creates its table
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM memory")
        connection.execute(
            "INSERT INTO memory (user_key, attributes, etag, updated_at) VALUES (?, ?, ?, ?)",
            (USER_KEY, ROW, "old-etag", "2026-11-20T22:00:00Z"),
        )
    first = LocalSession("en-GB").launch()
    assert "welcome back" in first.speech.lower()
    assert "knee hug" in first.speech.lower()  # the stretch step they stopped at (step 1)
    going_on = LocalSession("en-GB")
    going_on.launch()
    assert "knee" in going_on.say("yes").speech.lower()
