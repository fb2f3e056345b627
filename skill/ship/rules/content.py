"""Rules for the content: each locale's content must load (the loader names the file,
the entry and the problem)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from skill.ship.rules.findings import Finding


def check_content(locales: Iterable[str], load: Callable[[str], object]) -> list[Finding]:
    """Load the content for each locale; a ContentError becomes an error finding."""
    findings: list[Finding] = []
    for locale in locales:
        try:
            load(locale)
        except Exception as exc:  # ContentError and YAML errors carry file/entry/reason
            file = str(getattr(exc, "file", "content"))
            entry = getattr(exc, "entry", None)
            reason = getattr(exc, "reason", None) or str(exc)
            findings.append(
                Finding("error", "content", file, str(entry or "$"), f"{locale}: {reason}")
            )
    return findings

