"""`nightlegs validate [--json] [--dist DIR]`: offline certification checks.

Exit 0 when there are no errors (warnings allowed), 1 when there are errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from skill.ship import certify
from skill.content import ContentError
from skill.ship.manifest import Links, ManifestConfigError
from skill.paths import project_root


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "validate",
        help="check interaction models, manifest and content for what certification rejects",
        description=(
            "Check every interaction_model/<locale>.json, the skill manifest generated from "
            "content/manifest.yaml and the content. Errors name the file and JSON path."
        ),
    )
    parser.add_argument("--json", action="store_true", help="print a JSON report")
    parser.add_argument(
        "--dist", type=Path, default=None,
        help="also check a `nightlegs build` output folder (its skill.json and models)",
    )
    add_link_options(parser)
    parser.set_defaults(run=run)


def add_link_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--privacy-url", default=None, help="privacy policy URL (env NIGHTLEGS_PRIVACY_URL)")
    parser.add_argument("--terms-url", default=None, help="terms of use URL (env NIGHTLEGS_TERMS_URL)")


def links_from(args: argparse.Namespace, configured: Links) -> Links | None:
    """Links with command-line or environment overrides, or None when nothing is overridden."""
    privacy = args.privacy_url or os.environ.get("NIGHTLEGS_PRIVACY_URL")
    terms = args.terms_url or os.environ.get("NIGHTLEGS_TERMS_URL")
    if not privacy and not terms:
        return None
    return Links(
        privacy_policy_url=privacy or configured.privacy_policy_url,
        terms_of_use_url=terms or configured.terms_of_use_url,
        small_icon_uri=configured.small_icon_uri,
        large_icon_uri=configured.large_icon_uri,
    )


def run(args: argparse.Namespace) -> int:
    root = project_root()
    links = None
    if args.privacy_url or args.terms_url or os.environ.get("NIGHTLEGS_PRIVACY_URL") or os.environ.get("NIGHTLEGS_TERMS_URL"):
        try:
            configured = certify.load_listing(root).links
        except (ManifestConfigError, ContentError):  # reported by certify.run below
            configured = Links()
        links = links_from(args, configured)
    report = certify.run(root, dist=args.dist, links=links)
    if args.json:
        json.dump(
            {
                "ok": report.ok,
                "errors": [f.as_dict() for f in report.errors],
                "warnings": [f.as_dict() for f in report.warnings],
                "checked": list(report.checked),
            },
            sys.stdout,
            indent=2,
        )
        sys.stdout.write("\n")
    else:
        for finding in report.errors + report.warnings:
            print(finding)
        print(
            f"{len(report.errors)} error(s), {len(report.warnings)} warning(s) "
            f"in {len(report.checked)} file(s)"
        )
    return 0 if report.ok else 1
