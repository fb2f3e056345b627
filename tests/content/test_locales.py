"""Every English Alexa locale: its own words, its own services, and the right numbers.

Getting the emergency number wrong is the worst bug a health skill can have, so every
emergency and same-day answer is walked in every locale, and the numbers heard are checked
against DESIGN.md section 5: each locale says its own numbers and no other locale's, and
never a bare 111 (emergency in New Zealand, advice line in the UK).
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import textstat

from conftest import run_dialog
from skill import cli
from skill.ship import modelgen
from skill.simulator import resolver as nlu
from skill import paths
from skill.dialog import ssml
from skill.dialog.speech import call_sentences
from skill.content import (
    ContentError,
    fill_emergency,
    has_bare_111,
    load_content,
    load_from,
    override_locales,
    phone_numbers,
    supported_locales,
)
from skill.simulator.session import Turn

LOCALES = ("en-US", "en-CA", "en-GB", "en-AU", "en-IN")

# DESIGN.md section 5, written out by hand: what "Call ... now." says in each locale, the
# emergency numbers, and the other numbers (advice lines) the locale's answers may say.
CALL = {
    "en-US": "Call 911 now.",
    "en-CA": "Call 911 now.",
    "en-GB": "Call 999, or 112 in Ireland, now.",
    "en-AU": "Call 000, or 111 in New Zealand, now.",
    "en-IN": "Call 112 now.",
}
# As spoken in an urgent answer: one number per sentence.
CALL_SPOKEN = CALL | {
    "en-GB": "Call 999 now. Or call 112 in Ireland.",
    "en-AU": "Call 000 now. Or call 111 in New Zealand.",
}
# As spoken after a condition ("If you get chest pain, call 999, or 112 in Ireland."): every
# number in the one sentence that carries the condition, never a bare order.
CALL_IF = {
    "en-US": "call 911.",
    "en-CA": "call 911.",
    "en-GB": "call 999, or 112 in Ireland.",
    "en-AU": "call 000, or 111 in New Zealand.",
    "en-IN": "call 112.",
}
EMERGENCY_NUMBERS = {
    "en-US": {"911"},
    "en-CA": {"911"},
    "en-GB": {"999", "112"},
    "en-AU": {"000", "111"},
    "en-IN": {"112"},
}
ADVICE_NUMBERS = {
    "en-US": set(),
    "en-CA": {"811"},
    "en-GB": {"111"},  # only ever as "NHS 111"
    "en-AU": {"1800 022 222"},
    "en-IN": {"108"},
}
# Crisis lines for someone who may harm themselves (checked at each service's own site:
# 988lifeline.org, 988.ca, samaritans.org, lifeline.org.au, 1737.org.nz, telemanas.mohfw.gov.in).
CRISIS_LINES = {
    "en-US": "988",
    "en-CA": "988",
    "en-GB": "116 123",
    "en-AU": "13 11 14, or 1737 in New Zealand",
    "en-IN": "14416",
}
CRISIS_NUMBERS = {locale: set(phone_numbers(line)) for locale, line in CRISIS_LINES.items()}
# Where the same-day answer sends people, in the locale's own words.
SAME_DAY_SERVICE = {
    "en-US": "urgent care clinic",
    "en-CA": "811",
    "en-GB": "NHS 111",
    "en-AU": "healthdirect on 1800 022 222",
    "en-IN": "a clinic, or a hospital",
}


def own(locale: str) -> set[str]:
    return EMERGENCY_NUMBERS[locale] | ADVICE_NUMBERS[locale] | CRISIS_NUMBERS[locale]


def foreign(locale: str) -> set[str]:
    """Numbers other locales say that this locale must not."""
    others = set().union(*(own(other) for other in LOCALES if other != locale))
    return others - own(locale)


def assert_numbers(turn: Turn, locale: str, *, emergency: bool, conditional: bool = False) -> None:
    said = set(phone_numbers(turn.speech))
    if emergency:
        call = CALL_IF[locale] if conditional else CALL_SPOKEN[locale]
        assert call.lower() in turn.speech.lower(), (locale, turn.speech)  # "Call" or "call"
        assert EMERGENCY_NUMBERS[locale] <= said, (locale, turn.speech)
    assert said <= own(locale), (locale, said - own(locale), turn.speech)
    for number in foreign(locale):
        assert number not in said, (locale, number, turn.speech)
    assert not has_bare_111(turn.speech), turn.speech
    if locale == "en-GB":
        assert "111" not in said or "NHS 111" in turn.speech


# Utterances that raise each emergency and same-day flag. The shared samples work in every
# locale; the flag's own sentence in the answer proves which flag fired.
FLAG_WALKS: dict[str, list[str]] = {
    "stroke_signs": ["my leg is numb and my face is drooping"],
    "sudden_weak_leg": ["my leg went weak all of a sudden"],
    "saddle_numbness": ["I have numbness in my groin"],
    "both_legs_weak": ["my leg is numb and both legs are weak"],
    "cold_pale_leg": ["my leg is cold and pale"],
    "chest_or_breath": ["my leg hurts and I have chest pain"],
    "rising_weakness": ["I have tingling spreading up my legs"],
    "injury_or_confusion": ["my leg went numb after I hit my head"],
    "said_yes_to_screen": ["my leg goes numb", "yes", "yes"],
    "self_harm": ["my legs ache and I want to end my life"],
    "fears_stroke": ["my leg is numb, am I having a stroke"],
    # Two turns: en-IN has no multi-value slots, so one sentence brings one sign.
    "bleed_on_thinners": ["I take warfarin", "and now my calf swelled up all of a sudden"],
    "cancer_spine": ["I had cancer", "and now my back hurts and my leg is numb"],
    "sudden_back_numb": ["I had a sudden tearing back pain and now I have pins and needles"],
    "swollen_calf": ["my calf is swollen and hot"],
    "rest_pain_eased_hanging": ["my leg aches at night", "no", "I don't know", "hanging it off the bed"],
    "long_cramp": ["I have a cramp that won't go away"],
    "sore_not_healing": ["my foot is numb and I have a sore on my foot", "yes"],
    # conditions added for issue 22
    "help_request": ["get me an ambulance"],
    "overdose": ["I took a whole packet of paracetamol"],
    "sepsis": ["I have a fever and my heart is racing"],
    "clot_to_lungs": ["my calf is swollen and hot", "and I feel faint"],
    "compartment_syndrome": ["my leg is in a cast and the pain is unbearable"],
    "hip_fracture": ["I had a fall and I can't put any weight on my leg"],
    "pre_eclampsia": ["I am 34 weeks pregnant and I have a headache"],
    "swallowing": ["I have trouble swallowing"],
    "cellulitis": ["the skin on my shin is red and hot and spreading"],
    "septic_joint": ["my knee joint is red hot and puffy and I have a fever"],
    "hot_joint": ["my knee joint is red hot and puffy"],
    "dark_toe": ["my toe has gone black"],
    "shingles": ["I have a band of blisters on my thigh"],
    "rhabdomyolysis": ["my legs ache and my urine is dark like cola"],
    "foot_drop": ["my foot keeps slapping down when I walk"],
    "numb_not_going": ["my leg went numb an hour ago", "no", "I have walked around and it is still numb, it has not come back"],
    "cant_bear_weight": ["I can't put any weight on my leg"],
    "pregnant_swelling": ["I am 30 weeks pregnant and my hands and face are swollen"],
}


# --------------------------------------------------------------------------- the locales exist


def test_every_english_locale_has_a_model_numbers_and_content() -> None:
    assert set(LOCALES) <= set(supported_locales())
    assert set(LOCALES) <= set(nlu.available_locales())
    assert set(override_locales()) <= set(supported_locales())
    for locale in LOCALES:
        content = load_content(locale)
        assert set(content.locale.numbers) == EMERGENCY_NUMBERS[locale]
        assert set(content.locale.advice_numbers) == ADVICE_NUMBERS[locale]
        assert content.fill(content.tiers["emergency"].action) == CALL[locale]


def test_every_generated_model_matches_its_source() -> None:
    for locale in LOCALES:
        built = modelgen.render(modelgen.build_model(locale))
        assert (paths.model_dir() / f"{locale}.json").read_text(encoding="utf-8") == built, locale
    assert modelgen.main(["--check"]) == 0


def test_the_model_check_fails_when_a_locale_source_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    shutil.copytree(paths.content_dir(), home / "content", ignore=shutil.ignore_patterns("snapshots"))
    shutil.copytree(paths.model_dir(), home / "interaction_model")
    source = home / "interaction_model" / "source" / "locales" / "en-GB.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("should I go to a and e", "should I go to casualty"))
    monkeypatch.setenv("NIGHTLEGS_HOME", str(home))
    assert modelgen.main(["--check"]) == 1
    assert modelgen.main([]) == 0
    assert modelgen.main(["--check"]) == 0


@pytest.mark.parametrize("locale", LOCALES)
def test_each_model_is_well_formed_with_no_sample_in_two_intents(locale: str) -> None:
    model = json.loads((paths.model_dir() / f"{locale}.json").read_text(encoding="utf-8"))
    language = model["interactionModel"]["languageModel"]
    assert language["invocationName"] == "night legs"
    seen: dict[str, str] = {}
    for intent in language["intents"]:
        for sample in intent["samples"]:
            assert sample.lower() not in seen, (sample, seen.get(sample.lower()), intent["name"])
            seen[sample.lower()] = intent["name"]
            assert all(ch.isalpha() or ch in " '{}." for ch in sample), sample
    for slot_type in language["types"]:
        owner: dict[str, str] = {}
        for value in slot_type["values"]:
            for word in [value["name"]["value"], *value["name"]["synonyms"]]:
                assert owner.setdefault(word.lower(), value["id"]) == value["id"], (slot_type["name"], word)


# --------------------------------------------------------------------------- the numbers heard


@pytest.mark.parametrize("locale", LOCALES)
def test_an_emergency_dialog_says_exactly_the_locales_numbers(locale: str) -> None:
    turns = run_dialog(["my leg goes numb when I lie on my side", "yes, my face is drooping"], launch=True, locale=locale)
    launch, question, answer = turns
    assert not phone_numbers(launch.speech) and not phone_numbers(question.speech)
    assert answer.end_session
    assert CALL_SPOKEN[locale] in answer.speech and answer.speech.count(CALL[locale].split(",")[0].removesuffix(" now.")) == 2, answer.speech
    assert_numbers(answer, locale, emergency=True)
    for number in EMERGENCY_NUMBERS[locale]:
        assert 1 <= answer.speech.count(number) <= 2, (number, answer.speech)  # twice at most
    root = ET.fromstring(answer.ssml)
    spoken_digits = {e.text for e in root.iter("say-as")}
    named = {e.text: e.get("alias") for e in root.iter("sub")}
    assert EMERGENCY_NUMBERS[locale] <= spoken_digits | set(named)  # read digit by digit, not "nine hundred"
    assert named == ({"000": "triple zero"} if locale == "en-AU" else {})  # Australians say "triple zero"
    assert "prosody" not in answer.ssml  # urgent: Alexa's normal volume and rate


@pytest.mark.parametrize("locale", LOCALES)
def test_every_emergency_and_same_day_flag_in_every_locale_says_its_number(locale: str) -> None:
    content = load_content(locale)
    urgent = {f.id: f for f in content.flags if f.tier in ("emergency", "same_day")}
    assert set(FLAG_WALKS) == set(urgent), "walk every urgent flag: add the new one to FLAG_WALKS"
    for flag_id, utterances in FLAG_WALKS.items():
        turn = run_dialog(utterances, locale=locale)[-1]
        flag = urgent[flag_id]
        assert content.fill(flag.say) in turn.speech, (locale, flag_id, turn.speech)
        if flag.tier == "emergency":
            assert turn.end_session, (locale, flag_id)
            assert_numbers(turn, locale, emergency=True)
        else:
            assert not turn.end_session
            assert call_sentences(flag.escalate, content) in turn.speech
            assert_numbers(turn, locale, emergency=True, conditional=True)
            assert SAME_DAY_SERVICE[locale] in turn.speech, (locale, turn.speech)


@pytest.mark.parametrize("locale", LOCALES)
def test_when_to_see_a_doctor_says_the_locales_number(locale: str) -> None:
    turn = run_dialog(["when should I see a doctor"], locale=locale)[0]
    assert turn.intent == "WhenToSeeDoctorIntent"
    assert_numbers(turn, locale, emergency=False)
    assert EMERGENCY_NUMBERS[locale] <= set(phone_numbers(turn.speech))
    assert CALL_IF[locale] in turn.speech  # every number in the sentence with its condition


# A full benign conversation in each locale's own words: launch, describe, the safety
# question, the follow-ups, the answer, more about the reason, then goodbye.
BENIGN = {
    "en-US": ["my leg goes numb when I lie on my side", "no", "moving it", "the left one", "tell me more", "stop"],
    "en-CA": ["my leg goes numb when I'm on the chesterfield", "no", "on my side", "moving it", "tell me more", "stop"],
    "en-GB": ["I've got pins and needles in my left leg when I lie on my side", "no", "having a walk about", "at night", "tell me more", "stop"],
    "en-AU": ["my leg's gone to sleep", "no", "on my tummy", "having a walk around", "tell me more", "stop"],
    "en-IN": ["I am having tingling sensation in my legs at night", "no", "on my back", "moving", "tell me more", "stop"],
}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_full_benign_dialog_in_the_locales_words(locale: str) -> None:
    turns = run_dialog(BENIGN[locale], launch=True, locale=locale)
    assert turns[1].intent == "DescribeSymptomIntent", turns[1]
    assert "safety check" in turns[1].speech
    answers = [t for t in turns if t.speech.startswith("You said you")]
    assert len(answers) == 1, [t.speech for t in turns]
    answer = answers[0]
    assert not answer.end_session
    assert "A common reason" in answer.speech or "Common reasons" in answer.speech
    more, goodbye = turns[-2], turns[-1]
    assert more.intent == "CauseDetailIntent" and not more.end_session
    assert goodbye.end_session and "Good night" in goodbye.speech
    for turn in turns:
        assert not phone_numbers(turn.speech), (locale, turn.speech)  # no call to make
        assert "!" not in turn.speech


# --------------------------------------------------------------------------- each locale's words

VOCABULARY = [
    ("en-GB", "my leg has gone dead", "DescribeSymptomIntent", {"sensation": "numb"}),
    ("en-GB", "I've got pins and needles in my left leg", "DescribeSymptomIntent", {"sensation": "tingling", "side": "left"}),
    ("en-GB", "do I need to go to a and e", "WhenToSeeDoctorIntent", {}),
    ("en-GB", "should I ring my GP", "WhenToSeeDoctorIntent", {}),
    ("en-GB", "should I go to the doctor's surgery", "WhenToSeeDoctorIntent", {}),
    ("en-GB", "my legs go numb in tight trousers", "DescribeSymptomIntent", {"sensation": "numb"}),
    ("en-GB", "I've got a numb bum", "DescribeSymptomIntent", {"sign": "numb_groin"}),
    ("en-GB", "my leg is numb and I can't control my wee", "DescribeSymptomIntent", {"sensation": "numb", "sign": "bladder_bowel"}),
    ("en-GB", "my leg has cramp", "DescribeSymptomIntent", {"sensation": "cramp"}),
    ("en-AU", "my leg's gone to sleep", "DescribeSymptomIntent", {"sensation": "numb"}),
    ("en-AU", "should I call triple zero", "WhenToSeeDoctorIntent", {}),
    ("en-AU", "should I go to emergency", "WhenToSeeDoctorIntent", {}),
    ("en-AU", "should I see my GP", "WhenToSeeDoctorIntent", {}),
    ("en-AU", "I've got a numb bum", "DescribeSymptomIntent", {"sign": "numb_groin"}),
    ("en-CA", "should I go to emerg", "WhenToSeeDoctorIntent", {}),
    ("en-CA", "should I call eight one one", "WhenToSeeDoctorIntent", {}),
    ("en-CA", "should I go to a walk in clinic", "WhenToSeeDoctorIntent", {}),
    ("en-CA", "my leg goes numb when I'm on the chesterfield", "DescribeSymptomIntent", {"sensation": "numb", "timing": "sitting"}),
    ("en-IN", "my leg is paining", "DescribeSymptomIntent", {"sensation": "ache"}),
    ("en-IN", "I am having pricking in my leg", "DescribeSymptomIntent", {"sensation": "tingling"}),
    ("en-IN", "my leg is numb since many days", "DescribeSymptomIntent", {"sensation": "numb", "timing": "weeks"}),
    ("en-IN", "should I consult a doctor", "WhenToSeeDoctorIntent", {}),
    ("en-IN", "should I call one one two", "WhenToSeeDoctorIntent", {}),
    ("en-IN", "my leg is numb and I can't control urine", "DescribeSymptomIntent", {"sensation": "numb", "sign": "bladder_bowel"}),
]


@pytest.mark.parametrize(("locale", "text", "intent", "slots"), VOCABULARY, ids=[f"{v[0]}: {v[1]}" for v in VOCABULARY])
def test_the_resolver_understands_the_locales_own_words(locale: str, text: str, intent: str, slots: dict[str, str]) -> None:
    resolution = nlu.resolver_for(locale).resolve(text)
    assert resolution.exact, (locale, text, resolution)
    assert resolution.intent == intent
    # the leg's part ("leg", "feet") is only said back: tests/dialog/test_echo.py checks it
    assert {name: value.id for name, value in resolution.slots.items() if name != "part"} == slots


REGIONAL = [
    ("en-GB", "do I need to go to a and e"),
    ("en-GB", "I've got a numb bum"),
    ("en-GB", "my knee has a niggle"),
    ("en-AU", "should I call triple zero"),
    ("en-AU", "should I ring healthdirect"),
    ("en-CA", "should I go to emerg"),
    ("en-CA", "my leg goes numb when I'm on the chesterfield"),
    ("en-IN", "I am having pricking in my leg"),
    ("en-IN", "my leg is numb since many days"),
    ("en-IN", "my leg is numb and I can't control urine"),
]


@pytest.mark.parametrize(("locale", "text"), REGIONAL, ids=[f"{r[0]}: {r[1]}" for r in REGIONAL])
def test_regional_words_are_that_locales_own(locale: str, text: str) -> None:
    """The locale's model knows its own words; the American model does not know them all."""
    assert nlu.resolver_for(locale).resolve(text).exact, (locale, text)
    assert not nlu.resolver_for("en-US").resolve(text).exact, (locale, text)


@pytest.mark.parametrize("locale", ["en-GB", "en-AU"])
def test_a_numb_bum_gets_one_question_then_an_emergency_in_british_and_australian_english(locale: str) -> None:
    asked, turn = run_dialog(["I've got a numb bum", "yes"], locale=locale)
    assert not asked.end_session and "still numb" in asked.speech  # may be from sitting: asked once
    assert turn.end_session
    assert_numbers(turn, locale, emergency=True)


@pytest.mark.parametrize("locale", LOCALES)
def test_self_harm_gets_the_locales_crisis_line_and_emergency_number(locale: str) -> None:
    turn = run_dialog(["my legs are numb and honestly I want to kill myself"], locale=locale)[0]
    assert CRISIS_LINES[locale] in turn.speech, (locale, turn.speech)
    assert_numbers(turn, locale, emergency=True)
    assert "good night" not in turn.speech.lower()


# --------------------------------------------------------------------------- the locale's texts


def test_overrides_change_only_their_locale_and_fall_back_to_en_us() -> None:
    us, gb, au, ca, india = (load_content(code) for code in LOCALES[:1] + ("en-GB", "en-AU", "en-CA", "en-IN"))
    assert "pee" in us.phrases.sign["bladder_bowel"] and "wee" in gb.phrases.sign["bladder_bowel"]
    assert "centre" in gb.tiers["same_day"].after and "center" not in gb.tiers["same_day"].after
    assert "urgent care clinic" in us.tiers["same_day"].after
    assert "hot water bottle" in next(r.say for r in gb.remedies if r.id == "no_hot_pad")
    assert "tablets" in gb.cause("medicine_effects").more and "pills" in us.cause("medicine_effects").more
    assert "walk-in clinic" in ca.tiers["same_day"].after
    assert "108" in india.tiers["emergency"].after
    # a text no locale overrides is the en-US text everywhere
    for content in (gb, au, ca, india):
        assert content.safety_net == us.safety_net
        assert content.prompts["goodbye"] == us.prompts["goodbye"]
    # an override brings its own source along
    assert any("111" in s for s in gb.tiers["same_day"].sources)
    assert any("healthdirect" in s for s in au.tiers["same_day"].sources)


@pytest.mark.parametrize("locale", LOCALES)
def test_each_locales_spoken_content_reads_at_grade_six_or_below(locale: str) -> None:
    c = load_content(locale)
    fill = {"list": "pressure, veins, and cramps", "name": "restless legs", "place": "Ireland", "number": "112"}
    texts = [c.fill(t, **fill) for t in c.prompts.values()]
    for cause in c.causes:
        texts += [cause.explain, cause.more]
    texts += [r.say for r in c.remedies]
    texts += [c.fill(f.say) for f in c.flags] + [c.fill(f.escalate) for f in c.flags if f.escalate]
    texts += [c.fill(t.action) for t in c.tiers.values()] + [c.fill(t.after) for t in c.tiers.values() if t.after]
    texts += [c.fill(s) for s in c.summaries.values()] + [c.default_soon, c.safety_net]
    assert textstat.flesch_kincaid_grade(" ".join(texts)) <= 6
    worst = max(texts, key=textstat.flesch_kincaid_grade)
    assert textstat.flesch_kincaid_grade(worst) <= 8, worst


# --------------------------------------------------------------------------- load-time checks


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(paths.content_dir(), target, ignore=shutil.ignore_patterns("snapshots"))
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fails(directory: Path, locale: str, file: str, entry: str, reason: str) -> None:
    with pytest.raises(ContentError) as caught:
        load_from(directory, locale)
    assert caught.value.file == file, caught.value
    assert caught.value.entry == entry, caught.value
    assert reason in caught.value.reason, caught.value


def test_a_bare_111_is_refused_in_the_numbers(content_dir: Path) -> None:
    _edit(content_dir / "locales.yaml", '"000, or 111 in New Zealand"', '"000, or 111"')
    _fails(content_dir, "en-AU", "locales.yaml", "en-AU", "bare 111")


def test_a_bare_111_is_refused_in_an_override(content_dir: Path) -> None:
    _edit(content_dir / "locales" / "en-GB" / "redflags.yaml", "call NHS 111.", "call 111.")
    _fails(content_dir, "en-GB", "locales/en-GB/redflags.yaml", "tiers.same_day.after", "bare 111")


def test_a_bare_111_is_refused_in_base_text(content_dir: Path) -> None:
    _edit(content_dir / "prompts.yaml", '"Good night. I hope you sleep well."', '"Good night. Call 111 if you need to."')
    _fails(content_dir, "en-US", "prompts.yaml", "prompts.goodbye", "bare 111")


def test_a_number_in_a_base_file_is_refused_for_every_locale(content_dir: Path) -> None:
    _edit(content_dir / "redflags.yaml", 'escalate: "If your leg turns cold or pale, call {emergency}."',
          'escalate: "If your leg turns cold or pale, call 911."')
    for locale in LOCALES:
        _fails(content_dir, locale, "redflags.yaml", "flags.long_cramp.escalate", "numbers differ by locale")


def test_an_override_may_not_say_another_locales_number(content_dir: Path) -> None:
    _edit(content_dir / "locales" / "en-GB" / "redflags.yaml", "call NHS 111.", "call 911.")
    _fails(content_dir, "en-GB", "locales/en-GB/redflags.yaml", "tiers.same_day.after", "not one of en-GB's numbers")


def test_an_override_may_not_drop_the_emergency_placeholder(content_dir: Path) -> None:
    _edit(content_dir / "locales" / "en-GB" / "redflags.yaml", "texts:\n", (
        "texts:\n"
        "  flags.swollen_calf.escalate:\n"
        '    text: "If you get chest pain, call for help now."\n'
        "    sources: [https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/]\n"
    ))
    _fails(content_dir, "en-GB", "locales/en-GB/redflags.yaml", "flags.swollen_calf.escalate", "drops the placeholder(s) ['emergency']")


def test_an_override_may_not_add_a_placeholder_nothing_fills(content_dir: Path) -> None:
    _edit(content_dir / "locales" / "en-GB" / "prompts.yaml", "For example, say,", "For example, about {name}, say,")
    _fails(content_dir, "en-GB", "locales/en-GB/prompts.yaml", "prompts.help_reprompt", "adds placeholder(s) ['name']")


def test_an_override_must_name_a_text_that_exists(content_dir: Path) -> None:
    _edit(content_dir / "locales" / "en-GB" / "phrases.yaml", "sign.bladder_bowel:", "sign.bladder_bowl:")
    _fails(content_dir, "en-GB", "locales/en-GB/phrases.yaml", "sign.bladder_bowl", "phrases.yaml has no text at this path")


def test_an_override_may_change_only_spoken_text(content_dir: Path) -> None:
    _edit(content_dir / "locales" / "en-GB" / "redflags.yaml", "tiers.same_day.after:", "flags.swollen_calf.tier:")
    _fails(content_dir, "en-GB", "locales/en-GB/redflags.yaml", "flags.swollen_calf.tier", "only spoken text")


def test_medical_overrides_need_their_own_sources(content_dir: Path) -> None:
    (content_dir / "locales" / "en-GB" / "remedies.yaml").write_text(
        "sources: [https://www.nhs.uk/]\ntexts:\n  remedies.no_hot_pad.say: \"Do not use a hot water bottle on a numb foot.\"\n"
    )
    _fails(content_dir, "en-GB", "locales/en-GB/remedies.yaml", "remedies.no_hot_pad.say", "needs its own sources")


def test_an_unknown_override_file_is_named(content_dir: Path) -> None:
    (content_dir / "locales" / "en-GB" / "followup.yaml").write_text("texts: {}\n")
    _fails(content_dir, "en-GB", "locales/en-GB/followup.yaml", "(file)", "cannot override this file")


def test_override_text_is_checked_like_base_text(content_dir: Path) -> None:
    _edit(content_dir / "locales" / "en-GB" / "prompts.yaml", "when I lie on my side.\"", "when I lie on my side!\"")
    _fails(content_dir, "en-GB", "locales/en-GB/prompts.yaml", "prompts.launch_reprompt", "exclamation mark")


def test_the_emergency_words_must_list_every_number_they_say(content_dir: Path) -> None:
    _edit(content_dir / "locales.yaml", 'numbers: ["999", "112"]', 'numbers: ["999"]')
    _fails(content_dir, "en-GB", "locales.yaml", "en-GB", "says 112, which `numbers` does not list")


def test_bare_111_rule() -> None:
    assert has_bare_111("Call 111 now.")
    assert has_bare_111("Call 000, or 111.")
    assert not has_bare_111("Call NHS 111.")
    assert not has_bare_111("Call 000, or 111 in New Zealand, now.")
    assert not has_bare_111("Call healthdirect on 1800 022 222.")
    assert phone_numbers("Call 000, or 111 in New Zealand, or 1800 022 222. Take B12.") == ("000", "111", "1800 022 222")


def test_emergency_words_with_a_comma_are_closed_before_the_sentence_goes_on() -> None:
    assert fill_emergency("Call {emergency} now.", "999, or 112 in Ireland") == "Call 999, or 112 in Ireland, now."
    assert fill_emergency("Then call {emergency}.", "999, or 112 in Ireland") == "Then call 999, or 112 in Ireland."
    assert fill_emergency("Call {emergency} now.", "911") == "Call 911 now."


def test_numbers_are_read_digit_by_digit_and_the_text_keeps_its_commas() -> None:
    said = ssml.speak(ssml.paragraph("Call 999, or 112 in Ireland, now."))
    assert [e.text for e in ET.fromstring(said).iter("say-as")] == ["999", "112"]
    assert ssml.plain_text(said) == "Call 999, or 112 in Ireland, now."
    assert ssml.is_own_ssml(said)


# --------------------------------------------------------------------------- the command line


@pytest.mark.parametrize("locale", LOCALES)
def test_nightlegs_ask_follows_the_locale(locale: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["ask", "--locale", locale, "--json", "ask night legs my leg is cold and pale"]) == 0
    turn = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert CALL_SPOKEN[locale] in turn["speech"]
    assert set(phone_numbers(turn["speech"])) <= own(locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_nightlegs_chat_follows_the_locale(locale: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    lines = iter(["my leg is numb and I have chest pain"])

    def fake_input(prompt: str = "") -> str:
        try:
            return next(lines)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", fake_input)
    assert cli.main(["chat", "--locale", locale]) == 0
    out = capsys.readouterr().out
    assert CALL_SPOKEN[locale] in out
    assert set(phone_numbers(out)) <= own(locale)


def test_a_locale_without_a_model_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["ask", "--locale", "en-NZ", "hello"]) == 2
    assert "en-NZ" in capsys.readouterr().err
