"""Write docs/clinical-review.md: condition -> tier -> what is said -> source, on one page.

Generated from content/ (the en-US texts, with each locale's own wording listed after), so
a clinician can sign off what the skill says without reading code. A test checks that the
committed page matches what this module generates.

    python -m skill.ship.review_table            # write docs/clinical-review.md
    python -m skill.ship.review_table --check    # exit 1 if the committed page is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Iterable, Mapping

from skill import paths
from skill.content import DEFAULT_LOCALE, Content, load_content, override_locales, read_yaml, supported_locales

DOC = "docs/clinical-review.md"
TIER_WORDS = {"emergency": "emergency: call now", "same_day": "same day", "soon": "see a doctor soon"}
POSITION_WORDS = {"side": "on the side", "back": "on the back", "stomach": "on the front", "crossed": "legs crossed"}
CARE_TOPICS = {
    "wait": "can it wait",
    "heat": "heat, a hot soak",
    "cold": "ice, a cold pack",
    "move": "stretch, walk on it",
    "rub": "rub, massage",
    "raise": "raise it, prop it up",
    "serious": "is it serious",
}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _sources(sources: Iterable[str]) -> str:
    return "<br>".join(_cell(s) for s in sources)


def _not_for(question: Any) -> str:
    groups = [" and ".join(f"{slot} is {' or '.join(sorted(values))}" for slot, values in g.slots.items()) for g in question.not_for]
    return " or ".join(groups)


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _flag_rows(text: Content) -> list[str]:
    rows = [_row("condition (red flag)", "tier", "what is said", "when to call", "sources"), _row(*["---"] * 5)]
    for flag in text.flags:
        tier = text.tiers[flag.tier]
        said = " ".join(filter(None, (text.fill(tier.action) if flag.tier != "soon" else "", text.fill(flag.say))))
        escalate = text.fill(flag.escalate) if flag.escalate else (text.fill(tier.after) if flag.tier == "emergency" else "")
        rows.append(_row(f"`{flag.id}`", TIER_WORDS[flag.tier], _cell(said), _cell(escalate), _sources(flag.sources)))
    return rows


def _cause_rows(text: Content) -> list[str]:
    rows = [
        _row("likely reason", "what to do now (in bed)", "the reason in plain words", "when to get help", "sources"),
        _row(*["---"] * 5),
    ]
    for cause in text.causes:
        tips = [r for r in text.remedies if r.safe_in_bed and cause.id in r.causes]
        now = " ".join(f"`{r.id}`: {r.say}" for r in tips[:2]) or "the general tip (`loosen`)"
        if cause.positional:
            now = "the tip for the position said (below), then " + now
        get_help = text.fill(cause.get_help) if cause.get_help else text.default_soon
        said = text.prompt("causes_single", name=cause.name) + " " + cause.explain
        rows.append(_row(f"`{cause.id}`", _cell(now), _cell(said), _cell(get_help), _sources(cause.sources)))
    return rows


def _position_rows(text: Content) -> list[str]:
    rows = [_row("how they lie", "what is said first", "sources"), _row(*["---"] * 3)]
    for remedy in text.remedies:
        for position in sorted(remedy.positions):
            rows.append(_row(POSITION_WORDS.get(position, position), _cell(remedy.say), _sources(remedy.sources)))
    return rows


def _care_rows(text: Content, care_sources: Mapping[str, Any]) -> list[str]:
    flag_ids = {f.id for f in text.flags}
    pattern_ids = {p.id for p in text.patterns}
    cause_ids = {c.id for c in text.causes}
    rows = [_row("question", "when", "what is said", "sources"), _row(*["---"] * 4)]
    for topic, words in CARE_TOPICS.items():
        keys = sorted(k for k in text.prompts if k == f"care_{topic}" or k.startswith(f"care_{topic}_"))
        for key in keys:
            condition = key[len(f"care_{topic}_"):] if key != f"care_{topic}" else "before"
            if condition in flag_ids:
                when = f"same day: `{condition}`"
            elif condition == "same_day":
                when = "any other same-day sign"
            elif condition in pattern_ids:
                when = f"heard this session: `{condition}`"
            elif condition in cause_ids:
                when = f"after an answer, likeliest reason `{condition}`"
            elif condition == "answer":
                when = "after any other answer"
            else:
                when = "before any answer (nothing known, or the safety question open)"
            entry = care_sources.get(condition) if isinstance(care_sources, Mapping) else None
            sources = entry.get("sources", []) if isinstance(entry, Mapping) else []
            rows.append(_row(_cell(words), when, _cell(text.prompt(key)), _sources(sources)))
    rows.append(_row("any", "emergency", "the emergency answer again (call now)", _sources(text.tiers["emergency"].sources)))
    return rows


def _locale_rows(directory: Path) -> list[str]:
    rows = [_row("locale", "text", "says", "sources"), _row(*["---"] * 4)]
    for locale in override_locales(directory):
        for file in sorted((directory / "locales" / locale).glob("*.yaml")):
            data = read_yaml(file)
            texts = data.get("texts", {}) if isinstance(data, Mapping) else {}
            for path, value in texts.items():
                said = value.get("text") if isinstance(value, Mapping) else value
                sources = value.get("sources", []) if isinstance(value, Mapping) else []
                rows.append(_row(locale, f"`{file.stem}.{path}`", _cell(said), _sources(sources)))
    return rows


def generate(directory: Path | None = None) -> str:
    """The review page, as markdown."""
    directory = directory or paths.content_dir()
    text = load_content(DEFAULT_LOCALE)
    prompts_raw = read_yaml(directory / "prompts.yaml")
    care_sources = prompts_raw.get("care_sources", {}) if isinstance(prompts_raw, Mapping) else {}
    numbers = ", ".join(f"{code}: {load_content(code).locale.emergency}" for code in supported_locales())
    lines = [
        "# Clinical review: what Night Legs says",
        "",
        "Generated from `content/` by `python -m skill.ship.review_table`; do not edit by hand",
        "(a test fails when this page and the content differ). Texts are en-US; `{emergency}` is",
        f"each locale's number ({numbers}). Each locale's own wording is listed at the end.",
        "",
        "Order of every answer: danger first (a red flag's tier), then what to do now, the",
        "likely reason in plain words, when to get help, and one offer. A sentence that names",
        "an emergency number outside an emergency answer always carries its condition.",
        "",
        "Questions (`skill/core/followup.py`): the safety question first; then only a question",
        "whose answer could change the urgent tier, the likeliest reason or the tip that leads,",
        "never one whose answer was already said (how they lie says when: lying down), at most",
        f"{text.max_questions} in all. " + " ".join(
            f"`{q.slot}` is not asked when {_not_for(q)}." for q in text.questions if q.not_for
        ),
        "",
        "## Danger signs: condition, tier, what is said",
        "",
        *_flag_rows(text),
        "",
        "## Likely reasons: the answer when no danger sign fits",
        "",
        "The first tip is what to do now. When the person said how they lie and the reason is",
        "one that lying can press on or ease, the tip for that position comes first.",
        "",
        *_cause_rows(text),
        "",
        f"With no likely reason: a general tip (`loosen`) and the general line: {_cell(text.default_soon)}",
        "",
        "## Sleeping positions: the tip said first",
        "",
        *_position_rows(text),
        "",
        "## Care questions: answered by rule (`skill/dialog/care.py`), most urgent first",
        "",
        *_care_rows(text, care_sources),
        "",
        "## Each locale's own wording",
        "",
        *_locale_rows(directory),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skill.ship.review_table", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed page is stale")
    args = parser.parse_args(argv)
    target = paths.project_root() / DOC
    page = generate()
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != page:
            print(f"review_table: stale, run `python -m skill.ship.review_table`: {DOC}", file=sys.stderr)
            return 1
        return 0
    target.write_text(page, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
