"""Alexa request verification: a signed request reaches the skill; a bad one never does."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from alexa_fakes import CERT_URL, HELLO, SKILL_ID, FakeFetcher, Pki, SpySkill, body_of, envelope, sign


def _speech(reply: Any) -> str:
    return str(reply.get_json()["response"]["outputSpeech"]["ssml"])


def test_signed_request_gets_the_skills_answer(make_client: Callable[..., Any], pki: Pki, spy_skill: SpySkill) -> None:
    body = body_of(envelope())
    reply = make_client().post("/", data=body, headers=sign(body, pki.signing_key))
    assert reply.status_code == 200
    assert HELLO in _speech(reply)
    assert spy_skill.invocations == 1


def _with(headers: dict[str, str], **changes: str | None) -> dict[str, str]:
    out = dict(headers)
    for name, value in changes.items():
        name = name.replace("_", "-")
        if value is None:
            out.pop(name, None)
        else:
            out[name] = value
    return out


Case = Callable[[Pki, FakeFetcher], tuple[bytes, dict[str, str]]]


def _good(pki: Pki, fetcher: FakeFetcher) -> tuple[bytes, dict[str, str]]:
    body = body_of(envelope())
    return body, sign(body, pki.signing_key)


def _tampered_body(pki: Pki, fetcher: FakeFetcher) -> tuple[bytes, dict[str, str]]:
    body, headers = _good(pki, fetcher)
    return body.replace(b"LaunchRequest", b"SessionEndedRequest"), headers


def _wrong_signature(pki: Pki, fetcher: FakeFetcher) -> tuple[bytes, dict[str, str]]:
    body, headers = _good(pki, fetcher)
    other = body_of(envelope())
    return body, _with(headers, **{"Signature-256": sign(other, pki.signing_key)["Signature-256"]})


def _not_base64(pki: Pki, fetcher: FakeFetcher) -> tuple[bytes, dict[str, str]]:
    body, headers = _good(pki, fetcher)
    return body, _with(headers, **{"Signature-256": "not*base64!"})


def _another_key(pki: Pki, fetcher: FakeFetcher) -> tuple[bytes, dict[str, str]]:
    body = body_of(envelope())
    return body, sign(body, pki.other_key)


def _url(url: str) -> Case:
    def case(pki: Pki, fetcher: FakeFetcher) -> tuple[bytes, dict[str, str]]:
        fetcher.chains[url] = pki.good_chain  # the chain itself is fine: only the URL is wrong
        body = body_of(envelope())
        return body, sign(body, pki.signing_key, cert_url=url)

    return case


def _chain(attr: str) -> Case:
    def case(pki: Pki, fetcher: FakeFetcher) -> tuple[bytes, dict[str, str]]:
        fetcher.chains[CERT_URL] = getattr(pki, attr)
        return _good(pki, fetcher)

    return case


def _timestamp(shift: timedelta) -> Case:
    def case(pki: Pki, fetcher: FakeFetcher) -> tuple[bytes, dict[str, str]]:
        body = body_of(envelope(timestamp=datetime.now(timezone.utc) + shift))
        return body, sign(body, pki.signing_key)

    return case


def _wrong_app_id(pki: Pki, fetcher: FakeFetcher) -> tuple[bytes, dict[str, str]]:
    body = body_of(envelope(app_id="amzn1.ask.skill.someone-elses-skill"))
    return body, sign(body, pki.signing_key)


def _missing(*names: str) -> Case:
    def case(pki: Pki, fetcher: FakeFetcher) -> tuple[bytes, dict[str, str]]:
        body, headers = _good(pki, fetcher)
        for name in names:
            headers.pop(name)
        return body, headers

    return case


REFUSED: dict[str, tuple[Case, str]] = {
    "tampered body": (_tampered_body, "signature does not match"),
    "wrong signature": (_wrong_signature, "signature does not match"),
    "signature not base64": (_not_base64, "not base64"),
    "signed with another key": (_another_key, "signature does not match"),
    "cert url over http": (_url("http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"), "not https"),
    "cert url on another host": (_url("https://s3.amazonaws.evil.com/echo.api/echo-api-cert-test.pem"), "host"),
    "cert url escaping echo.api": (_url("https://s3.amazonaws.com/echo.api/../x/echo-api-cert-test.pem"), "path"),
    "cert url escaping echo.api, encoded": (_url("https://s3.amazonaws.com/echo.api/%2e%2e/x/cert.pem"), "path"),
    "cert url with wrong path case": (_url("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert-test.pem"), "path"),
    "cert url on another port": (_url("https://s3.amazonaws.com:563/echo.api/echo-api-cert-test.pem"), "port"),
    "expired signing cert": (_chain("expired_chain"), "not in date"),
    "signing cert not yet valid": (_chain("not_yet_valid_chain"), "not in date"),
    "signing cert without the SAN": (_chain("no_san_chain"), "does not name echo-api.amazon.com"),
    "chain to an untrusted root": (_chain("untrusted_chain"), "chain does not verify"),
    "timestamp 151 s old": (_timestamp(timedelta(seconds=-151)), "Timestamp"),
    "timestamp 151 s in the future": (_timestamp(timedelta(seconds=151)), "Timestamp"),
    "wrong application id": (_wrong_app_id, "application id"),
    "missing Signature-256": (_missing("Signature-256"), "missing"),
    "missing SignatureCertChainUrl": (_missing("SignatureCertChainUrl"), "missing"),
    "missing both headers": (_missing("Signature-256", "SignatureCertChainUrl"), "missing"),
}


@pytest.mark.parametrize(("case", "reason"), REFUSED.values(), ids=REFUSED.keys())
def test_bad_request_is_refused_before_the_skill_runs(
    case: Case,
    reason: str,
    make_client: Callable[..., Any],
    pki: Pki,
    fetcher: FakeFetcher,
    spy_skill: SpySkill,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("INFO", logger="nightlegs.web")
    client = make_client()
    body, headers = case(pki, fetcher)
    reply = client.post("/", data=body, headers=headers)
    assert 400 <= reply.status_code < 500
    assert reply.is_json and set(reply.get_json()) == {"error", "message"}
    assert spy_skill.invocations == 0
    logged = " ".join(r.getMessage() for r in caplog.records if r.name == "nightlegs.web")
    assert reason in logged  # refused for the right reason, not by accident


def test_cert_url_host_and_scheme_ignore_case(make_client: Callable[..., Any], pki: Pki, fetcher: FakeFetcher) -> None:
    url = "HTTPS://S3.AmazonAWS.com:443/echo.api/../echo.api/echo-api-cert-test.pem"
    fetcher.chains[url] = pki.good_chain
    body = body_of(envelope())
    reply = make_client().post("/", data=body, headers=sign(body, pki.signing_key, cert_url=url))
    assert reply.status_code == 200


def test_a_bad_url_is_never_fetched(make_client: Callable[..., Any], pki: Pki, fetcher: FakeFetcher) -> None:
    body, headers = _url("https://s3.amazonaws.com/echo.api/../x.pem")(pki, fetcher)
    make_client().post("/", data=body, headers=headers)
    assert fetcher.calls == []


def test_timestamp_within_tolerance_either_way_is_accepted(make_client: Callable[..., Any], pki: Pki, fetcher: FakeFetcher) -> None:
    client = make_client()
    for shift in (timedelta(seconds=-140), timedelta(seconds=140)):
        body, headers = _timestamp(shift)(pki, fetcher)
        assert client.post("/", data=body, headers=headers).status_code == 200


def test_chain_is_fetched_once_then_served_from_cache(make_client: Callable[..., Any], pki: Pki, fetcher: FakeFetcher) -> None:
    client = make_client()
    for _ in range(3):
        body, headers = _good(pki, fetcher)
        assert client.post("/", data=body, headers=headers).status_code == 200
    assert fetcher.calls == [CERT_URL]


def test_fetch_failure_is_a_400_and_the_next_request_still_works(
    make_client: Callable[..., Any], pki: Pki, fetcher: FakeFetcher
) -> None:
    client = make_client()
    body, headers = _good(pki, fetcher)
    missing = "https://s3.amazonaws.com/echo.api/not-there.pem"
    assert client.post("/", data=body, headers=_with(headers, SignatureCertChainUrl=missing)).status_code == 400
    assert client.post("/", data=body, headers=headers).status_code == 200


def test_refusal_is_logged_with_a_reason_but_no_user_data(
    make_client: Callable[..., Any], pki: Pki, fetcher: FakeFetcher, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="nightlegs.web")
    body, headers = _another_key(pki, fetcher)
    make_client().post("/", data=body, headers=headers)
    lines = [r.getMessage() for r in caplog.records if r.name == "nightlegs.web"]
    assert len(lines) == 1
    assert "status=400" in lines[0] and "signature does not match" in lines[0]
    assert "SECRET" not in lines[0]


def test_skill_id_is_required_when_verifying(spy_skill: SpySkill) -> None:
    from skill.web.app import WebConfig, create_app

    with pytest.raises(ValueError, match="skill id"):
        create_app(WebConfig(skill_id=None), skill=spy_skill.skill)


def test_insecure_mode_skips_only_the_signature(make_client: Callable[..., Any], spy_skill: SpySkill) -> None:
    client = make_client(verify_signature=False)
    fresh = body_of(envelope())
    assert client.post("/", data=fresh, headers={"Content-Type": "application/json"}).status_code == 200
    stale = body_of(envelope(timestamp=datetime.now(timezone.utc) - timedelta(seconds=151)))
    assert client.post("/", data=stale, headers={"Content-Type": "application/json"}).status_code == 400
    foreign = body_of(envelope(app_id="amzn1.ask.skill.other"))
    assert client.post("/", data=foreign, headers={"Content-Type": "application/json"}).status_code == 400
    assert spy_skill.invocations == 1


def test_answer_is_the_skill_response_envelope(make_client: Callable[..., Any], pki: Pki) -> None:
    body = body_of(envelope())
    reply = make_client().post("/", data=body, headers=sign(body, pki.signing_key))
    document = json.loads(reply.data)
    assert document["version"] == "1.0"
    assert document["response"]["shouldEndSession"] is False
    assert SKILL_ID not in reply.get_data(as_text=True)
