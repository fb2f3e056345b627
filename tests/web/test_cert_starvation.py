"""Issue 23, finding 1: an unsigned stranger cannot starve certificate fetching, and
the fetch deadline is total (checked with elapsed time against a dripping server)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

from alexa_fakes import CERT_URL, FakeFetcher, Pki, body_of, envelope, sign
from skill.web.certs import CertificateError, ChainCache, ChainVerifier, HttpChainFetcher, load_trust_roots
from skill.web.verifiers import SignatureVerifier, VerificationException


def _verify(verifier: SignatureVerifier, pki: Pki, url: str = CERT_URL) -> None:
    body = body_of(envelope())
    headers = {**sign(body, pki.signing_key), "SignatureCertChainUrl": url}
    verifier.verify(headers, body.decode(), DefaultSerializer().deserialize(body.decode(), RequestEnvelope))


def _verifier(pki: Pki, root_pem_file: Path, fetcher: FakeFetcher, now: list[float]) -> SignatureVerifier:
    return SignatureVerifier(
        fetcher=fetcher,
        chains=ChainVerifier(load_trust_roots([root_pem_file])),
        cache=ChainCache(ttl_s=3600, timer=lambda: now[0]),
        clock=lambda: datetime.now(timezone.utc),
    )


def test_junk_urls_do_not_use_up_the_fetches_a_genuine_first_request_needs(pki: Pki, root_pem_file: Path) -> None:
    """Worker start or certificate rotation: the genuine chain is not cached yet, and a
    stranger has sent a minute's worth of unsigned requests naming junk URLs."""
    now = [0.0]
    fetcher = FakeFetcher({CERT_URL: pki.good_chain})
    verifier = _verifier(pki, root_pem_file, fetcher, now)
    for n in range(40):
        with pytest.raises(VerificationException):
            _verify(verifier, pki, f"https://s3.amazonaws.com/echo.api/junk-{n}.pem")
    _verify(verifier, pki)  # the genuine request is verified, not refused
    assert fetcher.calls[-1] == CERT_URL


def test_a_junk_url_is_fetched_once_however_often_it_is_named(pki: Pki, root_pem_file: Path) -> None:
    now = [0.0]
    fetcher = FakeFetcher({CERT_URL: pki.good_chain})
    verifier = _verifier(pki, root_pem_file, fetcher, now)
    junk = "https://s3.amazonaws.com/echo.api/junk.pem"
    for _ in range(20):
        with pytest.raises(VerificationException):
            _verify(verifier, pki, junk)
    assert fetcher.calls == [junk]


def test_genuine_traffic_is_served_from_the_last_good_chain_when_a_refresh_fails(pki: Pki, root_pem_file: Path) -> None:
    """The hourly expiry: the chain is due for a fresh fetch, and the fetch fails (S3
    slow, or refused); requests signed by that chain are still verified."""
    now = [0.0]
    fetcher = FakeFetcher({CERT_URL: pki.good_chain})
    verifier = _verifier(pki, root_pem_file, fetcher, now)
    _verify(verifier, pki)
    fetcher.chains.clear()  # S3 now answers 404 (or the fetch times out)
    now[0] = 3601.0
    for _ in range(5):
        _verify(verifier, pki)
    assert fetcher.calls == [CERT_URL, CERT_URL], "one refresh tried, its failure remembered"


def test_a_last_good_chain_is_still_checked_on_every_use(pki: Pki, root_pem_file: Path) -> None:
    from datetime import timedelta

    now = [0.0]
    clock = [datetime.now(timezone.utc)]
    fetcher = FakeFetcher({CERT_URL: pki.good_chain})
    verifier = SignatureVerifier(
        fetcher=fetcher,
        chains=ChainVerifier(load_trust_roots([root_pem_file])),
        cache=ChainCache(ttl_s=3600, timer=lambda: now[0]),
        clock=lambda: clock[0],
    )
    _verify(verifier, pki)
    fetcher.chains.clear()
    now[0] = 3601.0
    clock[0] += timedelta(days=365)
    with pytest.raises(VerificationException):
        _verify(verifier, pki)


# --------------------------------------------------------------------------- total deadline


def _drip_server(*, headers_too: bool) -> Iterator[str]:
    """A loopback server that answers with one byte every 0.5 s (headers as well, if
    asked), for far longer than any fetch may take."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(4096)
                head = b"HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n"
                if not headers_too:
                    conn.sendall(head)
                    head = b""
                for byte in head + b"A" * 40:
                    if stop.wait(0.5):
                        return
                    conn.sendall(bytes([byte]))
            except OSError:
                return

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    listener.close()


@pytest.fixture
def drip_body() -> Iterator[str]:
    yield from _drip_server(headers_too=False)


@pytest.fixture
def drip_headers() -> Iterator[str]:
    yield from _drip_server(headers_too=True)


@pytest.mark.parametrize("origin_fixture", ["drip_body", "drip_headers"])
def test_a_dripping_server_is_cut_off_at_the_total_deadline(origin_fixture: str, request: pytest.FixtureRequest) -> None:
    # Each byte arrives well inside the per-read timeout (2 s); the whole would take 20 s.
    origin = request.getfixturevalue(origin_fixture)
    fetch = HttpChainFetcher(origin_override=origin, timeout_s=1.0, read_timeout_s=2.0)
    started = time.monotonic()
    with pytest.raises(CertificateError, match="deadline"):
        fetch("https://s3.amazonaws.com/echo.api/drip.pem")
    elapsed = time.monotonic() - started
    assert elapsed < 4.0, f"the fetch held on for {elapsed:.1f} s; its deadline is 1 s"


def test_requests_that_arrive_during_a_fetch_wait_for_it_instead_of_being_refused(pki: Pki, root_pem_file: Path) -> None:
    """A worker's start: several genuine requests at once, one chain to fetch."""
    release = threading.Event()

    class SlowFetcher(FakeFetcher):
        def __call__(self, url: str) -> bytes:
            release.wait(5)
            return super().__call__(url)

    fetcher = SlowFetcher({CERT_URL: pki.good_chain})
    verifier = _verifier(pki, root_pem_file, fetcher, [0.0])
    errors: list[Exception] = []

    def one() -> None:
        try:
            _verify(verifier, pki)
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    release.set()
    for thread in threads:
        thread.join(timeout=10)
    assert errors == []
    assert fetcher.calls == [CERT_URL], "one fetch served them all"
