"""Loading `content/*.yaml` into typed, validated records, once per process.

Everything the skill says about legs, and every prompt, lives in YAML. This module turns
those files into frozen dataclasses once per process and checks them: a missing field, an
unknown slot value, a reference to a cause that does not exist or an entry without
`sources:` stops the load with a `ContentError` naming the file, the entry and the
problem.

Locales: `content/locales.yaml` holds each locale's emergency and advice numbers, and
`content/locales/<locale>/<file>.yaml` may replace single spoken texts of a base file by
their dotted path (`tiers.same_day.after`, `prompts.goodbye`, `sign.bladder_bowel`), for
spelling and local services. Anything not overridden falls back to the base (en-US) text.
An override must keep the base text's placeholders, may only say its own locale's numbers,
and is checked like the base text; its errors name the override file.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Mapping

from skill import paths
from skill.content import snapshot
from skill.content.danger import load_danger_words
from skill.content.entries import _conditions, _Entry, _list_of_entries, _parse_yaml, read_yaml
from skill.content.errors import ContentError
from skill.content.overrides import _Source
from skill.content.phones import phone_numbers
from skill.content.records import (
    DEFAULT_LOCALE,
    SLOTS,
    TIERS,
    Cause,
    Content,
    Locale,
    Pattern,
    Phrases,
    SayBack,
    Question,
    RedFlag,
    Remedy,
    Tier,
)

LOCALES_FILE = "locales.yaml"


# --------------------------------------------------------------------------- file loaders


def _load_locale(directory: Path, code: str) -> Locale:
    file = LOCALES_FILE
    data = read_yaml(directory / file)
    table = data.get("locales") if isinstance(data, Mapping) else None
    if not isinstance(table, Mapping) or not table:
        raise ContentError(file, "locales", "the file needs a `locales:` mapping")
    if code not in table:
        raise ContentError(file, code, "no entry for this locale")
    entry = _Entry(file, code, table[code])

    def number_list(key: str, *, required: bool) -> tuple[str, ...]:
        raw = entry.data.get(key, None if required else [])
        if not isinstance(raw, list) or (required and not raw) or not all(isinstance(n, str) for n in raw):
            raise entry.fail(f"`{key}` must be a list of phone numbers written as strings")
        for number in raw:
            if phone_numbers(number) != (number,):
                raise entry.fail(f"`{key}` has {number!r}, which is not a phone number like \"999\" or \"1800 022 222\"")
        return tuple(raw)

    numbers = number_list("numbers", required=True)
    advice = number_list("advice_numbers", required=False)
    emergency = entry.text("emergency")
    said = phone_numbers(emergency)
    for number in numbers:
        if number not in said:
            raise entry.fail(f"`emergency` does not say the number {number}")
    for number in said:
        if number not in numbers:
            raise entry.fail(f"`emergency` says {number}, which `numbers` does not list")
    crisis = entry.text("crisis")
    return Locale(code, emergency, numbers, entry.sources(), advice, crisis)


def _say_back(file: str, raw: Any) -> SayBack:
    entry = _Entry(file, "say_back", raw)
    if not isinstance(raw, Mapping):
        raise entry.fail("must map the say-back forms")

    def words(key: str) -> frozenset[str]:
        found = raw.get(key)
        if not isinstance(found, list) or not all(isinstance(w, str) and w.strip() for w in found):
            raise ContentError(file, f"say_back.{key}", "must be a list of words")
        return frozenset(w.strip().lower() for w in found)

    def pairs(key: str) -> dict[str, str]:
        found = raw.get(key)
        if not isinstance(found, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in found.items()):
            raise ContentError(file, f"say_back.{key}", "must map words to words")
        return {str(k).lower(): str(v).lower() for k, v in found.items()}

    return SayBack(
        does=entry.text("does"), is_=entry.text("is"), are=entry.text("are"), has=entry.text("has"),
        when_words=words("when_words"), you=pairs("you"), verbs=pairs("verbs"),
        states=words("states"), things=words("things"),
    )


def _load_phrases(source: _Source) -> Phrases:
    file = "phrases.yaml"
    data = source.read(file)
    top = _Entry(file, "(file)", data)
    top.sources()

    def forms(section: str, required: tuple[str, ...]) -> dict[str, dict[str, str]]:
        raw = data.get(section)
        if not isinstance(raw, Mapping) or not raw:
            raise ContentError(file, section, "must map value ids to phrases")
        out: dict[str, dict[str, str]] = {}
        for value_id, value in raw.items():
            entry = _Entry(file, f"{section}.{value_id}", value)
            if not set(entry.data) & set(required):
                raise entry.fail(f"needs one of {list(required)}")
            out[str(value_id)] = {k: entry.text(k) for k in required if k in entry.data}
        return out

    def plain(section: str) -> dict[str, str]:
        raw = data.get(section)
        if not isinstance(raw, Mapping) or not raw:
            raise ContentError(file, section, "must map value ids to phrases")
        entry = _Entry(file, section, raw)
        return {str(k): entry.text(str(k)) for k in raw}

    sensation = forms("sensation", ("one", "both"))
    for value_id, value in sensation.items():
        if set(value) != {"one", "both"}:
            raise ContentError(file, f"sensation.{value_id}", "needs both `one` and `both` forms")
    if "unknown" not in sensation:
        raise ContentError(file, "sensation", "needs an `unknown` entry for when it was not said")
    part = forms("part", ("one", "both"))
    for value_id, value in part.items():
        if set(value) != {"one", "both"}:
            raise ContentError(file, f"part.{value_id}", "needs both `one` and `both` forms")
    return Phrases(
        heard=top.text("heard"),
        echo=top.text("echo"),
        say_back=_say_back(file, data.get("say_back")),
        part=part,
        leg=forms("leg", ("one", "both")),
        sensation=sensation,
        position=plain("position"),
        timing=plain("timing"),
        sign=plain("sign"),
        relief=plain("relief"),
    )


def _vocab(phrases: Phrases) -> dict[str, frozenset[str]]:
    return {slot: phrases.values(slot) for slot in SLOTS}


def _load_causes(source: _Source, vocab: Mapping[str, frozenset[str]]) -> tuple[Cause, ...]:
    file = "causes.yaml"
    data = source.read(file)
    causes: list[Cause] = []
    for cause_id, entry in _list_of_entries(file, data, "causes"):
        raw_features = entry.data.get("features")
        if not isinstance(raw_features, Mapping) or not raw_features:
            raise entry.fail("`features` must map slots to {value: points}")
        features: dict[str, dict[str, int]] = {}
        for slot, weights in raw_features.items():
            if slot not in vocab:
                raise entry.fail(f"`features` names unknown slot {slot!r}")
            if not isinstance(weights, Mapping) or not weights:
                raise entry.fail(f"`features.{slot}` must map values to points")
            for value, points in weights.items():
                if value not in vocab[slot]:
                    raise entry.fail(f"`features.{slot}` has unknown value {value!r}")
                if not isinstance(points, int) or isinstance(points, bool):
                    raise entry.fail(f"`features.{slot}.{value}` must be a whole number")
            features[slot] = dict(weights)
        stretch = entry.data.get("stretch")
        if stretch is not None and not isinstance(stretch, str):
            raise entry.fail("`stretch` must name a routine id")
        causes.append(
            Cause(
                id=cause_id,
                name=entry.text("name"),
                explain=entry.text("explain"),
                more=entry.text("more"),
                features=features,
                prior=entry.integer("prior", 0),
                sources=entry.sources(),
                stretch=stretch,
                get_help=entry.text("get_help", optional=True),
                positional=entry.flag("positional") if "positional" in entry.data else False,
            )
        )
    return tuple(causes)


def _load_remedies(
    source: _Source, vocab: Mapping[str, frozenset[str]], cause_ids: frozenset[str]
) -> tuple[tuple[Pattern, ...], tuple[Remedy, ...]]:
    file = "remedies.yaml"
    data = source.read(file)
    patterns: list[Pattern] = []
    for pattern_id, entry in _list_of_entries(file, data, "patterns"):
        ruled_out_by = entry.words("ruled_out_by")
        if not ruled_out_by or ruled_out_by - set(vocab):
            raise entry.fail("`ruled_out_by` must list the slots whose answers rule it out")
        patterns.append(
            Pattern(pattern_id, _conditions(entry, "match", vocab), tuple(sorted(ruled_out_by)), entry.sources())
        )
    pattern_ids = frozenset(p.id for p in patterns)
    remedies: list[Remedy] = []
    for remedy_id, entry in _list_of_entries(file, data, "remedies"):
        positions = entry.words("positions")
        causes = entry.words("causes")
        avoid_if = entry.words("avoid_if")
        needs_ruled_out = entry.words("needs_ruled_out")
        sensations = entry.words("sensations")
        if sensations - vocab["sensation"]:
            raise entry.fail(f"`sensations` has unknown value(s) {sorted(sensations - vocab['sensation'])}")
        if positions - vocab["position"]:
            raise entry.fail(f"`positions` has unknown value(s) {sorted(positions - vocab['position'])}")
        if causes - cause_ids:
            raise entry.fail(f"`causes` names unknown cause(s) {sorted(causes - cause_ids)}")
        for key, ids in (("avoid_if", avoid_if), ("needs_ruled_out", needs_ruled_out)):
            if ids - pattern_ids:
                raise entry.fail(f"`{key}` names unknown pattern(s) {sorted(ids - pattern_ids)}")
        remedies.append(
            Remedy(
                id=remedy_id,
                say=entry.text("say"),
                safe_in_bed=entry.flag("safe_in_bed"),
                positions=positions,
                causes=causes,
                avoid_if=avoid_if,
                needs_ruled_out=needs_ruled_out,
                sources=entry.sources(),
                sensations=sensations,
            )
        )
    return tuple(patterns), tuple(remedies)


def _load_redflags(
    source: _Source, vocab: Mapping[str, frozenset[str]], phrases_parts: frozenset[str] = frozenset()
) -> tuple[dict[str, Tier], tuple[RedFlag, ...], str, str, dict[str, str]]:
    file = "redflags.yaml"
    data = source.read(file)
    raw_tiers = data.get("tiers") if isinstance(data, Mapping) else None
    if not isinstance(raw_tiers, Mapping):
        raise ContentError(file, "tiers", "the file needs a `tiers:` mapping")
    tiers: dict[str, Tier] = {}
    for tier_id in TIERS:
        if tier_id not in raw_tiers:
            raise ContentError(file, f"tiers.{tier_id}", "this tier is missing")
        entry = _Entry(file, f"tiers.{tier_id}", raw_tiers[tier_id])
        tiers[tier_id] = Tier(tier_id, entry.text("action"), entry.text("after", optional=True), entry.sources())
    if "{emergency}" not in tiers["emergency"].action:
        raise ContentError(file, "tiers.emergency", "`action` must say {emergency}")
    flags: list[RedFlag] = []
    for flag_id, entry in _list_of_entries(file, data, "flags"):
        tier = entry.data.get("tier")
        if tier not in TIERS:
            raise entry.fail(f"`tier` must be one of {list(TIERS)}, not {tier!r}")
        escalate = entry.text("escalate", optional=True)
        if tier == "same_day" and "{emergency}" not in escalate:
            raise entry.fail("a same_day flag needs `escalate` saying when to call {emergency}")
        parts = entry.words("parts")
        unknown_parts = parts - phrases_parts
        if unknown_parts:
            raise entry.fail(f"`parts` has unknown part(s) {sorted(unknown_parts)}")
        flags.append(
            RedFlag(flag_id, tier, _conditions(entry, "match", vocab), entry.text("say"), escalate, entry.sources(), parts)
        )
    default = _Entry(file, "default_soon", data.get("default_soon"))
    net = _Entry(file, "safety_net", data.get("safety_net"))
    default.sources()
    net.sources()
    raw_summaries = data.get("summaries")
    if not isinstance(raw_summaries, Mapping):
        raise ContentError(file, "summaries", "the file needs `summaries:` for emergency and same_day")
    summaries: dict[str, str] = {}
    for tier_id in ("emergency", "same_day"):
        entry = _Entry(file, f"summaries.{tier_id}", raw_summaries.get(tier_id))
        entry.sources()
        summaries[tier_id] = entry.text("say")
    if "{emergency}" not in summaries["emergency"]:
        raise ContentError(file, "summaries.emergency", "`say` must say {emergency}")
    return tiers, tuple(flags), default.text("say"), net.text("say"), summaries


def _load_followups(source: _Source, vocab: Mapping[str, frozenset[str]]) -> tuple[Question, tuple[Question, ...], int]:
    file = "followups.yaml"
    data = source.read(file)
    top = _Entry(file, "(file)", data)
    max_questions = top.integer("max_questions")
    if not 1 <= max_questions <= 3:
        raise top.fail("`max_questions` must be 1, 2 or 3")

    def question(entry: _Entry) -> Question:
        slot = entry.data.get("slot")
        if slot not in vocab:
            raise entry.fail(f"`slot` must be one of {list(SLOTS)}, not {slot!r}")
        not_for = _conditions(entry, "not_for", vocab) if "not_for" in entry.data else ()
        return Question(slot, entry.text("prompt"), entry.text("reprompt"), entry.sources(), not_for)

    screen = question(_Entry(file, "screen", data.get("screen")))
    raw = data.get("questions")
    if not isinstance(raw, list) or not raw:
        raise ContentError(file, "questions", "needs a non-empty list")
    questions: list[Question] = []
    for index, item in enumerate(raw):
        label = item.get("slot", f"questions[{index}]") if isinstance(item, Mapping) else f"questions[{index}]"
        q = question(_Entry(file, f"questions.{label}", item))
        if any(q.slot == other.slot for other in questions):
            raise ContentError(file, f"questions.{label}", "two questions ask the same slot")
        questions.append(q)
    return screen, tuple(questions), max_questions


REQUIRED_PROMPTS = (
    "launch_first", "launch_again", "launch_question", "launch_reprompt", "disclaimer",
    "help", "help_question", "help_reprompt", "fallback", "fallback_question",
    "fallback_in_question", "skip_ack", "causes_intro", "causes_single", "try_now",
    "try_later", "get_help", "answer_question", "answer_reprompt", "emergency_end",
    "same_day_question", "same_day_reprompt", "more_question", "more_reprompt",
    "remedies_question", "remedies_reprompt", "doctor_question", "doctor_reprompt",
    "positions_intro", "positions_all", "positions_question", "no_symptoms_yet",
    "unknown_cause", "cause_question", "repeat_nothing", "goodbye", "error",
    "error_question", "yes_no_unclear", "anything_else_yes", "screen_again", "screen_confirm", "screen_unclear",
)


def _load_prompts(source: _Source) -> dict[str, str]:
    file = "prompts.yaml"
    data = source.read(file)
    top = _Entry(file, "(file)", data)
    top.sources()
    raw = data.get("prompts")
    if not isinstance(raw, Mapping):
        raise ContentError(file, "prompts", "the file needs a `prompts:` mapping")
    entry = _Entry(file, "prompts", raw)
    prompts = {str(k): entry.text(str(k)) for k in raw}
    for prompt_id in REQUIRED_PROMPTS:
        if prompt_id not in prompts:
            raise ContentError(file, f"prompts.{prompt_id}", "this prompt is missing")
    return prompts


def load_from(directory: Path, locale: str = DEFAULT_LOCALE) -> Content:
    """Load and validate every content file in `directory` for a locale (not cached):
    the base files with the locale's overrides from `directory/locales/<locale>/`."""
    place = _load_locale(directory, locale)
    source = _Source(directory, place)
    phrases = _load_phrases(source)
    vocab = _vocab(phrases)
    causes = _load_causes(source, vocab)
    cause_ids = frozenset(c.id for c in causes)
    patterns, remedies = _load_remedies(source, vocab, cause_ids)
    tiers, flags, default_soon, safety_net, summaries = _load_redflags(source, vocab, frozenset(phrases.part))
    screen, questions, max_questions = _load_followups(source, vocab)
    return Content(
        locale=place,
        phrases=phrases,
        causes=causes,
        remedies=remedies,
        patterns=patterns,
        tiers=tiers,
        flags=flags,
        default_soon=default_soon,
        safety_net=safety_net,
        summaries=summaries,
        screen=screen,
        questions=questions,
        max_questions=max_questions,
        prompts=_load_prompts(source),
        _cause_index={c.id: c for c in causes},
        danger=load_danger_words(source, vocab),
    )


def _read_locales(directory: Path, _name: str = "") -> tuple[str, ...]:
    data = read_yaml(directory / LOCALES_FILE)
    return tuple(sorted(data.get("locales", {}))) if isinstance(data, Mapping) else ()


def supported_locales(directory: Path | None = None) -> tuple[str, ...]:
    """The locales `content/locales.yaml` lists (the skill's own content folder: from its
    snapshot when there is one)."""
    if directory is None:
        return snapshot.load(paths.content_dir(), _LOCALES_SNAPSHOT, _read_locales)  # type: ignore[no-any-return]
    return _read_locales(directory)


_LOCALES_SNAPSHOT = "locales"


def write_snapshots(directory: Path) -> list[Path]:
    """Load every locale of `directory` from YAML (checked as always) and write the
    snapshots a later process loads instead (`nightlegs build`, before bundling)."""
    locales = _read_locales(directory)
    written = snapshot.write_for(directory, locales, load_from)
    written += snapshot.write_for(directory, (_LOCALES_SNAPSHOT,), _read_locales)
    for path in sorted(directory.glob("**/*.yaml")):  # every file other modules read on use
        if snapshot.FOLDER not in path.relative_to(directory).parts:
            found = snapshot.write_parsed(path, _parse_yaml, directory)
            written += [found] if found is not None else []
    return written


@functools.lru_cache(maxsize=None)
def load_content(locale: str = DEFAULT_LOCALE) -> Content:
    """The content for a locale, loaded once per process: from the snapshot of the same
    files when there is one (`skill.content.snapshot`), else from YAML (then snapshotted)."""
    return snapshot.load(paths.content_dir(), locale, load_from)  # type: ignore[no-any-return]
