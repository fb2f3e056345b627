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


# docs/privacy.md and docs/terms.md as a static site (GitHub Pages renders .md to .html).
POLICY_PAGES = {"privacy": "privacy.html", "terms": "terms.html"}


def add_link_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--privacy-url", default=None, help="privacy policy URL (env NIGHTLEGS_PRIVACY_URL)")
    parser.add_argument("--terms-url", default=None, help="terms of use URL (env NIGHTLEGS_TERMS_URL)")
    parser.add_argument(
        "--policy-base-url", default=None,
        help="where docs/privacy.md and docs/terms.md are published, e.g. https://you.github.io/nightlegs/ "
             "(gives <base>/privacy.html and <base>/terms.html; env NIGHTLEGS_POLICY_BASE_URL)",
    )
    parser.add_argument(
        "--release", action="store_true",
        help="checks for certification: icons and real privacy and terms pages are errors when missing",
    )


def _policy_url(args: argparse.Namespace, page: str) -> str | None:
    base = getattr(args, "policy_base_url", None) or os.environ.get("NIGHTLEGS_POLICY_BASE_URL")
    return f"{base.rstrip('/')}/{POLICY_PAGES[page]}" if base else None


def has_link_overrides(args: argparse.Namespace) -> bool:
    names = ("NIGHTLEGS_PRIVACY_URL", "NIGHTLEGS_TERMS_URL", "NIGHTLEGS_POLICY_BASE_URL")
    return bool(args.privacy_url or args.terms_url or getattr(args, "policy_base_url", None)
                or any(os.environ.get(n) for n in names))


def links_from(args: argparse.Namespace, configured: Links) -> Links | None:
    """Links with command-line or environment overrides, or None when nothing is overridden.
    An explicit URL wins over one made from --policy-base-url."""
    privacy = args.privacy_url or os.environ.get("NIGHTLEGS_PRIVACY_URL") or _policy_url(args, "privacy")
    terms = args.terms_url or os.environ.get("NIGHTLEGS_TERMS_URL") or _policy_url(args, "terms")
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
    if has_link_overrides(args):
        try:
            configured = certify.load_listing(root).links
        except (ManifestConfigError, ContentError):  # reported by certify.run below
            configured = Links()
        links = links_from(args, configured)
    report = certify.run(root, dist=args.dist, links=links, release=args.release)
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
