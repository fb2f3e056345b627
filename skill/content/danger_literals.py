"""Words a danger pattern cannot match without: a cheap, exact pre-check for the screen.

`needed(pattern)` reads one pattern of `content/danger_words.yaml` as written (the gap
macros `{g}` and `{G}` left in) and returns a set of plain strings such that every match
of the compiled pattern contains at least one of them, e.g. `(arm|hand)s?{g}we+a+k\\w*`
gives {"arm", "hand"}. Speech that contains none of a concept's strings cannot say that
concept, so the screen skips the concept's regular expressions for it
(`skill.core.screen`). When a pattern uses anything this reader does not know, it returns
None: no pre-check, every pattern runs as before. The strings are only ever a necessary
condition, never a reason to count a sign.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_MACROS = ("{g}", "{G}")
_QUANTIFIER = re.compile(r"\?|\*|\+|\{(\d+)(?:(,)(\d*))?\}")
_CLASS_ESCAPES = frozenset("wWdDsS")
_ZERO_WIDTH_ESCAPES = frozenset("bB")
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 ',-")

Needed = frozenset[str] | None  # None: nothing is known to be needed


class _Unknown(Exception):
    """A construct this reader does not know: give up on the pattern."""


def needed(pattern: str) -> Needed:
    """Strings one of which every match of `pattern` contains, or None."""
    text = re.sub(r"\s+", " ", pattern)  # as `skill.content.danger` compiles it
    try:
        reader = _Reader(text)
        found = reader.alternation()
        if reader.at < len(text):
            raise _Unknown(text[reader.at:])
    except _Unknown:
        return None
    return found


def needed_by_all(patterns: Iterable[str]) -> Needed:
    """Strings one of which any match of any of `patterns` contains, or None."""
    out: set[str] = set()
    for pattern in patterns:
        one = needed(pattern)
        if one is None:
            return None
        out |= one
    return frozenset(out)


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def alternation(self) -> Needed:
        branches = [self.sequence()]
        while self.at < len(self.text) and self.text[self.at] == "|":
            self.at += 1
            branches.append(self.sequence())
        if any(b is None for b in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]

    def sequence(self) -> Needed:
        candidates: list[frozenset[str]] = []
        run: list[str] = []

        def flush() -> None:
            if run:
                candidates.append(frozenset({"".join(run)}))
                run.clear()

        text = self.text
        while self.at < len(text) and text[self.at] not in "|)":
            char, need = self.atom()
            low, exact_one = self.quantifier()
            if char is not None and low >= 1:
                run.append(char)
                if not exact_one:
                    flush()  # "r+": what follows is not next to the first r
                continue
            flush()
            if need is not None and low >= 1:
                candidates.append(need)
        flush()
        if not candidates:
            return None
        # Any candidate is correct; the longest shortest string skips the most speech.
        return max(candidates, key=lambda c: (min(len(s) for s in c), -len(c)))

    def atom(self) -> tuple[str | None, Needed]:
        """(the plain character, or None; what the atom needs)."""
        text, at = self.text, self.at
        for macro in _MACROS:
            if text.startswith(macro, at):
                self.at += len(macro)
                return None, None
        char = text[at]
        if char == "(":
            if text.startswith("(?!", at) or text.startswith("(?=", at):
                self.at += 3
                self.alternation()  # zero width: needs nothing
                self._close()
                return None, None
            if text.startswith("(?:", at):
                self.at += 3
            elif text.startswith("(?", at):
                raise _Unknown(text[at:])
            else:
                self.at += 1
            inner = self.alternation()
            self._close()
            return None, inner
        if char == "[":
            end = text.find("]", at + 2)  # "[]...]" keeps a leading "]" inside
            if end < 0 or "\\" in text[at:end]:
                raise _Unknown(text[at:])
            self.at = end + 1
            return None, None
        if char == "\\":
            if at + 1 >= len(text):
                raise _Unknown(text[at:])
            kind = text[at + 1]
            if kind in _CLASS_ESCAPES or kind in _ZERO_WIDTH_ESCAPES:
                self.at += 2
                return None, None
            raise _Unknown(text[at:])
        if char in ".$^":
            self.at += 1
            return None, None
        if char in _PLAIN:
            self.at += 1
            return char, frozenset({char})
        raise _Unknown(text[at:])

    def quantifier(self) -> tuple[int, bool]:
        """(fewest repeats, exactly one): a missing quantifier is exactly one."""
        found = _QUANTIFIER.match(self.text, self.at)
        if found is None:
            return 1, True
        self.at = found.end()
        if self.at < len(self.text) and self.text[self.at] in "?+":  # lazy or possessive
            self.at += 1
        token = found.group(0)
        if token in ("?", "*"):
            return 0, False
        if token == "+":
            return 1, False
        low = int(found.group(1))
        exact = found.group(2) is None and low == 1
        return low, exact

    def _close(self) -> None:
        if self.at >= len(self.text) or self.text[self.at] != ")":
            raise _Unknown(self.text[self.at:])
        self.at += 1
