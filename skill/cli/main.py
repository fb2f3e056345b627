"""`nightlegs`: the command line. Each subcommand lives in its own module of `skill.cli`.

Every module named in COMMAND_NAMES exposes `add_parser(subparsers)` and `run(args) -> int`.
Usage errors (an unknown flag, a locale without a model) print one line and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from types import ModuleType
from typing import NoReturn, Sequence

from skill import __version__
from skill.cli.errors import UsageError

# In the order `nightlegs --help` lists them; each is the module skill.cli.<name>.
COMMAND_NAMES = ("chat", "ask", "nlu", "validate", "build", "serve")


def _command(name: str) -> ModuleType:
    return importlib.import_module(f"skill.cli.{name}")


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only` just that command: a one-shot `nightlegs ask`
    then never imports the web stack `serve` needs (a third of its start-up)."""
    parser = OneLineParser(prog="nightlegs", description="Night Legs, the bedtime leg skill, on your machine.")
    parser.add_argument("--version", action="version", version=f"nightlegs {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    subparsers.required = True
    for name in COMMAND_NAMES:
        if only is None or name == only:
            _command(name).add_parser(subparsers)
    return parser


def _known_first(argv: Sequence[str], parser: argparse.ArgumentParser) -> None:
    """An unknown option before the command: say so, not "COMMAND is required"."""
    first = argv[0] if argv else None
    if first and first.startswith("-") and first not in ("-h", "--help", "--version"):
        parser.error(f"unknown option {first} (the command comes first: nightlegs --help)")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv[0] if argv and argv[0] in COMMAND_NAMES else None)
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
