"""Session state signed with a server-side key (HMAC-SHA256), checked on the way in.

Alexa hands session attributes back untouched, but they travel through the device's
request, so only state this skill wrote is trusted: whether the safety question was
answered, what "repeat" replays, which question a bare "yes" answers. Each part of the
skill keeps its own session key ("nl", "memory", "stretch"); each is signed on its own,
its tag kept under ``SIGNATURES_KEY``. A part whose tag is missing or wrong reads as
absent: a new conversation for that part.

Each tag also covers the request's user id and session id (`bound_to`, set for every
request by `skill.alexa.skill_builder.NightLegsSkill`), so state signed in one user's
session reads as absent in another user's, or in another session.

The key comes from ``NIGHTLEGS_SESSION_KEY``. Without it a fixed development key is
used, which is fine for local use (``nightlegs chat``, ``ask``, the tests) and for
nothing else: ``key_problem`` names what is wrong with the key in force, and
``nightlegs serve`` off loopback and the Lambda entry refuse to run with one
(README, "Session state").
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

ENV_SESSION_KEY = "NIGHTLEGS_SESSION_KEY"
DEVELOPMENT_KEY = "nightlegs-local-development-session-key"  # local use only: set your own
SIGNATURES_KEY = "sig"
MIN_KEY_CHARS = 32  # e.g. `openssl rand -hex 32` gives 64

_binding: ContextVar[str] = ContextVar("nightlegs_signing_binding", default="")


def _key() -> bytes:
    return (os.environ.get(ENV_SESSION_KEY) or DEVELOPMENT_KEY).encode("utf-8")


def using_development_key() -> bool:
    return not os.environ.get(ENV_SESSION_KEY)


def key_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """What is wrong with the session key for a deployment, or None when it is fit.

    The rule: NIGHTLEGS_SESSION_KEY is set, is at least MIN_KEY_CHARS characters after
    trimming, and is not (and does not contain) the published development key."""
    value = (os.environ if environ is None else environ).get(ENV_SESSION_KEY) or ""
    if not value.strip():
        return f"{ENV_SESSION_KEY} is not set (the published development key would sign session state)"
    if DEVELOPMENT_KEY in value:
        return f"{ENV_SESSION_KEY} is the published development key"
    if len(value.strip()) < MIN_KEY_CHARS:
        return f"{ENV_SESSION_KEY} is shorter than {MIN_KEY_CHARS} characters"
    return None


@contextmanager
def bound_to(user_id: str | None, session_id: str | None) -> Iterator[None]:
    """Sign and check state, inside this block, for this user and session only."""
    token = _binding.set(json.dumps([user_id or "", session_id or ""]))
    try:
        yield
    finally:
        _binding.reset(token)


def _tag(name: str, value: Any) -> str:
    payload = json.dumps([_binding.get(), name, value], sort_keys=True, separators=(",", ":"), ensure_ascii=True)
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
