"""The resolver's index is compiled once per model and kept on disk (skill.simulator.index).

Behaviour only, never timing: a cached index answers like a fresh one, a changed model is
compiled again and answers from its new samples, and a broken cache file is rebuilt.
"""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from skill.content import DEFAULT_LOCALE
from skill.simulator import index, resolver
from skill.simulator.resolver import Resolver, builtins_path, load_resolver, model_path
from skill.simulator.session import DEFAULT_LOCALE as DEVICE_LOCALE

PHRASE = "xylophone zebra quokka"  # words no model holds


@pytest.fixture(scope="module")
def model() -> dict[str, Any]:
    """A small model of the built kind (compiled in milliseconds)."""
    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": "night legs",
                "intents": [
                    {"name": "DescribeSymptomIntent", "slots": [{"name": "sensation", "type": "SensationType"}],
                     "samples": ["my leg goes {sensation}", "my legs are {sensation} at night"]},
                    {"name": "RemediesIntent", "slots": [], "samples": ["what can i do", "what helps"]},
                    {"name": "SleepPositionIntent", "slots": [], "samples": ["how should i sleep", "best position to sleep"]},
                    {"name": "AMAZON.StopIntent", "samples": []},
                ],
                "types": [{"name": "SensationType", "values": [
                    {"id": "numb", "name": {"value": "numb", "synonyms": ["asleep"]}},
                    {"id": "ache", "name": {"value": "aching", "synonyms": ["ache"]}},
                ]}],
            }
        }
    }


def _write(path: Path, model: dict[str, Any], intent: str | None = None) -> Path:
    """The model, with PHRASE as a sample of `intent` when given."""
    changed = copy.deepcopy(model)
    if intent is not None:
        for found in changed["interactionModel"]["languageModel"]["intents"]:
            if found["name"] == intent:
                found["samples"].append(PHRASE)
    path.write_text(json.dumps(changed), encoding="utf-8")
    return path


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle"))


def test_a_changed_model_is_compiled_again(tmp_path: Path, model: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    model_file = _write(tmp_path / "en-US.json", model, "RemediesIntent")
    assert load_resolver(model_file, cache=cache).resolve(PHRASE).intent == "RemediesIntent"
    assert len(_files(cache)) == 1

    # a second process loads the stored index and answers the same, without compiling
    monkeypatch.setattr(resolver, "build", lambda *_: pytest.fail("compiled although the index was stored"))
    assert load_resolver(model_file, cache=cache).resolve(PHRASE).intent == "RemediesIntent"
    monkeypatch.undo()

    # the model changes: the phrase now belongs to another intent, and the answer follows
    _write(model_file, model, "SleepPositionIntent")
    assert load_resolver(model_file, cache=cache).resolve(PHRASE).intent == "SleepPositionIntent"
    # and a model without it no longer knows it
    _write(model_file, model)
    assert load_resolver(model_file, cache=cache).resolve(PHRASE).intent not in ("SleepPositionIntent", "RemediesIntent")
    assert len(_files(cache)) == 3  # one index per model version


def test_a_cached_index_answers_like_a_fresh_one(tmp_path: Path) -> None:
    """The real model, pickled and loaded: every part of the index survives the trip."""
    cache = tmp_path / "cache"
    fresh = resolver.build(model_path("en-GB"), builtins_path())
    index.cached("en-GB", (model_path("en-GB"), builtins_path()), lambda: fresh, Resolver, folder=cache)  # stores it
    loaded = load_resolver(model_path("en-GB"), cache=cache)
    assert loaded is not fresh and loaded.denials == fresh.denials
    for text, expecting in [
        ("me calves aren't numb, they throb at night", None),
        ("my face looks funny and i cant lift my arm", None),
        ("no chest pain but my leg goes numb", None),
        ("kinda on my side", ("DescribeSymptomIntent", "position")),
        ("remind me at half ten", None),
        ("numm legs in bedd", None),
    ]:
        assert loaded.resolve(text, expecting=expecting) == fresh.resolve(text, expecting=expecting), text


@pytest.mark.parametrize("damage", ["truncated", "other key", "other format", "not an index"])
def test_a_damaged_or_foreign_index_file_is_compiled_again(tmp_path: Path, model: dict[str, Any], damage: str) -> None:
    cache = tmp_path / "cache"
    model_file = _write(tmp_path / "en-US.json", model, "RemediesIntent")
    load_resolver(model_file, cache=cache)
    (stored,) = _files(cache)
    payload = pickle.loads(stored.read_bytes())
    if damage == "truncated":
        stored.write_bytes(stored.read_bytes()[:1000])
    else:
        if damage == "other key":
            payload["key"] = "0" * 64
        elif damage == "other format":
            payload["format"] = index.INDEX_FORMAT + 1
        else:
            payload["index"] = {"not": "a resolver"}
        stored.write_bytes(pickle.dumps(payload))
    again = load_resolver(model_file, cache=cache)
    assert isinstance(again, Resolver)
    assert again.resolve(PHRASE).intent == "RemediesIntent"
    rewritten = pickle.loads(stored.read_bytes())  # compiled again and stored whole
    assert rewritten["format"] == index.INDEX_FORMAT and isinstance(rewritten["index"], Resolver)


def test_an_unwritable_cache_still_answers(tmp_path: Path, model: dict[str, Any]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    model_file = _write(tmp_path / "en-US.json", model, "RemediesIntent")
    assert load_resolver(model_file, cache=blocker / "cache").resolve(PHRASE).intent == "RemediesIntent"


def test_the_key_follows_the_bytes_of_every_source(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.yaml"
    a.write_text("{}")
    b.write_text("x: 1")
    first = index.key_for([a, b])
    assert index.key_for([a, b]) == first
    b.write_text("x: 2")
    assert index.key_for([a, b]) != first


def test_the_cache_folder_is_outside_the_checkout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(index.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert index.cache_dir() == tmp_path / "nightlegs" / "simulator"
    monkeypatch.setenv(index.CACHE_ENV, str(tmp_path / "mine"))
    assert index.cache_dir() == tmp_path / "mine"


def test_without_a_home_folder_nothing_is_stored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, model: dict[str, Any]) -> None:
    def no_home() -> Path:
        raise RuntimeError("no home")

    for name in (index.CACHE_ENV, "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert index.cache_dir() is None
    model_file = _write(tmp_path / "en-US.json", model, "RemediesIntent")
    assert load_resolver(model_file).resolve(PHRASE).intent == "RemediesIntent"
    assert not list(tmp_path.rglob("*.pickle"))


def test_old_index_files_are_pruned_per_model(tmp_path: Path, model: dict[str, Any]) -> None:
    cache = tmp_path / "cache"
    model_file = tmp_path / "en-US.json"
    for k in range(index.KEEP + 2):
        changed = copy.deepcopy(model)
        changed["interactionModel"]["languageModel"]["intents"][0]["samples"].append(f"{PHRASE} {k}")
        model_file.write_text(json.dumps(changed), encoding="utf-8")
        load_resolver(model_file, cache=cache)
    assert len(_files(cache)) == index.KEEP


def test_a_missing_model_is_reported() -> None:
    with pytest.raises(resolver.ModelNotFound):
        resolver.resolver_for("xx-XX")


def test_the_device_plays_the_skills_default_locale() -> None:
    assert DEVICE_LOCALE == DEFAULT_LOCALE
