"""The night log's rules (what a night may hold, the summary, the patterns worth a visit, 90
nights kept) and its stores: SQLite on a temp file and DynamoDB on moto's server."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from skill.content import load_content
from skill.memory.night_log import (
    Entry,
    NightLog,
    advice,
    card_text,
    from_record,
    load_night_log_text,
    make_entry,
    matching_pattern,
    night_of,
    rough_time,
    summary,
    tally,
    to_record,
)
from skill.memory.night_log_store import DynamoDbNightLog, NightLogUnavailable, Owner, SqliteNightLog

from memory_support import use_dynamodb

TEXT = load_night_log_text()
TODAY = date(2026, 12, 6)
ALICE = Owner("amzn1.ask.account.ALICE", "amzn1.ask.person.ALICE")
BOB = Owner("amzn1.ask.account.ALICE", "amzn1.ask.person.BOB")  # same account, another person
ACCOUNT = Owner("amzn1.ask.account.ALICE")


def sign_ids() -> set[str]:
    return set(load_content("en-GB").phrases.values("sign"))


def log_of(*nights: tuple[int, str], position: str | None = "back", relief: str | None = "moving") -> NightLog:
    """Nights `days` before TODAY with a feeling."""
    log = NightLog()
    for days, feeling in nights:
        entry = make_entry(TODAY - timedelta(days=days), {"sensation": feeling, "position": position, "relief": relief}, TEXT)
        assert entry is not None
        log = log.with_entry(entry, TEXT.keep_nights)
    return log


# --------------------------------------------------------------------------- what a night holds


def test_no_danger_sign_can_be_stored_in_any_field() -> None:
    signs = sign_ids()
    assert len(signs) > 20  # the whole danger table, not a sample of it
    for sign in sorted(signs):
        for field in ("sensation", "side", "position", "relief", "timing", "time", "signs", "sign"):
            entry = make_entry(TODAY, {"sensation": "restless", field: sign}, TEXT)
            held = set(entry.to_record().values()) if entry else set()
            assert sign not in held, (sign, field)
        assert make_entry(TODAY, {"sensation": sign}, TEXT) is None


def test_an_entry_holds_ids_only_never_words() -> None:
    entry = make_entry(TODAY, {"sensation": "restless", "side": "my left leg hurts a lot", "position": "back", "words": "anything"}, TEXT)
    assert entry is not None
    assert entry.to_record() == {"sensation": "restless", "position": "back"}


def test_hanging_the_leg_down_is_never_logged_as_what_helped() -> None:
    entry = make_entry(TODAY, {"sensation": "ache", "relief": "hang_down"}, TEXT)
    assert entry is not None and entry.relief is None  # a same-day flag (artery disease), not a habit


def test_one_entry_per_night_the_later_wins() -> None:
    first = make_entry(TODAY, {"sensation": "restless"}, TEXT)
    second = make_entry(TODAY, {"sensation": "cramp"}, TEXT)
    assert first and second
    log = NightLog().with_entry(first, 90).with_entry(second, 90)
    assert [e.sensation for e in log.entries] == ["cramp"]


def test_nights_older_than_ninety_are_dropped() -> None:
    log = log_of(*[(d, "restless") for d in (0, 10, 89, 90, 120)])
    assert sorted((TODAY - e.night).days for e in log.entries) == [0, 10, 89]
    assert TEXT.keep_nights == 90
    assert "90 nights" in (Path(__file__).parents[2] / "docs" / "privacy.md").read_text()


def test_a_stored_record_is_untrusted() -> None:
    record = {
        "2026-12-05": {"sensation": "restless", "position": "back"},
        "2026-12-04": {"sensation": "face_droop"},
        "not a date": {"sensation": "numb"},
        "2026-12-03": "numb",
    }
    log = from_record(record, TEXT)
    assert [e.night.isoformat() for e in log.entries] == ["2026-12-05"]
    assert to_record(log) == {"2026-12-05": {"sensation": "restless", "position": "back"}}


def test_two_in_the_morning_belongs_to_the_night_before_in_every_locale() -> None:
    # 2 a.m. local time on Sunday 6 December is Saturday night
    for locale, utc_hour in (("en-GB", 2), ("en-US", 7), ("en-AU", 16), ("en-IN", 20)):
        day = 6 if utc_hour < 12 else 5
        moment = datetime(2026, 12, day, utc_hour, 30, tzinfo=timezone.utc)
        assert night_of(moment, locale) == date(2026, 12, 5), locale
    assert rough_time(datetime(2026, 12, 6, 2, 30, tzinfo=timezone.utc), "en-GB") == "night"
    assert rough_time(datetime(2026, 12, 5, 20, 0, tzinfo=timezone.utc), "en-GB") == "evening"


# --------------------------------------------------------------------------- summary and advice


def test_the_summary_counts_nights_and_names_the_commonest_feeling_position_and_help() -> None:
    log = log_of((0, "restless"), (2, "restless"), (4, "cramp"), (9, "numb"))
    said = " ".join(summary(log, TODAY, TEXT, "en-US"))
    assert said == (
        "Your legs troubled you on 3 of the last 7 nights. Most often it was restless legs, lying on your back. "
        "What helped most was moving about."
    )
    assert len(said.split()) <= 45


def test_the_summary_of_an_empty_week_says_so() -> None:
    assert summary(log_of((12, "restless")), TODAY, TEXT, "en-GB") == (TEXT.say("summary_none"),)


def test_the_summary_stays_within_45_words_whatever_the_labels() -> None:
    for feeling in TEXT.labels["sensation"]:
        for position in TEXT.labels["position"]:
            for relief in TEXT.labels["relief"]:
                log = log_of((0, feeling), (1, feeling), position=position, relief=relief)
                words = " ".join(summary(log, TODAY, TEXT, "en-GB")).split()
                assert len(words) <= 45


def test_restless_legs_three_nights_a_week_for_two_weeks_is_worth_a_visit_and_the_iron_check() -> None:
    log = log_of(*[(d, "restless") for d in (1, 3, 5, 7, 9, 11, 13)])
    assert matching_pattern(log, TODAY, TEXT).id == "restless_often"
    gb, us = advice(log, TODAY, TEXT, "en-GB"), advice(log, TODAY, TEXT, "en-US")
    assert "your GP" in gb and "check your iron" in gb
    assert "your doctor" in us and "GP" not in us
    assert "take iron" not in gb.lower()


def test_one_week_of_restless_legs_is_not_yet_weeks() -> None:
    log = log_of(*[(d, "restless") for d in (1, 3, 5)])
    assert matching_pattern(log, TODAY, TEXT) is None


def test_numbness_night_after_night_is_worth_a_visit() -> None:
    log = log_of((0, "numb"), (1, "numb"), (2, "numb"))
    assert matching_pattern(log, TODAY, TEXT).id == "numb_again"
    assert "night after night" in advice(log, TODAY, TEXT, "en-AU")
    # a run that stopped a week ago is not "coming back night after night"
    assert matching_pattern(log_of((7, "numb"), (8, "numb"), (9, "numb")), TODAY, TEXT) is None


def test_nights_getting_more_frequent_is_worth_a_visit() -> None:
    log = log_of((0, "ache"), (2, "burning"), (5, "ache"), (9, "ache"), (20, "ache"))
    assert matching_pattern(log, TODAY, TEXT).id == "more_often"
    steady = log_of((0, "ache"), (5, "ache"), (9, "ache"), (12, "ache"), (16, "ache"), (20, "ache"), (24, "ache"), (26, "ache"))
    assert matching_pattern(steady, TODAY, TEXT) is None


def test_every_pattern_carries_its_sources() -> None:
    for pattern in TEXT.patterns:
        assert pattern.sources and all(s.startswith("https://") for s in pattern.sources)
    wanted = {"nhs.uk/conditions/restless-legs-syndrome", "cks.nice.org.uk/topics/restless-legs-syndrome", "irlssg.org", "nhs.uk/conditions/pins-and-needles"}
    cited = " ".join(s for p in TEXT.patterns for s in p.sources)
    assert all(w in cited for w in wanted)


def test_the_card_repeats_the_spoken_summary_and_tables_seven_and_thirty_nights() -> None:
    log = log_of(*[(d, "restless") for d in (1, 3, 5, 7, 9, 11, 13)], (20, "cramp"))
    spoken = (*summary(log, TODAY, TEXT, "en-GB"), advice(log, TODAY, TEXT, "en-GB"))
    card = card_text(log, TODAY, TEXT, "en-GB", spoken)
    assert card.startswith(" ".join(spoken))
    assert "Last 7 nights: 3 of 7" in card and "Last 30 nights: 8 of 30" in card
    assert "- restless legs: 3 / 7" in card and "- cramp: 0 / 1" in card
    assert tally(log, TODAY, 30).nights == 8


# --------------------------------------------------------------------------- SQLite


def test_sqlite_keeps_each_person_apart_and_under_hashed_keys(tmp_path: Path) -> None:
    path = tmp_path / "memory.sqlite3"
    store = SqliteNightLog(path)
    store.change(ALICE, lambda r: {**r, "2026-12-05": {"sensation": "restless"}})
    store.change(BOB, lambda r: {**r, "2026-12-05": {"sensation": "cramp"}})
    assert store.read(ALICE) == {"2026-12-05": {"sensation": "restless"}}
    assert store.read(BOB) == {"2026-12-05": {"sensation": "cramp"}}
    assert store.read(ACCOUNT) == {}  # the account's own log is not a person's
    raw = path.read_bytes() + (Path(f"{path}-wal").read_bytes() if Path(f"{path}-wal").exists() else b"")
    assert b"ALICE" not in raw and b"BOB" not in raw
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_sqlite_delete_leaves_no_entry(tmp_path: Path) -> None:
    path = tmp_path / "memory.sqlite3"
    store = SqliteNightLog(path)
    store.change(ALICE, lambda r: {"2026-12-05": {"sensation": "restless"}})
    store.change(BOB, lambda r: {"2026-12-05": {"sensation": "cramp"}})
    store.delete(ALICE)
    assert store.read(ALICE) == {}
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM night_log").fetchone()[0] == 1  # Bob's only


def test_sqlite_reading_before_anything_is_kept_makes_no_file(tmp_path: Path) -> None:
    path = tmp_path / "memory.sqlite3"
    assert SqliteNightLog(path).read(ALICE) == {}
    assert not path.exists()


def test_an_unusable_sqlite_store_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-folder"
    folder.write_text("a file where the folder should be")
    with pytest.raises(NightLogUnavailable):
        SqliteNightLog(folder / "memory.sqlite3").change(ALICE, lambda r: r)


# --------------------------------------------------------------------------- DynamoDB


SALT = "test-salt-0123456789abcdef0123456789"


@pytest.fixture
def dynamodb_env(monkeypatch: pytest.MonkeyPatch, dynamodb_endpoint: str, request: pytest.FixtureRequest) -> str:
    table = f"nightlog-{request.node.name[-40:]}"
    return use_dynamodb(monkeypatch, dynamodb_endpoint, table, SALT)


def test_dynamodb_keeps_the_log_beside_the_memory_item_and_erases_it(dynamodb_env: str) -> None:
    from skill.memory.factory import persistence_from_env
    from skill.memory.night_log_store import store_for

    store = store_for(persistence_from_env())
    assert isinstance(store, DynamoDbNightLog)
    store.change(ALICE, lambda r: {**r, "2026-12-05": {"sensation": "restless", "position": "back"}})
    store.change(BOB, lambda r: {**r, "2026-12-05": {"sensation": "numb"}})
    assert store.read(ALICE) == {"2026-12-05": {"sensation": "restless", "position": "back"}}
    assert store.read(BOB) == {"2026-12-05": {"sensation": "numb"}}

    import boto3

    table = boto3.resource("dynamodb", endpoint_url=os.environ["NIGHTLEGS_DYNAMODB_ENDPOINT"]).Table(dynamodb_env)
    ids = [item["id"] for item in table.scan()["Items"]]
    assert len(ids) == 2 and all(i.startswith("nightlog-") for i in ids)
    assert not any("ALICE" in i or "BOB" in i for i in ids)

    store.delete(ALICE)
    assert store.read(ALICE) == {}
    assert len(table.scan()["Items"]) == 1


def test_dynamodb_without_a_salt_keeps_nothing() -> None:
    with pytest.raises(NightLogUnavailable):
        DynamoDbNightLog(table=None, keyer=None).change(ALICE, lambda r: r)


def test_entries_are_dataclasses_of_ids() -> None:
    entry = Entry(TODAY, "restless", side="left")
    assert entry.to_record() == {"sensation": "restless", "side": "left"}
