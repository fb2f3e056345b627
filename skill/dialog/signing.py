"""Session state signed with a server-side key (HMAC-SHA256), checked on the way in.

Alexa hands session attributes back untouched, but they travel through the device's
request, so only state this skill wrote is trusted: whether the safety question was
answered, what "repeat" replays, which question a bare "yes" answers. Each part of the
skill keeps its own session key ("nl", "memory", "stretch"); each is signed on its own,
its tag kept under ``SIGNATURES_KEY``. A part whose tag is missing or wrong reads as
absent: a new conversation for that part.

The key comes from ``NIGHTLEGS_SESSION_KEY``. Without it a fixed development key is
used, which is fine for local use (``nightlegs chat``, the tests) and for nothing else:
any deployment sets its own random key (README, "Session state").
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Mapping, MutableMapping
from typing import Any

ENV_SESSION_KEY = "NIGHTLEGS_SESSION_KEY"
DEVELOPMENT_KEY = "nightlegs-local-development-session-key"  # local use only: set your own
SIGNATURES_KEY = "sig"


def _key() -> bytes:
    return (os.environ.get(ENV_SESSION_KEY) or DEVELOPMENT_KEY).encode("utf-8")


def using_development_key() -> bool:
    return not os.environ.get(ENV_SESSION_KEY)


def _tag(name: str, value: Any) -> str:
    payload = json.dumps([name, value], sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hmac.new(_key(), payload.encode("utf-8"), hashlib.sha256).hexdigest()


def store(attributes: MutableMapping[str, Any], name: str, value: Any) -> None:
    """Put `value` (JSON-ready) under `name`, signed."""
    attributes[name] = value
    tags = attributes.get(SIGNATURES_KEY)
    tags = dict(tags) if isinstance(tags, Mapping) else {}
    tags[name] = _tag(name, value)
    attributes[SIGNATURES_KEY] = tags


def drop(attributes: MutableMapping[str, Any], name: str) -> None:
    """Remove `name` and its tag."""
    attributes.pop(name, None)
    tags = attributes.get(SIGNATURES_KEY)
    if isinstance(tags, Mapping) and name in tags:
        attributes[SIGNATURES_KEY] = {k: v for k, v in tags.items() if k != name}


def read(attributes: Mapping[str, Any], name: str) -> Any:
    """The value under `name` if this skill signed it, else None."""
    if name not in attributes:
        return None
    tags = attributes.get(SIGNATURES_KEY)
    tag = tags.get(name) if isinstance(tags, Mapping) else None
    try:
        expected = _tag(name, attributes[name])
    except (TypeError, ValueError):  # not JSON-ready: not something this skill wrote
        return None
    if not isinstance(tag, str) or not hmac.compare_digest(tag, expected):
        return None
    return attributes[name]
