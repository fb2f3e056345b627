"""Request verifiers for flask-ask-sdk, on ask-sdk-webservice-support's AbstractVerifier.

flask-ask-sdk runs each verifier on the raw body and the parsed envelope before the
skill is invoked; any VerificationException becomes a 400 and the skill never runs.
Night Legs uses three:

- the stock ``TimestampVerifier`` (150 s either way; skill events 1 h),
- ``ApplicationIdVerifier``: the request is for this skill,
- ``SignatureVerifier``: ``Signature-256`` over the raw body, by a certificate from
  Amazon's URL that chains to a trusted root (checks in ``skill/web_certs.py``).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.hashes import SHA256

from skill.web import oscrypto_compat

oscrypto_compat.install()  # must run before ask_sdk_webservice_support is imported

from ask_sdk_model.request_envelope import RequestEnvelope  # noqa: E402
from ask_sdk_webservice_support.verifier import (  # noqa: E402
    AbstractVerifier,
    TimestampVerifier,
    VerificationException,
)

from skill.web.certs import (  # noqa: E402
    CertificateError,
    ChainCache,
    ChainFetcher,
    ChainVerifier,
    FetchBudget,
    normalise_cert_chain_url,
    parse_chain,
)

SIGNATURE_HEADER = "Signature-256"
CERT_URL_HEADER = "SignatureCertChainUrl"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return str(value)
    return None


@dataclass(frozen=True)
class _Verified:
    chain: tuple[x509.Certificate, ...]
    leaf: x509.Certificate
    valid_from: datetime
    valid_until: datetime


class SignatureVerifier(AbstractVerifier):
    """Checks Signature-256 with the certificate named by SignatureCertChainUrl."""

    def __init__(
        self,
        *,
        fetcher: ChainFetcher,
        chains: ChainVerifier,
        cache: ChainCache,
        clock: Clock = utc_now,
        budget: FetchBudget | None = None,
        fetch_wait_s: float = 3.5,
    ) -> None:
        self._fetch = fetcher
        self._chains = chains
        self._cache = cache
        self._clock = clock
        self._verified: dict[str, _Verified] = {}  # by URL: a cached chain already verified
        self._budget = budget or FetchBudget()
        self._fetch_wait_s = fetch_wait_s  # at most one fetch deadline (and a little)

    def verify(self, headers: Mapping[str, Any], serialized_request_env: str, deserialized_request_env: RequestEnvelope) -> None:
        url = _header(headers, CERT_URL_HEADER)
        signature_b64 = _header(headers, SIGNATURE_HEADER)
        if not url or not signature_b64:
            raise VerificationException(f"missing {CERT_URL_HEADER} or {SIGNATURE_HEADER} header")
        try:
            signature = base64.b64decode(signature_b64, validate=True)
        except (binascii.Error, ValueError):
            raise VerificationException(f"{SIGNATURE_HEADER} is not base64") from None
        try:
            leaf = self._signing_certificate(normalise_cert_chain_url(url))
        except CertificateError as exc:
            raise VerificationException(str(exc)) from None
        key = leaf.public_key()
        if not isinstance(key, rsa.RSAPublicKey):
            raise VerificationException("signing certificate key is not RSA")
        try:
            key.verify(signature, serialized_request_env.encode("utf-8"), padding.PKCS1v15(), SHA256())
        except InvalidSignature:
            raise VerificationException("signature does not match the request body") from None

    def _signing_certificate(self, url: str) -> x509.Certificate:
        """``url`` is normalised: one cache entry, one failure and one fetch per chain.

        A fresh cached chain is used as is. Past its TTL, the URL's last good chain keeps
        serving while a fresh copy cannot be had (fetch refused just now, or failed), so
        genuine traffic never depends on a fetch once its chain has verified here."""
        now = self._clock()
        cached = self._cache.get(url)
        if cached is not None:
            return self._check_cached(url, cached, now)
        last_good = self._cache.last_good(url)
        failed = self._cache.failure(url)
        if failed is not None:
            if last_good is not None:
                return self._check_cached(url, last_good, now)
            raise CertificateError(failed)
        allowed = self._budget.take(url, wait_s=self._fetch_wait_s)
        if allowed is None:  # fetched by another request meanwhile: its verdict stands
            fetched = self._cache.get(url) or last_good
            if fetched is not None:
                return self._check_cached(url, fetched, now)
            raise CertificateError(self._cache.failure(url) or "certificate fetch failed just now")
        if not allowed:
            if last_good is not None:
                return self._check_cached(url, last_good, now)
            raise CertificateError("too many certificate fetches just now")
        try:
            chain = parse_chain(self._fetch(url))
            leaf = self._chains.signing_certificate(chain, now)
        except CertificateError as exc:
            self._cache.fail(url, str(exc))
            if last_good is not None:
                return self._check_cached(url, last_good, now)
            raise
        finally:
            self._budget.done(url)
        self._cache.put(url, chain)
        return leaf

    def _check_cached(self, url: str, cached: tuple[x509.Certificate, ...], now: datetime) -> x509.Certificate:
        known = self._verified.get(url)
        if known is not None and known.chain is cached and known.valid_from <= now <= known.valid_until:
            return known.leaf
        try:
            leaf = self._chains.signing_certificate(cached, now)
        except CertificateError:
            self._cache.discard(url)
            self._verified.pop(url, None)
            raise
        self._remember(url, cached, leaf)
        return leaf

    def _remember(self, url: str, chain: tuple[x509.Certificate, ...], leaf: x509.Certificate) -> None:
        """The chain's verdict holds while every certificate in it is in date: the chain
        checks depend on nothing else that changes (the trusted roots are fixed, and a
        re-fetched chain after the cache's TTL is a new object, verified afresh)."""
        if len(self._verified) >= 64:
            self._verified.clear()
        self._verified[url] = _Verified(
            chain=chain,
            leaf=leaf,
            valid_from=max(cert.not_valid_before_utc for cert in chain),
            valid_until=min(cert.not_valid_after_utc for cert in chain),
        )


class ApplicationIdVerifier(AbstractVerifier):
    """The request's application id must equal this skill's id."""

    def __init__(self, skill_id: str) -> None:
        if not skill_id:
            raise ValueError("a skill id is required")
        self._skill_id = skill_id

    def verify(self, headers: Mapping[str, Any], serialized_request_env: str, deserialized_request_env: RequestEnvelope) -> None:
        ids = set()
        context = deserialized_request_env.context
        if context is not None and context.system is not None and context.system.application is not None:
            ids.add(context.system.application.application_id)
        session = deserialized_request_env.session
        if session is not None and session.application is not None:
            ids.add(session.application.application_id)
        if ids != {self._skill_id}:
            raise VerificationException("application id is not this skill's")


__all__ = [
    "AbstractVerifier",
    "ApplicationIdVerifier",
    "SignatureVerifier",
    "TimestampVerifier",
    "VerificationException",
    "utc_now",
]
