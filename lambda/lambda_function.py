"""AWS Lambda entry point: `lambda_function.lambda_handler`.

The bundle puts the `skill` package, `content/` and `interaction_model/` beside this file.

Logging: the level comes from NIGHTLEGS_LOG_LEVEL, else from Lambda's own
AWS_LAMBDA_LOG_LEVEL (the function's LoggingConfig ApplicationLogLevel), else INFO. The
Lambda Python runtime leaves the root logger at WARNING, which would drop the skill's
one line per request. With LoggingConfig LogFormat JSON, Lambda writes each record as
JSON itself.

An event that is not an Alexa request envelope (None, a list, a string, an unknown
request type, a bad timestamp, nesting deeper than `skill.events.MAX_DEPTH`) is refused
before ask-sdk sees it; so is one shaped like an envelope that ask-sdk cannot read (a
field of the wrong type). Each gets one short log line that names the problem and
carries no user data and no sent value, and a small error object instead of a raw
exception (whose text could echo the value).

Session key: in Lambda (AWS_LAMBDA_FUNCTION_NAME is set) every request is refused, with
one error line, unless NIGHTLEGS_SESSION_KEY is a secret of the deployment's own
(`skill.dialog.signing.key_problem`: set, at least 32 characters, not the published
development key). Alexa-hosted skills cannot set variables: the build may leave the key
in session_key.txt beside this file. Local runs (tests, `nightlegs chat`) need no key.

Every log record is one line (`skill.alexa.logsafe`): a newline in an intent name
cannot forge a line.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import warnings
from collections.abc import Mapping
from typing import Any

# Invalid escape sequences in some dependencies' docstrings raise SyntaxWarning when
# they are compiled. The bundle ships .pyc, so normally nothing compiles; when it does,
# the warnings are noise in CloudWatch, not news about this code.
warnings.filterwarnings("ignore", category=SyntaxWarning)

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:  # the bundle's root holds the skill package
    sys.path.insert(0, _HERE)

_LEVELS = {"TRACE": "DEBUG", "DEBUG": "DEBUG", "INFO": "INFO", "WARN": "WARNING",
           "WARNING": "WARNING", "ERROR": "ERROR", "FATAL": "CRITICAL", "CRITICAL": "CRITICAL"}


def log_level(env: Mapping[str, str]) -> str:
    """The logging level name for this environment (Lambda's names accepted)."""
    for name in ("NIGHTLEGS_LOG_LEVEL", "AWS_LAMBDA_LOG_LEVEL"):
        value = env.get(name, "").strip().upper()
        if value in _LEVELS:
            return _LEVELS[value]
    return "INFO"


logging.getLogger().setLevel(log_level(os.environ))


def use_alexa_hosted_table(env: dict[str, str] | os._Environ[str], here: str = _HERE) -> None:
    """Alexa-hosted skills get a DynamoDB table (DYNAMODB_PERSISTENCE_TABLE_NAME, in the
    region DYNAMODB_PERSISTENCE_REGION, which need not be the function's own: Amazon
    runs the function in the Alexa region nearest the user) and no way to set
    environment variables: the build leaves the salt in user_salt.txt."""
    table = env.get("DYNAMODB_PERSISTENCE_TABLE_NAME", "")
    salt_file = os.path.join(here, "user_salt.txt")
    if table and not env.get("NIGHTLEGS_DYNAMODB_TABLE") and os.path.isfile(salt_file):
        with open(salt_file, encoding="utf-8") as handle:
            salt = handle.read().strip()
        if salt:
            env["NIGHTLEGS_DYNAMODB_TABLE"] = table
            env.setdefault("NIGHTLEGS_USER_SALT", salt)
            region = env.get("DYNAMODB_PERSISTENCE_REGION", "")
            if region:  # boto3 takes its region from AWS_DEFAULT_REGION
                env["AWS_DEFAULT_REGION"] = region
    key_file = os.path.join(here, "session_key.txt")  # written by the hosted build too
    if not env.get("NIGHTLEGS_SESSION_KEY") and os.path.isfile(key_file):
        with open(key_file, encoding="utf-8") as handle:
            key = handle.read().strip()
        if key:
            env["NIGHTLEGS_SESSION_KEY"] = key


def use_session_key_file(env: dict[str, str] | os._Environ[str], here: str = _HERE) -> None:
    """NIGHTLEGS_SESSION_KEY from session_key.txt beside this file, when the variable is
    not set (Alexa-hosted skills have no environment variables of their own)."""
    key_file = os.path.join(here, "session_key.txt")
    if not env.get("NIGHTLEGS_SESSION_KEY") and os.path.isfile(key_file):
        with open(key_file, encoding="utf-8") as handle:
            key = handle.read().strip()
        if key:
            env["NIGHTLEGS_SESSION_KEY"] = key


use_alexa_hosted_table(os.environ)
use_session_key_file(os.environ)

from ask_sdk_model import RequestEnvelope  # noqa: E402

from skill.alexa import logsafe  # noqa: E402
from skill.app import default_skill  # noqa: E402
from skill.dialog.signing import key_problem  # noqa: E402
from skill.events import BadEvent, check_envelope  # noqa: E402

logsafe.install()
log = logging.getLogger("nightlegs.lambda")


def refusal_reason(env: Mapping[str, str]) -> str | None:
    """Why this function must not answer at all, or None: in Lambda, a session key that
    is missing, short or the published development key."""
    if not env.get("AWS_LAMBDA_FUNCTION_NAME"):
        return None  # not in Lambda: a local run or a test
    return key_problem(env)


_REFUSED = refusal_reason(os.environ)
if _REFUSED:
    log.error("refusing every request: %s; set a random secret of 32 or more characters", _REFUSED)

# Build the skill (and load content) at cold start, outside the first request.
_SKILL = default_skill()


def _refuse(reason: str, message: str = "not an Alexa request envelope") -> dict[str, Any]:
    log.warning("refused event: %s", reason)
    return {"error": "bad_request", "message": message}


def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    if _REFUSED:
        log.error("refused event: the session key is not fit for a deployment (%s)", _REFUSED)
        return {"error": "misconfigured", "message": "the skill is not configured"}
    try:
        envelope = check_envelope(event)
    except BadEvent as exc:
        return _refuse(str(exc), str(exc))  # BadEvent messages name the field, never the value
    try:
        request_envelope = _SKILL.serializer.deserialize(payload=json.dumps(envelope), obj_type=RequestEnvelope)
    except Exception as exc:  # a field of the wrong type; ask-sdk's message may carry the value
        return _refuse(f"the envelope does not deserialize ({type(exc).__name__})")
    try:
        response_envelope = _SKILL.invoke(request_envelope=request_envelope, context=context)
        result: dict[str, Any] = _SKILL.serializer.serialize(response_envelope)
    except Exception as exc:  # the skill's own exception handler did not catch it
        return _refuse(f"the skill could not answer the envelope ({type(exc).__name__})")
    return result
