"""Expand the sample grammar (`interaction_model/source/grammar.yaml`) into sample utterances.

A pattern is words with "(a|b|)" choices ("" leaves the choice out), "@list" words from
the grammar's lists and "{slot}" slots. Each pattern gives at most `cap` samples, picked
evenly (with a fixed seed) from all its combinations, so the model stays small and the
output never changes between runs.
"""

from __future__ import annotations

import random
import re
from typing import Any, Mapping

GROUP = re.compile(r"\(([^()]*)\)")
LIST_REF = re.compile(r"@([a-z_]+)")
ADJACENT_SLOTS = re.compile(r"\}\s*\{")


class GrammarError(Exception):
    """The grammar is malformed; the message names the file, the entry and the reason."""


def _fail(entry: str, reason: str) -> GrammarError:
    return GrammarError(f"grammar.yaml: {entry}: {reason}")


def _with_lists(pattern: str, lists: Mapping[str, list[str]], entry: str) -> str:
    """Replace "@name" by a choice of the list's words (inside a choice, by its words)."""

    def group(match: re.Match[str]) -> str:
        alternatives: list[str] = []
        for alt in match.group(1).split("|"):
            ref = LIST_REF.fullmatch(alt.strip())
            if ref:
                alternatives.extend(_list(lists, ref.group(1), entry))
            else:
                alternatives.append(alt)
        return "(" + "|".join(alternatives) + ")"

    pattern = GROUP.sub(group, pattern)
    return LIST_REF.sub(lambda m: "(" + "|".join(_list(lists, m.group(1), entry)) + ")", pattern)


def _list(lists: Mapping[str, list[str]], name: str, entry: str) -> list[str]:
    if name not in lists:
        raise _fail(entry, f"no list named @{name}")
    return [str(w) for w in lists[name]]


def expand(pattern: str, lists: Mapping[str, list[str]], cap: int, entry: str) -> list[str]:
    text = _with_lists(pattern, lists, entry)
    if "(" in GROUP.sub("", text) or ")" in GROUP.sub("", text):
        raise _fail(entry, f"unbalanced or nested choice in {pattern!r}")
    parts: list[list[str]] = []
    last = 0
    for match in GROUP.finditer(text):
        parts.append([text[last : match.start()]])
        parts.append(match.group(1).split("|"))
        last = match.end()
    parts.append([text[last:]])
    sizes = [len(p) for p in parts]
    total = 1
    for size in sizes:
        total *= size
    picks = range(total) if total <= cap else _picks(sizes, total, cap, pattern)
    out: list[str] = []
    for k in picks:
        chosen = []
        for part, size in zip(reversed(parts), reversed(sizes)):
            chosen.append(part[k % size])
            k //= size
        sample = " ".join("".join(reversed(chosen)).split())
        if ADJACENT_SLOTS.search(sample):
            raise _fail(entry, f"{sample!r} has two slots with no word between them")
        out.append(sample)
    return list(dict.fromkeys(out))


def _picks(sizes: list[int], total: int, cap: int, seed: str) -> list[int]:
    """Combinations that use every choice at least once, topped up at random to `cap`."""
    chosen: list[int] = []
    for i in range(max(sizes)):
        k = 0
        for size in sizes:
            k = k * size + (i % size)
        chosen.append(k)
    rest = [k for k in random.Random(seed).sample(range(total), min(total, cap)) if k not in set(chosen)]
    return sorted(set(chosen) | set(rest[: max(0, cap - len(set(chosen)))]))


def samples_by_intent(grammar: Mapping[str, Any]) -> dict[str, list[str]]:
    lists = grammar.get("lists") or {}
    cap = int(grammar.get("cap") or 24)
    out: dict[str, list[str]] = {}
    for intent, patterns in (grammar.get("intents") or {}).items():
        found: list[str] = []
        for k, pattern in enumerate(patterns or []):
            found.extend(expand(str(pattern), lists, cap, f"intents.{intent}[{k}]"))
        out[str(intent)] = list(dict.fromkeys(found))
    return out


SYNONYM_CAP = 400  # a synonym pattern lists its words in full; this only stops a runaway one


def synonyms_by_type(grammar: Mapping[str, Any]) -> dict[str, dict[str, list[str]]]:
    """Slot-type synonyms written as patterns ("@person's (pills|tablets)"), by type and value id.

    A slot value that is a phrase of parts ("my dad's nerve tablets", "my seven year old")
    is written once as a pattern instead of as every combination by hand."""
    lists = grammar.get("lists") or {}
    out: dict[str, dict[str, list[str]]] = {}
    for type_name, values in (grammar.get("synonyms") or {}).items():
        for value_id, patterns in (values or {}).items():
            found: list[str] = []
            for k, pattern in enumerate(patterns or []):
                entry = f"synonyms.{type_name}.{value_id}[{k}]"
                if "{" in str(pattern):
                    raise _fail(entry, "a synonym has no slots")
                found.extend(expand(str(pattern), lists, SYNONYM_CAP, entry))
            out.setdefault(str(type_name), {})[str(value_id)] = list(dict.fromkeys(found))
    return out


__all__ = ["GrammarError", "expand", "samples_by_intent", "synonyms_by_type", "ADJACENT_SLOTS"]
