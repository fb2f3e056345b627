"""Each certification rule catches its own broken fixture, and only errors block.

The rules run on a small valid model (tests/shipping_fixtures.py) with one thing
broken at a time; test_cli_validate.py runs the same table through `nightlegs validate`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from skill.ship.manifest import Endpoint, build_manifest, load_listing_config
from skill.ship.rules import check_manifest, check_model, example_phrase_problem, sample_patterns
try:
    from tests.shipping_fixtures import intent, valid_listing_yaml, valid_model
except ImportError:  # tests/ is not a package: pytest puts it on sys.path
    from shipping_fixtures import intent, valid_listing_yaml, valid_model  # type: ignore[no-redef]

Model = dict[str, Any]


def _lm(model: Model) -> dict[str, Any]:
    return model["interactionModel"]["languageModel"]


def _set_invocation(name: str) -> Callable[[Model], None]:
    def mutate(model: Model) -> None:
        _lm(model)["invocationName"] = name
    return mutate


def _add_sample(intent_name: str, sample: str) -> Callable[[Model], None]:
    def mutate(model: Model) -> None:
        intent(model, intent_name).setdefault("samples", []).append(sample)
    return mutate


def _drop_intent(name: str) -> Callable[[Model], None]:
    def mutate(model: Model) -> None:
        _lm(model)["intents"] = [i for i in _lm(model)["intents"] if i["name"] != name]
    return mutate


def _unused_type(model: Model) -> None:
    _lm(model)["types"].append({"name": "UnusedType", "values": [{"name": {"value": "thing"}}]})


def _duplicate_value(model: Model) -> None:
    _lm(model)["types"][0]["values"].append({"id": "left2", "name": {"value": "Left Leg"}})


def _duplicate_id(model: Model) -> None:
    _lm(model)["types"][0]["values"].append({"id": "left", "name": {"value": "other leg"}})


def _dialog_unknown_intent(model: Model) -> None:
    model["interactionModel"]["dialog"]["intents"][0]["name"] = "GhostIntent"


def _dialog_unknown_slot(model: Model) -> None:
    model["interactionModel"]["dialog"]["intents"][0]["slots"][0]["name"] = "colour"


def _dialog_unknown_prompt(model: Model) -> None:
    slot = model["interactionModel"]["dialog"]["intents"][0]["slots"][0]
    slot["prompts"]["elicitation"] = "Elicit.Slot.missing"


def _undeclared_slot_type(model: Model) -> None:
    intent(model, "StretchIntent")["slots"].append({"name": "side", "type": "SideType"})


# rule id, how to break the valid model, words the message must contain
MODEL_CASES: list[tuple[str, Callable[[Model], None], str]] = [
    ("invocation-name", _set_invocation("Night Legs"), "only lowercase letters"),
    ("invocation-name", _set_invocation("nightlegs"), "at least two words"),
    ("invocation-name", _set_invocation("alexa night legs"), "launch or wake words: alexa"),
    ("invocation-name", _set_invocation("open night legs"), "launch or wake words: open"),
    ("invocation-name", _set_invocation("night legs skill"), "launch or wake words: skill"),
    ("utterance-characters", _add_sample("StretchIntent", "stretch for 2 minutes"), "spell numbers out"),
    ("utterance-characters", _add_sample("StretchIntent", "stretch now!"), "may hold only letters"),
    ("utterance-characters", _add_sample("StretchIntent", "stretch {leg"), "unbalanced brace"),
    ("utterance-undeclared-slot", _add_sample("StretchIntent", "stretch my {leg}"), "uses slot {leg}, which StretchIntent does not declare"),
    ("utterance-duplicate", _add_sample("StretchIntent", "Help me  stretch"), "appears again in the same intent"),
    ("utterance-duplicate", _add_sample("DescribeSymptomIntent", "stretch"), "also in DescribeSymptomIntent"),
    ("utterance-only-slot", _add_sample("DescribeSymptomIntent", "{sensation}"), "is only a slot"),
    ("slot-type-unused", _unused_type, "custom slot type UnusedType is not used"),
    ("slot-type-missing", _undeclared_slot_type, "undeclared type 'SideType'"),
    ("slot-value-duplicate", _duplicate_value, "value 'Left Leg' repeats values[0]"),
    ("slot-id-duplicate", _duplicate_id, "id 'left' repeats values[0]"),
    ("required-intent", _drop_intent("AMAZON.NavigateHomeIntent"), "AMAZON.NavigateHomeIntent is missing"),
    ("required-intent", _drop_intent("AMAZON.HelpIntent"), "AMAZON.HelpIntent is missing"),
    ("dialog-reference", _dialog_unknown_intent, "'GhostIntent' is not in languageModel.intents"),
    ("dialog-reference", _dialog_unknown_slot, "'colour' is not a slot of DescribeSymptomIntent"),
    ("prompt-reference", _dialog_unknown_prompt, "'Elicit.Slot.missing', which is not in prompts"),
]


def test_the_valid_fixture_model_has_no_findings() -> None:
    assert check_model(valid_model(), "en-US.json") == []


@pytest.mark.parametrize(("rule", "mutate", "words"), MODEL_CASES, ids=[f"{c[0]}:{c[2][:30]}" for c in MODEL_CASES])
def test_each_model_rule_reports_its_broken_fixture(rule: str, mutate: Callable[[Model], None], words: str) -> None:
    model = valid_model()
    mutate(model)
    findings = check_model(model, "interaction_model/en-US.json")
    errors = [f for f in findings if f.severity == "error"]
    assert [f.rule for f in errors] == [rule], [str(f) for f in findings]
    assert words in errors[0].message
    assert errors[0].file == "interaction_model/en-US.json"
    assert errors[0].path.startswith("$.interactionModel")


def test_error_names_the_json_path_of_the_bad_sample() -> None:
    model = valid_model()
    intent(model, "StretchIntent")["samples"][1] = "stretch 2"
    (finding,) = check_model(model, "m.json")
    assert finding.path == "$.interactionModel.languageModel.intents[6].samples[1]"


def test_only_slot_sample_is_allowed_for_an_intent_marked_for_elicitation() -> None:
    model = valid_model()
    intent(model, "DescribeSymptomIntent")["samples"].append("{sensation}")
    assert check_model(model, "m.json", elicitation_intents={"DescribeSymptomIntent"}) == []


def test_missing_fallback_intent_is_only_a_warning() -> None:
    model = valid_model()
    _drop_intent("AMAZON.FallbackIntent")(model)
    (finding,) = check_model(model, "m.json")
    assert finding.severity == "warning"
    assert "AMAZON.FallbackIntent" in finding.message


def test_unused_prompt_is_only_a_warning() -> None:
    model = valid_model()
    model["interactionModel"]["prompts"].append({"id": "Spare.Prompt", "variations": []})
    (finding,) = check_model(model, "m.json")
    assert (finding.severity, finding.rule) == ("warning", "prompt-reference")


# ------------------------------------------------------------------ manifest


def _manifest(endpoint: Endpoint | None = None, **listing: Any) -> dict[str, Any]:
    data = valid_listing_yaml()
    data["listing"]["default"].update(listing)
    config = load_listing_config(data)
    return build_manifest(
        config, {"en-US": "night legs"},
        endpoint or Endpoint("lambda", "arn:aws:lambda:us-east-1:123456789012:function:night-legs"),
    )


def _manifest_errors(manifest: dict[str, Any], **kwargs: Any) -> list[Any]:
    findings = check_manifest(manifest, "skill-package/skill.json", {"en-US": valid_model()}, **kwargs)
    return [f for f in findings if f.severity == "error"]


def test_the_valid_fixture_manifest_has_no_findings() -> None:
    assert check_manifest(_manifest(), "skill.json", {"en-US": valid_model()}) == []


MANIFEST_CASES: list[tuple[str, dict[str, Any], str, str]] = [
    ("example-phrase", {"example_phrases": ["open {invocation}"]}, "examplePhrases[0]", "must start with 'Alexa,'"),
    ("example-phrase", {"example_phrases": ["Alexa, open night socks"]}, "examplePhrases[0]", "invocation name 'night legs'"),
    ("example-phrase", {"example_phrases": ["Alexa, open {invocation}", "Alexa, ask {invocation} to sing a song"]}, "examplePhrases[1]", "does not match any sample utterance"),
    ("example-phrase", {"example_phrases": ["Alexa, ask {invocation} for a stretch"]}, "examplePhrases[0]", "first example phrase must only open the skill"),
    ("example-phrase", {"example_phrases": ["Alexa, open {invocation}"] * 4}, "examplePhrases", "the limit is 3"),
    ("manifest-field", {"name": "N" * 51}, "name", "51 characters; the limit is 50"),
    ("manifest-field", {"summary": "s" * 161}, "summary", "the limit is 160"),
    ("manifest-field", {"description": ""}, "description", "description is missing"),
    ("manifest-field", {"keywords": [f"k{i}" for i in range(31)]}, "keywords", "the limit is 30"),
    ("manifest-disclaimer", {"description": "Night Legs helps at night."}, "description", "not a substitute for professional medical advice"),
]


@pytest.mark.parametrize(("rule", "listing", "field", "words"), MANIFEST_CASES, ids=[f"{c[0]}:{c[3][:30]}" for c in MANIFEST_CASES])
def test_each_manifest_rule_reports_its_broken_listing(rule: str, listing: dict[str, Any], field: str, words: str) -> None:
    errors = _manifest_errors(_manifest(**listing))
    assert [f.rule for f in errors] == [rule], [str(f) for f in errors]
    assert errors[0].path == f"$.manifest.publishingInformation.locales.en-US.{field}"
    assert words in errors[0].message


def test_missing_endpoint_is_an_error_when_nothing_will_fill_it_in() -> None:
    manifest = _manifest(Endpoint("lambda", None))
    (error,) = _manifest_errors(manifest)
    assert (error.rule, error.path) == ("endpoint", "$.manifest.apis.custom.endpoint")
    findings = check_manifest(manifest, "skill.json", {"en-US": valid_model()}, endpoint_required=False)
    assert [(f.severity, f.rule) for f in findings] == [("warning", "endpoint")]


def test_https_endpoint_needs_a_certificate_type_and_arn_must_be_lambda() -> None:
    manifest = _manifest(Endpoint("https", "https://legs.example.org/alexa"))
    assert _manifest_errors(manifest) == []
    del manifest["manifest"]["apis"]["custom"]["endpoint"]["sslCertificateType"]
    assert [e.rule for e in _manifest_errors(manifest)] == ["endpoint"]
    manifest = _manifest(Endpoint("lambda", "arn:aws:s3:::bucket"))
    assert "not a Lambda function ARN" in _manifest_errors(manifest)[0].message


def test_privacy_urls_must_be_https() -> None:
    manifest = _manifest()
    manifest["manifest"]["privacyAndCompliance"]["locales"]["en-US"]["termsOfUseUrl"] = "http://x.org/t"
    (error,) = _manifest_errors(manifest)
    assert error.path == "$.manifest.privacyAndCompliance.locales.en-US.termsOfUseUrl"


def test_every_model_locale_needs_a_listing() -> None:
    findings = check_manifest(_manifest(), "skill.json", {"en-US": valid_model(), "en-GB": valid_model()})
    assert ["locale en-GB has an interaction model but no listing"] == [f.message for f in findings]


def test_unknown_category_is_an_error() -> None:
    manifest = _manifest()
    manifest["manifest"]["publishingInformation"]["category"] = "LEGS"
    assert [e.path for e in _manifest_errors(manifest)] == ["$.manifest.publishingInformation.category"]


@pytest.mark.parametrize(
    "phrase",
    [
        "Alexa, open night legs",
        "Alexa, ask night legs why my legs tingle.",
        "Alexa, ask night legs for a stretch",
        "Alexa, tell night legs my left leg goes numb",
        "Alexa, ask night legs to help me stretch",
    ],
)
def test_example_phrases_that_match_a_sample_pass(phrase: str) -> None:
    assert example_phrase_problem(phrase, "night legs", sample_patterns(valid_model())) is None
