"""SSML for the bedtime voice: short sentences, a calm pace, soft volume.

Every text that reaches SSML goes through `escape`, so content or a user's words can never
break the markup. Lists have at most three items.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from skill.content import Content, RedFlag
from skill.core.decision import Answer, Ask, Emergency, SameDay
from skill.stretch.library import load_stretches
from skill.core.symptoms import Symptoms

MAX_BREAK_SECONDS = 10.0
MAX_LIST = 3
PROSODY_OPEN = '<prosody rate="95%" volume="soft">'
PROSODY_CLOSE = "</prosody>"


@dataclass(frozen=True)
class Reply:
    """What to say, what to say after silence (None: no reprompt), and whether to end."""

    speech: str
    reprompt: str | None
    end_session: bool


def escape(text: str) -> str:
    """XML-escape text for SSML (&, <, >, and both quotes).

    html.escape does it without xml.sax.saxutils, whose import pulls in urllib, http and
    email: a fifth of a cold start (issue 7)."""
    return html.escape(text, quote=True)


def pause(seconds: float) -> str:
    if not 0 < seconds <= MAX_BREAK_SECONDS:
        raise ValueError(f"a break must be over 0 s and at most {MAX_BREAK_SECONDS} s, not {seconds}")
    return f'<break time="{int(round(seconds * 1000))}ms"/>'


def speak(body_ssml: str) -> str:
    return f"<speak>{PROSODY_OPEN}{body_ssml}{PROSODY_CLOSE}</speak>"


def paragraph(*sentences: str) -> str:
    """Plain sentences as one SSML paragraph (empty sentences are dropped)."""
    text = " ".join(s.strip() for s in sentences if s and s.strip())
    return f"<p>{say_numbers(escape(text))}</p>" if text else ""


_NUMBER_RUN = re.compile(r"(?<![\w])(\d{3,})(?![\w])")


def say_numbers(escaped: str) -> str:
    """Phone numbers digit by digit: "999" as "nine nine nine", not "nine hundred ninety-nine"
    ("1800 022 222" group by group)."""
    return _NUMBER_RUN.sub(r'<say-as interpret-as="digits">\1</say-as>', escaped)


def plain_text(ssml: str) -> str:
    text = re.sub(r"</?say-as[^>]*>", "", ssml)  # inline: "999</say-as>," reads "999,"
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def join_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b, and c' (at most three)."""
    items = list(items)[:MAX_LIST]
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])}, and {items[-1]}"


# --------------------------------------------------------------------------- saying back


def heard(symptoms: Symptoms, content: Content) -> str:
    """'You said your left leg goes numb when you lie on your side.'"""
    p = content.phrases
    side = symptoms.side or "one"
    leg_forms = p.leg.get(side, p.leg["one"])
    form = "both" if "both" in leg_forms else "one"
    leg = leg_forms[form]
    feeling = p.sensation.get(symptoms.sensation or "unknown", p.sensation["unknown"])[form]
    when = ""
    # A value the content has no words for (an id Alexa resolved that is not in this
    # locale's model) is left out of the paraphrase, as an unknown sensation is.
    if symptoms.position:
        when = p.position.get(symptoms.position, "")
    elif symptoms.timing:
        when = p.timing.get(symptoms.timing, "")
    if when:
        return content.fill(p.heard, leg=leg, feeling=feeling, when=when)
    return content.fill(p.heard_short, leg=leg, feeling=feeling)


def heard_signs(symptoms: Symptoms, flags: Iterable[RedFlag], content: Content) -> str:
    """For an emergency: say back the danger signs heard, else the leg feeling."""
    wanted: list[str] = []
    for flag in flags:
        for group in flag.match:
            wanted.extend(sorted(group.slots.get("sign", frozenset()) & symptoms.signs))
    signs = list(dict.fromkeys(wanted))[:2]
    if not signs:
        return heard(symptoms, content)
    return f"You said {' and '.join(content.phrases.sign[s] for s in signs)}."


# --------------------------------------------------------------------------- replies


def emergency(decision: Emergency, symptoms: Symptoms, content: Content) -> Reply:
    tier = content.tiers["emergency"]
    flag = decision.flags[0]
    body = paragraph(
        heard_signs(symptoms, decision.flags, content),
        content.fill(flag.say),
        content.fill(tier.action),
        content.fill(tier.after),
    ) + paragraph(content.fill(tier.action), content.prompt("emergency_end"))
    return Reply(speak(body), None, True)


def same_day(decision: SameDay, symptoms: Symptoms, content: Content) -> Reply:
    tier = content.tiers["same_day"]
    flag = decision.flags[0]
    body = (
        paragraph(heard_signs(symptoms, decision.flags, content), content.fill(flag.say))
        + paragraph(content.fill(tier.action), content.fill(tier.after))
        + paragraph(content.fill(flag.escalate))
        + paragraph(content.prompt("same_day_question"))
    )
    return Reply(speak(body), speak(paragraph(content.prompt("same_day_reprompt"))), False)


def question(decision: Ask, content: Content, *, lead: str = "") -> Reply:
    q = decision.question
    return Reply(speak(paragraph(lead, q.prompt)), speak(paragraph(q.reprompt)), False)


def causes_sentence(answer: Answer, content: Content) -> str:
    names = [cause.name for cause in answer.causes]
    if not names:
        return ""
    if len(names) == 1:
        return content.prompt("causes_single", name=names[0])
    return content.prompt("causes_intro", list=join_list(names))


def when_to_get_help(soon: Sequence[RedFlag], content: Content) -> list[str]:
    lines = [content.fill(flag.say) for flag in soon[:2]] or [content.default_soon]
    return lines + [content.safety_net]


def answer(decision: Answer, symptoms: Symptoms, content: Content, *, lead: str = "", disclaimer: bool) -> Reply:
    """Heard, likely reasons, what to try now, when to get help, then one next step."""
    parts = [paragraph(lead, heard(symptoms, content))]
    if decision.causes:
        parts.append(paragraph(causes_sentence(decision, content), decision.causes[0].explain))
    if decision.remedies:
        parts.append(paragraph(content.prompt("try_now"), *(r.say for r in decision.remedies)))
    parts.append(paragraph(*when_to_get_help(decision.soon, content)))
    if disclaimer:
        parts.append(paragraph(content.prompt("disclaimer")))
    if decision.stretch:
        offer, offer_reprompt = stretch_offer(decision.stretch)
        return Reply(speak("".join(parts) + paragraph(offer)), speak(paragraph(offer_reprompt)), False)
    if decision.causes:
        parts.append(paragraph(content.prompt("answer_question", name=decision.causes[0].name)))
    else:
        parts.append(paragraph(content.prompt("more_question")))
    return Reply(speak("".join(parts)), speak(paragraph(content.prompt("answer_reprompt"))), False)


def stretch_offer(routine_id: str) -> tuple[str, str]:
    """(offer, reprompt) for a guided stretch, worded in content/stretches.yaml."""
    library = load_stretches()
    name = library.routine(routine_id).name
    return library.prompts["offer"].format(name=name), library.prompts["offer_reprompt"].format(name=name)


def simple(*sentences: str, question: str, reprompt: str) -> Reply:
    """A short reply that ends with one question."""
    return Reply(speak(paragraph(*sentences, question)), speak(paragraph(reprompt)), False)


def goodbye(content: Content) -> Reply:
    return Reply(speak(paragraph(content.prompt("goodbye"))), None, True)


# --------------------------------------------------------------------------- checking SSML

# The only markup this module writes: tag -> allowed attributes.
OWN_TAGS: dict[str, frozenset[str]] = {
    "speak": frozenset(),
    "prosody": frozenset({"rate", "volume", "pitch"}),
    "p": frozenset(),
    "s": frozenset(),
    "break": frozenset({"time", "strength"}),
    "say-as": frozenset({"interpret-as"}),
}


@functools.lru_cache(maxsize=256)
def is_own_ssml(ssml: str) -> bool:
    """True when `ssml` parses and uses only the tags and attributes this module writes,
    with every break at most 10 s. Used to refuse replaying SSML from untrusted state.
    The same speech comes back with every turn of a session: each text is checked once
    (a pure answer for a given string, so remembering it changes nothing)."""
    import xml.etree.ElementTree as ET

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
            match = re.fullmatch(r"(\d+)(ms|s)", element.attrib.get("time", "0ms"))
            if not match:
                return False
            millis = int(match.group(1)) * (1000 if match.group(2) == "s" else 1)
            if millis > MAX_BREAK_SECONDS * 1000:
                return False
    return True
