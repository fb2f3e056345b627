"""A local stand-in for the Alexa APIs the skill calls, over real HTTPS on 127.0.0.1.

ask-sdk's DefaultApiClient refuses plain HTTP, so the stand-in makes a throwaway
certificate for 127.0.0.1 (cryptography) and tests point REQUESTS_CA_BUNDLE at it.
It serves the Reminders API (create, list, delete) and the device time zone, keeps
the reminders it was given, and can be told to answer the next calls with an error
status, or to hang (to test timeouts). It records every call.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

TOKEN = "test-api-access-token"


@dataclass
class Call:
    method: str
    path: str
    authorization: str | None
    body: Any


@dataclass
class Failure:
    status: int
    code: str | None = None
    hang: bool = False


@dataclass
class AlexaApiStandIn:
    cert_file: Path
    calls: list[Call] = field(default_factory=list)
    reminders: dict[str, Any] = field(default_factory=dict)
    time_zone: str | None = "Europe/London"
    fail: dict[str, Failure] = field(default_factory=dict)  # "create" | "list" | "delete" | "timezone"
    release: threading.Event = field(default_factory=threading.Event)
    server: ThreadingHTTPServer | None = None

    @property
    def endpoint(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"https://{host}:{port}"

    def start(self) -> "AlexaApiStandIn":
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.server.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_file)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def make_certificate(folder: Path) -> Path:
    """A self-signed certificate and key for 127.0.0.1, as one PEM file."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    path = folder / "standin.pem"
    path.write_bytes(
        cert.public_bytes(serialization.Encoding.PEM)
        + key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return path


def _handler_for(api: AlexaApiStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def _record(self) -> Any:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            api.calls.append(Call(self.command, self.path, self.headers.get("Authorization"), body))
            return body

        def _send(self, status: int, body: Any = None) -> None:
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _failed(self, operation: str) -> bool:
            failure = api.fail.get(operation)
            if failure is None:
                return False
            if failure.hang:
                api.release.wait(timeout=5)
                return True
            self._send(failure.status, {"code": failure.code, "message": "stand-in error"} if failure.code else None)
            return True

        def _authorized(self) -> bool:
            if self.headers.get("Authorization") == f"Bearer {TOKEN}":
                return True
            self._send(401, {"code": "UNAUTHORIZED", "message": "bad token"})
            return False

        def do_POST(self) -> None:  # noqa: N802
            body = self._record()
            if self.path != "/v1/alerts/reminders":
                return self._send(404)
            if self._failed("create") or not self._authorized():
                return
            token = str(uuid.uuid4())
            api.reminders[token] = body
            self._send(200, {"alertToken": token, "createdTime": "2026-11-22T00:00:00.000Z", "status": "ON", "version": "1"})

        def do_GET(self) -> None:  # noqa: N802
            self._record()
            if self.path.startswith("/v2/devices/") and self.path.endswith("/settings/System.timeZone"):
                if self._failed("timezone"):
                    return
                return self._send(200, api.time_zone)
            if self.path != "/v1/alerts/reminders":
                return self._send(404)
            if self._failed("list") or not self._authorized():
                return
            alerts = [
                {"alertToken": token, "status": "ON", "version": "1", "trigger": (body or {}).get("trigger")}
                for token, body in api.reminders.items()
            ]
            self._send(200, {"totalCount": str(len(alerts)), "alerts": alerts})

        def do_DELETE(self) -> None:  # noqa: N802
            self._record()
            prefix = "/v1/alerts/reminders/"
            if not self.path.startswith(prefix):
                return self._send(404)
            if self._failed("delete") or not self._authorized():
                return
            token = self.path[len(prefix):]
            if api.reminders.pop(token, None) is None:
                return self._send(404, {"code": "NOT_FOUND", "message": "no such reminder"})
            self._send(200)

    return Handler


import pytest  # noqa: E402  (fixture for the test modules that import it)


@pytest.fixture
def alexa_api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> "Any":
    """A running stand-in; requests trusts its certificate for the test's duration."""
    cert = make_certificate(tmp_path)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    api = AlexaApiStandIn(cert).start()
    yield api
    api.stop()
