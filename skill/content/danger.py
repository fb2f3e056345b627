"""How danger signs are said out loud: `content/danger_words.yaml` read into typed records.

Each concept's wording is compiled once into regular expressions over normalised speech
(`skill.core.danger_screen.normalise`). A bad entry stops the load with a ContentError naming the
file, the concept and the problem (an unknown sign, a pattern that does not compile, a
clarifying question that does not exist).
"""

from __future__ import annotations

import re
from typing import Mapping

from skill.content.danger_records import Clarify, Concept, DangerWords
from skill.content.entries import _Entry, _list_of_entries
from skill.content.errors import ContentError
from skill.content.overrides import _Source

FILE = "danger_words.yaml"
# A gap of up to three (or six) words, none of them a negation: "face looks a bit funny".
_GAP = r"(?: (?:(?!{neg}\b)[a-z0-9]+ ){{0,{n}}})"


_CLASS_NAME = re.compile(r"\{([A-Za-z_]+)\}")


def _classes(top: _Entry) -> dict[str, str]:
    """Vocabulary classes (`classes:` name -> words), written once and used by name in
    patterns: `{colour}`, `{cold}`, `{breath}`. A class is plain alternatives, no gap."""
    raw = top.data.get("classes", {})
    if not isinstance(raw, dict):
        raise top.fail("`classes` must map a class name to a regular expression of words")
    out: dict[str, str] = {}
    for name, words in raw.items():
        if not isinstance(name, str) or not re.fullmatch(r"[a-z_]+", name) or not isinstance(words, str):
            raise top.fail(f"`classes.{name}` must be a lower-case name with a regular expression of words")
        if "{" in words:
            raise top.fail(f"`classes.{name}` uses a macro or class; a class is plain words")
        try:
            re.compile(words)
        except re.error as exc:
            raise top.fail(f"`classes.{name}` is not a valid pattern: {exc}") from None
        out[name] = words
    return out


def load_danger_words(source: _Source, vocab: Mapping[str, frozenset[str]]) -> DangerWords:
    data = source.read(FILE)
    top = _Entry(FILE, "(file)", data)
    macros = top.data.get("macros")
    for key in ("negation", "gap_stop"):
        if not isinstance(macros, Mapping) or not isinstance(macros.get(key), str):
            raise top.fail(f"`macros.{key}` must be a regular expression of words")
    assert isinstance(macros, Mapping)
    neg = macros["negation"]
    gap3, gap6 = _GAP.format(neg=macros["gap_stop"], n=3), _GAP.format(neg=macros["gap_stop"], n=8)
    classes = _classes(top)

    def expand(entry: _Entry, key: str, pattern: str) -> str:
        """`{colour}` -> the vocabulary class's words; an unknown class name fails the load."""
        def one(found: re.Match[str]) -> str:
            name = found.group(1)
            if name in ("g", "G"):
                return found.group(0)
            if name not in classes:
                raise entry.fail(f"`{key}` has {pattern!r}, which names {{{name}}}, not a class under `classes:`")
            return f"(?:{classes[name]})"
        return _CLASS_NAME.sub(one, pattern)

    def compile_list(entry: _Entry, key: str) -> tuple[re.Pattern[str], ...]:
        raw = entry.data.get(key, [])
        if not isinstance(raw, list) or not all(isinstance(p, str) and p.strip() for p in raw):
            raise entry.fail(f"`{key}` must be a list of regular expressions")
        out = []
        for pattern in raw:
            text = expand(entry, key, pattern).replace("{g}", gap3).replace("{G}", gap6)
            # A pattern's own spaces may stand before a gap: "face{g}funny" reads "face ... funny".
            text = re.sub(r"\s+", " ", text)
            try:
                out.append(re.compile(rf"(?<![a-z0-9])(?:{text})(?![a-z0-9])"))
            except re.error as exc:
                raise entry.fail(f"`{key}` has {pattern!r}, which is not a valid pattern: {exc}") from None
        return tuple(out)

    raw_clarify = data.get("clarify") if isinstance(data, Mapping) else None
    if not isinstance(raw_clarify, Mapping):
        raise ContentError(FILE, "clarify", "the file needs a `clarify:` mapping")
    clarify: dict[str, Clarify] = {}
    for clarify_id, raw in raw_clarify.items():
        entry = _Entry(FILE, f"clarify.{clarify_id}", raw)
        sign = entry.data.get("sign")
        if sign is not None and sign not in vocab["sign"]:
            raise entry.fail(f"`sign` {sign!r} is not a sign in phrases.yaml")
        for_signs = entry.words("for_signs")
        if for_signs - vocab["sign"]:
            raise entry.fail(f"`for_signs` has unknown sign(s) {sorted(for_signs - vocab['sign'])}")
        if for_signs and sign is None:
            raise entry.fail("`for_signs` needs the `sign` a yes sets")
        clarify[str(clarify_id)] = Clarify(
            str(clarify_id), sign, for_signs, entry.text("prompt"), entry.text("reprompt"), entry.sources()
        )

    concepts: list[Concept] = []
    for concept_id, entry in _list_of_entries(FILE, data, "concepts"):
        slot = entry.data.get("slot", "sign")
        value = entry.data.get("sign") if slot == "sign" else entry.data.get("value")
        if slot not in vocab:
            raise entry.fail(f"`slot` must be one of {sorted(vocab)}, not {slot!r}")
        if not isinstance(value, str) or value not in vocab[slot]:
            raise entry.fail(f"sets {slot} to {value!r}, which phrases.yaml does not list for that slot")
        with_signs = entry.words("with")  # sign ids, or slot=value ("sensation=cramp")
        known = set(vocab["sign"]) | {f"{slot}={v}" for slot, values in vocab.items() for v in values}
        if with_signs - known:
            raise entry.fail(f"`with` has unknown sign(s) {sorted(with_signs - known)}")
        clarify_id = entry.data.get("clarify")
        if clarify_id is not None and clarify_id not in clarify:
            raise entry.fail(f"`clarify` names {clarify_id!r}, which is not under `clarify:`")
        words = compile_list(entry, "words")
        ask = compile_list(entry, "ask")
        explained = compile_list(entry, "explained")
        if not words and not ask:
            raise entry.fail("`words` (or `ask`, with a clarifying question) must list how people say it")
        if (ask or explained) and clarify_id is None:
            raise entry.fail("`ask` and `explained` need a `clarify` question")
        concepts.append(
            Concept(
                id=concept_id,
                slot=slot,
                value=value,
                words=words,
                ask=ask,
                explained=explained,
                unless=compile_list(entry, "unless"),
                needs=compile_list(entry, "needs"),
                with_signs=with_signs,
                clarify=clarify_id,
                sources=entry.sources(),
                written=tuple(expand(entry, k, p) for k in ("words", "ask") for p in entry.data.get(k, [])),
            )
        )
    negation = re.compile(rf"(?<![a-z0-9]){neg}(?![a-z0-9])")
    topic = compile_list(top, "topic")
    return DangerWords(tuple(concepts), clarify, negation, topic)
