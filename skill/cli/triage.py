"""`nightlegs triage --explain "text"`: which condition, which words and which negation decided the tier.

Runs the pure danger screen and the red-flag table (no simulator, no skill turn) over the
words, one argument per turn, and prints what was heard, what was negated (and by which
words), the conditions that fit with their tier and sources, and the tier the skill acts
on. --json prints one object: {"text", "normalised", "heard": [{"concept", "slot",
"value", "words", "status", "negation"}], "signs", "conditions": [{"condition", "tier",
"because", "says", "sources"}], "tier", "clarify", "locale"}. See docs/triage.md.
"""

from __future__ import annotations

import argparse
import json

from skill.cli.errors import UsageError
from skill.cli.local import add_locale_option


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "triage", help='why the danger screen decides a tier: nightlegs triage --explain "my calf is hot and swollen"'
    )
    add_locale_option(parser)
    parser.add_argument("--explain", action="store_true", help="print the words, negations and conditions behind the tier (the default)")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("text", nargs="+", help="what the user says; several arguments are several turns")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from skill.content import ContentError, load_content
    from skill.content.loader import supported_locales
    from skill.core.explain import explain, render

    if args.locale not in supported_locales():
        raise UsageError(f"unknown locale {args.locale!r} (have: {', '.join(supported_locales())})")
    try:
        content = load_content(args.locale)
    except ContentError as exc:
        raise UsageError(str(exc)) from None
    found = explain(args.text, content)
    if args.json:
        print(json.dumps({**found.as_dict(), "locale": args.locale}, ensure_ascii=False))
        return 0
    print(render(found))
    return 0
