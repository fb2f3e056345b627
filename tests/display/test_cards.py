"""Cards and screen data, built without the SDK: the same sentences the speech says, the
locale's numbers, nothing medical that is not in content."""

from __future__ import annotations

import pytest

from skill.content import ContentError, load_content, supported_locales
from skill.core.decision import Answer, Emergency, SameDay, decide
from skill.core.symptoms import QuestionProgress, Symptoms
from skill.dialog import speech
from skill.dialog.ssml import plain_text
from skill.display import cards, screens
from skill.display.labels import KEYS, load_labels, parse_labels
from skill.display.model import DOCUMENTS, StretchView, document_link

LABELS = load_labels()
HEADINGS = {LABELS[k] for k in ("heard", "reasons", "try_now", "get_help", "sources")}


def _symptoms(**values: str) -> Symptoms:
    symptoms = Symptoms()
    for slot, value in values.items():
        symptoms = symptoms.with_value(slot, value)
    return symptoms


def _decided(locale: str, **values: str):
    text = load_content(locale)
    symptoms = _symptoms(**values)
    progress = QuestionProgress(asked=("screen", "relief", "side", "position", "timing", "sensation"), screened=True)
    return decide(symptoms, progress.rule_out_danger(), text), symptoms, text


@pytest.mark.parametrize("locale", supported_locales())
def test_the_answer_card_says_what_the_speech_says_plus_the_locales_emergency_number(locale: str) -> None:
    decision, symptoms, text = _decided(locale, sensation="numb", position="side", relief="moving", side="left")
    assert isinstance(decision, Answer)
    card = cards.answer_card(decision, symptoms, text, LABELS)
    # The card is the whole answer for the morning: what the first answer says, then what
    # "why" and "more tips" add (what was heard, the reasons, every tip, when to get help).
    spoken = " ".join([
        plain_text(speech.answer(decision, symptoms, text, disclaimer=True).speech),
        speech.heard(symptoms, text),
        speech.causes_sentence(decision, text) + " " + decision.causes[0].explain,
        *(r.say for r in decision.remedies),
        *speech.when_to_get_help(decision.soon, text),
    ])
    number_line = LABELS.fill("emergency_number", emergency=text.locale.emergency)
    sources = [line for line in card.text.splitlines() if line.startswith("https://")]
    for line in card.text.splitlines():
        if not line or line in HEADINGS or line == number_line or line in sources:
            continue
        assert line.removeprefix("- ") in spoken, line  # no sentence the speech does not say
    assert number_line in card.text.splitlines()
    assert card.text.endswith(text.prompt("disclaimer"))
    for number in text.locale.numbers:
        assert number in card.text
    assert speech.heard(symptoms, text) in card.text
    assert all(r.say in card.text for r in decision.remedies)
    assert sources and all(s.startswith("https://") for s in sources)


@pytest.mark.parametrize("locale", supported_locales())
def test_an_emergency_card_is_the_number_and_the_signs(locale: str) -> None:
    text = load_content(locale)
    decision, symptoms, _ = _decided(locale, sensation="numb", sign="face_droop")
    assert isinstance(decision, Emergency)
    card = cards.urgent_card(decision, symptoms, text, LABELS)
    assert card.title == text.fill(text.tiers["emergency"].action)
    assert all(number in card.title for number in text.locale.numbers)
    assert speech.heard_signs(symptoms, decision.flags, text) in card.text
    assert all(r.say not in card.text for r in text.remedies)  # no tips over a red flag
    screen = screens.urgent_screen(decision, symptoms, text, LABELS)
    assert screen.data["headline"] == text.locale.numbers[0]
    assert screen.link == "doc://alexa/apl/documents/urgent"


def test_a_same_day_card_says_get_help_today_and_what_to_do() -> None:
    decision, symptoms, text = _decided("en-GB", sensation="ache", sign="swollen_calf")
    assert isinstance(decision, SameDay)
    card = cards.urgent_card(decision, symptoms, text, LABELS)
    assert card.title == LABELS["same_day_title"]
    assert text.fill(text.tiers["same_day"].action) in card.text
    assert "call 999, or 112 in Ireland." in card.text  # when to call instead, with the numbers
    spoken = plain_text(speech.same_day(decision, symptoms, text).speech)
    signs = speech.heard_signs(symptoms, decision.flags, text)  # the card also says what was heard
    assert all(line in spoken for line in card.text.splitlines() if line != signs)
    screen = screens.urgent_screen(decision, symptoms, text, LABELS)
    assert screen.data["headline"] == LABELS["same_day_title"]
    assert "call 999, or 112 in Ireland." in screen.data["escalate"] and screen.data["escalate"] in spoken


def test_the_answer_screen_leads_with_the_first_thing_to_try() -> None:
    decision, symptoms, text = _decided("en-US", sensation="numb", position="side", relief="moving", side="left")
    screen = screens.answer_screen(decision, symptoms, text, LABELS)
    assert screen.data["action"] == decision.remedies[0].say
    assert screen.datasources == {"answer": dict(screen.data)}


def test_the_stretch_screen_shows_where_you_are_and_the_hold() -> None:
    view = StretchView(
        "the two minute stretch", (("ankle pumps", "Pump."), ("the knee hug", "Hug.")), 1, "active", ((12, 15), (40, 15)),
    )
    screen = screens.stretch_screen(view, LABELS)
    assert screen.data["position"] == "Step 2 of 2"
    assert screen.data["step"] == "the knee hug"
    none = {"end": 0, "seconds": 0}
    assert screen.data["countdown"] == {
        "seconds": 15, "holds": [{"end": 27, "seconds": 15}, {"end": 55, "seconds": 15}, none, none],
    }
    assert screen.data["controls"] is True
    done = screens.stretch_screen(StretchView("r", (("a", "b"),), 0, "done"), LABELS)
    assert done.data["controls"] is False and done.data["countdown"]["seconds"] == 0
    card = cards.stretch_card(view, LABELS)
    assert "1. ankle pumps: Pump." in card.text and "2. the knee hug: Hug." in card.text


def test_every_document_has_a_link_and_an_unknown_one_is_refused() -> None:
    assert [document_link(name) for name in DOCUMENTS] == [f"doc://alexa/apl/documents/{n}" for n in DOCUMENTS]
    with pytest.raises(ValueError):
        document_link("dashboard")


def test_a_missing_label_names_the_file_and_the_entry() -> None:
    labels = {key: "x" for key in KEYS if key != "stop"}
    with pytest.raises(ContentError) as caught:
        parse_labels({"labels": labels})
    assert "display.yaml" in str(caught.value) and "labels.stop" in str(caught.value)
    with pytest.raises(ContentError) as caught:
        parse_labels({"labels": {**labels, "stop": "Stop", "dance": "Dance"}})
    assert "labels.dance" in str(caught.value)
