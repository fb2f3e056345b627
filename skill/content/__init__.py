"""Content: every spoken text and medical fact, read from `content/*.yaml` into typed records.

`records` (the dataclasses), `entries` (YAML reading and entry checks), `phones` (numbers in
spoken text), `overrides` (per-locale replacements) and `loader` (one locale's whole content,
cached). Other packages import the names below from `skill.content`.
"""

from skill.content.entries import read_yaml, require_sources
from skill.content.errors import ContentError
from skill.content.loader import LOCALES_FILE, REQUIRED_PROMPTS, load_content, load_from, supported_locales
from skill.content.overrides import OVERRIDE_DIR, override_locales
from skill.content.phones import has_bare_111, phone_numbers
from skill.content.records import (
    DEFAULT_LOCALE,
    SLOTS,
    TIERS,
    Cause,
    Condition,
    Content,
    Locale,
    Pattern,
    Phrases,
    Question,
    RedFlag,
    Remedy,
    Tier,
    fill_emergency,
)

__all__ = [
    "DEFAULT_LOCALE", "LOCALES_FILE", "OVERRIDE_DIR", "REQUIRED_PROMPTS", "SLOTS", "TIERS",
    "Cause", "Condition", "Content", "ContentError", "Locale", "Pattern", "Phrases", "Question",
    "RedFlag", "Remedy", "Tier", "fill_emergency", "has_bare_111", "load_content", "load_from",
    "override_locales", "phone_numbers", "read_yaml", "require_sources", "supported_locales",
]
