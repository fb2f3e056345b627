"""Phone numbers in spoken text: which numbers a text says, and the bare-111 trap."""

from __future__ import annotations

import re

# A phone number as spoken text writes it: "911", "000", "1800 022 222".
_PHONE = re.compile(r"(?<!\d)\d{3,}(?: \d{3})*(?!\d)")
_111 = re.compile(r"(?<!\d)111(?!\d)")


def phone_numbers(text: str) -> tuple[str, ...]:
    """The phone numbers a text says, in order ("Call 000, or 111 in New Zealand" -> 000, 111)."""
    return tuple(match.group(0) for match in _PHONE.finditer(text))


def has_bare_111(text: str) -> bool:
    """True when a text says 111 as neither "NHS 111" nor "111 in New Zealand".

    111 is the emergency number in New Zealand (served by en-AU) and the NHS advice line in
    the UK (en-GB): said bare, it sends someone to the wrong one.
    """
    for match in _111.finditer(text):
        if not (text[: match.start()].endswith("NHS ") or text[match.end():].startswith(" in New Zealand")):
            return True
    return False
