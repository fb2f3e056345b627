"""The generated interaction models are valid for the ASK console and match their source."""

from __future__ import annotations

import json
import re

from skill.ship import modelgen

from skill import paths
from skill.content import SLOTS, load_content
from skill.core.symptoms import DANGER_UNSPECIFIED

REQUIRED = {"AMAZON.HelpIntent", "AMAZON.CancelIntent", "AMAZON.StopIntent", "AMAZON.NavigateHomeIntent",
            "AMAZON.FallbackIntent", "AMAZON.RepeatIntent", "AMAZON.YesIntent", "AMAZON.NoIntent"}
SAMPLE_CHARS = re.compile(r"^[a-z' {}.]+$", re.IGNORECASE)


def load(locale: str = "en-US") -> dict:
    return json.loads((paths.model_dir() / f"{locale}.json").read_text())


def test_generated_models_match_their_source() -> None:
    assert modelgen.main(["--check"]) == 0


def test_en_us_model_is_well_formed() -> None:
    model = load()["interactionModel"]
    language = model["languageModel"]
    assert language["invocationName"] == "night legs"
    names = {i["name"] for i in language["intents"]}
    assert REQUIRED <= names
    types = {t["name"]: t for t in language["types"]}
    used_types = set()
    for intent in language["intents"]:
        declared = {s["name"]: s["type"] for s in intent.get("slots", [])}
        used_types |= {t for t in declared.values() if not t.startswith("AMAZON.")}
        for sample in intent["samples"] + [x for s in intent.get("slots", []) for x in s.get("samples", [])]:
            assert SAMPLE_CHARS.match(sample), (intent["name"], sample)
            for slot in re.findall(r"{(\w+)}", sample):
                assert slot in declared, (intent["name"], sample)
            assert len(re.findall(r"{(\w+)}", sample)) == len(set(re.findall(r"{(\w+)}", sample)))
        assert len(intent["samples"]) == len(set(s.lower() for s in intent["samples"])), intent["name"]
    assert used_types <= set(types) and set(types) <= used_types
    for slot_type in types.values():
        ids = [v["id"] for v in slot_type["values"]]
        assert len(ids) == len(set(ids)), slot_type["name"]
    prompt_ids = {p["id"] for p in model["prompts"]}
    for intent in model["dialog"]["intents"]:
        assert intent["name"] in names
        for slot in intent["slots"]:
            if slot["elicitationRequired"]:
                assert slot["prompts"]["elicitation"] in prompt_ids
            else:  # a slot never asked for ("absent", the signs said to be absent) has no prompt
                assert slot["prompts"] == {}, slot["name"]


def test_no_sample_is_shared_by_two_intents() -> None:
    seen: dict[str, str] = {}
    for intent in load()["interactionModel"]["languageModel"]["intents"]:
        for sample in intent["samples"]:
            key = sample.lower()
            assert key not in seen, (sample, seen.get(key), intent["name"])
            seen[key] = intent["name"]


def test_slot_value_ids_are_the_ids_the_content_uses() -> None:
    c = load_content()
    language = load()["interactionModel"]["languageModel"]
    types = {t["name"]: {v["id"] for v in t["values"]} for t in language["types"]}
    symptom = next(i for i in language["intents"] if i["name"] == "DescribeSymptomIntent")
    for slot in symptom["slots"]:
        if slot["type"] == "CatchAllType":  # the rest of the sentence, free words
            continue
        if slot["name"] == "part":  # said back, never asked: the content has words for each part
            assert types[slot["type"]] == set(c.phrases.part)
            continue
        if slot["name"] == "scope":  # a question outside the scope: each value has its answer
            assert {f"scope_{value}" for value in types[slot["type"]]} <= set(c.prompts)
            continue
        # "absent" takes the sign values said to be absent ("no chest pain")
        content_slot = "sign" if slot["name"] == "absent" else slot["name"]
        assert content_slot in SLOTS
        # a bare "yes" to the safety question is the only sign not said as a slot value
        said = set(c.phrases.values(content_slot)) - {DANGER_UNSPECIFIED}
        assert types[slot["type"]] == said, slot["name"]
    assert types["CauseType"] == {cause.id for cause in c.causes}


def test_the_dialog_prompts_are_the_content_questions() -> None:
    c = load_content()
    prompts = {p["id"]: p["variations"][0]["value"] for p in load()["interactionModel"]["prompts"]}
    assert prompts["Elicit.Slot.DescribeSymptomIntent.sign"] == c.screen.prompt
    for question in c.questions:
        assert prompts[f"Elicit.Slot.DescribeSymptomIntent.{question.slot}"] == question.prompt
