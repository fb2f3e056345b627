"""A few counts for operations, as CloudWatch Embedded Metric Format (EMF) lines.

One JSON line per request on stdout: EmergencyAnswers (the answer told the user to call
the emergency number), Fallbacks (AMAZON.FallbackIntent) and Errors (the exception
handler answered). CloudWatch Logs turns these lines into metrics in the `NightLegs`
namespace with no agent and no API call. The lines hold counts and the request type
only: never a user id, device id, slot value or anything the user said.

On only when NIGHTLEGS_METRICS=emf (template.yaml sets it); a local `nightlegs chat`
prints none. The format is twenty lines of JSON, so no EMF library is pulled into the
Lambda bundle (aws-embedded-metrics is asyncio-based; Powertools is far larger).
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import time
from collections.abc import Mapping
from typing import Any, TextIO

from ask_sdk_core.dispatch_components import AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response

from skill.dialog import speech
from skill.handlers.shared.common import CONTENT_KEY

ENV_METRICS = "NIGHTLEGS_METRICS"
NAMESPACE = "NightLegs"
SERVICE = "nightlegs"
METRIC_NAMES = ("EmergencyAnswers", "Fallbacks", "Errors")


def enabled(env: Mapping[str, str] | None = None) -> bool:
    return (env if env is not None else os.environ).get(ENV_METRICS, "").lower() == "emf"


def emf_record(counts: Mapping[str, int], timestamp_ms: int | None = None) -> dict[str, Any]:
    """An EMF document: the counts as top-level members, declared under `_aws`."""
    record: dict[str, Any] = {
        "_aws": {
            "Timestamp": int(time.time() * 1000) if timestamp_ms is None else timestamp_ms,
            "CloudWatchMetrics": [
                {
                    "Namespace": NAMESPACE,
                    "Dimensions": [["Service"]],
                    "Metrics": [{"Name": name, "Unit": "Count"} for name in counts],
                }
            ],
        },
        "Service": SERVICE,
    }
    record.update({name: int(value) for name, value in counts.items()})
    return record


def emit(counts: Mapping[str, int], stream: TextIO | None = None) -> None:
    if not enabled():
        return
    out = stream or sys.stdout
    out.write(json.dumps(emf_record(counts), separators=(",", ":")) + "\n")
    out.flush()


_TAG = re.compile(r"<[^>]+>")


def _said(response: Response | None) -> str:
    """The words of the answer, without SSML tags (`<say-as>` wraps the number)."""
    speech = getattr(response, "output_speech", None)
    raw = str(getattr(speech, "ssml", None) or getattr(speech, "text", None) or "")
    return html.unescape(" ".join(_TAG.sub("", raw).split()))


def request_counts(handler_input: HandlerInput, response: Response | None) -> dict[str, int]:
    """EmergencyAnswers and Fallbacks for one answered request. An emergency answer is
    one that speaks the locale's emergency action (content/redflags.yaml), whichever
    handler built it: danger comes first on every turn."""
    request = handler_input.request_envelope.request
    intent = request.intent.name if isinstance(request, IntentRequest) and request.intent else ""
    content = handler_input.attributes_manager.request_attributes.get(CONTENT_KEY)
    emergency = 0
    if content is not None:
        action = speech.call_now(content)
        emergency = int(bool(action) and action in _said(response))
    return {"EmergencyAnswers": emergency, "Fallbacks": int(intent == "AMAZON.FallbackIntent"), "Errors": 0}


def record_error() -> None:
    """Called by the exception handler: response interceptors do not run after it."""
    emit({"EmergencyAnswers": 0, "Fallbacks": 0, "Errors": 1})


class MetricsResponseInterceptor(AbstractResponseInterceptor):
    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        if enabled():
            emit(request_counts(handler_input, response))


RESPONSE_INTERCEPTORS = [MetricsResponseInterceptor()]
