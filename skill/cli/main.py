"""`nightlegs`: the command line. Each subcommand lives in its own module of `skill.cli`.

Every module in COMMANDS exposes `add_parser(subparsers)` and `run(args) -> int`.
Usage errors (an unknown flag, a locale without a model) print one line and exit 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn, Sequence

from skill import __version__
from skill.cli import ask, build, chat, nlu, serve, triage, validate
from skill.cli.errors import UsageError

# In the order `nightlegs --help` lists them.
COMMANDS = (chat, ask, nlu, triage, validate, build, serve)


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="nightlegs", description="Night Legs, the bedtime leg skill, on your machine.")
    parser.add_argument("--version", action="version", version=f"nightlegs {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    subparsers.required = True
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def _known_first(argv: Sequence[str], parser: argparse.ArgumentParser) -> None:
    """An unknown option before the command: say so, not "COMMAND is required"."""
    first = argv[0] if argv else None
    if first and first.startswith("-") and first not in ("-h", "--help", "--version"):
        parser.error(f"unknown option {first} (the command comes first: nightlegs --help)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    _known_first(argv, parser)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except UsageError as exc:
        print(f"nightlegs {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `nightlegs ask --json … | head -1`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the interpreter's final flush
        return 0


if __name__ == "__main__":
    sys.exit(main())
