"""Pure triage over typed content: red-flag screen, ranked causes, fitting remedies."""

from __future__ import annotations

import weakref
from typing import Iterable

from skill.content import TIERS, Cause, Condition, Content, RedFlag, Remedy
from skill.symptoms import SINGLE_SLOTS, Symptoms

CAUSES_SPOKEN = 3
REMEDIES_SPOKEN = 3
MIN_SCORE = 2  # a reason needs at least this much support to be spoken


def fits(match: Iterable[Condition], symptoms: Symptoms) -> bool:
    """True when any one group fits: every slot it names has one of its values."""
    # Plain loops over the fields rather than Symptoms.values() set intersections: this
    # runs for every flag and pattern, for every value of every open question (4x faster).
    for group in match:
        for slot, values in group.slots.items():
            if slot == "sign":
                if symptoms.signs.isdisjoint(values):
                    break
            elif getattr(symptoms, slot) not in values:
                break
        else:
            return True
    return False


def screen(symptoms: Symptoms, content: Content) -> tuple[RedFlag, ...]:
    """Every red flag that fits, most urgent tier first (content order within a tier)."""
    fired = [flag for flag in content.flags if fits(flag.match, symptoms)]
    return tuple(sorted(fired, key=lambda flag: TIERS.index(flag.tier)))


def urgent_tier(flags: Iterable[RedFlag]) -> str | None:
    """'emergency' or 'same_day' when such a flag fired, else None."""
    tiers = {flag.tier for flag in flags}
    for tier in ("emergency", "same_day"):
        if tier in tiers:
            return tier
    return None


def stretch_offer(causes: tuple[Cause, ...], flags: tuple[RedFlag, ...]) -> str | None:
    """The guided stretch (routine id) that fits the top reason, if any. Never offered
    when a red flag of any tier fired."""
    if flags or not causes:
        return None
    return causes[0].stretch


def score(cause: Cause, symptoms: Symptoms) -> int:
    # Reads the fields directly rather than through Symptoms.values(), which builds a set
    # per call: this runs for every cause, for every value of every open question.
    total = cause.prior
    for slot, weights in cause.features.items():
        if slot == "sign":
            for value in symptoms.signs:
                total += weights.get(value, 0)
        else:
            value = getattr(symptoms, slot)
            if value is not None:
                total += weights.get(value, 0)
    return total


def rank_causes(symptoms: Symptoms, content: Content, limit: int = CAUSES_SPOKEN) -> tuple[Cause, ...]:
    """The likeliest reasons, best first; only reasons with enough support.

    The same totals as `score()` for every cause, added up from an index of which causes
    give points for each (slot, value): only the said values' points are touched, so the
    cost hardly grows with the number of causes (6x faster at 10x content, issue 7)."""
    priors, index = _feature_index(content)
    totals = list(priors)
    for slot in SINGLE_SLOTS:
        value = getattr(symptoms, slot)
        if value is not None:
            for number, points in index.get((slot, value), ()):
                totals[number] += points
    for sign in symptoms.signs:
        for number, points in index.get(("sign", sign), ()):
            totals[number] += points
    ranked = sorted((n for n, total in enumerate(totals) if total >= MIN_SCORE), key=lambda n: (-totals[n], n))
    return tuple(content.causes[number] for number in ranked[:limit])


_FeatureIndex = dict[tuple[str, str], list[tuple[int, int]]]
# id(content) -> (weak reference to it, priors, index); an entry goes when its content does.
_FEATURES: dict[int, tuple[weakref.ref[Content], tuple[int, ...], _FeatureIndex]] = {}


def _feature_index(content: Content) -> tuple[tuple[int, ...], _FeatureIndex]:
    key = id(content)
    found = _FEATURES.get(key)
    if found is not None and found[0]() is content:
        return found[1], found[2]
    priors = tuple(cause.prior for cause in content.causes)
    index: _FeatureIndex = {}
    for number, cause in enumerate(content.causes):
        for slot, weights in cause.features.items():
            for value, points in weights.items():
                index.setdefault((slot, value), []).append((number, points))
    _FEATURES[key] = (weakref.ref(content, lambda _: _FEATURES.pop(key, None)), priors, index)
    return priors, index


def active_patterns(symptoms: Symptoms, content: Content) -> frozenset[str]:
    return frozenset(p.id for p in content.patterns if fits(p.match, symptoms))


def ruled_out_patterns(symptoms: Symptoms, content: Content) -> frozenset[str]:
    """Patterns that do not fit although the user answered every slot that would show them."""
    return frozenset(
        p.id
        for p in content.patterns
        if not fits(p.match, symptoms) and all(symptoms.answered(slot) for slot in p.ruled_out_by)
    )


def pick_remedies(
    symptoms: Symptoms,
    causes: Iterable[Cause],
    content: Content,
    *,
    in_bed: bool,
    limit: int = REMEDIES_SPOKEN,
) -> tuple[Remedy, ...]:
    """Remedies that fit how the user lies and the likely reasons, and are safe for them.

    Order: the tip for their sleeping position, then tips for the likely reasons (best
    reason first), then general tips.
    """
    cause_rank = {cause.id: rank for rank, cause in enumerate(causes)}
    active = active_patterns(symptoms, content)
    ruled_out = ruled_out_patterns(symptoms, content)
    candidates: list[tuple[tuple[int, int, int], Remedy]] = []
    for index, remedy in enumerate(content.remedies):
        if remedy.safe_in_bed != in_bed:
            continue
        if remedy.avoid_if & active or not remedy.needs_ruled_out <= ruled_out:
            continue
        if remedy.positions and symptoms.position not in remedy.positions:
            continue
        if remedy.causes and not remedy.causes & cause_rank.keys():
            continue
        if remedy.positions:
            key = (0, 0, index)
        elif remedy.causes:
            key = (1, min(cause_rank[c] for c in remedy.causes & cause_rank.keys()), index)
        else:
            key = (2, 0, index)
        candidates.append((key, remedy))
    return tuple(remedy for _, remedy in sorted(candidates, key=lambda item: item[0])[:limit])
