"""Alexa's built-in slot types the model uses: AMAZON.TIME, AMAZON.DURATION, AMAZON.NUMBER.

Alexa fills these from spoken words with ISO-style values: "ten pm" → "22:00", "nine
thirty" → "09:30" (Alexa leaves am/pm to context; we read a bare evening hour as pm,
since reminders here are for bedtime), "for ten minutes" → "PT10M", "three" → "3".
text2num turns the number words into digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import alpha2digit

BUILTIN_TYPES = ("AMAZON.TIME", "AMAZON.DURATION", "AMAZON.NUMBER")
_NAMED_TIMES = {"midnight": "00:00", "noon": "12:00", "midday": "12:00", "bedtime": None}
_TIME = re.compile(
    r"\b(?:(?P<half>half past|quarter past|quarter to|half) )?(?P<h>\d{1,2})(?:(?::| )(?P<m>\d{2}))?"
    r"(?: ?(?P<oclock>o'?clock))?(?: ?(?P<ampm>a ?m|p ?m|in the evening|at night|tonight|in the morning))?\b"
)
_DURATION = re.compile(r"\b(?P<n>\d+) (?P<unit>minutes?|mins?|hours?|seconds?|secs?)\b")
_NUMBER = re.compile(r"\b\d+\b")


@dataclass(frozen=True)
class BuiltinValue:
    type_name: str
    spoken: str  # the words as said
    value: str  # what Alexa sends


def _digits(words: str) -> str:
    return alpha2digit(words, "en")


def _clock(match: re.Match[str]) -> str | None:
    hour = int(match.group("h"))
    minute = int(match.group("m") or 0)
    half = match.group("half")
    if half in ("half past", "half"):  # "half ten" is half past ten (en-GB, en-AU, en-IN)
        minute = 30
    elif half == "quarter past":
        minute = 15
    elif half == "quarter to":
        hour, minute = hour - 1, 45
    if hour > 23 or minute > 59:
        return None
    ampm = (match.group("ampm") or "").replace(" ", "")
    if ampm in ("pm", "intheevening", "atnight", "tonight") and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    elif not ampm.startswith(("am", "inthemorning")) and 6 <= hour < 12 and not ampm:
        hour += 12  # "at nine" for a bedtime reminder means the evening
    return f"{hour % 24:02d}:{minute:02d}"


def find_times(text: str) -> list[BuiltinValue]:
    out = []
    for name, value in _NAMED_TIMES.items():
        if value and re.search(rf"\b{name}\b", text):
            out.append(BuiltinValue("AMAZON.TIME", name, value))
    digits = _digits(text)
    for match in _TIME.finditer(digits):
        if not (match.group("m") or match.group("ampm") or match.group("oclock") or match.group("half") or re.search(r"\b(at|to|for|until) $", digits[: match.start()])):
            continue
        value = _clock(match)
        if value:
            out.append(BuiltinValue("AMAZON.TIME", match.group(0), value))
    return out


def find_durations(text: str) -> list[BuiltinValue]:
    out = []
    for match in _DURATION.finditer(_digits(text)):
        unit = match.group("unit")[0].upper()
        n = match.group("n")
        out.append(BuiltinValue("AMAZON.DURATION", match.group(0), f"PT{n}{unit}" if unit != "S" else f"PT{n}S"))
    return out


def find_numbers(text: str) -> list[BuiltinValue]:
    return [BuiltinValue("AMAZON.NUMBER", m.group(0), m.group(0)) for m in _NUMBER.finditer(_digits(text))]


FINDERS = {"AMAZON.TIME": find_times, "AMAZON.DURATION": find_durations, "AMAZON.NUMBER": find_numbers}
