"""`nightlegs serve`: the skill as an Alexa web service on gunicorn.

    nightlegs serve [--host 127.0.0.1] [--port 8080] [--workers N] [--skill-id ID]
                    [--max-connections N] [--insecure-skip-verification] [--debug-log]

Request verification is on unless --insecure-skip-verification is given, and that flag
is refused unless the host is a loopback address. Serve plain HTTP behind a proxy that
terminates TLS (see README, "Web service"). Workers are gunicorn's asyncio (ASGI)
workers, so slow clients hold sockets rather than workers, and the service holds up
without a buffering proxy in front; each connection must send its headers within
skill.web.worker.HEADER_TIMEOUT_S, and a worker holds at most --max-connections.

Off a loopback host, serve refuses (exit 2) a session key that is missing, shorter
than 32 characters or the development key (NIGHTLEGS_SESSION_KEY, see
skill.dialog.signing.key_problem), and the test-only trust settings
(NIGHTLEGS_EXTRA_TRUST_ROOTS, NIGHTLEGS_CERT_FETCH_ORIGIN). Exit 2 for a refused
configuration, 1 if the app cannot be built.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any

from gunicorn.app.base import BaseApplication

from skill.alexa import logsafe
from skill.dialog import signing
from skill.web.app import ENV_SKILL_ID, WebConfig, create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_WORKERS = 2
# gunicorn's asyncio worker reads each request's headers, and skill.web.asgi its body, on
# the event loop, so a slow client holds a socket, not a worker or a thread; whole
# requests then run on a few threads. Two: one request can run while another waits on
# I/O (a certificate fetch, SQLite); more only contend for the GIL (wrk, workload, 2
# workers: 8 threads 0.55x of hello-world's throughput, 4 0.75x, 2 0.82x, 1 0.70x).
# The asyncio worker is ours (skill.web.worker): gunicorn's, plus a header deadline and a
# connection cap per worker.
# NIGHTLEGS_SERVE_WORKER_CLASS=sync brings back the old model (bench.slow_clients
# compares), which a slow client stalls: refused unless NIGHTLEGS_SERVE_ALLOW_SYNC_WORKER=1
# asks for it too, and then with a warning.
ENV_WORKER_CLASS = "NIGHTLEGS_SERVE_WORKER_CLASS"
ENV_ALLOW_SYNC = "NIGHTLEGS_SERVE_ALLOW_SYNC_WORKER"
DEFAULT_WORKER_CLASS = "asgi"
WORKER_CLASSES = {"asgi": "skill.web.worker.GuardedAsgiWorker", "sync": "sync"}
THREADS_PER_WORKER = 2
KEEPALIVE_S = 2  # an idle kept-alive connection is closed after this long
# Open connections per worker (further capped by the descriptor limit; over it the
# oldest connection still waiting for its headers is closed). Headers must arrive
# within skill.web.worker.HEADER_TIMEOUT_S, so idle sockets turn over quickly.
MAX_CONNECTIONS_PER_WORKER = 4000
BODY_TIMEOUT_S = 10.0  # the whole body must arrive within this (Alexa sends it at once)
SKILL_REQUEST_LOG = "skill.requests"  # skill.handlers.interceptors.request_context' per-request line


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "serve",
        help="serve the skill as a verified Alexa HTTPS endpoint (behind a TLS proxy)",
        description=(
            "Run the skill as an Alexa web service on gunicorn. POST / is the Alexa endpoint, "
            "GET /healthz the health check. Every request's signature, timestamp and "
            "application id are verified."
        ),
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help=f"worker processes (default {DEFAULT_WORKERS})")
    parser.add_argument("--skill-id", default=None, help=f"this skill's application id (env {ENV_SKILL_ID})")
    parser.add_argument(
        "--insecure-skip-verification",
        action="store_true",
        help="do not check request signatures (local test tools only; loopback hosts only)",
    )
    parser.add_argument(
        "--max-connections",
        type=int,
        default=MAX_CONNECTIONS_PER_WORKER,
        help=f"open connections per worker (default {MAX_CONNECTIONS_PER_WORKER}, and at most the file limit allows)",
    )
    parser.add_argument(
        "--debug-log", action="store_true", help="log user and device ids and slot values (never in production)"
    )
    parser.set_defaults(run=run)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_address(host: str, port: int) -> str:
    bare = host.strip("[]")
    return f"[{bare}]:{port}" if ":" in bare else f"{bare}:{port}"


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    """gunicorn's documented custom-application hook: our options, our app factory."""

    def __init__(self, factory: Callable[[], Any], options: dict[str, Any]) -> None:
        self._factory = factory
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            if key in self.cfg.settings:  # older gunicorn lacks some settings
                self.cfg.set(key, value)

    def load(self) -> Any:
        return self._factory()


def app_for(worker_class: str, app: Any, config: WebConfig) -> Any:
    """The Flask (WSGI) app as the worker class wants it: for the asyncio worker, ASGI,
    with each body read in full on the event loop before a thread runs the request."""
    if worker_class not in ("asgi", WORKER_CLASSES["asgi"]):
        return app
    from skill.web.asgi import BufferedBody, WsgiOnThreads

    threaded = WsgiOnThreads(app, threads=THREADS_PER_WORKER)
    return BufferedBody(threaded, max_bytes=config.max_body_bytes, timeout_s=BODY_TIMEOUT_S)


def worker_class_from_env(environ: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(gunicorn worker class, None) or (None, why it is refused)."""
    chosen = (environ.get(ENV_WORKER_CLASS) or DEFAULT_WORKER_CLASS).strip().lower()
    if chosen not in WORKER_CLASSES:
        return None, f"{ENV_WORKER_CLASS}={chosen!r} is not one of {', '.join(sorted(WORKER_CLASSES))}"
    if chosen == "sync" and environ.get(ENV_ALLOW_SYNC) != "1":
        return None, (
            f"{ENV_WORKER_CLASS}=sync lets one slow client hold a whole worker; "
            f"set {ENV_ALLOW_SYNC}=1 as well if that is really wanted (comparisons only)"
        )
    return WORKER_CLASSES[chosen], None


def _say(message: str) -> None:
    print(f"nightlegs serve: {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    insecure = bool(args.insecure_skip_verification)
    if insecure and not is_loopback(args.host):
        _say(f"refusing --insecure-skip-verification on {args.host}: only a loopback host may skip checks")
        return 2
    if args.workers < 1:
        _say("--workers must be at least 1")
        return 2
    if not 0 <= args.port <= 65535:
        _say("--port must be between 0 and 65535")
        return 2
    if args.max_connections < 1:
        _say("--max-connections must be at least 1")
        return 2
    config = WebConfig.from_env(skill_id=args.skill_id, verify_signature=not insecure, debug_log=args.debug_log)
    if not insecure and not config.skill_id:
        _say(f"set the skill id with --skill-id or {ENV_SKILL_ID}; every request's application id is checked")
        return 2
    loopback = is_loopback(args.host)
    test_only = config.test_only_settings()
    if test_only and not loopback:
        _say(f"refusing {', '.join(test_only)} on {args.host}: test-only trust settings are for loopback hosts only")
        return 2
    key_problem = signing.key_problem()
    if key_problem and not loopback:
        _say(
            f"refusing to serve on {args.host}: {key_problem}. Set {signing.ENV_SESSION_KEY} to a random secret of "
            f"at least {signing.MIN_KEY_CHARS} characters (for example: openssl rand -hex 32)"
        )
        return 2
    worker_class, refused = worker_class_from_env(os.environ)
    if worker_class is None:
        _say(f"refusing: {refused}")
        return 2
    if worker_class == "sync":
        _say("WARNING: sync workers: one slow client holds a whole worker (for comparisons only)")
    if insecure:
        _say("WARNING: request signatures are NOT verified (--insecure-skip-verification). Local testing only.")
    for name in test_only:
        _say(f"WARNING: {name} is set; it is for tests only")
    if key_problem:
        _say(f"WARNING: {key_problem}; loopback only")
    if args.debug_log:
        _say("WARNING: --debug-log writes user ids, device ids and what users said to the log")

    logsafe.install()  # one record, one line: no request can forge a log line
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # One line per request: the web service's own (`nightlegs.web`, with status and time).
    # The skill's request-log interceptor writes Lambda's line, which here would repeat it.
    logging.getLogger(SKILL_REQUEST_LOG).setLevel(logging.WARNING)
    try:
        create_app(config)  # fail here, once, rather than in every worker
    except Exception as exc:
        _say(f"cannot start: {type(exc).__name__}: {exc}")
        return 1

    options = {
        "bind": bind_address(args.host, args.port),
        "workers": args.workers,
        "worker_class": worker_class,
        "worker_connections": args.max_connections,
        "keepalive": KEEPALIVE_S,
        "timeout": 30,
        "proc_name": "nightlegs",
        "accesslog": None,  # our own line per request, without user data
        "errorlog": "-",
        "control_socket_disable": True,
    }
    _Gunicorn(lambda: app_for(worker_class, create_app(config), config), options).run()
    return 0
