"""The `nightlegs` command line: `main` parses, one module per subcommand runs it."""

from skill.cli.main import main

__all__ = ["main"]
