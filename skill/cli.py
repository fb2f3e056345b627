"""`nightlegs`: the command line. Each subcommand lives in its own module.

Every module in COMMANDS exposes `add_parser(subparsers)` and `run(args) -> int`.
Usage errors (an unknown flag, a locale without a model) print one line and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import NoReturn, Sequence

from skill import __version__

COMMANDS: list[str] = [
    "skill.cli_chat",
    "skill.cli_ask",
    "skill.cli_validate",
    "skill.cli_build",
    "skill.cli_serve",
]


class UsageError(Exception):
    """A usage error that a subcommand found after parsing (exit code 2)."""


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="nightlegs", description="Night Legs, the bedtime leg skill, on your machine.")
    parser.add_argument("--version", action="version", version=f"nightlegs {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    subparsers.required = True
    for module_name in COMMANDS:
        importlib.import_module(module_name).add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
    # Run the imported module's main, so subcommands and this file share one UsageError class.
    from skill.cli import main as _main

    sys.exit(_main())
