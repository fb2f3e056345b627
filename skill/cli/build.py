"""`nightlegs build`: write a ready ASK CLI v2 project (and Lambda bundle), then
check it with the same rules as `nightlegs validate --dist`.

Exit 0 when the build is written and has no validation errors, 1 otherwise.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import secrets
import sys
from pathlib import Path

from skill.ship import build

from skill.ship import bundle

from skill.ship import certify

from skill.ship import hosted

from skill.ship import project
from skill.cli.validate import add_link_options, links_from
from skill.content import ContentError
from skill.content.loader import write_snapshots
from skill.ship.manifest import ManifestConfigError
from skill.ship.rules.manifest import LAMBDA_ARN_RE
from skill.paths import project_root


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "build",
        help="write an ASK CLI project (skill package, Lambda zip) ready for `ask deploy` or `sam deploy`",
        description=(
            "Write ask-resources.json, skill-package/ (manifest, interaction models for every "
            "locale, custom tasks) and the Lambda bundle built for the Lambda Python runtime."
        ),
    )
    parser.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist)")
    parser.add_argument(
        "--runtime", default=bundle.DEFAULT_RUNTIME, choices=bundle.SUPPORTED_RUNTIMES,
        help=f"Lambda Python runtime the bundle is built for (default: {bundle.DEFAULT_RUNTIME})",
    )
    parser.add_argument(
        "--endpoint", choices=("lambda", "https"), default="lambda",
        help="where Alexa sends requests (default: lambda)",
    )
    parser.add_argument("--https-url", default=None, help="HTTPS endpoint URL (with --endpoint https)")
    parser.add_argument(
        "--ssl-certificate-type", choices=("Wildcard", "SelfSigned", "Trusted"), default="Wildcard",
        help="certificate type of the HTTPS endpoint (default: Wildcard)",
    )
    parser.add_argument(
        "--lambda-arn", default=None, type=lambda_arn,
        help="pin the manifest to an existing Lambda (e.g. the SAM stack's SkillEndpoint output)",
    )
    parser.add_argument("--aws-region", default="us-east-1", type=aws_region, help="region for `ask deploy`'s Lambda (default: us-east-1)")
    parser.add_argument(
        "--wheelhouse", type=Path, default=None,
        help="folder to cache downloaded wheels in; later builds install from it offline",
    )
    parser.add_argument(
        "--target", choices=("ask", "alexa-hosted"), default="ask",
        help="ask: ASK CLI project with the Lambda bundle (default); alexa-hosted: write "
             "skill-package/ and lambda/ sources into a clone made by `ask init --hosted-skill-id`",
    )
    parser.add_argument(
        "--hosted-python", default=None, metavar="3.X",
        help="with --target alexa-hosted: the Python your hosted skill runs (default: what Amazon "
             f"documents, {hosted.HOSTED_PYTHON}, which Night Legs cannot run on; the build then refuses)",
    )
    parser.add_argument(
        "--session-key-file", type=Path, default=None,
        help="where the session-signing key for `ask deploy`'s function is kept; made once if "
             "missing (default: .nightlegs/session-key, env NIGHTLEGS_SESSION_KEY_FILE; "
             "NIGHTLEGS_SESSION_KEY itself wins)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON report")
    add_link_options(parser)
    parser.set_defaults(run=run)


_REGION_RE = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]*)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d$")


def aws_region(value: str) -> str:
    """An AWS region name such as us-east-1 (checked for shape, offline)."""
    if not _REGION_RE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not an AWS region name like us-east-1")
    return value


def lambda_arn(value: str) -> str:
    if not LAMBDA_ARN_RE.match(value):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a Lambda function ARN like arn:aws:lambda:us-east-1:123456789012:function:name"
        )
    return value


def _progress(message: str) -> None:
    print(f"nightlegs build: {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    root = project_root()
    out = args.out if args.out.is_absolute() else Path.cwd() / args.out
    try:
        listing = certify.load_listing(root)
        links = links_from(args, listing.links)
        if links is not None:
            listing = certify.load_listing(root, links)
        options = build.BuildOptions(
            out=out,
            runtime=args.runtime,
            endpoint=args.endpoint,
            https_url=args.https_url,
            ssl_certificate_type=args.ssl_certificate_type,
            lambda_arn=args.lambda_arn,
            aws_region=args.aws_region,
            links=links,
            wheelhouse=args.wheelhouse or _env_path("NIGHTLEGS_WHEELHOUSE"),
            target=args.target,
            hosted_python=args.hosted_python,
        )
        # the content loaded and checked once here, then read at cold start without YAML
        _progress(f"writing content snapshots ({len(write_snapshots(root / 'content'))} files)")
        if build.needs_session_key(options):
            options = dataclasses.replace(options, session_key=session_key(args.session_key_file))
        result = build.build_project(root, options, listing, _progress)
    except (build.BuildError, bundle.BundleError, project.ProjectError, ManifestConfigError, ContentError) as exc:
        if args.json:
            json.dump({"ok": False, "error": str(exc)}, sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            print(f"error: {exc}", file=sys.stderr)
        return 1
    _progress(f"checking {out} like `nightlegs validate --dist`")
    report = certify.run(root, dist=out, links=links, release=args.release)
    if args.json:
        payload = result.as_dict()
        payload.update(
            ok=report.ok,
            errors=[f.as_dict() for f in report.errors],
            warnings=[f.as_dict() for f in report.warnings],
        )
        json.dump(payload, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(f"wrote {out} ({', '.join(result.locales)})")
        if result.lambda_zip:
            zip_info = result.lambda_zip
            print(f"lambda bundle {zip_info['path']} for {zip_info['runtime']}: "
                  f"{zip_info['entries']} files, sha256 {zip_info['sha256']}")
        for finding in report.errors + report.warnings:
            print(finding)
        print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)")
    return 0 if report.ok else 1


SESSION_KEY_FILE = Path(".nightlegs") / "session-key"


def session_key(path: Path | None) -> str:
    """The deployment's session-signing key: NIGHTLEGS_SESSION_KEY, else the key file
    (made once, readable by its owner only, and kept: a new key restarts conversations
    under way). deploy/sam-deploy.sh reads the same file."""
    given = os.environ.get("NIGHTLEGS_SESSION_KEY", "").strip()
    if given:
        return given
    path = path or _env_path("NIGHTLEGS_SESSION_KEY_FILE") or SESSION_KEY_FILE
    if path.is_file() and path.read_text(encoding="utf-8").strip():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    _progress(f"made the session key in {path} (NIGHTLEGS_SESSION_KEY for the function; keep it)")
    return path.read_text(encoding="utf-8").strip()


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None
