"""`nightlegs ask`: a one-shot invocation and any further turns, for scripts and tests."""

from __future__ import annotations

import argparse
import json
import sys

from skill.cli.local import add_locale_option, open_session


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "ask",
        help='one-shot: nightlegs ask "why does my leg go numb when I lie down" "no" "on my side"',
    )
    add_locale_option(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per turn on stdout")
    parser.add_argument("utterances", nargs="+", metavar="UTTERANCE", help="what the user says, turn by turn")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    session = open_session(args.locale)
    for utterance in args.utterances:
        turn = session.say(utterance)
        if args.json:
            print(json.dumps(turn.to_json(), ensure_ascii=False), flush=True)
        else:
            print(f"you> {utterance}")
            print(f"alexa> {turn.speech}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(0)
