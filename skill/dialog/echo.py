"""Say back what was heard in the person's own words (pure; no SDK).

"my feet burn at night" is said back as "your feet burn at night", not "your legs burn":
the part of the leg, one or two of them, and the words used for the feeling and for when
it happens. Only words a slot value resolved are used (`Symptoms.said`), and only the
forms the content lists (`phrases.yaml` `say_back`), so a sentence is always well made;
anything else is said in the content's own words. A sign is never said back here.
"""

from __future__ import annotations

from skill.content import Content
from skill.core.symptoms import PART, Symptoms

_LEAD_WORDS = ("both my ", "both ", "my ", "me ", "the ", "his ", "her ")


def _bare(words: str) -> str:
    """'my feet' -> 'feet' (the say-back adds 'your')."""
    for lead in _LEAD_WORDS:
        if words.startswith(lead):
            return words[len(lead):]
    return words


def part_words(symptoms: Symptoms, content: Content) -> tuple[str, bool]:
    """('left foot', False) or ('feet', True): the part as said, and whether it is two."""
    p = content.phrases
    side = symptoms.side
    forms = p.part.get(symptoms.part or "")
    said = _bare(symptoms.words_for(PART) or "")
    if forms is None:  # the part may be in the side's words ("left foot")
        side_words = symptoms.words_for("side") or ""
        for part_id, part_forms in p.part.items():
            if set(part_forms.values()) & set(side_words.split()):
                forms, said = part_forms, next(w for w in side_words.split() if w in part_forms.values())
                break
    if forms is None:
        leg_forms = p.leg.get(side or "one", p.leg["one"])
        two = "both" in leg_forms
        return leg_forms["both" if two else "one"], two
    two = side == "both" or (said == forms["both"] and forms["both"] != forms["one"])
    noun = forms["both" if two else "one"]
    if side in ("left", "right") and not two:
        noun = f"{p.leg[side]['one'].split()[0]} {noun}"  # "left foot"
    return noun, two


def _you(words: str, content: Content) -> str:
    swap = content.phrases.say_back.you
    return " ".join(swap.get(word, word) for word in words.split())


def when_words(symptoms: Symptoms, content: Content) -> str:
    """'when you lie on your side', 'at night', 'suddenly': where and when, as said when it can be."""
    p = content.phrases
    out: list[str] = []
    if symptoms.position:
        out.append(p.position.get(symptoms.position, ""))
    if symptoms.timing:
        said = symptoms.words_for("timing")
        if said and said.split()[0] in p.say_back.when_words:
            words = _you(said, content)
        else:
            words = p.timing.get(symptoms.timing, "")
        if not (out and words.startswith("when ")):  # one "when" is enough: "when you lie on your side"
            out.append(words)
    return " ".join(w for w in out if w)


def clause(symptoms: Symptoms, content: Content) -> str:
    """'your feet burn at night', 'you have pins and needles in your toes'."""
    p = content.phrases
    forms = p.say_back
    part, two = part_words(symptoms, content)
    feeling = (symptoms.words_for("sensation") or "").strip()
    singular = {v: k for k, v in forms.verbs.items()}
    if feeling in forms.verbs or feeling in singular:
        verb = forms.verbs.get(feeling, feeling) if two else singular.get(feeling, feeling)
        said = content.fill(forms.does, part=part, feeling=verb)
    elif feeling in forms.states:
        said = content.fill(forms.are if two else forms.is_, part=part, feeling=feeling)
    elif feeling in forms.things:
        said = content.fill(forms.has, part=part, feeling=feeling)
    else:
        words = p.sensation.get(symptoms.sensation or "unknown", p.sensation["unknown"])
        said = content.fill(forms.does, part=part, feeling=words["both" if two else "one"])
    when = when_words(symptoms, content)
    return f"{said} {when}" if when else said


def heard(symptoms: Symptoms, content: Content) -> str:
    """'You said your left foot goes numb when you lie on your side.'"""
    return content.fill(content.phrases.heard, said=clause(symptoms, content))


def echo(symptoms: Symptoms, content: Content) -> str:
    """'Your foot burns at night.': said on the turn the leg is first heard, before the first
    question; empty when neither a feeling nor a part was said."""
    if not symptoms.sensation and not symptoms.part:
        return ""
    said = content.fill(content.phrases.echo, said=clause(symptoms, content))
    return said[:1].upper() + said[1:]
