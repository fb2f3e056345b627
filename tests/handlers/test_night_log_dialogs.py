"""The night log as people use it, through the real skill (LocalSession) with a real SQLite
store on a temp file and a fixed clock: seven nights logged in every locale, the summary
and the advice heard back, the card, forget me, and danger signs never stored."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from ask_sdk_core.skill import CustomSkill

from skill import paths
from skill.alexa.api_client import TimeoutApiClient
from skill.app import create_skill
from skill.content import load_content
from skill.memory.factory import sqlite_persistence
from skill.memory.night_log import LOCALE_OFFSETS, load_night_log_text
from skill.simulator.session import LocalSession, Turn

LOCALES = ["en-US", "en-CA", "en-GB", "en-AU", "en-IN"]
ALICE = "amzn1.ask.person.ALICE"
TODAY = date(2026, 12, 6)
TEXT = load_night_log_text()


def at(day: date, hour: int, locale: str) -> datetime:
    """UTC time of `hour` o'clock local time on `day` (the skill's rough local time)."""
    local = datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)
    return local - timedelta(hours=LOCALE_OFFSETS[locale])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "memory.sqlite3"


@pytest.fixture
def skill(db: Path) -> CustomSkill:
    return create_skill(persistence_adapter=sqlite_persistence(db), api_client=TimeoutApiClient(1.0))


def session(skill: CustomSkill, locale: str = "en-GB", *, when: datetime | None = None, person: str | None = ALICE) -> LocalSession:
    return LocalSession(locale, skill=skill, person_id=person, now=when or at(TODAY, 23, locale))


def rows(db: Path) -> list[dict]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as connection:
        try:
            found = connection.execute("SELECT nights FROM night_log").fetchall()
        except sqlite3.OperationalError:  # no table: nothing was ever logged
            return []
    return [json.loads(r[0]) for r in found]


def spoken_before_question(turn: Turn) -> str:
    """What a turn said before its closing question (the summary and the advice)."""
    return turn.speech.rsplit(" Say, send it to my phone", 1)[0]


def log_seven_nights(skill: CustomSkill, locale: str) -> None:
    """Restless legs on 7 nights over two weeks: 4 in the first week, 3 in the last."""
    ways = [
        "ask night legs log restless lying on my back and moving helped",
        "ask night legs my legs were restless again",
        "ask night legs log restless lying on my back and moving helped",
    ]
    for n, days_ago in enumerate((13, 11, 9, 7, 5, 3, 1)):
        turn = session(skill, locale, when=at(TODAY - timedelta(days=days_ago), 23, locale)).say(ways[n % 3])
        assert turn.intent == "LogNightIntent", (locale, turn.heard)
        assert "I added tonight to your night log: restless legs" in turn.speech
        assert turn.end_session  # a one-shot: logged, then goodnight


@pytest.mark.parametrize("locale", LOCALES)
def test_seven_nights_logged_are_summed_up_with_the_advice_for_the_locale(skill: CustomSkill, db: Path, locale: str) -> None:
    log_seven_nights(skill, locale)
    assert len(rows(db)) == 1 and len(rows(db)[0]) == 7  # one person, seven nights

    asked = session(skill, locale, when=at(TODAY, 21, locale)).say("ask night legs how have my legs been this week")
    assert asked.intent == "NightLogIntent"
    said = spoken_before_question(asked)
    summary, advice = said.split(" Restless legs on 3 or more nights a week", 1)
    assert summary == (
        "Your legs troubled you on 3 of the last 7 nights. Most often it was restless legs, lying on your back. "
        "What helped most was moving about."
    )
    assert len(summary.split()) <= 45
    doctor = "your GP" if locale in ("en-GB", "en-AU") else "your doctor"
    assert f"worth a visit to {doctor}. Ask {doctor} to check your iron." in advice
    assert "take iron" not in asked.speech.lower()
    assert f"for a table to show {doctor}" in asked.speech


@pytest.mark.parametrize("locale", ["en-GB", "en-US"])
def test_the_card_sent_to_the_phone_matches_what_was_said(skill: CustomSkill, locale: str) -> None:
    log_seven_nights(skill, locale)
    talk = session(skill, locale, when=at(TODAY, 21, locale))
    heard = talk.say("ask night legs how have my legs been this week")
    sent = talk.say("send it to my phone")
    assert sent.intent == "NightLogIntent" and sent.slots.get("device") == "phone"
    assert "I sent your night log to the Alexa app" in sent.speech
    card = sent.card
    assert card is not None and card["type"] == "Simple" and card["title"] == TEXT.card["title"]
    first_paragraph = card["content"].split("\n\n")[0]
    assert first_paragraph == spoken_before_question(heard)  # word for word
    assert "Last 7 nights: 3 of 7" in card["content"]
    assert "Last 30 nights: 7 of 30" in card["content"]
    assert "- restless legs: 3 / 7" in card["content"]


def test_forget_me_leaves_no_entry(skill: CustomSkill, db: Path) -> None:
    log_seven_nights(skill, "en-GB")
    assert rows(db)
    talk = session(skill, when=at(TODAY, 21, "en-GB"))
    talk.say("ask night legs to forget me")
    done = talk.say("yes")
    assert "erased everything" in done.speech
    assert rows(db) == []
    again = session(skill, when=at(TODAY, 22, "en-GB")).say("ask night legs how have my legs been this week")
    assert "nothing in your night log" in again.speech


def test_delete_my_night_log_asks_first_then_erases_only_the_log(skill: CustomSkill, db: Path) -> None:
    log_seven_nights(skill, "en-GB")
    talk = session(skill, when=at(TODAY, 21, "en-GB"))
    asked = talk.say("ask night legs to delete my night log")
    assert asked.speech == "Do you want me to delete your night log?"
    kept = talk.say("no")
    assert "kept your night log" in kept.speech and rows(db)
    talk.say("delete my night log")
    gone = talk.say("yes")
    assert "deleted your night log" in gone.speech
    assert rows(db) == []


def test_each_person_hears_only_their_own_log(skill: CustomSkill) -> None:
    session(skill, person=ALICE).say("ask night legs my legs were restless again")
    bob = session(skill, person="amzn1.ask.person.BOB").say("ask night legs how have my legs been this week")
    assert "nothing in your night log" in bob.speech
    alice = session(skill, person=ALICE).say("ask night legs how have my legs been this week")
    assert "1 of the last 7 nights" in alice.speech


def sign_words(locale: str) -> dict[str, str]:
    model = json.loads((paths.model_dir() / f"{locale}.json").read_text())
    types = model["interactionModel"]["languageModel"]["types"]
    values = next(t for t in types if t["name"] == "SignType")["values"]
    return {v["id"]: v["name"]["value"] for v in values}


def test_no_danger_sign_is_ever_stored(skill: CustomSkill, db: Path) -> None:
    words = sign_words("en-US")
    content_signs = set(load_content("en-US").phrases.values("sign"))
    assert set(words) <= content_signs | {"none", "danger_unspecified"}
    tried = 0
    for sign, said in sorted(words.items()):
        if sign in ("none", "danger_unspecified"):
            continue
        tried += 1
        talk = session(skill, "en-US", person=ALICE)
        first = talk.say(f"ask night legs my legs were restless again and {said}")
        assert "added tonight" not in first.speech, sign
        if not first.end_session:  # the conversation goes on: asking to log it still keeps nothing
            later = talk.say("log tonight")
            assert "added tonight" not in later.speech, sign
            if not later.end_session:
                talk.say("restless")
        stored = [value for night in rows(db) for entry in night.values() for value in entry.values()]
        assert sign not in stored, sign
        assert stored == [], (sign, stored)
    assert tried >= 20


def test_a_recognised_person_is_offered_the_log_after_an_answer_once(skill: CustomSkill, db: Path) -> None:
    talk = session(skill, when=at(TODAY, 23, "en-GB"))
    # restless legs are answered straight after the safety question (issue 27: what eases
    # them is not asked), so what helps is said in the first sentence
    talk.say("ask night legs my legs are restless at night and walking around helps")
    answer = talk.say("no")
    assert answer.speech.endswith("Shall I add tonight to your night log?")
    logged = talk.say("yes")
    assert logged.speech.startswith("Done. I added tonight to your night log: restless legs.")
    assert logged.speech.endswith("Want to know why, or more tips?")  # the answer's own offer, after
    assert rows(db) == [{(TODAY).isoformat(): {"sensation": "restless", "side": "both", "relief": "moving", "timing": "night", "time": "night"}}]
    # a second answer in the same session does not offer again
    talk.say("my legs are restless at night and walking around helps")
    again = talk.say("no")
    assert "night log" not in again.speech


def test_no_to_the_offer_keeps_nothing_and_goes_on(skill: CustomSkill, db: Path) -> None:
    talk = session(skill)
    talk.say("ask night legs my legs are restless at night and walking around helps")
    talk.say("no")
    declined = talk.say("no")
    assert declined.speech.startswith("Okay. I did not add it.")
    assert rows(db) == []


def test_without_a_voice_profile_the_log_is_never_offered_but_kept_when_asked(skill: CustomSkill, db: Path) -> None:
    talk = session(skill, person=None)
    talk.say("ask night legs my legs are restless at night")
    talk.say("no")
    answer = talk.say("walking around")
    assert "night log" not in answer.speech
    assert rows(db) == []
    asked = talk.say("log tonight")
    assert "I added tonight to your night log: restless legs" in asked.speech
    assert len(rows(db)) == 1


def test_log_my_legs_as_a_routines_last_step_asks_one_question_then_ends(skill: CustomSkill, db: Path) -> None:
    talk = session(skill)
    asked = talk.say("ask night legs to log my legs")
    assert asked.speech == TEXT.say("ask_feeling")
    assert not asked.end_session
    done = talk.say("pins and needles")
    assert done.speech == "Done. I added tonight to your night log: pins and needles. Sleep well."
    assert done.end_session
    assert [list(n.values())[0]["sensation"] for n in rows(db)] == ["tingling"]


def test_logging_the_same_night_twice_keeps_one_entry(skill: CustomSkill, db: Path) -> None:
    session(skill, when=at(TODAY, 23, "en-GB")).say("ask night legs my legs were restless again")
    second = session(skill, when=at(TODAY + timedelta(days=1), 2, "en-GB")).say("ask night legs log cramp tonight")
    assert "I updated tonight in your night log: cramp" in second.speech
    assert rows(db) == [{TODAY.isoformat(): {"sensation": "cramp", "time": "night"}}]


def test_nightlegs_ask_with_a_fixed_clock_logs_and_reads_back(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIGHTLEGS_DB", str(db))

    def ask(now: str, *utterances: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "skill", "ask", "--locale", "en-GB", "--now", now, "--person", ALICE, *utterances],
            capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    for day in (1, 2, 3):
        assert "added tonight" in ask(f"2026-12-0{day}T23:30", "ask night legs my legs were numb again")
    out = ask("2026-12-04T21:00", "ask night legs how have my legs been this week")
    assert "3 of the last 7 nights" in out and "numbness" in out
    assert "night after night is worth a visit to your GP" in out


def test_a_store_that_cannot_keep_the_log_says_so_and_forget_me_never_claims_an_erase(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the store's folder should be")
    broken = create_skill(persistence_adapter=sqlite_persistence(blocked / "memory.sqlite3"), api_client=TimeoutApiClient(1.0))
    logged = session(broken).say("ask night legs my legs were restless again")
    assert "I cannot keep a night log just now. Nothing was kept." in logged.speech
    talk = session(broken)
    talk.say("ask night legs to forget me")
    answer = talk.say("yes")
    assert "could not erase" in answer.speech and "erased everything" not in answer.speech


def test_an_urgent_answer_never_offers_the_log(skill: CustomSkill, db: Path) -> None:
    for said in ("my calf is swollen and hot", "my leg aches at night"):
        talk = session(skill)
        turns = [talk.say(f"ask night legs {said}")]
        for reply in ("no", "I don't know", "hanging it off the bed"):  # the artery pattern: same day
            if turns[-1].end_session or "night log" in turns[-1].speech:
                break
            turns.append(talk.say(reply))
        assert all("night log" not in t.speech for t in turns), [t.speech for t in turns]
    assert rows(db) == []
