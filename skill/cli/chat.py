"""`nightlegs chat`: talk to the skill in a terminal, as if to a smart speaker."""

from __future__ import annotations

import argparse
import sys

from skill.cli.local import add_locale_option, add_screen_option, open_session, screen_line, take_turn
from skill.content import DEFAULT_LOCALE

PROMPT = "you> "


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("chat", help="talk to the skill in this terminal")
    add_locale_option(parser)
    add_screen_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    session = open_session(args.locale, args.screen)
    print("Night Legs, offline. Type what you would say. Press Enter on an empty line to stay silent; Ctrl-D to leave.")
    turn = session.launch()
    print(f"alexa> {turn.speech}")
    silences = 0
    while True:
        try:
            text = input(PROMPT)
        except EOFError:
            print()
            return 0
        if not text.strip():
            if turn.end_session or turn.reprompt is None or silences >= 1:
                print("(the session has ended)")
                return 0
            silences += 1
            print(f"alexa> {turn.reprompt}")
            continue
        silences = 0
        turn = take_turn(session, text)
        print(f"alexa> {turn.speech}")
        shown = screen_line(turn)
        if shown:
            print(f"screen> {shown}")
        if turn.end_session:
            print("(the session has ended; type to start a new one, or Ctrl-D to leave)")
    return 0  # pragma: no cover


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run(argparse.Namespace(locale=DEFAULT_LOCALE, screen=False)))
