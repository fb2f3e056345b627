"""Answers a clinician would sign (issue 27), checked at the pure decision and speech level
for every condition in every locale:

- the first answer to a position-related feeling leads with the tip for that position;
- no sentence written for one condition is spoken for another (the ids decide() returns);
- care questions after an urgent tier keep the urgency, and never reassure before an answer;
- a sentence that names an emergency number outside an emergency answer carries its
  condition ("If you get chest pain, call 999, or 112 in Ireland."), never a bare order;
- no question is asked whose answer was already said;
- docs/clinical-review.md is what `python -m skill.ship.review_table` generates.
"""

from __future__ import annotations

import re
from itertools import product

import pytest

from skill import paths
from skill.content import Content, load_content, supported_locales
from skill.content.records import Condition
from skill.core import followup, triage
from skill.core.decision import Answer, Emergency, SameDay, decide
from skill.core.symptoms import QuestionProgress, Symptoms
from skill.dialog import care, speech
from skill.dialog.ssml import plain_text
from skill.ship import review_table

LOCALES = supported_locales()
SCREENED = QuestionProgress(asked=("screen", "sensation", "relief"), screened=True)
POSITIONS = ("side", "back", "stomach", "crossed")


def _symptoms_for(group: Condition) -> Symptoms:
    """What a person says that fits one match group: a value of each slot it names, and
    one sign of each discriminator set it needs together (`every`)."""
    symptoms = Symptoms()
    for slot, values in group.slots.items():
        symptoms = symptoms.with_value(slot, sorted(values)[0])
    for signs in group.every:
        symptoms = symptoms.with_value("sign", sorted(signs)[0])
    return symptoms


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if s]


def _numbers(text: Content) -> list[str]:
    return [*text.locale.numbers, "triple zero"]


def _bare_orders(said: str, text: Content) -> list[str]:
    """Sentences that name an emergency number without a condition of their own."""
    out = []
    for sentence in _sentences(said):
        names = any(re.search(rf"(?<!\d){re.escape(n)}(?!\d)", sentence) for n in _numbers(text))
        if names and not speech.is_conditional(sentence):
            out.append(sentence)
    return out


# ----------------------------------------------------------------------------- positions


@pytest.mark.parametrize("locale,position", list(product(LOCALES, POSITIONS)))
@pytest.mark.parametrize("sensation", ["numb", "tingling", "ache"])
def test_the_first_answer_leads_with_the_tip_for_the_position_said(locale: str, position: str, sensation: str) -> None:
    text = load_content(locale)
    symptoms = Symptoms(sensation=sensation, position=position, relief="moving")
    decision = decide(symptoms, SCREENED, text)
    assert isinstance(decision, Answer) and decision.causes[0].positional, decision
    lead = decision.remedies[0]
    assert position in lead.positions, (position, [r.id for r in decision.remedies])
    said = plain_text(speech.answer(decision, symptoms, text, disclaimer=False).speech)
    assert said.startswith(lead.say), said


@pytest.mark.parametrize("locale", LOCALES)
def test_a_cramp_or_restless_legs_lead_with_their_own_tip_whatever_the_position(locale: str) -> None:
    text = load_content(locale)
    cramp = decide(Symptoms(sensation="cramp", position="side"), SCREENED, text)
    restless = decide(Symptoms(sensation="restless", position="back"), SCREENED, text)
    assert isinstance(cramp, Answer) and cramp.remedies[0].id == "calf_stretch", cramp
    assert isinstance(restless, Answer) and restless.remedies[0].id == "rub_legs", restless


# ----------------------------------------------------------------------------- conditions


@pytest.mark.parametrize("locale", LOCALES)
def test_no_red_flag_sentence_is_written_for_two_conditions(locale: str) -> None:
    text = load_content(locale)
    says = [text.fill(f.say) for f in text.flags]
    assert len(says) == len(set(says)), [s for s in says if says.count(s) > 1]


@pytest.mark.parametrize("locale", LOCALES)
def test_each_red_flag_answer_speaks_only_its_own_condition(locale: str) -> None:
    text = load_content(locale)
    for flag in text.flags:
        if flag.tier == "soon":
            continue
        symptoms = _symptoms_for(flag.match[0])
        decision = decide(symptoms, SCREENED, text)
        assert isinstance(decision, (Emergency, SameDay)), (flag.id, decision)
        spoken = decision.flags[0]
        assert triage.fits(spoken.match, symptoms), (flag.id, spoken.id)
        said = plain_text(speech.warning(decision, symptoms, text).speech)
        others = [f.id for f in text.flags if f.id != spoken.id and call_free(text, f.say) in said]
        assert not others, (flag.id, others, said)


def call_free(text: Content, say: str) -> str:
    return plain_text(speech.call_sentences(say, text)) if "{emergency}" in say else text.fill(say)


@pytest.mark.parametrize("locale", LOCALES)
def test_when_two_same_day_signs_fire_the_sentence_fits_the_part_said(locale: str) -> None:
    """A red, swollen sore on a diabetic toe is not told about a blood clot in the calf."""
    text = load_content(locale)
    clot, sore = (next(f for f in text.flags if f.id == i) for i in ("swollen_calf", "sore_not_healing"))
    for part, spoken, silent in (("toes", sore, clot), ("foot", sore, clot), ("calf", clot, sore)):
        symptoms = Symptoms(signs=frozenset({"foot_sore", "swollen_calf", "diabetes"}), part=part)
        decision = decide(symptoms, SCREENED, text)
        assert isinstance(decision, SameDay)
        said = plain_text(speech.same_day(decision, symptoms, text).speech)
        assert text.fill(spoken.say) in said and text.fill(silent.say) not in said, (part, said)


@pytest.mark.parametrize("locale", LOCALES)
def test_each_answer_speaks_tips_and_reasons_written_for_what_was_said(locale: str) -> None:
    """Walk every value of every slot (and every sign that fires no urgent flag): the lead
    tip is general, for the position said, or written for the likeliest reason; the reason
    spoken is the likeliest; its feelings are ones the person said."""
    text = load_content(locale)
    profiles = [Symptoms(sensation=s, position=p, relief=r)
                for s in ("numb", "tingling", "ache", "burning", "cramp", "restless", "shooting", "weak", None)
                for p in (*POSITIONS, None) for r in ("moving", "nothing", "stretching", None)]
    for symptoms in profiles:
        decision = decide(symptoms, SCREENED, text)
        if not isinstance(decision, Answer) or not decision.remedies:
            continue
        lead = decision.remedies[0]
        top = decision.causes[0].id if decision.causes else None
        assert not lead.causes or top in lead.causes or lead.positions, (symptoms, lead.id, top)
        if lead.sensations and symptoms.sensation:
            assert symptoms.sensation in lead.sensations, (symptoms, lead.id)
        said = plain_text(speech.answer(decision, symptoms, text, disclaimer=False).speech)
        for cause in text.causes:
            if cause.id != top:
                assert text.prompt("causes_single", name=cause.name) not in said, (symptoms, cause.id)


@pytest.mark.parametrize("locale", LOCALES)
def test_nothing_helps_names_no_body_part_or_reason_that_was_not_said(locale: str) -> None:
    text = load_content(locale)
    fallback = decide(Symptoms(relief="nothing"), SCREENED, text)
    assert isinstance(fallback, Answer) and not fallback.causes, fallback  # no reason to name
    said = plain_text(speech.answer(fallback, Symptoms(relief="nothing"), text, disclaimer=False).speech).lower()
    for word in ("feet", "foot", "calf", "thigh", "knee", "nerve", "numb", "damaged"):
        assert word not in said, said
    for sensation in ("ache", "tingling"):  # not the numb-feet answer for other feelings
        symptoms = Symptoms(sensation=sensation, relief="nothing")
        decision = decide(symptoms, SCREENED, text)
        said = plain_text(speech.answer(decision, symptoms, text, disclaimer=False).speech).lower()
        for word in ("feet", "foot", "numb"):
            assert word not in said, (sensation, said)


# ----------------------------------------------------------------------------- care


@pytest.mark.parametrize("locale", LOCALES)
def test_every_care_question_after_urgent_advice_keeps_the_urgency(locale: str) -> None:
    text = load_content(locale)
    for flag, topic in product(text.flags, care.TOPICS):
        if flag.tier == "soon":
            continue
        symptoms = _symptoms_for(flag.match[0])
        said = care.care_answer(topic, symptoms, text, answered=True, top_cause=None)
        assert said is not None, (flag.id, topic)
        if flag.tier == "emergency" or said.emergency is not None:
            assert said.emergency is not None, (flag.id, topic)
            continue
        assert said.urgent and re.search(r"\btoday\b|\bnow\b|do not wait", " ".join(said.lines), re.I), (flag.id, topic, said)
        assert not any(i.endswith("_answer") or i == f"care_{topic}" for i in said.ids), (flag.id, topic, said.ids)


@pytest.mark.parametrize("locale", LOCALES)
def test_before_any_answer_care_questions_reassure_nobody(locale: str) -> None:
    text = load_content(locale)
    for topic in care.TOPICS:
        said = care.care_answer(topic, Symptoms(), text, answered=False, top_cause=None)
        if said is None:
            continue
        line = " ".join(said.lines)
        assert not re.search(r"can wait|it depends|is fine|are fine|\bgentl", line, re.I), (topic, line)
        assert re.search(r"\btoday\b|\bnow\b|call|do not|don't|\bno\b", line, re.I), (topic, line)


CONTRAINDICATIONS = [
    ("heat", Symptoms(sensation="numb"), "numb_skin"),
    ("heat", Symptoms(signs=frozenset({"diabetes"})), "numb_skin"),
    ("heat", Symptoms(timing="walking"), "artery_possible"),
    ("raise", Symptoms(timing="walking"), "artery_possible"),
    ("raise", Symptoms(relief="hang_down"), "rest_pain_eased_hanging"),
    ("rub", Symptoms(signs=frozenset({"swollen_calf"})), "swollen_calf"),
    ("move", Symptoms(signs=frozenset({"swollen_calf"})), "swollen_calf"),
    ("move", Symptoms(sensation="numb"), "numb_skin"),
]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("topic,symptoms,condition", CONTRAINDICATIONS)
def test_each_contraindication_is_said_with_its_source(locale: str, topic: str, symptoms: Symptoms, condition: str) -> None:
    text = load_content(locale)
    said = care.care_answer(topic, symptoms, text, answered=True, top_cause="night_cramps")
    assert said is not None and said.ids[0] == f"care_{topic}_{condition}", (topic, condition, said)
    assert re.search(r"\bdo not\b|\bwait until\b", said.lines[0], re.I), said.lines[0]
    sources = review_table.read_yaml(paths.content_dir() / "prompts.yaml")["care_sources"]
    assert sources[condition]["sources"], condition


def test_ice_is_not_refused_for_sciatica_and_the_wait_answer_never_says_it_can_wait() -> None:
    text = load_content("en-GB")
    ice = care.care_answer("cold", Symptoms(sensation="shooting"), text, answered=True, top_cause="sciatica")
    assert ice is not None and ice.lines[0].startswith("Yes"), ice
    for prompt_id, said in text.prompts.items():
        if prompt_id.startswith("care_wait"):
            assert "can wait" not in said, (prompt_id, said)


# ----------------------------------------------------------------------------- numbers


def _every_non_emergency_text(text: Content) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for flag in text.flags:
        symptoms = _symptoms_for(flag.match[0])
        decision = decide(symptoms, SCREENED, text)
        if isinstance(decision, SameDay):
            out.append((f"same_day:{flag.id}", plain_text(speech.same_day(decision, symptoms, text).speech)))
        for topic in care.TOPICS:
            said = care.care_answer(topic, symptoms, text, answered=True, top_cause=None)
            if said is not None and said.emergency is None:
                out.append((f"care:{topic}:{flag.id}", " ".join(said.lines)))
    for topic in care.TOPICS:
        said = care.care_answer(topic, Symptoms(), text, answered=False, top_cause=None)
        if said is not None:
            out.append((f"care:{topic}:before", " ".join(said.lines)))
    for sensation, position in product(("numb", "ache", "restless", "cramp", "shooting", "burning"), POSITIONS):
        symptoms = Symptoms(sensation=sensation, position=position)
        decision = decide(symptoms, SCREENED, text)
        if isinstance(decision, Answer):
            out.append((f"answer:{sensation}:{position}", plain_text(speech.answer(decision, symptoms, text, disclaimer=True).speech)))
    out.append(("summaries.emergency", speech.call_sentences(text.summaries["emergency"], text)))
    out.append(("scope", plain_text(speech.scope("scope_worry", text).speech)))
    out.append(("safety_net", text.safety_net))
    return out


@pytest.mark.parametrize("locale", LOCALES)
def test_no_bare_emergency_order_outside_an_emergency_answer(locale: str) -> None:
    text = load_content(locale)
    bare = [(name, _bare_orders(said, text)) for name, said in _every_non_emergency_text(text)]
    assert [b for b in bare if b[1]] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_emergency_answer_still_says_call_now_one_number_a_sentence(locale: str) -> None:
    text = load_content(locale)
    flag = next(f for f in text.flags if f.id == "stroke_signs")
    decision = decide(_symptoms_for(flag.match[0]), SCREENED, text)
    said = plain_text(speech.warning(decision, Symptoms(), text).speech)
    assert said.count(speech.call_now(text)) >= 1, said


# ----------------------------------------------------------------------------- questions


@pytest.mark.parametrize("locale", LOCALES)
def test_no_question_is_asked_whose_answer_was_already_said(locale: str) -> None:
    """ "When I lie on my side" says how and when: neither question is asked after it."""
    text = load_content(locale)
    for sensation in ("numb", "tingling", "ache", "burning"):
        symptoms = Symptoms(sensation=sensation, position="side")
        progress = QuestionProgress(asked=("screen",), screened=True)
        for _ in range(4):
            question = followup.next_question(symptoms, progress, text)
            if question is None:
                break
            assert question.slot not in ("position", "timing", "sensation"), (sensation, question.slot)
            progress = progress.ask(question.slot)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_cramp_or_restless_legs_are_not_asked_what_eases_them(locale: str) -> None:
    text = load_content(locale)
    for sensation in ("cramp", "restless"):
        question = followup.next_question(Symptoms(sensation=sensation, timing="night"), QuestionProgress(("screen",), True), text)
        assert question is None or question.slot != "relief", (sensation, question)


# ----------------------------------------------------------------------------- review page


def test_the_clinical_review_page_is_generated_from_the_content() -> None:
    page = (paths.project_root() / review_table.DOC).read_text(encoding="utf-8")
    assert page == review_table.generate(), "run `python -m skill.ship.review_table`"
