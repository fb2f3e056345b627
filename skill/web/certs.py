"""Alexa's signing certificate: URL rules, fetching, caching and chain checks.

Amazon's rules for a skill hosted as a web service
(https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html):
the ``SignatureCertChainUrl`` is https on s3.amazonaws.com (any case), port 443 if one
is given, and its normalised path starts with ``/echo.api/``; the signing certificate
is in date, names ``echo-api.amazon.com`` in its Subject Alternative Names and chains
to a trusted root. The chain check uses ``cryptography``'s X.509 verification
(``PolicyBuilder``/``Store``), not certvalidator (see ``skill/oscrypto_compat.py``).
"""

from __future__ import annotations

import posixpath
import socket
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol
from http.client import HTTPException
from urllib.parse import quote, unquote, urlsplit

import certifi
import urllib3
from cachetools import LRUCache, TTLCache
from cryptography import x509
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import ExtensionOID
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError
from urllib3.connection import HTTPConnection, HTTPSConnection

CERT_URL_SCHEME = "https"
CERT_URL_HOST = "s3.amazonaws.com"
CERT_URL_PORT = 443
CERT_URL_PATH_PREFIX = "/echo.api/"
SIGNING_DOMAIN = "echo-api.amazon.com"


class CertificateError(Exception):
    """The certificate chain URL, the chain or the signing certificate is not acceptable."""


def normalise_cert_chain_url(url: str) -> str:
    """The one spelling of an acceptable chain URL; CertificateError unless ``url``
    follows Amazon's rules.

    Host case, an explicit ``:443``, ``/./`` and ``x/..`` all fold into one URL, so the
    cache holds one entry (and the service makes one fetch) per chain, however the URL
    is spelt. A query or fragment is refused: Amazon sends neither, and S3 ignores them,
    so each would otherwise be a fresh cache key for the same file.
    """
    if "?" in url or "#" in url:
        raise CertificateError("certificate URL carries a query or fragment")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise CertificateError(f"certificate URL does not parse: {exc}") from None
    if parts.scheme.lower() != CERT_URL_SCHEME:
        raise CertificateError(f"certificate URL scheme is {parts.scheme!r}, not https")
    if (parts.hostname or "").lower() != CERT_URL_HOST:
        raise CertificateError(f"certificate URL host is {parts.hostname!r}, not {CERT_URL_HOST}")
    if parts.username is not None or parts.password is not None:
        raise CertificateError("certificate URL carries user information")
    if port is not None and port != CERT_URL_PORT:
        raise CertificateError(f"certificate URL port is {port}, not {CERT_URL_PORT}")
    # Decode %2e%2e and friends first, so an encoded "../" cannot slip past the check.
    path = posixpath.normpath(unquote(parts.path)) if parts.path else ""
    if not path.startswith(CERT_URL_PATH_PREFIX):
        raise CertificateError(f"certificate URL path {path!r} is not under {CERT_URL_PATH_PREFIX}")
    return f"{CERT_URL_SCHEME}://{CERT_URL_HOST}{quote(path, safe='/')}"


def check_cert_chain_url(url: str) -> None:
    """Raise CertificateError unless ``url`` follows Amazon's rules for the chain URL."""
    normalise_cert_chain_url(url)


class ChainFetcher(Protocol):
    """Fetches the PEM bytes of a certificate chain. Raises CertificateError on failure."""

    def __call__(self, url: str) -> bytes: ...


@dataclass(frozen=True)
class HttpChainFetcher:
    """Fetches a chain over HTTP(S) within a total deadline and a size cap.

    ``timeout_s`` bounds the whole fetch (connect, headers and body), not each read. A
    watchdog timer shuts the socket down when the deadline passes, so a server that
    drips one byte at a time (in the headers or the body) is cut off then, whatever
    each single read would allow; ``read_timeout_s`` bounds the connect and each read.
    The fetch is urllib3's own connection (requests offers no handle on the socket
    before the headers arrive, and its timeouts are per read).

    ``origin_override`` (tests only) fetches the URL's path from another origin, such as
    a loopback server, after the URL itself has passed every rule above.
    """

    timeout_s: float = 3.0
    read_timeout_s: float = 1.0
    max_bytes: int = 64 * 1024
    origin_override: str | None = None

    def __call__(self, url: str) -> bytes:
        target = urlsplit(self.origin_override.rstrip("/") + urlsplit(url).path if self.origin_override else url)
        if target.scheme not in ("http", "https") or not target.hostname:
            raise CertificateError("certificate URL does not parse")
        path = target.path or "/"
        per_op = min(self.read_timeout_s, self.timeout_s)
        conn: HTTPConnection
        if target.scheme == "https":
            conn = HTTPSConnection(target.hostname, target.port or 443, timeout=per_op, ca_certs=certifi.where())
        else:
            conn = HTTPConnection(target.hostname, target.port or 80, timeout=per_op)
        expired = threading.Event()

        def cut() -> None:
            expired.set()
            sock = conn.sock
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

        watchdog = threading.Timer(self.timeout_s, cut)
        watchdog.daemon = True
        watchdog.start()
        try:
            conn.connect()
            if expired.is_set():  # the deadline passed while connecting
                raise CertificateError(f"certificate fetch failed: it passed its {self.timeout_s:g} s deadline")
            conn.request("GET", path, headers={"Accept": "*/*", "User-Agent": "nightlegs"}, preload_content=False)
            reply = conn.getresponse()
            if reply.status != 200:
                raise CertificateError(f"certificate fetch answered HTTP {reply.status}")
            data = reply.read(self.max_bytes + 1)
            if expired.is_set():
                raise CertificateError(f"certificate fetch failed: it passed its {self.timeout_s:g} s deadline")
            if len(data) > self.max_bytes:
                raise CertificateError(f"certificate chain is over {self.max_bytes} bytes")
            return bytes(data)
        except CertificateError:
            raise
        except (OSError, HTTPException, urllib3.exceptions.HTTPError) as exc:
            if expired.is_set():
                raise CertificateError(f"certificate fetch failed: it passed its {self.timeout_s:g} s deadline") from None
            raise CertificateError(f"certificate fetch failed: {type(exc).__name__}") from None
        finally:
            watchdog.cancel()
            conn.close()


def parse_chain(pem: bytes) -> list[x509.Certificate]:
    """The certificates of a PEM chain, signing certificate first."""
    try:
        certs = x509.load_pem_x509_certificates(pem)
    except ValueError:
        raise CertificateError("certificate chain is not PEM certificates") from None
    if not certs:
        raise CertificateError("certificate chain is empty")
    return certs


class ChainCache:
    """Verified chains per normalised URL, the last good chain of each, and recent failures.

    At most ``max_entries`` chains, each fresh for ``ttl_s`` seconds. Only chains that
    passed verification are stored, and URLs are normalised first
    (``normalise_cert_chain_url``), so junk URLs cannot push good entries out. Chains
    are re-verified on every use; the cache only saves the fetch.

    A chain past its TTL is not thrown away: it stays as the URL's *last good* chain
    (``last_good``), from which genuine requests are served while a fresh copy cannot
    be fetched (S3 slow, or fetching refused just now). A URL whose fetch or check
    failed is remembered for ``failure_ttl_s`` seconds, so repeating it costs no fetch.
    """

    def __init__(
        self,
        max_entries: int = 32,
        ttl_s: float = 3600.0,
        timer: Callable[[], float] = time.monotonic,
        *,
        failure_ttl_s: float = 60.0,
        max_failures: int = 4096,
    ) -> None:
        self._entries: TTLCache[str, tuple[x509.Certificate, ...]] = TTLCache(
            maxsize=max_entries, ttl=ttl_s, timer=timer
        )
        self._last_good: LRUCache[str, tuple[x509.Certificate, ...]] = LRUCache(maxsize=max_entries)
        self._failures: TTLCache[str, str] = TTLCache(maxsize=max_failures, ttl=failure_ttl_s, timer=timer)
        self._lock = threading.Lock()

    def get(self, url: str) -> tuple[x509.Certificate, ...] | None:
        """The chain, while it is fresh."""
        with self._lock:
            return self._entries.get(url)

    def last_good(self, url: str) -> tuple[x509.Certificate, ...] | None:
        """The last chain that verified for ``url``, fresh or not."""
        with self._lock:
            return self._last_good.get(url)

    def put(self, url: str, chain: Sequence[x509.Certificate]) -> None:
        with self._lock:
            self._entries[url] = tuple(chain)
            self._last_good[url] = tuple(chain)
            self._failures.pop(url, None)

    def discard(self, url: str) -> None:
        with self._lock:
            self._entries.pop(url, None)
            self._last_good.pop(url, None)

    def failure(self, url: str) -> str | None:
        """Why ``url`` failed a moment ago, if it did."""
        with self._lock:
            return self._failures.get(url)

    def fail(self, url: str, reason: str) -> None:
        with self._lock:
            self._failures[url] = reason

    def __len__(self) -> int:
        with self._lock:
            return len(self._last_good)


class FetchBudget:
    """When a certificate fetch may start: a few at a time, one per URL.

    No count is shared between URLs, so a stranger naming junk URLs cannot use up the
    fetches a genuine URL needs (the first design's 10 fetches a minute per process
    were spent by 40 unsigned requests a minute). Each URL is fetched at most once per
    ``ChainCache``'s failure TTL (the negative cache, per URL); here, at most
    ``max_in_flight`` fetches run at once, and never two for one URL, so a flood of
    new URLs holds a few threads for at most the fetch deadline each, never the whole
    worker. A URL with a last good chain does not wait: it is served from that chain.
    A request whose URL is being fetched waits for that fetch (one fetch serves all
    the requests that arrive during it, as at a worker's start); one that finds every
    slot taken waits at most the fetch deadline for one.
    """

    def __init__(self, *, max_in_flight: int = 2) -> None:
        self._max = max_in_flight
        self._in_flight: set[str] = set()
        self._changed = threading.Condition()

    def take(self, url: str, wait_s: float = 0.0) -> bool | None:
        """May ``url`` be fetched now? True: yes, and call ``done(url)`` when it ends.
        None: another thread was fetching it and has finished; look in the cache again.
        False: no slot came free within ``wait_s`` seconds."""
        deadline = time.monotonic() + wait_s
        waited_for_url = False
        with self._changed:
            while True:
                if url in self._in_flight:
                    waited_for_url = True
                elif waited_for_url:
                    return None
                elif len(self._in_flight) < self._max:
                    self._in_flight.add(url)
                    return True
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._changed.wait(remaining)

    def done(self, url: str) -> None:
        with self._changed:
            self._in_flight.discard(url)
            self._changed.notify_all()


_PEM_END = b"-----END CERTIFICATE-----"


def _load_bundle(data: bytes) -> list[x509.Certificate]:
    """Certificates of a CA bundle one by one, skipping any that cryptography refuses.

    certifi ships a root with a negative serial number, which cryptography warns about
    today and plans to refuse; one such root must not take the whole bundle down.
    """
    roots = []
    for block in data.split(_PEM_END)[:-1]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CryptographyDeprecationWarning)
            try:
                roots.append(x509.load_pem_x509_certificate(block + _PEM_END))
            except ValueError:
                continue
    return roots


def load_trust_roots(extra_pem_files: Iterable[Path] = ()) -> list[x509.Certificate]:
    """certifi's roots plus any extra PEM files (the extra files are for tests)."""
    roots = _load_bundle(Path(certifi.where()).read_bytes())
    for path in extra_pem_files:
        try:
            roots.extend(x509.load_pem_x509_certificates(Path(path).read_bytes()))
        except (OSError, ValueError) as exc:
            raise CertificateError(f"cannot read trusted roots from {path}: {exc}") from None
    return roots


def _dns_names(cert: x509.Certificate) -> list[str]:
    try:
        san = cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
    except x509.ExtensionNotFound:
        return []
    return san.get_values_for_type(x509.DNSName)  # type: ignore[attr-defined, no-any-return]


class ChainVerifier:
    """Checks a signing chain against a fixed set of trusted roots."""

    def __init__(self, roots: Sequence[x509.Certificate]) -> None:
        self._store = Store(list(roots))

    def signing_certificate(self, chain: Sequence[x509.Certificate], now: datetime) -> x509.Certificate:
        """The chain's signing certificate, if every rule holds at ``now``; else CertificateError."""
        leaf, *intermediates = chain
        if not leaf.not_valid_before_utc <= now <= leaf.not_valid_after_utc:
            raise CertificateError("signing certificate is not in date")
        if SIGNING_DOMAIN not in _dns_names(leaf):
            raise CertificateError(f"signing certificate does not name {SIGNING_DOMAIN}")
        try:
            usage = leaf.extensions.get_extension_for_oid(ExtensionOID.KEY_USAGE).value
        except x509.ExtensionNotFound:
            usage = None
        if usage is not None and not usage.digital_signature:  # type: ignore[attr-defined]
            raise CertificateError("signing certificate may not sign")
        verifier = (
            PolicyBuilder().store(self._store).time(now).build_server_verifier(x509.DNSName(SIGNING_DOMAIN))
        )
        try:
            verifier.verify(leaf, intermediates)
        except VerificationError as exc:
            raise CertificateError(f"certificate chain does not verify: {exc}") from None
        return leaf
