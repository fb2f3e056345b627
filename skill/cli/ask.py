"""`nightlegs ask`: a one-shot invocation and any further turns, for scripts and tests."""

from __future__ import annotations

import argparse
import json
import sys

from skill.cli.local import add_clock_options, add_locale_option, add_screen_option, open_session, screen_line, take_turn


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "ask",
        help='one-shot: nightlegs ask "why does my leg go numb when I lie down" "no" "on my side"',
        description='With --screen, an argument "(tap next)", "(tap pause)" or "(tap stop)" presses that touch target.',
    )
    add_locale_option(parser)
    add_screen_option(parser)
    add_clock_options(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per turn on stdout")
    parser.add_argument("utterances", nargs="+", metavar="UTTERANCE", help="what the user says, turn by turn")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    session = open_session(args.locale, args.screen, now=args.now, person=args.person)
    for utterance in args.utterances:
        turn = take_turn(session, utterance)
        if args.json:
            print(json.dumps(turn.to_json(), ensure_ascii=False), flush=True)
        else:
            print(f"you> {utterance}")
            print(f"alexa> {turn.speech}")
            shown = screen_line(turn)
            if shown:
                print(f"screen> {shown}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(0)
