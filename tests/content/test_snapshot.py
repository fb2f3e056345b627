"""The content snapshot (skill/content/snapshot.py): the same content as the YAML load,
never used for other files or rules, never trusted to build anything but content records."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from skill import paths
from skill.content import ContentError, load_from, snapshot, supported_locales
from skill.content.entries import read_yaml
from skill.content.loader import write_snapshots
from skill.content.snapshot import LazyPattern, SnapshotError
from skill.core.danger_screen import known_facts, screen
from skill.core.symptoms import Symptoms

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(paths.content_dir(), target, ignore=shutil.ignore_patterns(snapshot.FOLDER))
    return target


def _round_trip(directory: Path, locale: str) -> object:
    key = snapshot.key(directory, locale)
    return snapshot.loads(snapshot.dumps(load_from(directory, locale), key), key)


@pytest.mark.parametrize("locale", supported_locales())
def test_a_snapshot_holds_the_same_content_as_the_yaml(locale: str) -> None:
    directory = paths.content_dir()
    from_yaml = load_from(directory, locale)
    again = _round_trip(directory, locale)
    assert again == from_yaml
    assert type(again) is type(from_yaml)
    assert again.prompt("goodbye") == from_yaml.prompt("goodbye")
    # shared records stay shared: the cause index points at the causes themselves
    assert all(again.cause(c.id) is c for c in again.causes)
    # cached work comes along: the danger pre-check strings of every concept
    assert [c.needed for c in again.danger.concepts] == [c.needed for c in from_yaml.danger.concepts]
    assert again.feature_points == from_yaml.feature_points


def test_patterns_come_back_uncompiled_and_match_like_the_originals() -> None:
    from_yaml = load_from(paths.content_dir())
    again = _round_trip(paths.content_dir(), "en-US")
    pattern = again.danger.concepts[0].words[0]
    original = from_yaml.danger.concepts[0].words[0]
    assert isinstance(pattern, LazyPattern) and "search" not in vars(pattern)  # nothing compiled yet
    assert pattern == original and original == pattern
    assert (pattern.pattern, pattern.flags) == (original.pattern, original.flags)
    text = "my face is drooping on one side"
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in original.finditer(text)]
    assert "search" in vars(pattern)  # compiled once, on first use


def _corpus_texts() -> list[str]:
    texts: list[str] = []
    dialogs = yaml.safe_load((CORPORA / "safety_dialogs.yaml").read_text(encoding="utf-8"))
    for dialog in dialogs if isinstance(dialogs, list) else dialogs.get("dialogs", []):
        texts += [str(t) for t in dialog.get("turns", [])]
    utterances = yaml.safe_load((CORPORA / "utterances.yaml").read_text(encoding="utf-8"))
    texts += [str(u["say"]) for u in utterances if isinstance(u, dict) and "say" in u]
    return texts


def test_the_danger_screen_says_the_same_over_the_corpora_with_a_snapshot() -> None:
    from_yaml = load_from(paths.content_dir())
    again = _round_trip(paths.content_dir(), "en-US")
    texts = _corpus_texts()
    assert len(texts) > 100
    facts = known_facts(Symptoms())
    for text in texts:
        assert screen([text], again.danger, facts) == screen([text], from_yaml.danger, facts), text
    for first, second in zip(texts, texts[1:]):  # slot words paired, as a symptom turn screens them
        pair = [first, second]
        assert screen(pair, again.danger, facts, pair_up=2) == screen(pair, from_yaml.danger, facts, pair_up=2)


def test_a_snapshot_is_used_only_for_the_files_it_was_made_from(content_copy: Path) -> None:
    first = snapshot.load(content_copy, "en-US", load_from)
    assert snapshot.path_for(content_copy, "en-US").is_file()
    causes = content_copy / "causes.yaml"
    data = yaml.safe_load(causes.read_text(encoding="utf-8"))
    data["causes"][0]["name"] = "A renamed cause"
    causes.write_text(yaml.safe_dump(data), encoding="utf-8")
    second = snapshot.load(content_copy, "en-US", load_from)
    assert second.causes[0].name == "A renamed cause" != first.causes[0].name
    # a broken file is reported as before, snapshot or not
    causes.write_text("causes: [\n", encoding="utf-8")
    with pytest.raises(ContentError, match="causes.yaml"):
        snapshot.load(content_copy, "en-US", load_from)


def test_the_key_covers_every_content_file_and_the_locale(content_copy: Path) -> None:
    before = snapshot.key(content_copy, "en-US")
    assert snapshot.key(content_copy, "en-GB") != before
    override = content_copy / "locales" / "en-GB" / "prompts.yaml"
    override.write_text(override.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert snapshot.key(content_copy, "en-US") != before


def test_a_damaged_or_foreign_snapshot_is_not_used(content_copy: Path) -> None:
    path = snapshot.path_for(content_copy, "en-US")
    snapshot.load(content_copy, "en-US", load_from)
    key = snapshot.key(content_copy, "en-US")
    header, body = path.read_bytes().split(b"\n", 1)
    # a snapshot naming a class outside skill.content is refused, never imported or called
    evil = json.loads(header)
    evil["classes"][0][:2] = ["os", "system"]
    with pytest.raises(SnapshotError, match="not a loaded module"):
        snapshot.loads(json.dumps(evil).encode() + b"\n" + body, key)
    # a record class whose fields changed since the snapshot was written
    other = json.loads(header)
    other["classes"][0][2] = [*other["classes"][0][2], "added"]
    with pytest.raises(SnapshotError, match="other fields"):
        snapshot.loads(json.dumps(other).encode() + b"\n" + body, key)
    with pytest.raises(SnapshotError, match="damaged"):
        snapshot.loads(header + b"\n" + body[: len(body) // 2], key)
    # and the loader falls back to YAML for a damaged file
    path.write_bytes(header + b"\n" + body[:100])
    assert snapshot.load(content_copy, "en-US", load_from) == load_from(content_copy, "en-US")


def test_values_the_format_cannot_hold_are_refused_when_writing() -> None:
    with pytest.raises(SnapshotError):
        snapshot.dumps(object(), "key")
    with pytest.raises(SnapshotError, match="not a record"):
        snapshot.dumps(Symptoms(), "key")  # a dataclass, but not content


def test_plain_values_round_trip() -> None:
    value = {"a": (1, 2.5, None, True), ("t", 1): frozenset({"x", "y"}), 3: [{"n": set()}],
             "p": re.compile(r"\bleg\b", re.I)}
    again = snapshot.loads(snapshot.dumps(value, "k"), "k")
    assert again == value
    assert type(again[3]) is list and type(again["a"]) is tuple and type(again[("t", 1)]) is frozenset


def test_writing_is_deterministic() -> None:
    content = load_from(paths.content_dir())
    assert snapshot.dumps(content, "k") == snapshot.dumps(load_from(paths.content_dir()), "k")


def test_switched_off_nothing_is_read_or_written(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(snapshot.ENV_SWITCH, "off")
    snapshot.load(content_copy, "en-US", load_from)
    assert not (content_copy / snapshot.FOLDER).exists()


def test_yaml_files_of_the_content_folder_are_read_from_their_snapshot(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.ENV_HOME, str(content_copy.parent))
    display = content_copy / "display.yaml"
    expected = yaml.safe_load(display.read_text(encoding="utf-8"))
    assert read_yaml(display) == expected
    cached = content_copy / snapshot.FOLDER / "files" / "display.yaml.json"
    assert cached.is_file()
    assert read_yaml(display) == expected  # from the snapshot now
    display.write_text("labels: {}\n", encoding="utf-8")
    assert read_yaml(display) == {"labels": {}}  # other bytes: parsed again
    display.write_text("labels: [\n", encoding="utf-8")
    with pytest.raises(ContentError, match="display.yaml"):
        read_yaml(display)


def test_the_build_writes_every_locale_and_every_yaml_file(content_copy: Path) -> None:
    written = write_snapshots(content_copy)
    names = {p.relative_to(content_copy / snapshot.FOLDER).as_posix() for p in written}
    assert {f"{locale}.json" for locale in supported_locales(content_copy)} <= names
    assert "locales.json" in names
    yaml_files = {p.relative_to(content_copy).as_posix() for p in content_copy.glob("**/*.yaml")}
    assert {f"files/{name}.json" for name in yaml_files} <= names
    for locale in supported_locales(content_copy):
        assert snapshot.read_key(snapshot.path_for(content_copy, locale)) == snapshot.key(content_copy, locale)


def test_a_cached_value_that_cannot_be_written_is_left_out_and_the_rest_still_reads() -> None:
    import dataclasses
    import functools

    from skill.content.records import Question, Tier

    @dataclasses.dataclass(frozen=True)
    class Holder:  # a record of skill.content (by module name) with a half-writable cached value
        tier: Tier
        later: Tier

        @functools.cached_property
        def mixed(self) -> tuple[object, ...]:
            return (Question("side", "p", "r", ("001-seed.txt",)), object())  # the record, then junk

        @functools.cached_property
        def fine(self) -> tuple[str, ...]:
            return (self.tier.id, self.later.id)

    Holder.__module__, Holder.__qualname__ = "skill.content.records", "Holder"
    import skill.content.records as records

    records.Holder = Holder  # type: ignore[attr-defined]
    try:
        tier = Tier("soon", "a", "b", ("001-seed.txt",))
        holder = Holder(tier, Tier("emergency", "c", "d", ("001-seed.txt",)))
        after = Tier("same_day", "e", "f", ("001-seed.txt",))  # a record written after the left-out value
        again = snapshot.loads(snapshot.dumps((holder, after, tier), "k"), "k")
        assert again[0] == holder and again[1] == after and again[2] is again[0].tier
        assert "mixed" not in vars(again[0]) and vars(again[0])["fine"] == ("soon", "emergency")
    finally:
        del records.Holder  # type: ignore[attr-defined]
