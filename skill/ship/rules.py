"""Offline checks for what Alexa certification and the ASK console reject.

Pure functions over already-parsed JSON documents: interaction models
(`interaction_model/<locale>.json`), the skill manifest (`skill.json`) and the
content (through `skill.content.load_content`). Each problem is a `Finding` that
names the file, the JSON path and what is wrong. Errors block a deploy; warnings
do not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning"]

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
LAUNCH_PHRASES: tuple[str, ...] = (
    "ask", "tell", "open", "launch", "start", "begin", "talk to", "use", "load", "run",
)
CONNECTING_WORDS: tuple[str, ...] = (
    "to", "for", "about", "if", "whether", "that", "and", "from",
)
DISCLAIMER = "not a substitute for professional medical advice"
# Publishing limits of the skill manifest (Skill Manifest Schema).
NAME_MAX = 50
SUMMARY_MAX = 160
DESCRIPTION_MAX = 4000
EXAMPLE_PHRASES_MAX = 3
KEYWORDS_MAX = 30
CATEGORIES: frozenset[str] = frozenset(
    {
        "HEALTH_AND_FITNESS", "LIFESTYLE", "EDUCATION_AND_REFERENCE", "MEDICAL",
        "SELF_IMPROVEMENT", "WELLNESS", "NOVELTY_AND_HUMOR", "PRODUCTIVITY",
        "FAMILY_AND_KIDS", "GAMES_AND_TRIVIA", "KNOWLEDGE_AND_TRIVIA", "MUSIC_AND_AUDIO",
        "NEWS", "SOCIAL", "SPORTS", "TRAVEL_AND_TRANSPORTATION", "UTILITIES", "WEATHER",
    }
)

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


@dataclass(frozen=True)
class Finding:
    severity: Severity
    rule: str
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.file}: {self.path}: {self.message} [{self.rule}]"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


class _Collector:
    """Accumulates findings for one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.findings: list[Finding] = []

    def error(self, rule: str, path: str, message: str) -> None:
        self.findings.append(Finding("error", rule, self.file, path, message))

    def warning(self, rule: str, path: str, message: str) -> None:
        self.findings.append(Finding("warning", rule, self.file, path, message))


def normalize(text: str) -> str:
    """Lower-case, drop sentence punctuation and collapse spaces, for comparisons."""
    text = text.lower().replace(",", " ")
    text = re.sub(r"[?!;:]", " ", text).strip().rstrip(".")
    return " ".join(text.split())


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# --------------------------------------------------------------------------- model


def check_model(
    model: Mapping[str, Any], file: str, elicitation_intents: Iterable[str] = ()
) -> list[Finding]:
    """Check one interaction model document (`interaction_model/<locale>.json`)."""
    out = _Collector(file)
    root = _dict(model.get("interactionModel"))
    language = _dict(root.get("languageModel"))
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


def _check_limits(out: _Collector, language: Mapping[str, Any], base: str) -> None:
    """Sizes Alexa rejects: long values and samples, too many values, too big a model."""
    count = 0
    size = 0
    for t, slot_type in enumerate(_list(language.get("types"))):
        for v, entry in enumerate(_list(_dict(slot_type).get("values"))):
            name = _dict(_dict(entry).get("name"))
            for said in [name.get("value"), *_list(name.get("synonyms"))]:
                count += 1
                size += len(str(said))
                if len(str(said)) > SLOT_VALUE_MAX_CHARS:
                    out.error("model-limits", f"{base}.types[{t}].values[{v}]", f"{said!r} is longer than {SLOT_VALUE_MAX_CHARS} characters")
    if count > SLOT_VALUES_MAX:
        out.error("model-limits", f"{base}.types", f"{count} slot values and synonyms; the limit is {SLOT_VALUES_MAX}")
    for i, intent in enumerate(_list(language.get("intents"))):
        samples = list(_list(_dict(intent).get("samples")))
        for slot in _list(_dict(intent).get("slots")):
            samples += _list(_dict(slot).get("samples"))
        for k, sample in enumerate(samples):
            size += len(str(sample))
            if len(str(sample)) > SAMPLE_MAX_CHARS:
                out.error("model-limits", f"{base}.intents[{i}].samples", f"{sample!r} is longer than {SAMPLE_MAX_CHARS} characters")
            if _ADJACENT_SLOTS.search(str(sample)):
                out.error("utterance-adjacent-slots", f"{base}.intents[{i}]", f"{_dict(intent).get('name')}: sample {sample!r} has two slots with no word between them")
    if size > MODEL_BUDGET_CHARS:
        out.error("model-limits", base, f"samples and slot values hold {size} characters; keep them under {MODEL_BUDGET_CHARS}")


def _check_invocation(out: _Collector, name: Any, path: str) -> None:
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
    out: _Collector, language: Mapping[str, Any], base: str
) -> dict[str, Mapping[str, Any]]:
    intents: dict[str, Mapping[str, Any]] = {}
    for i, intent in enumerate(_list(language.get("intents"))):
        name = _dict(intent).get("name")
        if not isinstance(name, str) or not name:
            out.error("model-structure", f"{base}.intents[{i}].name", "intent has no name")
            continue
        if name in intents:
            out.error("model-structure", f"{base}.intents[{i}].name", f"intent {name} is declared twice")
        intents[name] = intent
    return intents


def _check_types(
    out: _Collector, language: Mapping[str, Any], base: str
) -> dict[str, Mapping[str, Any]]:
    types: dict[str, Mapping[str, Any]] = {}
    for t, slot_type in enumerate(_list(language.get("types"))):
        tpath = f"{base}.types[{t}]"
        name = str(_dict(slot_type).get("name", ""))
        types[name] = slot_type
        seen_values: dict[str, int] = {}
        seen_ids: dict[str, int] = {}
        for v, entry in enumerate(_list(_dict(slot_type).get("values"))):
            vpath = f"{tpath}.values[{v}].name"
            value_name = _dict(_dict(entry).get("name"))
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
            value_id = _dict(entry).get("id")
            if value_id is not None:
                if value_id in seen_ids:
                    out.error(
                        "slot-id-duplicate", f"{tpath}.values[{v}].id",
                        f"slot type {name}: id {value_id!r} repeats values[{seen_ids[value_id]}]",
                    )
                else:
                    seen_ids[value_id] = v
    used: set[str] = set()
    for intent in _list(language.get("intents")):
        for slot in _list(_dict(intent).get("slots")):
            used.add(str(_dict(slot).get("type", "")))
    for t, name in enumerate(types):
        if name not in used:
            out.error(
                "slot-type-unused", f"{base}.types[{t}]",
                f"custom slot type {name} is not used by any slot",
            )
    return types


def _check_samples(
    out: _Collector,
    language: Mapping[str, Any],
    base: str,
    custom_types: set[str],
    elicitation_intents: set[str],
) -> None:
    first_seen: dict[str, tuple[str, str]] = {}
    for i, intent in enumerate(_list(language.get("intents"))):
        intent = _dict(intent)
        iname = str(intent.get("name", ""))
        ipath = f"{base}.intents[{i}]"
        slots = {str(_dict(s).get("name")): _dict(s) for s in _list(intent.get("slots"))}
        for s, slot in enumerate(_list(intent.get("slots"))):
            stype = str(_dict(slot).get("type", ""))
            if not stype.startswith("AMAZON.") and stype not in custom_types:
                out.error(
                    "slot-type-missing", f"{ipath}.slots[{s}].type",
                    f"slot {_dict(slot).get('name')} of {iname} uses undeclared type {stype!r}",
                )
            for k, sample in enumerate(_list(_dict(slot).get("samples"))):
                _check_one_sample(
                    out, str(sample), f"{ipath}.slots[{s}].samples[{k}]", iname, slots,
                    None, elicitation_allowed=True,
                )
        for k, sample in enumerate(_list(intent.get("samples"))):
            _check_one_sample(
                out, str(sample), f"{ipath}.samples[{k}]", iname, slots,
                first_seen, elicitation_allowed=iname in elicitation_intents,
            )


def _check_one_sample(
    out: _Collector,
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
    out: _Collector, intents: Mapping[str, Any], path: str
) -> None:
    for name in REQUIRED_INTENTS:
        if name not in intents:
            out.error("required-intent", path, f"required built-in intent {name} is missing")
    for name in WANTED_INTENTS:
        if name not in intents:
            out.warning("required-intent", path, f"built-in intent {name} is missing")


def _check_dialog(out: _Collector, root: Mapping[str, Any], intents: Mapping[str, Any]) -> None:
    prompts = _list(root.get("prompts"))
    prompt_ids: set[str] = set()
    for p, prompt in enumerate(prompts):
        pid = _dict(prompt).get("id")
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

    for d, dintent in enumerate(_list(_dict(root.get("dialog")).get("intents"))):
        dpath = f"$.interactionModel.dialog.intents[{d}]"
        dintent = _dict(dintent)
        iname = dintent.get("name")
        if iname not in intents:
            out.error("dialog-reference", f"{dpath}.name", f"dialog intent {iname!r} is not in languageModel.intents")
            declared: set[str] = set()
        else:
            declared = {str(_dict(s).get("name")) for s in _list(_dict(intents[iname]).get("slots"))}
        for key, prompt_id in _dict(dintent.get("prompts")).items():
            ref(prompt_id, f"{dpath}.prompts.{key}", f"dialog intent {iname}")
        for s, dslot in enumerate(_list(dintent.get("slots"))):
            spath = f"{dpath}.slots[{s}]"
            dslot = _dict(dslot)
            sname = dslot.get("name")
            if iname in intents and sname not in declared:
                out.error("dialog-reference", f"{spath}.name", f"dialog slot {sname!r} is not a slot of {iname}")
            slot_prompts = _dict(dslot.get("prompts"))
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
            for v, validation in enumerate(_list(dslot.get("validations"))):
                if "prompt" in _dict(validation):
                    ref(_dict(validation)["prompt"], f"{spath}.validations[{v}].prompt", f"validation of {iname}.{sname}")
    for p, prompt in enumerate(prompts):
        pid = _dict(prompt).get("id")
        if isinstance(pid, str) and pid not in used_prompts:
            out.warning("prompt-reference", f"$.interactionModel.prompts[{p}]", f"prompt {pid} is never used")


def invocation_name(model: Mapping[str, Any]) -> str:
    return str(_dict(_dict(model.get("interactionModel")).get("languageModel")).get("invocationName", ""))


def sample_patterns(model: Mapping[str, Any]) -> list[re.Pattern[str]]:
    """Each intent sample as a regex where a slot stands for one or more words."""
    patterns: list[re.Pattern[str]] = []
    language = _dict(_dict(model.get("interactionModel")).get("languageModel"))
    for intent in _list(language.get("intents")):
        for sample in _list(_dict(intent).get("samples")):
            parts = _SLOT_RE.split(normalize(str(sample)))
            regex = "".join(
                re.escape(part) if k % 2 == 0 else r"[\w' .\-]+" for k, part in enumerate(parts)
            )
            patterns.append(re.compile(regex))
    return patterns


# ------------------------------------------------------------------------ manifest


def check_manifest(
    manifest: Mapping[str, Any],
    file: str,
    models: Mapping[str, Mapping[str, Any]],
    endpoint_required: bool = True,
) -> list[Finding]:
    """Check a `skill.json` against the interaction models it ships with (by locale)."""
    out = _Collector(file)
    body = _dict(manifest.get("manifest"))
    if not body:
        out.error("manifest-field", "$.manifest", "manifest object is missing")
        return out.findings
    if body.get("manifestVersion") != "1.0":
        out.error("manifest-field", "$.manifest.manifestVersion", "manifestVersion must be \"1.0\"")
    publishing = _dict(body.get("publishingInformation"))
    ppath = "$.manifest.publishingInformation"
    category = publishing.get("category")
    if category not in CATEGORIES:
        out.error("manifest-field", f"{ppath}.category", f"category {category!r} is not a known Alexa category")
    if not publishing.get("isAvailableWorldwide") and not _list(publishing.get("distributionCountries")):
        out.error(
            "manifest-field", f"{ppath}.distributionCountries",
            "skill is not available worldwide but lists no distribution countries",
        )
    locales = _dict(publishing.get("locales"))
    for locale in sorted(set(models) - set(locales)):
        out.error("manifest-field", f"{ppath}.locales", f"locale {locale} has an interaction model but no listing")
    for locale in sorted(set(locales) - set(models)):
        out.error("manifest-field", f"{ppath}.locales.{locale}", f"locale {locale} is listed but has no interaction model")
    for locale, listing in sorted(locales.items()):
        _check_listing(out, _dict(listing), f"{ppath}.locales.{locale}", models.get(locale))
    _check_privacy(out, _dict(body.get("privacyAndCompliance")), set(locales))
    _check_endpoint(out, _dict(_dict(body.get("apis")).get("custom")), endpoint_required)
    return out.findings


def _check_text(out: _Collector, value: Any, path: str, label: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        out.error("manifest-field", path, f"{label} is missing")
        return ""
    if len(value) > limit:
        out.error("manifest-field", path, f"{label} is {len(value)} characters; the limit is {limit}")
    return value


def _check_listing(
    out: _Collector, listing: Mapping[str, Any], path: str, model: Mapping[str, Any] | None
) -> None:
    _check_text(out, listing.get("name"), f"{path}.name", "name", NAME_MAX)
    _check_text(out, listing.get("summary"), f"{path}.summary", "summary", SUMMARY_MAX)
    description = _check_text(out, listing.get("description"), f"{path}.description", "description", DESCRIPTION_MAX)
    if description and DISCLAIMER not in " ".join(description.lower().split()):
        out.error(
            "manifest-disclaimer", f"{path}.description",
            f"a health skill's description must say it is {DISCLAIMER!r}",
        )
    keywords = _list(listing.get("keywords"))
    if len(keywords) > KEYWORDS_MAX:
        out.error("manifest-field", f"{path}.keywords", f"{len(keywords)} keywords; the limit is {KEYWORDS_MAX}")
    for key in ("smallIconUri", "largeIconUri"):
        uri = listing.get(key)
        if not uri:
            out.warning("manifest-icons", f"{path}.{key}", f"{key} is not set; certification needs it before submission")
        elif not str(uri).startswith("https://"):
            out.error("manifest-icons", f"{path}.{key}", f"{key} must be an https URL")
    phrases = _list(listing.get("examplePhrases"))
    if not phrases:
        out.error("example-phrase", f"{path}.examplePhrases", "at least one example phrase is needed")
    if len(phrases) > EXAMPLE_PHRASES_MAX:
        out.error(
            "example-phrase", f"{path}.examplePhrases",
            f"{len(phrases)} example phrases; the limit is {EXAMPLE_PHRASES_MAX}",
        )
    if model is None:
        return
    name = invocation_name(model)
    patterns = sample_patterns(model)
    for k, phrase in enumerate(phrases):
        problem = example_phrase_problem(str(phrase), name, patterns, first=k == 0)
        if problem:
            out.error("example-phrase", f"{path}.examplePhrases[{k}]", problem)


def example_phrase_problem(
    phrase: str, invocation: str, patterns: list[re.Pattern[str]], first: bool = False
) -> str | None:
    """Why an example phrase would fail certification, or None when it is fine."""
    text = normalize(phrase)
    launch = "|".join(re.escape(p) for p in LAUNCH_PHRASES)
    match = re.match(rf"^alexa (?P<launch>{launch}) (?P<rest>.*)$", text)
    if not match:
        return f"{phrase!r} must start with 'Alexa,' and a launch phrase ({', '.join(LAUNCH_PHRASES)})"
    rest = match.group("rest")
    if rest != invocation and not rest.startswith(invocation + " "):
        return f"{phrase!r} must name the invocation name {invocation!r} right after the launch phrase"
    request = rest[len(invocation):].strip()
    if not request:
        return None
    if first:
        return f"{phrase!r}: the first example phrase must only open the skill ('Alexa, open {invocation}')"
    variants = [request]
    for word in CONNECTING_WORDS:
        if request.startswith(word + " "):
            variants.append(request[len(word) + 1:])
    if any(p.fullmatch(v) for p in patterns for v in variants):
        return None
    return f"{phrase!r}: {request!r} does not match any sample utterance"


def _check_privacy(out: _Collector, privacy: Mapping[str, Any], locales: set[str]) -> None:
    path = "$.manifest.privacyAndCompliance"
    if not privacy:
        out.error("manifest-field", path, "privacyAndCompliance is missing")
        return
    for key in ("allowsPurchases", "usesPersonalInfo", "isChildDirected", "isExportCompliant", "containsAds"):
        if not isinstance(privacy.get(key), bool):
            out.error("manifest-field", f"{path}.{key}", f"{key} must be true or false")
    per_locale = _dict(privacy.get("locales"))
    for locale in sorted(locales):
        urls = _dict(per_locale.get(locale))
        for key in ("privacyPolicyUrl", "termsOfUseUrl"):
            url = urls.get(key)
            if not isinstance(url, str) or not url.startswith("https://"):
                out.error(
                    "manifest-field", f"{path}.locales.{locale}.{key}",
                    f"{key} must be an https URL (set it in content/manifest.yaml or with --{_flag(key)})",
                )


def _flag(key: str) -> str:
    return "privacy-url" if key == "privacyPolicyUrl" else "terms-url"


def _check_endpoint(out: _Collector, custom: Mapping[str, Any], required: bool) -> None:
    path = "$.manifest.apis.custom.endpoint"
    endpoint = _dict(custom.get("endpoint"))
    uri = endpoint.get("uri")
    if not uri:
        if required:
            out.error("endpoint", path, "no endpoint: give a Lambda ARN or an HTTPS URL")
        else:
            out.warning(
                "endpoint", path,
                "no endpoint yet: `ask deploy` fills in the Lambda it creates "
                "(build with --lambda-arn or --endpoint https to pin one)",
            )
        return
    uri = str(uri)
    if uri.startswith("arn:"):
        if not re.match(r"^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w-]+)?$", uri):
            out.error("endpoint", f"{path}.uri", f"{uri!r} is not a Lambda function ARN")
    elif uri.startswith("https://"):
        if endpoint.get("sslCertificateType") not in ("Wildcard", "SelfSigned", "Trusted"):
            out.error(
                "endpoint", f"{path}.sslCertificateType",
                "an HTTPS endpoint needs sslCertificateType Wildcard, SelfSigned or Trusted",
            )
    else:
        out.error("endpoint", f"{path}.uri", f"{uri!r} is neither a Lambda ARN nor an https URL")


# ------------------------------------------------------------------------- content


def check_content(locales: Iterable[str], load: Callable[[str], object]) -> list[Finding]:
    """Load the content for each locale; a ContentError becomes an error finding."""
    findings: list[Finding] = []
    for locale in locales:
        try:
            load(locale)
        except Exception as exc:  # ContentError and YAML errors carry file/entry/reason
            file = str(getattr(exc, "file", "content"))
            entry = getattr(exc, "entry", None)
            reason = getattr(exc, "reason", None) or str(exc)
            findings.append(
                Finding("error", "content", file, str(entry or "$"), f"{locale}: {reason}")
            )
    return findings


def relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)
