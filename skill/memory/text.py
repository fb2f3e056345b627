"""The spoken text of the memory, reminders and routines feature (`content/memory.yaml`).

Loaded once per process and checked at load: every prompt the code uses is there,
none has an exclamation mark or markup, and each uses only the placeholders it is
filled with. A bad file fails with `ContentError(file, entry, reason)`.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from skill import paths
from skill.content import ContentError, read_yaml, require_sources
from skill.dialog.clock import ClockTime, ClockWords

FILE = "memory.yaml"

# Every prompt id the code speaks, with the placeholders it fills in.
PROMPTS: Mapping[str, frozenset[str]] = {
    **{name: frozenset() for name in (
        "welcome_back", "remembered_intro", "resume_reprompt", "resume_declined",
        "remember_ask", "remember_reprompt", "remember_yes", "remember_no", "remember_nothing",
        "remember_failed", "remember_after_forget", "forget_ask", "forget_reprompt", "forget_done", "forget_kept",
        "forget_failed", "reminder_confirm_reprompt", "reminder_text", "reminder_declined",
        "reminder_cancelled", "reminder_none", "reminder_no_permission", "reminder_too_many",
        "reminder_device", "reminder_busy", "reminder_timeout", "reminder_unavailable",
        "reminder_failed", "routine_unavailable", "next_step", "next_reprompt",
        "reminder_cancel_no_permission", "reminder_change_no_permission", "same_tonight", "same_tonight_reprompt", "same_tonight_no", "same_nothing_saved",
    )},
    "resume_offer": frozenset({"step"}),
    "reminder_confirm": frozenset({"time"}),
    "reminder_set": frozenset({"time"}),
    "reminder_change_confirm": frozenset({"time"}),
    "reminder_changed": frozenset({"time"}),
}


@dataclass(frozen=True)
class MemoryText:
    prompts: Mapping[str, str]
    clock: ClockWords
    sources: tuple[str, ...]

    def say(self, prompt_id: str, **values: str) -> str:
        return self.prompts[prompt_id].format(**values)

    def time(self, time: ClockTime) -> str:
        return self.clock.say(time)


@functools.cache
def load_memory_text() -> MemoryText:
    data = read_yaml(paths.content_dir() / FILE)
    if not isinstance(data, Mapping):
        raise ContentError(FILE, "(file)", "must be a mapping")
    sources = require_sources(FILE, "(file)", data)
    raw = data.get("prompts")
    if not isinstance(raw, Mapping):
        raise ContentError(FILE, "prompts", "the file needs a `prompts:` mapping")
    prompts: dict[str, str] = {}
    for prompt_id, wanted in PROMPTS.items():
        prompts[prompt_id] = _spoken(prompt_id, raw.get(prompt_id), wanted)
    unknown = sorted(set(raw) - set(PROMPTS))
    if unknown:
        raise ContentError(FILE, unknown[0], "no code speaks this prompt")
    clock = data.get("clock")
    if not isinstance(clock, Mapping):
        raise ContentError(FILE, "clock", "needs `am:` and `pm:` words")
    words = ClockWords(_spoken("clock.am", clock.get("am"), frozenset()), _spoken("clock.pm", clock.get("pm"), frozenset()))
    return MemoryText(prompts, words, sources)


def _spoken(entry: str, value: Any, placeholders: frozenset[str]) -> str:
    return spoken_line(FILE, entry, value, placeholders)


def spoken_line(file: str, entry: str, value: Any, placeholders: frozenset[str]) -> str:
    """A spoken line from a content file, checked: plain text in the bedtime voice with
    exactly the `placeholders` it needs; a ContentError names the file and the entry."""
    if not isinstance(value, str) or not value.strip():
        raise ContentError(file, entry, "must be a non-empty string")
    if "!" in value:
        raise ContentError(file, entry, "has an exclamation mark; the bedtime voice has none")
    if "<" in value or ">" in value:
        raise ContentError(file, entry, "has markup; SSML is built in code")
    try:
        names = {n for _, n, _, _ in string.Formatter().parse(value) if n is not None}
    except ValueError as exc:
        raise ContentError(file, entry, f"broken placeholder: {exc}") from None
    if names != placeholders:
        raise ContentError(file, entry, f"placeholders {sorted(names)}, expected {sorted(placeholders)}")
    return value.strip()
