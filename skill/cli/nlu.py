"""`nightlegs nlu`: what the simulator understands from one sentence, without running the skill.

Prints the intent, its score, and each slot's words and value id (or "no match" when
the words fit no value: Alexa's ER_SUCCESS_NO_MATCH). --eliciting INTENT.SLOT resolves
the sentence as the answer to that slot's question. --json prints one object:
{"text", "locale", "eliciting", "intent", "score", "exact",
 "slots": {name: [{"words", "id", "name"}, …]}}.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from skill.cli.errors import UsageError
from skill.cli.local import add_locale_option
from skill.simulator import resolver as nlu


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("nlu", help='what the simulator resolves: nightlegs nlu "my legs wont keep still at night"')
    add_locale_option(parser)
    parser.add_argument("--eliciting", metavar="INTENT.SLOT", help="resolve as the answer to this slot's question, e.g. DescribeSymptomIntent.position")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("text", help="what the user says")
    parser.set_defaults(run=run)


def _eliciting(value: str | None, resolver: nlu.Resolver) -> tuple[str, str] | None:
    if not value:
        return None
    intent, _, slot = value.partition(".")
    if slot not in resolver.slot_types.get(intent, {}):
        raise UsageError(f"--eliciting {value!r}: {intent} has no slot {slot!r}")
    return intent, slot


def resolution_json(text: str, locale: str, eliciting: tuple[str, str] | None, found: nlu.Resolution) -> dict[str, Any]:
    slots = {
        name: [{"words": v.spoken, "id": v.id, "name": v.name} for v in (found.lists.get(name) or (value,))]
        for name, value in found.slots.items()
    }
    return {
        "text": text,
        "locale": locale,
        "eliciting": ".".join(eliciting) if eliciting else None,
        "intent": found.intent,
        "score": round(found.score, 3),
        "exact": found.exact,
        "slots": slots,
    }


def run(args: argparse.Namespace) -> int:
    try:
        resolver = nlu.resolver_for(args.locale)
    except nlu.ModelNotFound:
        have = ", ".join(nlu.available_locales()) or "none"
        raise UsageError(f"no interaction model for locale {args.locale!r} (have: {have})") from None
    eliciting = _eliciting(args.eliciting, resolver)
    found = resolver.resolve(args.text, expecting=eliciting)
    out = resolution_json(args.text, args.locale, eliciting, found)
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"intent: {out['intent']}  (score {out['score']:.2f}{', exact' if out['exact'] else ''})")
    for name, values in out["slots"].items():
        for value in values:
            print(f"  {name}: {value['words']!r} -> {value['id'] or 'no match'}")
    return 0
