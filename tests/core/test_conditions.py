"""Triage by condition (issue 22): words -> discriminators -> condition -> tier.

Each condition is heard in a few generic wordings, in the idiom of each locale (first and
third person, a sign without the body part, a comparison), from the pure screen and the
red-flag table together; negated lists negate every item; look-alikes never fire; and
every condition in the content carries its tier and sources.
"""

from __future__ import annotations

import pytest

from skill.content import TIERS, load_content
from skill.core.danger_screen import known_facts, screen
from skill.core.decision import Emergency, SameDay, decide_urgent
from skill.core.symptoms import Symptoms

LOCALES = ("en-US", "en-CA", "en-GB", "en-AU", "en-IN")
CONTENT = {locale: load_content(locale) for locale in LOCALES}


def tier(*turns: str, locale: str = "en-GB") -> tuple[str | None, tuple[str, ...]]:
    """The tier the words call for, turn by turn (signs carried over), and the flags fired."""
    content = CONTENT[locale]
    symptoms = Symptoms()
    for words in turns:
        result = screen([words], content.danger, known_facts(symptoms))
        for finding in result.found:
            symptoms = symptoms.with_value(finding.slot, finding.value)
    decision = decide_urgent(symptoms, content)
    if isinstance(decision, Emergency):
        return "emergency", tuple(f.id for f in decision.flags)
    if isinstance(decision, SameDay):
        return "same_day", tuple(f.id for f in decision.flags)
    return None, ()


EMERGENCIES = [
    # stroke / TIA (AHA/ASA F.A.S.T.)
    ("en-CA", ["one side of my mouth doesnt move when i smile"], "stroke_signs"),
    ("en-GB", ["me nans talking gobbledygook"], "stroke_signs"),
    ("en-US", ["my hands kinda clumsy, i keep dropping my phone"], "stroke_signs"),
    # cauda equina, incl. urinary retention (NHS)
    ("en-US", ["i havent peed since this morning and i feel full"], "saddle_numbness"),
    ("en-GB", ["been sat on the loo for ages and nothing comes out"], "saddle_numbness"),
    ("en-IN", ["numbness around anus area since evening"], "saddle_numbness"),
    # spinal cord compression (NICE CKS)
    ("en-US", ["i had melanoma years ago", "band of pain round my chest and my legs are clumsy"], "cancer_spine"),
    # acute limb ischaemia, a sign said without the body part
    ("en-GB", ["its gone icy all of a sudden"], "cold_pale_leg"),
    ("en-AU", ["it has gone a funny grey colour"], "cold_pale_leg"),
    ("en-AU", ["cant feel me foot and its stone cold, came on all at once"], "cold_pale_leg"),
    # PE: after a swollen calf, a breath or heart sign
    ("en-US", ["my calf is swollen like twice the size of my good one", "winded just lying here"], "chest_or_breath"),
    ("en-AU", ["me calfs swollen and hot", "me hearts racing and i feel faint"], "clot_to_lungs"),
    # Guillain-Barre (NHS; Mayo Clinic)
    ("en-US", ["feet tingling since tuesday", "its creeping up, now my hands are doing it too"], "rising_weakness"),
    ("en-GB", ["hes struggling to swallow his drink"], "swallowing"),
    # sepsis (NHS; UK Sepsis Trust)
    ("en-IN", ["my mother has high fever and now she is very drowsy"], "sepsis"),
    ("en-US", ["shes got the chills and her heart is racing"], "sepsis"),
    ("en-GB", ["his skin has gone mottled"], "sepsis"),
    # compartment syndrome (NHS inform)
    ("en-GB", ["im in a cast and me toes have gone numb"], "compartment_syndrome"),
    ("en-AU", ["broke me ankle last week", "the pains through the roof and its tight as a drum"], "compartment_syndrome"),
    ("en-CA", ["its swollen rock hard and the pain is insane, my foots going numb"], "compartment_syndrome"),
    # hip fracture (NHS)
    ("en-US", ["grandma slipped and she cant put any weight on it"], "hip_fracture"),
    ("en-GB", ["his leg looks shorter and turned out"], "hip_fracture"),
    # pre-eclampsia (NHS)
    ("en-GB", ["im 34 weeks and ive got a banging headache"], "pre_eclampsia"),
    ("en-AU", ["36 weeks pregnant, swollen ankles", "pain up under me ribs on the right"], "pre_eclampsia"),
    # overdose and self-harm, in any wording
    ("en-GB", ["ive swallowed the whole packet of paracetamol"], "overdose"),
    ("en-US", ["he downed all his moms oxy pills"], "overdose"),
    ("en-IN", ["i want to finish my life"], "self_harm"),
    ("en-AU", ["me daughters been cutting her legs"], "self_harm"),
    # a plain request for help
    ("en-US", ["get me an ambulance"], "help_request"),
    ("en-GB", ["what number do i ring"], "help_request"),
    ("en-IN", ["please tell me the ambulance number"], "help_request"),
    ("en-GB", ["me foot is gone purple and cold"], "cold_pale_leg"),
]


@pytest.mark.parametrize(("locale", "turns", "flag"), EMERGENCIES, ids=[f"{e[2]}: {e[1][-1]}" for e in EMERGENCIES])
def test_each_emergency_condition_is_heard_in_new_words(locale: str, turns: list[str], flag: str) -> None:
    got, flags = tier(*turns, locale=locale)
    assert got == "emergency" and flag in flags, (got, flags)


SAME_DAY = [
    ("en-US", ["my calf is swollen like twice the size of the other one"], "swollen_calf"),
    ("en-GB", ["me shins gone red and hot and the redness is spreading"], "cellulitis"),
    ("en-CA", ["my leg is pink and hot to touch around a bug bite"], "cellulitis"),
    ("en-GB", ["me knees swollen and hot and ive got a temperature"], "septic_joint"),
    ("en-US", ["my big toe joint is swollen red and even the sheet touching it hurts"], "hot_joint"),
    ("en-GB", ["a stripy rash with little blisters down one side of me thigh"], "shingles"),
    ("en-GB", ["me thighs are killing after a spin class and me wees gone dark like cola"], "rhabdomyolysis"),
    ("en-CA", ["my urine is tea coloured"], "rhabdomyolysis"),
    ("en-GB", ["me foot keeps slapping down when i walk"], "foot_drop"),
    ("en-CA", ["i cant stand on my heel on that side"], "foot_drop"),
    ("en-GB", ["ive walked round the kitchen and its still numb, hasnt come back"], "numb_not_going"),
    ("en-CA", ["my leg went numb and moving it doesnt help at all"], "numb_not_going"),
    ("en-US", ["my mom has diabetes and found a black spot on her toe"], "dark_toe"),
]


@pytest.mark.parametrize(("locale", "turns", "flag"), SAME_DAY, ids=[f"{e[2]}: {e[1][-1]}" for e in SAME_DAY])
def test_each_same_day_condition_is_heard_and_not_sent_to_the_emergency_line(locale: str, turns: list[str], flag: str) -> None:
    got, flags = tier(*turns, locale=locale)
    assert got == "same_day" and flag in flags, (got, flags)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("no weakness, tingling or trouble weeing", "bladder_bowel"),
        ("no numbness, no tingling, weakness or trouble with my bladder", "bladder_bowel"),
        ("nope, breathing fine, no chest stuff, not coughing blood", "coughing_blood"),
        ("no fever or anything", "fever"),
        ("no chills, breathing normal", "fever"),
    ],
)
def test_a_negated_list_of_any_length_negates_every_item(text: str, sign: str) -> None:
    result = screen([text], CONTENT["en-GB"].danger)
    assert sign not in result.signs
    assert tier(text)[0] is None


def test_a_negation_does_not_reach_past_but() -> None:
    assert tier("no chest pain but im gasping") == ("emergency", ("chest_or_breath",))
    assert "breathless" in screen(["no chest pain, im gasping"], CONTENT["en-GB"].danger).signs


def test_a_no_taken_back_says_what_follows() -> None:
    assert tier("no well actually my left hands kinda clumsy too")[0] == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "i dozed off on the sofa",
        "i stumbled on the stairs",
        "the sole of my foot tingles",
        "my legs feel wobbly after the gym",
        "i hurt myself when i fell",
        "my legs are weak after leg day, like jelly",
        "me toes go white then red when i get cold",
        "no, my pee is a normal color",
        "cramp in my calf, it went once i stretched",
        "pins and needles that went when i moved",
        "what number of stretches should i do",
        "i took all my tablets this morning as usual",
        "my calf went rock hard with cramp and the pain was unbearable",
        "i crashed out on the sofa",
        "what is restless legs",
    ],
)
def test_look_alikes_never_fire(text: str) -> None:
    assert tier(text)[0] is None, screen([text], CONTENT["en-GB"].danger)


def test_a_named_condition_gets_the_safety_question() -> None:
    for text in ("my sciaticas flared up", "my restless legs are bad tonight", "my neuropathys acting up"):
        result = screen([text], CONTENT["en-GB"].danger)
        assert result.clarify == ("named_check", "danger_unspecified"), text


@pytest.mark.parametrize("locale", LOCALES)
def test_every_condition_in_content_has_a_tier_sources_and_known_signs(locale: str) -> None:
    content = CONTENT[locale]
    signs = content.phrases.values("sign")
    for flag in content.flags:
        assert flag.tier in TIERS, flag.id
        assert flag.sources, flag.id
        assert flag.say.strip(), flag.id
        for group in flag.match:
            assert group.signs() <= signs, (flag.id, group.signs() - signs)
        if flag.tier == "emergency":
            assert "{emergency}" in content.tiers["emergency"].action
    for concept in content.danger.concepts:
        assert concept.sources, concept.id


def test_explain_names_the_condition_the_words_and_the_negation(capsys: pytest.CaptureFixture[str]) -> None:
    from skill.cli.main import main
    from skill.core.explain import explain

    found = explain(["no weakness, tingling or trouble weeing", "my calf is twice the size of my good one"], CONTENT["en-GB"])
    assert found.tier == "same_day"
    negated = {h.value: h.negation for h in found.heard if h.status == "negated"}
    assert negated["bladder_bowel"] == "no"
    assert [c["condition"] for c in found.conditions] == ["swollen_calf"]
    assert found.conditions[0]["sources"]

    assert main(["triage", "--explain", "--locale", "en-AU", "me calfs swollen and hot", "me hearts racing"]) == 0
    out = capsys.readouterr().out
    assert "condition: clot_to_lungs -> emergency" in out and "racing_heart" in out and "source: https://" in out
    assert main(["triage", "--json", "its gone icy"]) == 0
    assert '"tier": "emergency"' in capsys.readouterr().out
    assert main(["triage", "--locale", "en-XX", "hello"]) == 2
