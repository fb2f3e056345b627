"""Generate interaction_model/<locale>.json from one source of truth.

`interaction_model/source/common.yaml` holds the intents, samples and slot types shared by
every locale; `interaction_model/source/locales/<locale>.yaml` adds the invocation name and
the locale's own samples and synonyms. The dialog prompts for the follow-up questions come
from content/followups.yaml, so each question is written once.

    python -m skill.ship.modelgen            # write every locale's JSON
    python -m skill.ship.modelgen --check    # exit 1 if any JSON differs from its source
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any, Mapping

from skill import paths
from skill.content import ContentError, read_yaml
from skill.ship.grammar import GrammarError, samples_by_intent, synonyms_by_type

SOURCE = "source"
# Alexa offers multiple-value slots in these locales only (not en-IN); elsewhere a slot
# marked `multiple_values` stays single-valued.
MULTI_VALUE_LOCALES = frozenset({"en-AU", "en-CA", "en-GB", "en-US"})


class ModelSourceError(Exception):
    """A model source file is malformed; the message names file, entry and reason."""


def _source_dir(model_dir: Path) -> Path:
    return model_dir / SOURCE


def source_locales(model_dir: Path | None = None) -> tuple[str, ...]:
    folder = _source_dir(model_dir or paths.model_dir()) / "locales"
    return tuple(sorted(p.stem for p in folder.glob("*.yaml")))


def _prompt_id(intent: str, slot: str) -> str:
    return f"Elicit.Slot.{intent}.{slot}"


FREE_WORDS_SLOT = "words"
FREE_WORDS_TYPE = "CatchAllType"
FREE_WORDS_SAMPLES = 4  # of an intent's own samples, how many also end "... and {words}"


def _with_free_words(intent: dict[str, Any], samples: list[str]) -> dict[str, Any]:
    """An intent marked `free_words` also takes the rest of what is said, in a `words` slot
    of the catch-all type ("what can I do about it and {words}"), so speech beside what its
    samples know still reaches the skill, where the danger screen reads it. `samples` are all
    of the intent's samples, its own and the grammar's."""
    slots = [*intent.get("slots", []), {"name": FREE_WORDS_SLOT, "type": FREE_WORDS_TYPE}]
    own = [s for s in samples if not s.rstrip().endswith("}")][:FREE_WORDS_SAMPLES]
    return {**intent, "slots": slots, "samples": [*samples, *(f"{s} and {{{FREE_WORDS_SLOT}}}" for s in own)]}


def _question_prompts(content_dir: Path) -> dict[str, tuple[str, str]]:
    """slot -> (prompt, reprompt) from content/followups.yaml (the safety question for `sign`)."""
    data = read_yaml(content_dir / "followups.yaml")
    out: dict[str, tuple[str, str]] = {}
    for item in [data["screen"], *data["questions"]]:
        out[item["slot"]] = (item["prompt"], item["reprompt"])
    return out


def _fail(file: str, entry: str, reason: str) -> ModelSourceError:
    return ModelSourceError(f"{file}: {entry}: {reason}")


def build_model(locale: str, model_dir: Path | None = None, content_dir: Path | None = None) -> dict[str, Any]:
    """The interaction model for one locale, as the ASK console expects it."""
    model_dir = model_dir or paths.model_dir()
    content_dir = content_dir or paths.content_dir()
    common = read_yaml(_source_dir(model_dir) / "common.yaml")
    local_file = f"locales/{locale}.yaml"
    local = read_yaml(_source_dir(model_dir) / local_file)
    if not isinstance(local, Mapping) or not isinstance(local.get("invocation_name"), str):
        raise _fail(local_file, "invocation_name", "every locale needs an invocation name")
    extra_samples: Mapping[str, list[str]] = local.get("samples") or {}
    extra_synonyms: Mapping[str, Mapping[str, list[str]]] = local.get("synonyms") or {}
    overrides: Mapping[str, Mapping[str, str]] = local.get("value_names") or {}

    try:
        grammar = read_yaml(_source_dir(model_dir) / "grammar.yaml") or {}
        generated = samples_by_intent(grammar)
        pattern_synonyms = synonyms_by_type(grammar)
    except GrammarError as exc:
        raise ModelSourceError(str(exc)) from exc
    intent_names = {i["name"] for i in common["intents"]}
    for name in generated:
        if name not in intent_names:
            raise _fail("grammar.yaml", f"intents.{name}", "no such intent in common.yaml")
    for name in extra_samples:
        if name not in intent_names:
            raise _fail(local_file, f"samples.{name}", "no such intent in common.yaml")
    type_names = {t["name"] for t in common["types"]}
    for name in extra_synonyms:
        if name not in type_names:
            raise _fail(local_file, f"synonyms.{name}", "no such slot type in common.yaml")
    for name in pattern_synonyms:
        if name not in type_names:
            raise _fail("grammar.yaml", f"synonyms.{name}", "no such slot type in common.yaml")

    intents: list[dict[str, Any]] = []
    dialog_intents: list[dict[str, Any]] = []
    prompts: list[dict[str, Any]] = []
    questions = _question_prompts(content_dir)
    taken: dict[str, str] = {}
    for intent in common["intents"]:
        all_samples = [*intent.get("samples", []), *extra_samples.get(intent["name"], []), *generated.get(intent["name"], [])]
        if intent.get("free_words"):
            intent = _with_free_words(intent, all_samples)
            all_samples = intent["samples"]
        samples = _unique(all_samples, taken, intent["name"])
        out: dict[str, Any] = {"name": intent["name"], "samples": samples}
        slots = []
        for slot in intent.get("slots", []):
            entry: dict[str, Any] = {"name": slot["name"], "type": slot["type"]}
            if slot.get("multiple_values") and locale in MULTI_VALUE_LOCALES:
                entry["multipleValues"] = {"enabled": True}
            if slot.get("samples"):
                entry["samples"] = list(slot["samples"])
            slots.append(entry)
        if slots:
            out["slots"] = slots
        intents.append(out)
        if intent.get("dialog") == "elicit":
            dialog_slots = []
            for slot in intent["slots"]:
                if slot.get("never_asked") or slot["name"] == FREE_WORDS_SLOT:  # filled only when said
                    dialog_slots.append({
                        "name": slot["name"], "type": slot["type"],
                        "confirmationRequired": False, "elicitationRequired": False, "prompts": {},
                    })
                    continue
                if slot["name"] not in questions:
                    raise _fail("common.yaml", f"{intent['name']}.{slot['name']}", "no question in content/followups.yaml for this slot")
                prompt_id = _prompt_id(intent["name"], slot["name"])
                dialog_slots.append({
                    "name": slot["name"],
                    "type": slot["type"],
                    "confirmationRequired": False,
                    "elicitationRequired": True,
                    "prompts": {"elicitation": prompt_id},
                })
                prompt, reprompt = questions[slot["name"]]
                prompts.append({
                    "id": prompt_id,
                    "variations": [
                        {"type": "PlainText", "value": prompt},
                        {"type": "PlainText", "value": reprompt},
                    ],
                })
            dialog_intents.append({
                "name": intent["name"],
                "delegationStrategy": "SKILL_RESPONSE",
                "confirmationRequired": False,
                "prompts": {},
                "slots": dialog_slots,
            })

    types = []
    for slot_type in common["types"]:
        local_syn = extra_synonyms.get(slot_type["name"], {})
        grammar_syn = pattern_synonyms.get(slot_type["name"], {})
        known_ids = {v["id"] for v in slot_type["values"]}
        for value_id in local_syn:
            if value_id not in known_ids:
                raise _fail(local_file, f"synonyms.{slot_type['name']}.{value_id}", "no such value id")
        for value_id in grammar_syn:
            if value_id not in known_ids:
                raise _fail("grammar.yaml", f"synonyms.{slot_type['name']}.{value_id}", "no such value id")
        values = []
        for value in slot_type["values"]:
            name = overrides.get(slot_type["name"], {}).get(value["id"], value["name"])
            synonyms = list(dict.fromkeys([
                *value.get("synonyms", []), *grammar_syn.get(value["id"], []), *local_syn.get(value["id"], []),
            ]))
            if slot_type.get("third_person"):
                synonyms = _with_third_person(synonyms)
            synonyms = [s for s in synonyms if s != name]
            values.append({"id": value["id"], "name": {"value": name, "synonyms": synonyms}})
        types.append({"name": slot_type["name"], "values": values})

    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": local["invocation_name"],
                "intents": intents,
                "types": types,
            },
            "dialog": {"intents": dialog_intents, "delegationStrategy": "SKILL_RESPONSE"},
            "prompts": prompts,
        }
    }


_MY = re.compile(r"\bmy\b")


def _with_third_person(synonyms: list[str]) -> list[str]:
    """Each "my …" wording also as "his …" and "her …": people report what they see in others."""
    out = list(synonyms)
    for said in synonyms:
        if _MY.search(said):
            out += [_MY.sub("his", said), _MY.sub("her", said)]
    return list(dict.fromkeys(out))


def _unique(samples: list[str], taken: dict[str, str], intent: str) -> list[str]:
    """The samples once each; a sample another intent already has is an error in the source."""
    out: list[str] = []
    for sample in samples:
        key = " ".join(sample.lower().split())
        owner = taken.get(key)
        if owner == intent:
            continue
        if owner is not None:
            raise _fail("grammar.yaml or common.yaml", intent, f"sample {sample!r} is also a sample of {owner}")
        taken[key] = intent
        out.append(sample)
    return out


def render(model: Mapping[str, Any]) -> str:
    return json.dumps(model, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skill.ship.modelgen", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a generated JSON is stale")
    args = parser.parse_args(argv)
    model_dir = paths.model_dir()
    stale = []
    try:
        for locale in source_locales(model_dir):
            text = render(build_model(locale, model_dir))
            target = model_dir / f"{locale}.json"
            if args.check:
                if not target.exists() or target.read_text(encoding="utf-8") != text:
                    stale.append(target.name)
            else:
                target.write_text(text, encoding="utf-8")
                print(f"wrote {target.relative_to(paths.project_root())}")
    except (ModelSourceError, ContentError, KeyError, TypeError) as exc:
        print(f"modelgen: {exc}", file=sys.stderr)
        return 1
    if stale:
        print(f"modelgen: stale, run `python -m skill.ship.modelgen`: {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
