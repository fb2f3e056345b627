"""A private PKI, signed Alexa requests and fakes for the web service tests (no network).

The test CA plays Amazon's part: a root, an intermediate and a signing certificate
with SAN echo-api.amazon.com, plus the bad variants the verifier must refuse.
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler, AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from skill.web.certs import CertificateError

SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-00000000test"
CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"
HELLO = "Hello from the test skill."


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _cert(
    *,
    subject: str,
    key: rsa.RSAPrivateKey,
    issuer: x509.Certificate | None,
    issuer_key: rsa.RSAPrivateKey,
    ca: bool,
    san: list[str] | None = None,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
) -> x509.Certificate:
    now = datetime.now(timezone.utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer.subject if issuer else _name(subject))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - timedelta(days=1))
        .not_valid_after(not_after or now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False
        )
    )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
    else:
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=True,
                data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        ).add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
            critical=False,
        )
    if san:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name) for name in san]), critical=False
        )
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(*certs: x509.Certificate) -> bytes:
    return b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in certs)


@dataclass
class Pki:
    """Keys and certificates; every ``*_chain`` is PEM, signing certificate first."""

    root: x509.Certificate
    signing_key: rsa.RSAPrivateKey
    other_key: rsa.RSAPrivateKey
    good_chain: bytes
    expired_chain: bytes
    not_yet_valid_chain: bytes
    no_san_chain: bytes
    untrusted_chain: bytes

    def root_pem(self) -> bytes:
        return _pem(self.root)


def build_pki() -> Pki:
    now = datetime.now(timezone.utc)
    root_key, inter_key, signing_key, other_key, rogue_root_key = (_key() for _ in range(5))
    root = _cert(subject="Night Legs Test Root", key=root_key, issuer=None, issuer_key=root_key, ca=True)
    inter = _cert(subject="Night Legs Test Intermediate", key=inter_key, issuer=root, issuer_key=root_key, ca=True)
    rogue_root = _cert(subject="Rogue Root", key=rogue_root_key, issuer=None, issuer_key=rogue_root_key, ca=True)

    def leaf(**kwargs: Any) -> x509.Certificate:
        kwargs.setdefault("san", ["echo-api.amazon.com"])
        kwargs.setdefault("issuer", inter)
        kwargs.setdefault("issuer_key", inter_key)
        return _cert(subject="echo-api.amazon.com", key=signing_key, ca=False, **kwargs)

    return Pki(
        root=root,
        signing_key=signing_key,
        other_key=other_key,
        good_chain=_pem(leaf(), inter),
        expired_chain=_pem(leaf(not_before=now - timedelta(days=60), not_after=now - timedelta(days=1)), inter),
        not_yet_valid_chain=_pem(leaf(not_before=now + timedelta(days=1), not_after=now + timedelta(days=60)), inter),
        no_san_chain=_pem(leaf(san=["www.example.com"]), inter),
        untrusted_chain=_pem(leaf(issuer=rogue_root, issuer_key=rogue_root_key), rogue_root),
    )


@dataclass
class FakeFetcher:
    """Serves chains by URL, as S3 would; counts fetches; raises for unknown URLs."""

    chains: dict[str, bytes] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    def __call__(self, url: str) -> bytes:
        self.calls.append(url)
        if url not in self.chains:
            raise CertificateError("certificate fetch answered HTTP 404")
        return self.chains[url]


def envelope(
    request_type: str = "LaunchRequest",
    *,
    app_id: str = SKILL_ID,
    timestamp: datetime | None = None,
    intent: str | None = None,
    locale: str = "en-US",
) -> dict[str, Any]:
    moment = timestamp or datetime.now(timezone.utc)
    request: dict[str, Any] = {
        "type": request_type,
        "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
        "timestamp": moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "locale": locale,
    }
    if intent:
        request["intent"] = {"name": intent, "confirmationStatus": "NONE", "slots": {}}
    return {
        "version": "1.0",
        "session": {
            "new": True,
            "sessionId": f"amzn1.echo-api.session.{uuid.uuid4()}",
            "application": {"applicationId": app_id},
            "user": {"userId": "amzn1.ask.account.SECRET-USER"},
        },
        "context": {
            "System": {
                "application": {"applicationId": app_id},
                "user": {"userId": "amzn1.ask.account.SECRET-USER"},
                "device": {"deviceId": "amzn1.ask.device.SECRET-DEVICE", "supportedInterfaces": {}},
                "apiEndpoint": "https://api.amazonalexa.com",
            }
        },
        "request": request,
    }


def sign(body: bytes, key: rsa.RSAPrivateKey, cert_url: str = CERT_URL) -> dict[str, str]:
    signature = key.sign(body, padding.PKCS1v15(), hashes.SHA256())
    return {
        "Content-Type": "application/json; charset=utf-8",
        "Signature-256": base64.b64encode(signature).decode("ascii"),
        "SignatureCertChainUrl": cert_url,
    }


def body_of(document: dict[str, Any]) -> bytes:
    return json.dumps(document, separators=(",", ":")).encode("utf-8")


class HelloHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.speak(HELLO).set_should_end_session(False).response


@dataclass
class SpyInterceptor(AbstractRequestInterceptor):
    seen: list[str] = field(default_factory=list)

    def process(self, handler_input: HandlerInput) -> None:
        self.seen.append(handler_input.request_envelope.request.object_type)


@dataclass
class SpySkill:
    skill: CustomSkill
    spy: SpyInterceptor

    @property
    def invocations(self) -> int:
        return len(self.spy.seen)


class ChainServer(BaseHTTPRequestHandler):
    """Plays S3 on loopback: /echo.api/good.pem is the good chain; huge, slow and missing files too."""

    chain = b""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/echo.api/good.pem":
            payload = self.chain
        elif self.path == "/echo.api/huge.pem":
            payload = b"A" * 200_000
        elif self.path == "/echo.api/slow.pem":
            threading.Event().wait(2.0)
            payload = self.chain
        elif self.path == "/echo.api/drip.pem":  # one byte every 0.1 s, 3 s in all
            self.send_response(200)
            self.send_header("Content-Length", "30")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b"A")
                self.wfile.flush()
                threading.Event().wait(0.1)
            return
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the slow-file test hangs up on purpose
