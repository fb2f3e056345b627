"""The generated models cover how people talk and stay inside Alexa's limits."""

from __future__ import annotations

import json
import re

import pytest

from skill import paths
from skill.ship import rules
from skill.ship.grammar import GrammarError, expand
from skill.simulator.resolver import CATCH_ALL_INTENT, resolver_for

LOCALES = ["en-AU", "en-CA", "en-GB", "en-IN", "en-US"]
SLOT = re.compile(r"\{(\w+)\}")


def _language(locale: str) -> dict:
    return json.loads((paths.model_dir() / f"{locale}.json").read_text())["interactionModel"]["languageModel"]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_custom_intent_has_at_least_twenty_varied_samples(locale: str) -> None:
    for intent in _language(locale)["intents"]:
        name = intent["name"]
        if name.startswith("AMAZON.") or name == CATCH_ALL_INTENT:
            continue
        carriers = {SLOT.sub("", s).split()[0].lower() for s in intent["samples"] if SLOT.sub("", s).split()}
        assert len(intent["samples"]) >= 20, (locale, name, len(intent["samples"]))
        assert len(carriers) >= 3, (locale, name, carriers)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_model_is_inside_alexas_limits_with_a_word_between_slots(locale: str) -> None:
    model = json.loads((paths.model_dir() / f"{locale}.json").read_text())
    problems = [f for f in rules.check_model(model, f"{locale}.json", ["AnswerIntent", "StartStretchIntent", CATCH_ALL_INTENT]) if f.severity == "error"]
    assert problems == []


def test_two_slots_side_by_side_are_refused() -> None:
    model = json.loads((paths.model_dir() / "en-US.json").read_text())
    symptom = next(i for i in model["interactionModel"]["languageModel"]["intents"] if i["name"] == "DescribeSymptomIntent")
    symptom["samples"].append("my leg goes {sensation} {timing}")
    assert any(f.rule == "utterance-adjacent-slots" for f in rules.check_model(model, "en-US.json"))
    with pytest.raises(GrammarError, match="no word between"):
        expand("my leg goes {sensation} (|{timing})", {}, 10, "intents.X[0]")


@pytest.mark.parametrize("locale", LOCALES)
def test_no_sample_phrase_reaches_two_intents(locale: str) -> None:
    """Each sample, its slots filled with a value of their type, reaches its own intent only."""
    language = _language(locale)
    values = {t["name"]: t["values"][0]["name"]["value"] for t in language["types"]}
    examples = {"AMAZON.TIME": "ten pm", "AMAZON.NUMBER": "three", "AMAZON.DURATION": "five minutes"}
    resolver = resolver_for(locale)
    seen: dict[str, str] = {}
    wrong = []
    for intent in language["intents"]:
        if intent["name"] == CATCH_ALL_INTENT:
            continue
        types = {s["name"]: s["type"] for s in intent.get("slots", [])}
        for sample in intent["samples"]:
            text = SLOT.sub(lambda m: values.get(types[m.group(1)]) or examples[types[m.group(1)]], sample).lower()
            assert seen.setdefault(text, intent["name"]) == intent["name"], (text, seen[text], intent["name"])
            got = resolver.resolve(text).intent
            if got != intent["name"] and {got, intent["name"]} != {"AnswerIntent", "DescribeSymptomIntent"}:
                wrong.append(f"{intent['name']}: {text!r} -> {got}")
    assert len(wrong) <= 0.02 * len(seen), "\n".join(wrong)


@pytest.mark.parametrize("locale", LOCALES)
def test_no_sample_puts_a_feeling_after_a_negation(locale: str) -> None:
    """On a device the model decides: a sample like "my leg isn't {sensation}" would teach
    it to fill the feeling slot with a feeling said not to be. Negated signs have their own
    slot ("no {absent}"); a negated feeling has none and fills nothing."""
    from skill.core.negation import NEGATIONS, NO_WORDS

    denying = NEGATIONS | NO_WORDS | {"n't", "cannot"}
    wrong = []
    for intent in _language(locale)["intents"]:
        samples = [*intent.get("samples", []), *(s for slot in intent.get("slots", []) for s in slot.get("samples", []))]
        for sample in samples:
            if "{sensation}" not in sample:
                continue
            # the words of the feeling's own clause, back to a "but" or another slot
            clause = re.split(r"\}|\b(?:but|and|though)\b", sample.split("{sensation}")[0].lower())[-1]
            if any(word in denying for word in clause.replace("n't", " n't").split()):
                wrong.append(f"{intent['name']}: {sample}")
    assert not wrong, wrong
