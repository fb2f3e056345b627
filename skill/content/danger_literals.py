"""Words a danger pattern cannot match without: a cheap, exact pre-check for the screen.

`needed(pattern)` reads one pattern of `content/danger_words.yaml` as written (the gap
macros `{g}` and `{G}` left in) and returns a set of plain strings such that every match
of the compiled pattern contains at least one of them, e.g. `(arm|hand)s?{g}we+a+k\\w*`
gives {"arm", "hand"}. Speech that contains none of a concept's strings cannot say that
concept, so the screen skips the concept's regular expressions for it
(`skill.core.danger_screen`). When a pattern uses anything this reader does not know, it returns
None: no pre-check, every pattern runs as before. The strings are only ever a necessary
condition, never a reason to count a sign.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

_MACROS = ("{g}", "{G}")
_QUANTIFIER = re.compile(r"\?|\*|\+|\{(\d+)(?:(,)(\d*))?\}")
_CLASS_ESCAPES = frozenset("wWdDsS")
_ZERO_WIDTH_ESCAPES = frozenset("bB")
_RUN = re.compile(r"[a-z0-9 ',-]+")

Needed = frozenset[str] | None  # None: nothing is known to be needed


class _Unknown(Exception):
    """A construct this reader does not know: give up on the pattern."""


@functools.lru_cache(maxsize=1024)  # every locale's content has the same patterns
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
    """Strings one of which any match of any of `patterns` contains, or None (also for no
    patterns: an empty set would skip everything)."""
    out: set[str] = set()
    for pattern in patterns:
        one = needed(pattern)
        if one is None:
            return None
        out |= one
    return frozenset(out) if out else None


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
            plain = _RUN.match(text, self.at)
            if plain is not None:  # plain characters; a quantifier after them takes the last
                self.at = plain.end()
                low, exact_one = self.quantifier()
                chars = plain.group(0)
                if exact_one:
                    run.append(chars)
                    continue
                run.append(chars[:-1])
                if low >= 1:
                    run.append(chars[-1])
                flush()  # "r+", "s?": what follows is not next to what came before
                continue
            need = self.atom()
            low, _ = self.quantifier()
            flush()
            if need is not None and low >= 1:
                candidates.append(need)
        flush()
        if not candidates:
            return None
        # Any candidate is correct; the longest shortest string skips the most speech.
        return max(candidates, key=lambda c: (min(len(s) for s in c), -len(c)))

    def atom(self) -> Needed:
        """What one group, class, escape or macro needs (plain characters are read as runs)."""
        text, at = self.text, self.at
        for macro in _MACROS:
            if text.startswith(macro, at):
                self.at += len(macro)
                return None
        char = text[at]
        if char == "(":
            if text.startswith("(?!", at) or text.startswith("(?=", at):
                self.at += 3
                self.alternation()  # zero width: needs nothing
                self._close()
                return None
            if text.startswith("(?:", at):
                self.at += 3
            elif text.startswith("(?", at):
                raise _Unknown(text[at:])
            else:
                self.at += 1
            inner = self.alternation()
            self._close()
            return inner
        if char == "[":
            end = text.find("]", at + 2)  # "[]...]" keeps a leading "]" inside
            if end < 0 or "\\" in text[at:end]:
                raise _Unknown(text[at:])
            self.at = end + 1
            return None
        if char == "\\":
            if at + 1 >= len(text):
                raise _Unknown(text[at:])
            kind = text[at + 1]
            if kind in _CLASS_ESCAPES or kind in _ZERO_WIDTH_ESCAPES:
                self.at += 2
                return None
            raise _Unknown(text[at:])
        if char in ".$^":
            self.at += 1
            return None
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
