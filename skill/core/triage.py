"""Pure triage over typed content: red-flag screen, ranked causes, fitting remedies."""

from __future__ import annotations

from typing import Iterable

from skill.content import TIERS, Cause, Condition, Content, RedFlag, Remedy
from skill.core.symptoms import SINGLE_SLOTS, Symptoms

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
            if all(not symptoms.signs.isdisjoint(signs) for signs in group.every):
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


def rank_causes(symptoms: Symptoms, content: Content, limit: int = CAUSES_SPOKEN) -> tuple[Cause, ...]:
    """The likeliest reasons, best first; only reasons with enough support.

    A cause scores its prior plus the points its `features` give each value the user said.
    The totals are added up from the content's (slot, value) -> points index, so only the
    said values are touched and the cost hardly grows with the number of causes."""
    totals = list(content.cause_priors)
    said = [(slot, getattr(symptoms, slot)) for slot in SINGLE_SLOTS] + [("sign", s) for s in symptoms.signs]
    for key in said:
        for number, points in content.feature_points.get(key, ()):
            totals[number] += points
    ranked = sorted((n for n, total in enumerate(totals) if total >= MIN_SCORE), key=lambda n: (-totals[n], n))
    return tuple(content.causes[number] for number in ranked[:limit])


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

    Order: tips for the likeliest reason, then the tip for their sleeping position, then
    tips for the other likely reasons (best first), then general tips. When the likeliest
    reason is `positional` (how they lie can cause or ease it), the tip for the position
    they said comes first of all. A tip that names
    feelings (`sensations`) is kept for those feelings, or when the feeling is not known.
    """
    causes = tuple(causes)
    cause_rank = {cause.id: rank for rank, cause in enumerate(causes)}
    # The position they said leads when how they lie can cause or ease the likeliest reason.
    position_first = bool(symptoms.position) and bool(causes) and causes[0].positional
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
        if remedy.sensations and symptoms.sensation and symptoms.sensation not in remedy.sensations:
            continue
        if remedy.causes and not remedy.causes & cause_rank.keys():
            continue
        best = min((cause_rank[c] for c in remedy.causes & cause_rank.keys()), default=None)
        if remedy.positions and position_first:
            key = (-1, 0, index)
        elif best == 0:
            key = (0, 0, index)
        elif remedy.positions:
            key = (1, 0, index)
        elif best is not None:
            key = (2, best, index)
        else:
            key = (3, 0, index)
        candidates.append((key, remedy))
    return tuple(remedy for _, remedy in sorted(candidates, key=lambda item: item[0])[:limit])


def written_for(remedy: Remedy, causes: tuple[Cause, ...]) -> bool:
    """True when a tip may lead an answer with these reasons: a general tip, a tip for how
    they lie, or a tip written for the likeliest reason (never one for another reason)."""
    return not remedy.causes or bool(remedy.positions) or (bool(causes) and causes[0].id in remedy.causes)


def lead_first(remedies: tuple[Remedy, ...], causes: tuple[Cause, ...]) -> tuple[Remedy, ...]:
    """The tips with the first one that may lead (`written_for`) moved to the front."""
    lead = next((r for r in remedies if written_for(r, causes)), None)
    if lead is None or remedies[0] is lead:
        return remedies
    return (lead, *(r for r in remedies if r is not lead))

