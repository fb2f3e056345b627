"""The error a subcommand raises for a usage problem found after parsing (exit code 2)."""


class UsageError(Exception):
    """A usage error that a subcommand found after parsing (exit code 2)."""
