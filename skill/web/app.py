"""The skill as an Alexa HTTPS endpoint: a Flask app around flask-ask-sdk's SkillAdapter.

POST /        the Alexa endpoint. Guards run first (content type, size, JSON, envelope
              shape), then flask-ask-sdk runs our verifiers (timestamp, application
              id, signature) and only then invokes the skill.
GET  /healthz version plus a content and interaction-model check.

Every error is a short JSON body, never a stack trace. One log line per request.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skill.web import oscrypto_compat

oscrypto_compat.install()  # must run before flask_ask_sdk is imported

from ask_sdk_core.skill import CustomSkill  # noqa: E402
from ask_sdk_model.request_envelope import RequestEnvelope  # noqa: E402
from ask_sdk_model.services import Serializer  # noqa: E402
from flask import Flask, Response, g, jsonify, request  # noqa: E402
from flask_ask_sdk.skill_adapter import (  # noqa: E402
    VERIFY_SIGNATURE_APP_CONFIG,
    VERIFY_TIMESTAMP_APP_CONFIG,
    SkillAdapter,
)
from werkzeug.exceptions import HTTPException, UnsupportedMediaType  # noqa: E402

from skill import __version__  # noqa: E402
from skill.alexa import logsafe  # noqa: E402
from skill.alexa.serializer import FastSerializer  # noqa: E402
from skill.app import create_skill  # noqa: E402
from skill.web.certs import ChainCache, ChainFetcher, ChainVerifier, HttpChainFetcher, load_trust_roots  # noqa: E402
from skill.web.guard import BadEnvelope, EnvelopeSummary, parse_envelope  # noqa: E402
from skill.web.health import run_checks  # noqa: E402
from skill.web.verifiers import (  # noqa: E402
    AbstractVerifier,
    ApplicationIdVerifier,
    Clock,
    SignatureVerifier,
    TimestampVerifier,
    VerificationException,
    utc_now,
)

log = logging.getLogger("nightlegs.web")

ENV_SKILL_ID = "NIGHTLEGS_SKILL_ID"
# Test-only settings: extra trusted root PEM files (os.pathsep between files), and an
# origin to fetch certificate chains from instead of s3.amazonaws.com.
ENV_EXTRA_TRUST_ROOTS = "NIGHTLEGS_EXTRA_TRUST_ROOTS"
ENV_CERT_FETCH_ORIGIN = "NIGHTLEGS_CERT_FETCH_ORIGIN"


@dataclass(frozen=True)
class WebConfig:
    skill_id: str | None = None
    verify_signature: bool = True
    debug_log: bool = False
    max_body_bytes: int = 256 * 1024
    cert_fetch_timeout_s: float = 3.0
    cert_cache_entries: int = 32
    cert_cache_ttl_s: float = 3600.0
    extra_trust_roots: tuple[Path, ...] = field(default=())
    cert_fetch_origin: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> WebConfig:
        env = os.environ if environ is None else environ
        roots = tuple(Path(p) for p in env.get(ENV_EXTRA_TRUST_ROOTS, "").split(os.pathsep) if p)
        values: dict[str, Any] = {
            "skill_id": env.get(ENV_SKILL_ID) or None,
            "extra_trust_roots": roots,
            "cert_fetch_origin": env.get(ENV_CERT_FETCH_ORIGIN) or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def test_only_settings(self) -> list[str]:
        """Names of the settings in use that production should never set."""
        used = []
        if self.extra_trust_roots:
            used.append(ENV_EXTRA_TRUST_ROOTS)
        if self.cert_fetch_origin:
            used.append(ENV_CERT_FETCH_ORIGIN)
        return used


def build_verifiers(config: WebConfig, *, fetcher: ChainFetcher | None = None, clock: Clock = utc_now) -> list[AbstractVerifier]:
    """Cheap checks first, so an obviously wrong request never causes a certificate fetch."""
    if config.verify_signature and not config.skill_id:
        raise ValueError(f"set the skill id ({ENV_SKILL_ID} or --skill-id) to verify requests")
    verifiers: list[AbstractVerifier] = [TimestampVerifier()]
    if config.skill_id:
        verifiers.append(ApplicationIdVerifier(config.skill_id))
    if config.verify_signature:
        verifiers.append(
            SignatureVerifier(
                fetcher=fetcher
                or HttpChainFetcher(timeout_s=config.cert_fetch_timeout_s, origin_override=config.cert_fetch_origin),
                chains=ChainVerifier(load_trust_roots(config.extra_trust_roots)),
                cache=ChainCache(max_entries=config.cert_cache_entries, ttl_s=config.cert_cache_ttl_s),
                clock=clock,
            )
        )
    return verifiers


def _build_envelope(serializer: Serializer, text: str, data: dict[str, Any]) -> RequestEnvelope:
    """The request envelope, built from the JSON the guard already parsed when it can."""
    if isinstance(serializer, FastSerializer):
        return serializer.deserialize_data(data, RequestEnvelope)
    return serializer.deserialize(payload=text, obj_type=RequestEnvelope)


def _prepared(serializer: Serializer, text: str, envelope: RequestEnvelope) -> AbstractContextManager[None]:
    if isinstance(serializer, FastSerializer):
        return serializer.prepared(text, RequestEnvelope, envelope)
    return nullcontext()


def _error(status: int, code: str, message: str) -> tuple[Response, int]:
    return jsonify(error=code, message=message), status


def _log_line(status: int) -> None:
    summary: EnvelopeSummary | None = g.get("summary")
    fields: dict[str, Any] = {
        "method": request.method,
        "path": request.path,
        "status": status,
        "type": summary.request_type if summary else "-",
        "intent": (summary.intent or "-") if summary else "-",
        "duration_ms": round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1),
    }
    if g.get("reason"):
        fields["reason"] = g.reason
    if g.get("debug_log") and summary is not None:
        fields["user"] = summary.user_id
        fields["device"] = summary.device_id
        fields["slots"] = summary.slots
    log.info(" ".join(f"{key}={_log_value(value)}" for key, value in fields.items()))


def _log_value(value: Any) -> str:
    """A value as the log line shows it: bare when plainly one printable word, else JSON
    (which escapes every control character, so a value can never start a new line)."""
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str) and value and value.isprintable() and not any(c.isspace() or c in "\"'=" for c in value):
        return value
    return json.dumps(value)


def create_app(
    config: WebConfig | None = None,
    *,
    skill: CustomSkill | None = None,
    fetcher: ChainFetcher | None = None,
    clock: Clock = utc_now,
) -> Flask:
    """The Flask app. ``skill`` defaults to the real skill, assembled as for Lambda by ``skill.app``."""
    config = config or WebConfig.from_env()
    logsafe.install()  # no request can forge a log line, whoever logs it
    if skill is None:
        skill = create_skill()
    verifiers = build_verifiers(config, fetcher=fetcher, clock=clock)

    app = Flask(__name__)
    app.config[VERIFY_SIGNATURE_APP_CONFIG] = False  # ours replace the stock verifiers
    app.config[VERIFY_TIMESTAMP_APP_CONFIG] = False
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    # flask-ask-sdk logs every refusal with a traceback; our own line says it in one.
    app.logger.disabled = not config.debug_log
    adapter = SkillAdapter(skill=skill, skill_id=config.skill_id or "unverified", verifiers=verifiers, app=app)
    serializer = skill.serializer

    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()
        g.debug_log = config.debug_log

    @app.after_request
    def _finish(response: Response) -> Response:
        _log_line(response.status_code)
        return response

    @app.post("/")
    def alexa() -> Any:
        if request.mimetype != "application/json":
            raise UnsupportedMediaType("send application/json")
        body = request.get_data(cache=True)  # over MAX_CONTENT_LENGTH: 413
        try:
            text, data, g.summary = parse_envelope(body)
            envelope = _build_envelope(serializer, text, data)
        except BadEnvelope as exc:
            g.reason = str(exc)
            return _error(400, "bad_request", f"not an Alexa request: {exc}")
        except Exception:  # ask-sdk could not read it as a request envelope
            g.reason = "envelope does not deserialize"
            return _error(400, "bad_request", "not an Alexa request")
        # flask-ask-sdk deserializes the body again before verifying it: hand it this one.
        with _prepared(serializer, text, envelope):
            return adapter.dispatch_request()

    @app.get("/healthz")
    def healthz() -> Any:
        checks = run_checks()
        healthy = all(result == "ok" for result in checks.values())
        body = {"status": "ok" if healthy else "fail", "version": __version__, "checks": checks}
        return jsonify(body), 200 if healthy else 503

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Any:
        cause = exc.__context__
        if isinstance(cause, VerificationException):
            g.reason = str(cause)
        elif cause is not None and not g.get("reason"):
            g.reason = type(cause).__name__
        code = (exc.name or "error").lower().replace(" ", "_")
        response, status = _error(exc.code or 500, code, exc.description or code)
        if exc.code == 405:
            response.headers["Allow"] = ", ".join(exc.valid_methods or [])  # type: ignore[attr-defined]
        return response, status

    @app.errorhandler(Exception)
    def _crash(exc: Exception) -> Any:
        g.reason = f"{type(exc).__name__}"
        if config.debug_log:
            log.exception("unhandled error")
        return _error(500, "internal_error", "the skill could not answer")

    return app
