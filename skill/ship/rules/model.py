"""Rules for one interaction model (`interaction_model/<locale>.json`): invocation name,
sample utterances, slot types and values, required built-in intents, dialog references."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from skill.ship.rules.findings import Collector, Finding, as_dict, as_list, normalize

# Alexa words that cannot be part of an invocation name: wake words, launch
# phrases and connecting words the service uses to parse "Alexa, ask X to ...".
FORBIDDEN_INVOCATION_WORDS: frozenset[str] = frozenset(
    {
        "alexa", "amazon", "echo", "computer", "ziggy", "skill", "app",
        "launch", "ask", "tell", "open", "load", "begin", "start", "enable",
        "play", "resume", "run", "use", "talk",
        "to", "from", "by", "if", "and", "whether",
    }
)
REQUIRED_INTENTS: tuple[str, ...] = (
    "AMAZON.HelpIntent",
    "AMAZON.CancelIntent",
    "AMAZON.StopIntent",
    "AMAZON.NavigateHomeIntent",
)
WANTED_INTENTS: tuple[str, ...] = ("AMAZON.FallbackIntent",)

# Interaction model limits, kept with margin. A slot value or synonym may hold at most 140
# characters (the console's "Slot value length exceeds the limit of 140 characters"); a
# skill may hold 50,000 custom slot values in all; saves were reported to fail near 200 KB
# of samples and values, so the whole model stays under that.
SLOT_VALUE_MAX_CHARS = 140
SLOT_VALUES_MAX = 50_000
SAMPLE_MAX_CHARS = 200
MODEL_BUDGET_CHARS = 200_000
_ADJACENT_SLOTS = re.compile(r"\}\s*\{")

_SLOT_RE = re.compile(r"\{([^{}]*)\}")
# Letters of any script, spaces, and the punctuation the console accepts in a
# sample: periods (abbreviations), apostrophes (possessives) and hyphens. Digits
# must be spelled out.
_SAMPLE_TEXT_RE = re.compile(r"^[^\W\d_]*(?:[ .'\-][^\W\d_]*)*$")
_INVOCATION_RE = re.compile(r"^[a-z]+(?: [a-z]+)*$")


def check_model(
    model: Mapping[str, Any], file: str, elicitation_intents: Iterable[str] = ()
) -> list[Finding]:
    """Check one interaction model document (`interaction_model/<locale>.json`)."""
    out = Collector(file)
    root = as_dict(model.get("interactionModel"))
    language = as_dict(root.get("languageModel"))
    base = "$.interactionModel.languageModel"
    if not language:
        out.error("model-structure", base, "missing languageModel")
        return out.findings
    _check_invocation(out, language.get("invocationName"), f"{base}.invocationName")
    intents = _intents_by_name(out, language, base)
    types = _check_types(out, language, base)
    _check_samples(out, language, base, set(types), set(elicitation_intents))
    _check_required_intents(out, intents, f"{base}.intents")
    _check_dialog(out, root, intents)
    _check_limits(out, language, base)
    return out.findings


def _check_limits(out: Collector, language: Mapping[str, Any], base: str) -> None:
    """Sizes Alexa rejects: long values and samples, too many values, too big a model."""
    count = 0
    size = 0
    for t, slot_type in enumerate(as_list(language.get("types"))):
        for v, entry in enumerate(as_list(as_dict(slot_type).get("values"))):
            name = as_dict(as_dict(entry).get("name"))
            for said in [name.get("value"), *as_list(name.get("synonyms"))]:
                count += 1
                size += len(str(said))
                if len(str(said)) > SLOT_VALUE_MAX_CHARS:
                    out.error("model-limits", f"{base}.types[{t}].values[{v}]", f"{said!r} is longer than {SLOT_VALUE_MAX_CHARS} characters")
    if count > SLOT_VALUES_MAX:
        out.error("model-limits", f"{base}.types", f"{count} slot values and synonyms; the limit is {SLOT_VALUES_MAX}")
    for i, intent in enumerate(as_list(language.get("intents"))):
        samples = list(as_list(as_dict(intent).get("samples")))
        for slot in as_list(as_dict(intent).get("slots")):
            samples += as_list(as_dict(slot).get("samples"))
        for sample in samples:
            size += len(str(sample))
            if len(str(sample)) > SAMPLE_MAX_CHARS:
                out.error("model-limits", f"{base}.intents[{i}].samples", f"{sample!r} is longer than {SAMPLE_MAX_CHARS} characters")
            if _ADJACENT_SLOTS.search(str(sample)):
                out.error("utterance-adjacent-slots", f"{base}.intents[{i}]", f"{as_dict(intent).get('name')}: sample {sample!r} has two slots with no word between them")
    if size > MODEL_BUDGET_CHARS:
        out.error("model-limits", base, f"samples and slot values hold {size} characters; keep them under {MODEL_BUDGET_CHARS}")


def _check_invocation(out: Collector, name: Any, path: str) -> None:
    if not isinstance(name, str) or not name:
        out.error("invocation-name", path, "invocation name is missing")
        return
    if not _INVOCATION_RE.match(name):
        out.error(
            "invocation-name", path,
            f"invocation name {name!r} may hold only lowercase letters and single spaces",
        )
    words = name.split()
    if len(words) < 2:
        out.error("invocation-name", path, f"invocation name {name!r} needs at least two words")
    banned = [w for w in words if w in FORBIDDEN_INVOCATION_WORDS]
    if banned:
        out.error(
            "invocation-name", path,
            f"invocation name {name!r} contains launch or wake words: {', '.join(banned)}",
        )


def _intents_by_name(
    out: Collector, language: Mapping[str, Any], base: str
) -> dict[str, Mapping[str, Any]]:
    intents: dict[str, Mapping[str, Any]] = {}
    for i, intent in enumerate(as_list(language.get("intents"))):
        name = as_dict(intent).get("name")
        if not isinstance(name, str) or not name:
            out.error("model-structure", f"{base}.intents[{i}].name", "intent has no name")
            continue
        if name in intents:
            out.error("model-structure", f"{base}.intents[{i}].name", f"intent {name} is declared twice")
        intents[name] = intent
    return intents


def _check_types(
    out: Collector, language: Mapping[str, Any], base: str
) -> dict[str, Mapping[str, Any]]:
    types: dict[str, Mapping[str, Any]] = {}
    for t, slot_type in enumerate(as_list(language.get("types"))):
        tpath = f"{base}.types[{t}]"
        name = str(as_dict(slot_type).get("name", ""))
        types[name] = slot_type
        seen_values: dict[str, int] = {}
        seen_ids: dict[str, int] = {}
        for v, entry in enumerate(as_list(as_dict(slot_type).get("values"))):
            vpath = f"{tpath}.values[{v}].name"
            value_name = as_dict(as_dict(entry).get("name"))
            value = str(value_name.get("value", ""))
            key = normalize(value)
            if not key:
                out.error("slot-value-duplicate", f"{vpath}.value", f"slot type {name} has an empty value")
            elif key in seen_values:
                out.error(
                    "slot-value-duplicate", f"{vpath}.value",
                    f"slot type {name}: value {value!r} repeats values[{seen_values[key]}]",
                )
            else:
                seen_values[key] = v
            value_id = as_dict(entry).get("id")
            if value_id is not None:
                if value_id in seen_ids:
                    out.error(
                        "slot-id-duplicate", f"{tpath}.values[{v}].id",
                        f"slot type {name}: id {value_id!r} repeats values[{seen_ids[value_id]}]",
                    )
                else:
                    seen_ids[value_id] = v
    used: set[str] = set()
    for intent in as_list(language.get("intents")):
        for slot in as_list(as_dict(intent).get("slots")):
            used.add(str(as_dict(slot).get("type", "")))
    for t, name in enumerate(types):
        if name not in used:
            out.error(
                "slot-type-unused", f"{base}.types[{t}]",
                f"custom slot type {name} is not used by any slot",
            )
    return types


def _check_samples(
    out: Collector,
    language: Mapping[str, Any],
    base: str,
    custom_types: set[str],
    elicitation_intents: set[str],
) -> None:
    first_seen: dict[str, tuple[str, str]] = {}
    for i, intent in enumerate(as_list(language.get("intents"))):
        intent = as_dict(intent)
        iname = str(intent.get("name", ""))
        ipath = f"{base}.intents[{i}]"
        slots = {str(as_dict(s).get("name")): as_dict(s) for s in as_list(intent.get("slots"))}
        for s, slot in enumerate(as_list(intent.get("slots"))):
            stype = str(as_dict(slot).get("type", ""))
            if not stype.startswith("AMAZON.") and stype not in custom_types:
                out.error(
                    "slot-type-missing", f"{ipath}.slots[{s}].type",
                    f"slot {as_dict(slot).get('name')} of {iname} uses undeclared type {stype!r}",
                )
            for k, sample in enumerate(as_list(as_dict(slot).get("samples"))):
                _check_one_sample(
                    out, str(sample), f"{ipath}.slots[{s}].samples[{k}]", iname, slots,
                    None, elicitation_allowed=True,
                )
        for k, sample in enumerate(as_list(intent.get("samples"))):
            _check_one_sample(
                out, str(sample), f"{ipath}.samples[{k}]", iname, slots,
                first_seen, elicitation_allowed=iname in elicitation_intents,
            )


def _check_one_sample(
    out: Collector,
    sample: str,
    path: str,
    intent: str,
    slots: Mapping[str, Any],
    first_seen: dict[str, tuple[str, str]] | None,
    elicitation_allowed: bool,
) -> None:
    text_only = _SLOT_RE.sub(" ", sample)
    if "{" in text_only or "}" in text_only:
        out.error("utterance-characters", path, f"{intent}: sample {sample!r} has an unbalanced brace")
    elif not _SAMPLE_TEXT_RE.match(" ".join(text_only.split())):
        out.error(
            "utterance-characters", path,
            f"{intent}: sample {sample!r} may hold only letters, spaces, periods, "
            "apostrophes and hyphens (spell numbers out)",
        )
    for ref in _SLOT_RE.findall(sample):
        if ref not in slots:
            out.error(
                "utterance-undeclared-slot", path,
                f"{intent}: sample {sample!r} uses slot {{{ref}}}, which {intent} does not declare",
            )
    if not text_only.strip() and _SLOT_RE.search(sample) and not elicitation_allowed:
        out.error(
            "utterance-only-slot", path,
            f"{intent}: sample {sample!r} is only a slot; list {intent} under "
            "elicitation_intents in interaction_model/validate.yaml if it is meant for "
            "answers to a dialog question",
        )
    if first_seen is None:
        return
    key = normalize(sample)
    if key in first_seen:
        other_intent, other_path = first_seen[key]
        where = "again in the same intent" if other_intent == intent else f"also in {other_intent}"
        out.error(
            "utterance-duplicate", path,
            f"{intent}: sample {sample!r} appears {where} ({other_path})",
        )
    else:
        first_seen[key] = (intent, path)


def _check_required_intents(
    out: Collector, intents: Mapping[str, Any], path: str
) -> None:
    for name in REQUIRED_INTENTS:
        if name not in intents:
            out.error("required-intent", path, f"required built-in intent {name} is missing")
    for name in WANTED_INTENTS:
        if name not in intents:
            out.warning("required-intent", path, f"built-in intent {name} is missing")


def _check_dialog(out: Collector, root: Mapping[str, Any], intents: Mapping[str, Any]) -> None:
    prompts = as_list(root.get("prompts"))
    prompt_ids: set[str] = set()
    for p, prompt in enumerate(prompts):
        pid = as_dict(prompt).get("id")
        if not isinstance(pid, str) or not pid:
            out.error("prompt-reference", f"$.interactionModel.prompts[{p}].id", "prompt has no id")
            continue
        if pid in prompt_ids:
            out.error("prompt-reference", f"$.interactionModel.prompts[{p}].id", f"prompt id {pid} is declared twice")
        prompt_ids.add(pid)
    used_prompts: set[str] = set()

    def ref(prompt_id: Any, path: str, what: str) -> None:
        used_prompts.add(str(prompt_id))
        if prompt_id not in prompt_ids:
            out.error("prompt-reference", path, f"{what} refers to prompt id {prompt_id!r}, which is not in prompts")

    for d, dintent in enumerate(as_list(as_dict(root.get("dialog")).get("intents"))):
        dpath = f"$.interactionModel.dialog.intents[{d}]"
        dintent = as_dict(dintent)
        iname = dintent.get("name")
        if iname not in intents:
            out.error("dialog-reference", f"{dpath}.name", f"dialog intent {iname!r} is not in languageModel.intents")
            declared: set[str] = set()
        else:
            declared = {str(as_dict(s).get("name")) for s in as_list(as_dict(intents[iname]).get("slots"))}
        for key, prompt_id in as_dict(dintent.get("prompts")).items():
            ref(prompt_id, f"{dpath}.prompts.{key}", f"dialog intent {iname}")
        for s, dslot in enumerate(as_list(dintent.get("slots"))):
            spath = f"{dpath}.slots[{s}]"
            dslot = as_dict(dslot)
            sname = dslot.get("name")
            if iname in intents and sname not in declared:
                out.error("dialog-reference", f"{spath}.name", f"dialog slot {sname!r} is not a slot of {iname}")
            slot_prompts = as_dict(dslot.get("prompts"))
            for key, prompt_id in slot_prompts.items():
                ref(prompt_id, f"{spath}.prompts.{key}", f"slot {iname}.{sname}")
            if dslot.get("elicitationRequired") and "elicitation" not in slot_prompts:
                out.error(
                    "dialog-reference", f"{spath}.prompts",
                    f"slot {iname}.{sname} requires elicitation but names no elicitation prompt",
                )
            if dslot.get("confirmationRequired") and "confirmation" not in slot_prompts:
                out.error(
                    "dialog-reference", f"{spath}.prompts",
                    f"slot {iname}.{sname} requires confirmation but names no confirmation prompt",
                )
            for v, validation in enumerate(as_list(dslot.get("validations"))):
                if "prompt" in as_dict(validation):
                    ref(as_dict(validation)["prompt"], f"{spath}.validations[{v}].prompt", f"validation of {iname}.{sname}")
    for p, prompt in enumerate(prompts):
        pid = as_dict(prompt).get("id")
        if isinstance(pid, str) and pid not in used_prompts:
            out.warning("prompt-reference", f"$.interactionModel.prompts[{p}]", f"prompt {pid} is never used")


def invocation_name(model: Mapping[str, Any]) -> str:
    return str(as_dict(as_dict(model.get("interactionModel")).get("languageModel")).get("invocationName", ""))


def sample_patterns(model: Mapping[str, Any]) -> list[re.Pattern[str]]:
    """Each intent sample as a regex where a slot stands for one or more words."""
    patterns: list[re.Pattern[str]] = []
    language = as_dict(as_dict(model.get("interactionModel")).get("languageModel"))
    for intent in as_list(language.get("intents")):
        for sample in as_list(as_dict(intent).get("samples")):
            parts = _SLOT_RE.split(normalize(str(sample)))
            regex = "".join(
                re.escape(part) if k % 2 == 0 else r"[\w' .\-]+" for k, part in enumerate(parts)
            )
            patterns.append(_compiled(regex))
    return patterns


@functools.lru_cache(maxsize=None)
def _compiled(regex: str) -> re.Pattern[str]:
    """Compiled once per process: the locales share most samples, and re's own cache
    (512 entries) is far smaller than one model's samples, so every `validate` and
    `build` compiled thousands of them again for each locale."""
    return re.compile(regex)


