"""Certificate chain URL rules, fetching over real HTTP, and the bounded, expiring cache."""

from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alexa_fakes import CERT_URL, FakeFetcher, Pki, body_of, envelope, sign
from skill.web.certs import (
    CertificateError,
    ChainCache,
    ChainVerifier,
    HttpChainFetcher,
    FetchBudget,
    check_cert_chain_url,
    load_trust_roots,
    parse_chain,
)
from skill.web.verifiers import SignatureVerifier, VerificationException

ACCEPTED = [
    "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
    "HTTPS://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "https://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem",
]
REFUSED = [
    "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "https://notamazon.com/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
    "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
    "https://s3.amazonaws.com/echo.api/../x",
    "https://s3.amazonaws.com/echo.api/%2E%2E/x",
    "https://s3.amazonaws.com/echo.api",
    "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com:80/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com:notaport/echo.api/echo-api-cert.pem",
    "https://user@s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "",
]


@pytest.mark.parametrize("url", ACCEPTED)
def test_amazon_style_urls_are_accepted(url: str) -> None:
    check_cert_chain_url(url)


@pytest.mark.parametrize("url", REFUSED)
def test_other_urls_are_refused(url: str) -> None:
    with pytest.raises(CertificateError):
        check_cert_chain_url(url)


@settings(deadline=None)  # no wall-clock limit in tests
@given(st.lists(st.sampled_from(["..", ".", "echo.api", "x", "", "%2e%2e"]), min_size=1, max_size=6))
def test_no_path_that_leaves_echo_api_is_accepted(segments: list[str]) -> None:
    path = "/echo.api/" + "/".join(segments)
    resolved: list[str] = []
    for part in ["echo.api", *[s.replace("%2e", ".") for s in segments]]:
        if part == "..":
            if resolved:
                resolved.pop()
        elif part not in ("", "."):
            resolved.append(part)
    stays_inside = len(resolved) >= 2 and resolved[0] == "echo.api"
    url = "https://s3.amazonaws.com" + path
    if stays_inside:
        check_cert_chain_url(url)
    else:
        with pytest.raises(CertificateError):
            check_cert_chain_url(url)


def test_http_fetcher_reads_the_chain(chain_origin: str, pki: Pki) -> None:
    fetch = HttpChainFetcher(origin_override=chain_origin)
    assert fetch("https://s3.amazonaws.com/echo.api/good.pem") == pki.good_chain


@pytest.mark.parametrize(
    ("name", "reason"), [("missing.pem", "HTTP 404"), ("huge.pem", "over"), ("slow.pem", "fetch failed")]
)
def test_http_fetcher_failures_are_certificate_errors(chain_origin: str, name: str, reason: str) -> None:
    fetch = HttpChainFetcher(origin_override=chain_origin, timeout_s=0.3, max_bytes=64 * 1024)
    with pytest.raises(CertificateError, match=reason):
        fetch(f"https://s3.amazonaws.com/echo.api/{name}")


def test_nothing_listening_is_a_certificate_error() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago, now closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fetch = HttpChainFetcher(origin_override=f"http://127.0.0.1:{port}", timeout_s=0.5)
    with pytest.raises(CertificateError):
        fetch(CERT_URL)


def test_garbage_chain_is_refused() -> None:
    with pytest.raises(CertificateError):
        parse_chain(b"not a certificate")


def test_cache_is_bounded(pki: Pki) -> None:
    cache = ChainCache(max_entries=2, ttl_s=3600)
    chain = parse_chain(pki.good_chain)
    for n in range(5):
        cache.put(f"https://s3.amazonaws.com/echo.api/{n}.pem", chain)
    assert len(cache) == 2


def test_cache_entries_expire(pki: Pki) -> None:
    now = [0.0]
    cache = ChainCache(max_entries=4, ttl_s=60, timer=lambda: now[0])
    cache.put(CERT_URL, parse_chain(pki.good_chain))
    now[0] = 59.0
    assert cache.get(CERT_URL) is not None
    now[0] = 61.0
    assert cache.get(CERT_URL) is None


def _verifier(pki: Pki, root_pem_file: Path, fetcher: FakeFetcher, clock: list[datetime]) -> SignatureVerifier:
    return SignatureVerifier(
        fetcher=fetcher,
        chains=ChainVerifier(load_trust_roots([root_pem_file])),
        cache=ChainCache(),
        clock=lambda: clock[0],
    )


def test_cached_chain_is_rechecked_and_refused_once_it_expires(pki: Pki, root_pem_file: Path) -> None:
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope

    fetcher = FakeFetcher({CERT_URL: pki.good_chain})
    clock = [datetime.now(timezone.utc)]
    verifier = _verifier(pki, root_pem_file, fetcher, clock)
    body = body_of(envelope())
    headers = sign(body, pki.signing_key)
    parsed = DefaultSerializer().deserialize(body.decode(), RequestEnvelope)
    verifier.verify(headers, body.decode(), parsed)
    clock[0] += timedelta(days=365)
    with pytest.raises(VerificationException, match="not in date"):
        verifier.verify(headers, body.decode(), parsed)
    assert fetcher.calls == [CERT_URL]


class _CountingChains(ChainVerifier):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.checks = 0

    def signing_certificate(self, chain, now):  # type: ignore[no-untyped-def]
        self.checks += 1
        return super().signing_certificate(chain, now)


def test_a_cached_chain_is_verified_once_while_in_date_and_refused_after(pki: Pki, root_pem_file: Path) -> None:
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope

    fetcher = FakeFetcher({CERT_URL: pki.good_chain})
    clock = [datetime.now(timezone.utc)]
    chains = _CountingChains(load_trust_roots([root_pem_file]))
    verifier = SignatureVerifier(fetcher=fetcher, chains=chains, cache=ChainCache(), clock=lambda: clock[0])
    body = body_of(envelope())
    headers = sign(body, pki.signing_key)
    parsed = DefaultSerializer().deserialize(body.decode(), RequestEnvelope)
    for _ in range(5):
        verifier.verify(headers, body.decode(), parsed)
    assert chains.checks == 2  # on fetch, then once from the cache
    with pytest.raises(VerificationException, match="signature does not match"):
        verifier.verify(headers, body.decode() + " ", parsed)  # the signature is still checked every time
    clock[0] += timedelta(days=365)
    with pytest.raises(VerificationException, match="not in date"):
        verifier.verify(headers, body.decode(), parsed)


def test_production_trust_has_no_test_root(pki: Pki) -> None:
    chains = ChainVerifier(load_trust_roots())
    with pytest.raises(CertificateError):
        chains.signing_certificate(parse_chain(pki.good_chain), datetime.now(timezone.utc))


def test_unreadable_extra_roots_are_an_error(tmp_path: Path) -> None:
    with pytest.raises(CertificateError, match="cannot read trusted roots"):
        load_trust_roots([tmp_path / "missing.pem"])


# --------------------------------------------------------------------------- cache keys, failures, fetch budget


class PathFetcher(FakeFetcher):
    """Plays S3, which ignores a query string: any URL whose path is a known chain gets it."""

    def __call__(self, url: str) -> bytes:
        self.calls.append(url)
        for known, chain in self.chains.items():
            if url.split("?")[0].split("#")[0] == known:
                return chain
        raise CertificateError("certificate fetch answered HTTP 404")


def _verify(verifier: SignatureVerifier, pki: Pki, url: str) -> None:
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope

    body = body_of(envelope())
    headers = {**sign(body, pki.signing_key), "SignatureCertChainUrl": url}
    verifier.verify(headers, body.decode(), DefaultSerializer().deserialize(body.decode(), RequestEnvelope))


@pytest.mark.parametrize("url", [CERT_URL + "?1", CERT_URL + "?", CERT_URL + "#x", CERT_URL + "?a=b#c"])
def test_a_query_or_fragment_is_refused(url: str) -> None:
    with pytest.raises(CertificateError, match="query or fragment"):
        check_cert_chain_url(url)


def test_spellings_of_one_url_share_one_fetch(pki: Pki, root_pem_file: Path) -> None:
    fetcher = PathFetcher({CERT_URL: pki.good_chain})
    verifier = _verifier(pki, root_pem_file, fetcher, [datetime.now(timezone.utc)])
    path = CERT_URL.removeprefix("https://s3.amazonaws.com")
    for url in [
        CERT_URL,
        "https://s3.amazonaws.com:443" + path,
        "https://S3.AmazonAWS.com" + path,
        "https://s3.amazonaws.com/echo.api/./" + path.removeprefix("/echo.api/"),
        "https://s3.amazonaws.com/echo.api/x/.." + path.removeprefix("/echo.api"),
    ]:
        _verify(verifier, pki, url)
    assert fetcher.calls == [CERT_URL]


def test_a_flood_of_url_variants_neither_fetches_nor_evicts_the_real_chain(pki: Pki, root_pem_file: Path) -> None:
    fetcher = PathFetcher({CERT_URL: pki.good_chain})
    verifier = SignatureVerifier(
        fetcher=fetcher,
        chains=ChainVerifier(load_trust_roots([root_pem_file])),
        cache=ChainCache(max_entries=4),
    )
    _verify(verifier, pki, CERT_URL)
    for n in range(200):
        with pytest.raises(VerificationException):
            _verify(verifier, pki, f"{CERT_URL}?{n}")
    _verify(verifier, pki, CERT_URL)
    assert fetcher.calls == [CERT_URL], "one fetch in all: the variants fetch nothing, the real chain stays cached"


def test_a_failed_fetch_is_remembered_briefly(pki: Pki, root_pem_file: Path) -> None:
    now = [0.0]
    fetcher = PathFetcher({CERT_URL: pki.good_chain})
    verifier = SignatureVerifier(
        fetcher=fetcher,
        chains=ChainVerifier(load_trust_roots([root_pem_file])),
        cache=ChainCache(failure_ttl_s=30, timer=lambda: now[0]),
    )
    missing = "https://s3.amazonaws.com/echo.api/missing.pem"
    for _ in range(3):
        with pytest.raises(VerificationException, match="404"):
            _verify(verifier, pki, missing)
    assert fetcher.calls == [missing]
    now[0] = 31.0
    with pytest.raises(VerificationException, match="404"):
        _verify(verifier, pki, missing)
    assert fetcher.calls == [missing, missing]


def test_fetches_run_a_few_at_a_time(pki: Pki, root_pem_file: Path) -> None:
    budget = FetchBudget(max_in_flight=2)
    assert budget.take("a") and budget.take("b")
    assert not budget.take("c"), "a third fetch waits for a slot"
    budget.done("a")
    assert not budget.take("b"), "never two fetches of one URL at once"
    assert budget.take("c")


def test_a_drip_fed_chain_is_cut_off_at_the_total_deadline(chain_origin: str) -> None:
    # Each byte arrives well inside the per-read timeout; the whole takes far longer
    # than the fetch may take in all.
    fetch = HttpChainFetcher(origin_override=chain_origin, timeout_s=0.6, read_timeout_s=0.5)
    with pytest.raises(CertificateError, match="deadline"):
        fetch("https://s3.amazonaws.com/echo.api/drip.pem")
