"""AWS Lambda entry point: `lambda_function.lambda_handler`.

The bundle puts the `skill` package, `content/` and `interaction_model/` beside this file.

Logging: the level comes from NIGHTLEGS_LOG_LEVEL, else from Lambda's own
AWS_LAMBDA_LOG_LEVEL (the function's LoggingConfig ApplicationLogLevel), else INFO. The
Lambda Python runtime leaves the root logger at WARNING, which would drop the skill's
one line per request. With LoggingConfig LogFormat JSON, Lambda writes each record as
JSON itself.

An event that is not an Alexa request envelope (None, a list, a string, an unknown
request type, a bad timestamp, nesting deeper than `skill.events.MAX_DEPTH`) is refused
before ask-sdk sees it: one short log line that names the problem and carries no user
data, and a small error object instead of a raw exception.
"""

from __future__ import annotations

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


use_alexa_hosted_table(os.environ)

from skill.app import default_skill, handle_event  # noqa: E402
from skill.events import BadEvent, check_envelope  # noqa: E402

log = logging.getLogger("nightlegs.lambda")

# Build the skill (and load content) at cold start, outside the first request.
_SKILL = default_skill()


def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    try:
        envelope = check_envelope(event)
    except BadEvent as exc:
        log.warning("refused event: %s", exc)
        return {"error": "bad_request", "message": str(exc)}
    return handle_event(_SKILL, envelope)
