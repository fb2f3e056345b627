"""What every answer to a fuzzed request must be: a well-formed Alexa response.

Well-formed means: version 1.0; outputSpeech and reprompt, when present, are SSML that
parses and uses only the skill's own tags and attributes (so no user text reached the
markup unescaped), within Alexa's 8,000-character limit; the response within 24 KB;
shouldEndSession a boolean or absent; session attributes a JSON object.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from skill.dialog.ssml import is_own_ssml
from skill.web.guard import BadEnvelope, read_envelope

MAX_SPEECH_CHARS = 8000
MAX_RESPONSE_BYTES = 24 * 1024


def _speech_problem(where: str, speech: Any) -> str | None:
    if speech is None:
        return None
    if not isinstance(speech, Mapping):
        return f"{where} is not an object"
    if speech.get("type") != "SSML":
        return f"{where} is {speech.get('type')!r}, not SSML"
    ssml = speech.get("ssml")
    if not isinstance(ssml, str) or not is_own_ssml(ssml):
        return f"{where} SSML does not parse or uses markup the skill does not write: {str(ssml)[:300]!r}"
    if len(ssml) > MAX_SPEECH_CHARS:
        return f"{where} is {len(ssml)} characters, over Alexa's {MAX_SPEECH_CHARS}"
    return None


def problems(result: Any) -> list[str]:
    """Everything wrong with a response envelope (empty when it is well-formed)."""
    if not isinstance(result, Mapping):
        return ["the answer is not an object"]
    found: list[str] = []
    if result.get("version") != "1.0":
        found.append(f"version is {result.get('version')!r}")
    response = result.get("response")
    if not isinstance(response, Mapping):
        return found + ["no response object"]
    for where, speech in (
        ("outputSpeech", response.get("outputSpeech")),
        ("reprompt", (response.get("reprompt") or {}).get("outputSpeech")),
    ):
        problem = _speech_problem(where, speech)
        if problem:
            found.append(problem)
    size = len(json.dumps(response).encode("utf-8"))
    if size > MAX_RESPONSE_BYTES:
        found.append(f"response is {size} bytes, over {MAX_RESPONSE_BYTES}")
    end = response.get("shouldEndSession")
    if end is not None and not isinstance(end, bool):
        found.append(f"shouldEndSession is {end!r}")
    attributes = result.get("sessionAttributes")
    if attributes is not None and not isinstance(attributes, Mapping):
        found.append("sessionAttributes is not an object")
    json.dumps(result)  # raises if anything is not JSON
    return found


def web_would_accept(document: Any) -> bool:
    """True when the web service's input guard would pass this envelope on to the skill."""
    from ask_sdk_model import RequestEnvelope

    from skill.app import default_skill

    try:
        text, _ = read_envelope(json.dumps(document).encode("utf-8"))
        default_skill().serializer.deserialize(payload=text, obj_type=RequestEnvelope)
    except BadEnvelope:
        return False
    except Exception:
        return False
    return True


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def handler_failures() -> Iterator[list[logging.LogRecord]]:
    """Collect the skill's 'handler failed' errors (its exception handler's apologies)."""
    counter = _Count()
    logger = logging.getLogger("skill.handlers.interceptors.errors")
    logger.addHandler(counter)
    try:
        yield counter.records
    finally:
        logger.removeHandler(counter)
