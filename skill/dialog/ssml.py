"""SSML primitives for every reply: escaping, breaks, paragraphs, the bedtime voice's
prosody, and the checks and measures over finished SSML.

Every text that reaches SSML goes through `escape`, so content or a user's words can never
break the markup. A break is never over Alexa's 10 second limit.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Sequence

MAX_BREAK_SECONDS = 10.0
MAX_LIST = 3
PROSODY_OPEN = '<prosody rate="95%" volume="soft">'
PROSODY_CLOSE = "</prosody>"
# Alexa's usual speaking rate is about 150 words a minute; we measure at a slower 130 so
# the estimate errs long, then scale by any <prosody rate> in the SSML.
WORDS_PER_MINUTE = 130.0
_RATE_WORDS = {"x-slow": 0.5, "slow": 0.75, "medium": 1.0, "fast": 1.25, "x-fast": 1.5}


@dataclass(frozen=True)
class Reply:
    """What to say, what to say after silence (None: no reprompt), and whether to end."""

    speech: str
    reprompt: str | None
    end_session: bool


def escape(text: str) -> str:
    """XML-escape text for SSML (&, <, >, and both quotes).

    html.escape does it without xml.sax.saxutils, whose import pulls in urllib, http and
    email: a fifth of a cold start."""
    return html.escape(text, quote=True)


def pause(seconds: float) -> str:
    if not 0 < seconds <= MAX_BREAK_SECONDS:
        raise ValueError(f"a break must be over 0 s and at most {MAX_BREAK_SECONDS} s, not {seconds}")
    return f'<break time="{int(round(seconds * 1000))}ms"/>'


def speak(body_ssml: str) -> str:
    return f"<speak>{PROSODY_OPEN}{body_ssml}{PROSODY_CLOSE}</speak>"


def speak_urgent(body_ssml: str) -> str:
    """Urgent answers (emergency, same day) at Alexa's normal volume and rate."""
    return f"<speak>{body_ssml}</speak>"


def paragraph(*sentences: str) -> str:
    """Plain sentences as one SSML paragraph (empty sentences are dropped)."""
    text = " ".join(s.strip() for s in sentences if s and s.strip())
    return f"<p>{say_numbers(escape(text))}</p>" if text else ""


_NUMBER_RUN = re.compile(r"(?<![\w])(\d{3,})(?![\w])")


# Numbers people say by a name, not digit by digit: Australians say "triple zero" for 000
# (https://www.triplezero.gov.au/); no other locale's text may say 000.
SAID_AS = {"000": "triple zero"}


def say_numbers(escaped: str) -> str:
    """Phone numbers digit by digit: "999" as "nine nine nine", not "nine hundred ninety-nine"
    ("1800 022 222" group by group); a number with a spoken name ("000") by that name."""

    def one(match: re.Match[str]) -> str:
        number = match.group(1)
        if number in SAID_AS:
            return f'<sub alias="{SAID_AS[number]}">{number}</sub>'
        return f'<say-as interpret-as="digits">{number}</say-as>'

    return _NUMBER_RUN.sub(one, escaped)


def plain_text(ssml: str) -> str:
    text = re.sub(r"</?(say-as|sub)\b[^>]*>", "", ssml)  # inline: "999</say-as>," reads "999,"
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def join_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b, and c' (at most three)."""
    items = list(items)[:MAX_LIST]
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])}, and {items[-1]}"


# --------------------------------------------------------------------------- measuring


def _break_seconds(value: str) -> float:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*", value)
    if not match:
        raise ValueError(f"cannot read break time {value!r}")
    number = float(match.group(1))
    return number / 1000 if match.group(2) == "ms" else number


def _rate(value: str | None) -> float:
    if not value:
        return 1.0
    if value in _RATE_WORDS:
        return _RATE_WORDS[value]
    if value.endswith("%"):
        return float(value[:-1]) / 100
    raise ValueError(f"cannot read prosody rate {value!r}")


def measure(ssml: str) -> float:
    """Seconds a response takes: the sum of its breaks plus its words spoken at
    WORDS_PER_MINUTE, scaled by any <prosody rate>. Pure; used by the tests."""
    root = ET.fromstring(ssml)
    total = 0.0

    def walk(node: ET.Element, rate: float) -> None:
        nonlocal total
        tag = node.tag
        if tag == "break":
            total += _break_seconds(node.get("time", "0s"))
        if tag == "prosody":
            rate *= _rate(node.get("rate"))
        words = len((node.get("alias") if tag == "sub" else node.text or "").split())
        total += words * 60.0 / (WORDS_PER_MINUTE * rate)
        for child in node:
            walk(child, rate)
            tail_words = len((child.tail or "").split())
            total += tail_words * 60.0 / (WORDS_PER_MINUTE * rate)

    walk(root, 1.0)
    return total


def longest_break(ssml: str) -> float:
    root = ET.fromstring(ssml)
    return max((_break_seconds(n.get("time", "0s")) for n in root.iter("break")), default=0.0)



# --------------------------------------------------------------------------- checking SSML

# The only markup this module writes: tag -> allowed attributes.
OWN_TAGS: dict[str, frozenset[str]] = {
    "speak": frozenset(),
    "prosody": frozenset({"rate", "volume", "pitch"}),
    "p": frozenset(),
    "s": frozenset(),
    "break": frozenset({"time", "strength"}),
    "say-as": frozenset({"interpret-as"}),
    "sub": frozenset({"alias"}),
}


@functools.lru_cache(maxsize=256)
def is_own_ssml(ssml: str) -> bool:
    """True when `ssml` parses and uses only the tags and attributes this module writes,
    with every break at most 10 s. Used to refuse replaying SSML from untrusted state.
    The same speech comes back with every turn of a session: each text is checked once
    (a pure answer for a given string, so remembering it changes nothing)."""
    try:
        root = ET.fromstring(ssml)
    except ET.ParseError:
        return False
    if root.tag != "speak":
        return False
    for element in root.iter():
        if element.tag not in OWN_TAGS or set(element.attrib) - OWN_TAGS[element.tag]:
            return False
        if element.tag == "break":
            try:
                seconds = _break_seconds(element.attrib.get("time", "0ms"))
            except ValueError:
                return False
            if seconds > MAX_BREAK_SECONDS:
                return False
    return True
