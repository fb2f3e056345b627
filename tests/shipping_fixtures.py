"""A small valid interaction model and manifest for the validate/build tests."""

from __future__ import annotations

import copy
from typing import Any

_MODEL: dict[str, Any] = {
    "interactionModel": {
        "languageModel": {
            "invocationName": "night legs",
            "intents": [
                {"name": "AMAZON.HelpIntent", "samples": []},
                {"name": "AMAZON.CancelIntent", "samples": []},
                {"name": "AMAZON.StopIntent", "samples": []},
                {"name": "AMAZON.NavigateHomeIntent", "samples": []},
                {"name": "AMAZON.FallbackIntent", "samples": []},
                {
                    "name": "DescribeSymptomIntent",
                    "slots": [
                        {"name": "leg", "type": "LegType"},
                        {
                            "name": "sensation",
                            "type": "SensationType",
                            "samples": ["it feels {sensation}", "{sensation}"],
                        },
                    ],
                    "samples": [
                        "my {leg} goes {sensation}",
                        "why my legs {sensation}",
                        "my legs feel {sensation} at night",
                    ],
                },
                {"name": "StretchIntent", "slots": [], "samples": ["a stretch", "stretch", "help me stretch"]},
            ],
            "types": [
                {
                    "name": "LegType",
                    "values": [
                        {"id": "left", "name": {"value": "left leg", "synonyms": ["left"]}},
                        {"id": "right", "name": {"value": "right leg", "synonyms": ["right"]}},
                    ],
                },
                {
                    "name": "SensationType",
                    "values": [
                        {"id": "numb", "name": {"value": "numb"}},
                        {"id": "tingling", "name": {"value": "tingle", "synonyms": ["tingly"]}},
                    ],
                },
            ],
        },
        "dialog": {
            "intents": [
                {
                    "name": "DescribeSymptomIntent",
                    "confirmationRequired": False,
                    "prompts": {},
                    "slots": [
                        {
                            "name": "sensation",
                            "type": "SensationType",
                            "elicitationRequired": True,
                            "confirmationRequired": False,
                            "prompts": {"elicitation": "Elicit.Slot.sensation"},
                        }
                    ],
                }
            ],
            "delegationStrategy": "SKILL_RESPONSE",
        },
        "prompts": [
            {
                "id": "Elicit.Slot.sensation",
                "variations": [{"type": "PlainText", "value": "How does it feel?"}],
            }
        ],
    }
}

_MANIFEST_LISTING: dict[str, Any] = {
    "category": "HEALTH_AND_FITNESS",
    "countries": {"en-US": ["US"], "en-GB": ["GB", "IE"]},
    "links": {
        "privacy_policy_url": "https://legs.nightlegs.org/privacy",
        "terms_of_use_url": "https://legs.nightlegs.org/terms",
        "small_icon_uri": "https://example.org/small.png",
        "large_icon_uri": "https://example.org/large.png",
    },
    "privacy": {"allows_purchases": False},
    "listing": {
        "default": {
            "name": "Night Legs",
            "summary": "Calm help at night for numb or restless legs.",
            "description": "Night Legs helps at night. It is not a substitute for professional medical advice.",
            "example_phrases": [
                "Alexa, open {invocation}",
                "Alexa, ask {invocation} why my legs tingle",
                "Alexa, ask {invocation} for a stretch",
            ],
            "keywords": ["numb legs"],
            "testing_instructions": "Say 'Alexa, open {invocation}'.",
            "sources": ["https://developer.amazon.com/en-US/docs/alexa/smapi/skill-manifest.html"],
        }
    },
}


def valid_model() -> dict[str, Any]:
    return copy.deepcopy(_MODEL)


def valid_listing_yaml() -> dict[str, Any]:
    return copy.deepcopy(_MANIFEST_LISTING)


def intent(model: dict[str, Any], name: str) -> dict[str, Any]:
    for item in model["interactionModel"]["languageModel"]["intents"]:
        if item["name"] == name:
            return item
    raise KeyError(name)
