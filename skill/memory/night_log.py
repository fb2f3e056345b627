"""The night log, pure: one entry per night, the summary a GP asks for, and the patterns
worth a visit (no SDK, no I/O; the stores are in `skill.memory.night_log_store`).

An entry holds slot value ids only (the feeling, which leg, position, what helped, when)
and the rough time of night, never words. Only ids listed under `labels` in
`content/night_log.yaml` are kept, so a danger sign can never be stored, whatever a caller
passes in. Entries older than `keep_nights` (90) are dropped on every read and write.

Nights: a night runs from noon to noon in the person's local time, so 2 a.m. on Tuesday
belongs to Monday night. The local time is the request's UTC time plus the locale's usual
offset (`LOCALE_OFFSETS`), a rough guess that is right for a night's date in most places.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from skill import paths
from skill.content import ContentError, read_yaml, require_sources
from skill.memory.text import spoken_line

FILE = "night_log.yaml"
FIELDS = ("sensation", "side", "position", "relief", "timing", "time")
SLOT_FIELDS = FIELDS[:-1]  # the fields a conversation's slots fill; `time` comes from the clock
# Hours from UTC to a usual local time, per locale (a night's date, not a clock to show).
LOCALE_OFFSETS: Mapping[str, float] = {"en-US": -5, "en-CA": -5, "en-GB": 0, "en-AU": 10, "en-IN": 5.5}
WEEK = 7
MONTH = 30

PROMPTS: Mapping[str, frozenset[str]] = {
    **{name: frozenset() for name in (
        "offer", "offer_reprompt", "ask_feeling", "ask_feeling_reprompt", "logged_how_to_hear", "offer_declined",
        "not_logged_danger", "no_store", "after_forget", "goodnight", "summary_none", "summary_start_log",
        "summary_count_one", "summary_nothing_helped", "summary_reprompt", "sent", "sent_none", "delete_ask",
        "delete_reprompt", "delete_done", "delete_kept", "delete_failed", "next_step", "next_reprompt",
    )},
    "logged": frozenset({"feeling"}),
    "logged_again": frozenset({"feeling"}),
    "summary_count": frozenset({"nights"}),
    "summary_feeling": frozenset({"feeling"}),
    "summary_feeling_position": frozenset({"feeling", "position"}),
    "summary_relief": frozenset({"relief"}),
    "summary_offer": frozenset({"doctor"}),
}
CARD_TEXTS = ("title", "table_heading", "last_7", "last_30", "of", "nights", "feelings", "positions", "helped", "legs", "note")
KINDS = ("weekly", "in_a_row", "rising")


# --------------------------------------------------------------------------- entries


@dataclass(frozen=True)
class Entry:
    """One night: slot value ids and the rough time of night. `sensation` is always set."""

    night: date
    sensation: str
    side: str | None = None
    position: str | None = None
    relief: str | None = None
    timing: str | None = None
    time: str | None = None

    def to_record(self) -> dict[str, str]:
        return {name: value for name in FIELDS if (value := getattr(self, name)) is not None}


def night_of(moment: datetime, locale: str) -> date:
    """The night a moment belongs to: noon to noon, local time (see the module docstring)."""
    return (_local(moment, locale) - timedelta(hours=12)).date()


def rough_time(moment: datetime, locale: str) -> str:
    """evening (6 to 10 PM), night (10 PM to 3 AM), early (3 to 7 AM) or day."""
    hour = _local(moment, locale).hour
    if 18 <= hour < 22:
        return "evening"
    if hour >= 22 or hour < 3:
        return "night"
    if 3 <= hour < 7:
        return "early"
    return "day"


def _local(moment: datetime, locale: str) -> datetime:
    stamp = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return stamp.astimezone(timezone.utc).replace(tzinfo=None) + timedelta(hours=LOCALE_OFFSETS.get(locale, 0))


def make_entry(night: date, values: Mapping[str, Any], text: NightLogText) -> Entry | None:
    """An entry from slot ids, keeping only values the log may hold; None without a feeling
    it may hold (a danger sign, or words, never reach the record)."""
    kept = {name: value for name in FIELDS if isinstance(value := values.get(name), str) and value in text.labels[name]}
    if "sensation" not in kept:
        return None
    return Entry(night=night, **kept)


# --------------------------------------------------------------------------- the log


@dataclass(frozen=True)
class NightLog:
    """The nights kept for one person, newest first."""

    entries: tuple[Entry, ...] = ()

    def with_entry(self, entry: Entry, keep_nights: int) -> NightLog:
        """One entry per night: a second log of the same night replaces the first."""
        entries = sorted([entry, *(e for e in self.entries if e.night != entry.night)], key=lambda e: e.night, reverse=True)
        return NightLog(tuple(entries)).kept(entries[0].night, keep_nights)

    def kept(self, today: date, keep_nights: int) -> NightLog:
        """Without nights older than `keep_nights` before `today`."""
        oldest = today - timedelta(days=keep_nights - 1)
        return NightLog(tuple(e for e in self.entries if e.night >= oldest))

    def has(self, night: date) -> bool:
        return any(e.night == night for e in self.entries)

    def within(self, today: date, nights: int) -> tuple[Entry, ...]:
        """Entries of the `nights` nights up to and including `today`."""
        oldest = today - timedelta(days=nights - 1)
        return tuple(e for e in self.entries if oldest <= e.night <= today)

    @property
    def empty(self) -> bool:
        return not self.entries


def to_record(log: NightLog) -> dict[str, dict[str, str]]:
    """Stored form: night (ISO date) -> {field: id}."""
    return {e.night.isoformat(): e.to_record() for e in log.entries}


def from_record(record: Any, text: NightLogText) -> NightLog:
    """The stored record is untrusted: only well-formed nights with known ids are kept."""
    if not isinstance(record, Mapping):
        return NightLog()
    entries = []
    for key, values in list(record.items())[: text.keep_nights + 10]:
        try:
            night = date.fromisoformat(key) if isinstance(key, str) else None
        except ValueError:
            night = None
        entry = make_entry(night, values, text) if night is not None and isinstance(values, Mapping) else None
        if entry is not None:
            entries.append(entry)
    return NightLog(tuple(sorted(entries, key=lambda e: e.night, reverse=True)))


# --------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class Tally:
    """What a window of nights holds: how many nights, and each field's counts."""

    nights: int
    days: int
    counts: Mapping[str, Counter[str]]

    def commonest(self, name: str) -> str | None:
        found = self.counts[name].most_common()
        return found[0][0] if found else None


def tally(log: NightLog, today: date, nights: int) -> Tally:
    entries = log.within(today, nights)
    counts = {name: Counter(v for e in entries if (v := getattr(e, name)) is not None) for name in FIELDS}
    return Tally(len(entries), nights, counts)


def summary(log: NightLog, today: date, text: NightLogText, locale: str) -> tuple[str, ...]:
    """The spoken summary of the last 7 nights, sentence by sentence (at most 45 words)."""
    week = tally(log, today, WEEK)
    if week.nights == 0:
        return (text.say("summary_none"),)
    sentences = [text.say("summary_count_one") if week.nights == 1 else text.say("summary_count", nights=str(week.nights))]
    feeling, position = week.commonest("sensation"), week.commonest("position")
    assert feeling is not None  # every entry has one
    if position is not None:
        sentences.append(text.say("summary_feeling_position", feeling=text.label("sensation", feeling), position=text.label("position", position)))
    else:
        sentences.append(text.say("summary_feeling", feeling=text.label("sensation", feeling)))
    relief = week.commonest("relief")
    if relief == "nothing":
        sentences.append(text.say("summary_nothing_helped"))
    elif relief is not None:
        sentences.append(text.say("summary_relief", relief=text.label("relief", relief)))
    return tuple(sentences)


# --------------------------------------------------------------------------- patterns


@dataclass(frozen=True)
class Pattern:
    id: str
    feeling: str  # a sensation id, or "any"
    kind: str
    say: str  # with {doctor}
    sources: tuple[str, ...]
    min_nights: int = 0
    weeks: int = 0
    min_recent: int = 0

    def counts(self, entry: Entry) -> bool:
        return self.feeling == "any" or entry.sensation == self.feeling

    def fits(self, log: NightLog, today: date) -> bool:
        nights = {e.night for e in log.entries if self.counts(e) and e.night <= today}
        if self.kind == "weekly":
            return all(
                sum(1 for n in nights if today - timedelta(days=WEEK * (w + 1) - 1) <= n <= today - timedelta(days=WEEK * w))
                >= self.min_nights
                for w in range(self.weeks)
            )
        if self.kind == "in_a_row":
            if not nights:
                return False
            latest, run = max(nights), 0
            if latest < today - timedelta(days=1):  # the run must reach last night or tonight
                return False
            while latest - timedelta(days=run) in nights:
                run += 1
            return run >= self.min_nights
        # rising: the last 14 nights against the 14 before them
        recent = sum(1 for n in nights if today - timedelta(days=13) <= n <= today)
        earlier = sum(1 for n in nights if today - timedelta(days=27) <= n <= today - timedelta(days=14))
        return recent >= self.min_recent and recent >= 2 * earlier and recent > earlier


def advice(log: NightLog, today: date, text: NightLogText, locale: str) -> str | None:
    """The first pattern that fits, said for this locale; None when none does."""
    for pattern in text.patterns:
        if pattern.fits(log, today):
            return pattern.say.format(doctor=text.doctor(locale))
    return None


def matching_pattern(log: NightLog, today: date, text: NightLogText) -> Pattern | None:
    return next((p for p in text.patterns if p.fits(log, today)), None)


# --------------------------------------------------------------------------- the card


def card_text(log: NightLog, today: date, text: NightLogText, locale: str, spoken: Iterable[str]) -> str:
    """The Alexa app card: the spoken summary word for word, then a 7- and 30-night table."""
    week, month = tally(log, today, WEEK), tally(log, today, MONTH)
    c = text.card
    lines = [" ".join(spoken), "", f"{c['table_heading']}:"]
    lines.append(f"{c['last_7']}: {week.nights} {c['of']} {WEEK}")
    lines.append(f"{c['last_30']}: {month.nights} {c['of']} {MONTH}")
    for heading, name in (("feelings", "sensation"), ("positions", "position"), ("helped", "relief"), ("legs", "side")):
        if not month.counts[name]:
            continue
        lines += ["", f"{c[heading]} ({c['last_7']} / {c['last_30']}):"]
        for value, count in month.counts[name].most_common():
            lines.append(f"- {text.label(name, value)}: {week.counts[name][value]} / {count}")
    lines += ["", c["note"]]
    return "\n".join(lines)


# --------------------------------------------------------------------------- content


@dataclass(frozen=True)
class NightLogText:
    prompts: Mapping[str, str]
    labels: Mapping[str, Mapping[str, str]]
    doctors: Mapping[str, str]
    card: Mapping[str, str]
    patterns: tuple[Pattern, ...]
    keep_nights: int
    sources: tuple[str, ...]

    def say(self, prompt_id: str, **values: str) -> str:
        return self.prompts[prompt_id].format(**values)

    def label(self, name: str, value: str) -> str:
        return self.labels[name][value]

    def doctor(self, locale: str) -> str:
        return self.doctors.get(locale, self.doctors["default"])


@functools.cache
def load_night_log_text() -> NightLogText:
    data = read_yaml(paths.content_dir() / FILE)
    if not isinstance(data, Mapping):
        raise ContentError(FILE, "(file)", "must be a mapping")
    sources = require_sources(FILE, "(file)", data)
    raw = _mapping(data.get("prompts"), "prompts")
    prompts = {pid: _spoken(pid, raw.get(pid), wanted) for pid, wanted in PROMPTS.items()}
    unknown = sorted(set(raw) - set(PROMPTS))
    if unknown:
        raise ContentError(FILE, unknown[0], "no code speaks this prompt")
    labels_raw = _mapping(data.get("labels"), "labels")
    labels = {name: {str(k): _spoken(f"labels.{name}.{k}", v, frozenset()) for k, v in _mapping(labels_raw.get(name), f"labels.{name}").items()} for name in FIELDS}
    locales = _mapping(data.get("locales"), "locales")
    doctors = {str(code): _spoken(f"locales.{code}.doctor", _mapping(v, f"locales.{code}").get("doctor"), frozenset()) for code, v in locales.items()}
    if "default" not in doctors:
        raise ContentError(FILE, "locales", "needs a `default:` doctor")
    card_raw = _mapping(data.get("card"), "card")
    card = {name: _spoken(f"card.{name}", card_raw.get(name), frozenset()) for name in CARD_TEXTS}
    keep = data.get("keep_nights")
    if not isinstance(keep, int) or not 30 <= keep <= 366:
        raise ContentError(FILE, "keep_nights", "must be a whole number of nights from 30 to 366")
    patterns = tuple(_pattern(i, p, labels["sensation"]) for i, p in enumerate(data.get("patterns") or ()))
    if not patterns:
        raise ContentError(FILE, "patterns", "needs at least one pattern")
    return NightLogText(prompts, labels, doctors, card, patterns, keep, sources)


def _pattern(index: int, raw: Any, feelings: Mapping[str, str]) -> Pattern:
    entry = f"patterns[{index}]"
    if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str):
        raise ContentError(FILE, entry, "needs an `id:`")
    entry = str(raw["id"])
    sources = require_sources(FILE, entry, raw)
    feeling, kind = raw.get("feeling"), raw.get("kind")
    if feeling != "any" and feeling not in feelings:
        raise ContentError(FILE, entry, f"feeling {feeling!r} is not a sensation the log keeps")
    if kind not in KINDS:
        raise ContentError(FILE, entry, f"kind must be one of {', '.join(KINDS)}")
    say = _spoken(f"{entry}.say", raw.get("say"), frozenset({"doctor"}))
    numbers = {name: raw.get(name, 0) for name in ("min_nights", "weeks", "min_recent")}
    if any(not isinstance(v, int) or v < 0 for v in numbers.values()):
        raise ContentError(FILE, entry, "min_nights, weeks and min_recent are whole numbers")
    if "take iron" in say.lower():
        raise ContentError(FILE, entry, 'never "take iron": ask the doctor to check it (DESIGN.md section 4)')
    return Pattern(entry, str(feeling), str(kind), say, sources, **numbers)


def _mapping(value: Any, entry: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ContentError(FILE, entry, "must be a mapping")
    return value


def _spoken(entry: str, value: Any, placeholders: frozenset[str]) -> str:
    return spoken_line(FILE, entry, value, placeholders)
