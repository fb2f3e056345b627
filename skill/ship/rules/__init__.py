"""Offline checks for what Alexa certification and the ASK console reject.

Pure functions over already-parsed JSON documents, one module per kind of document:
`model` (interaction models), `manifest` (the skill manifest) and `content` (through
`skill.content.load_content`). Each problem is a `Finding` that names the file, the JSON
path and what is wrong. Errors block a deploy; warnings do not.
"""

from skill.ship.rules.content import check_content
from skill.ship.rules.findings import Finding, Severity, normalize, relative
from skill.ship.rules.manifest import (
    CATEGORIES,
    DISCLAIMER,
    check_manifest,
    example_phrase_problem,
)
from skill.ship.rules.model import (
    FORBIDDEN_INVOCATION_WORDS,
    REQUIRED_INTENTS,
    check_model,
    invocation_name,
    sample_patterns,
)

__all__ = [
    "CATEGORIES", "DISCLAIMER", "FORBIDDEN_INVOCATION_WORDS", "REQUIRED_INTENTS", "Finding",
    "Severity", "check_content", "check_manifest", "check_model", "example_phrase_problem",
    "invocation_name", "normalize", "relative", "sample_patterns",
]
