"""`validate --release` stops what certification would send back: icons of the wrong size
or format, and policy pages at placeholder or sample addresses (the docs' own
https://you.github.io/nightlegs/ among them). Each message says how to fix it."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from skill.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
REAL_BASE = "https://nightlegs-skill.github.io/nightlegs/"


def nightlegs(*argv: str) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return int(code or 0), json.loads(out.getvalue())


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of what validate reads, as NIGHTLEGS_HOME."""
    home = tmp_path / "home"
    for folder in ("content", "interaction_model", "assets", "lambda"):
        shutil.copytree(ROOT / folder, home / folder, ignore=shutil.ignore_patterns("__pycache__", "snapshots"))
    monkeypatch.setenv("NIGHTLEGS_HOME", str(home))
    for name in ("NIGHTLEGS_POLICY_BASE_URL", "NIGHTLEGS_PRIVACY_URL", "NIGHTLEGS_TERMS_URL"):
        monkeypatch.delenv(name, raising=False)
    return home


def icon_findings(report: dict[str, Any], kind: str = "errors") -> list[str]:
    return sorted({f["message"] for f in report[kind] if f["rule"] == "manifest-icons"})


def test_the_shipped_icons_and_a_published_policy_pass_a_release_check(home: Path) -> None:
    code, report = nightlegs("validate", "--json", "--release", "--policy-base-url", REAL_BASE)
    assert code == 0 and report["errors"] == [], report["errors"]


def test_icons_of_the_wrong_size_fail_a_release_and_say_how_to_fix_them(home: Path) -> None:
    Image.new("RGB", (100, 100), "navy").save(home / "assets" / "icons" / "small-icon.png")
    Image.new("RGB", (500, 300), "navy").save(home / "assets" / "icons" / "large-icon.png")
    code, report = nightlegs("validate", "--json", "--release", "--policy-base-url", REAL_BASE)
    assert code == 1
    messages = icon_findings(report)
    assert len(messages) == 2, messages
    small, large = sorted(messages, key=lambda m: "small" not in m)
    assert "assets/icons/small-icon.png is 100 x 100; the store wants 108 x 108" in small
    assert "assets/icons/large-icon.png is 500 x 300; the store wants 512 x 512" in large
    assert all("python -m skill.ship.icons" in m for m in messages)


def test_before_a_release_wrong_icons_are_warnings(home: Path) -> None:
    Image.new("RGB", (100, 100), "navy").save(home / "assets" / "icons" / "small-icon.png")
    code, report = nightlegs("validate", "--json")
    assert code == 0 and icon_findings(report, "warnings") and not icon_findings(report)


def test_a_jpeg_named_png_is_not_a_png(home: Path) -> None:
    Image.new("RGB", (108, 108), "navy").save(home / "assets" / "icons" / "small-icon.png", format="JPEG")
    code, report = nightlegs("validate", "--json", "--release", "--policy-base-url", REAL_BASE)
    assert code == 1
    (message,) = icon_findings(report)
    assert "is a JPEG, not a PNG" in message and "108 x 108 PNG" in message


@pytest.mark.parametrize(
    ("base", "why"),
    [
        ("https://you.github.io/nightlegs/", "sample host"),  # the address docs/deploy.md shows
        ("https://your-username.github.io/nightlegs/", "sample host"),
        ("https://example.com/nightlegs/", "placeholder host"),
        ("https://policies.invalid/", "placeholder host"),
    ],
)
def test_placeholder_and_sample_policy_addresses_fail_a_release(home: Path, base: str, why: str) -> None:
    code, report = nightlegs("validate", "--json", "--release", "--policy-base-url", base)
    assert code == 1
    messages = [f["message"] for f in report["errors"] if f["rule"] == "manifest-placeholder"]
    assert messages and all(why in m for m in messages), messages
    assert all("publish docs/privacy.md and docs/terms.md" in m and "--policy-base-url" in m for m in messages)


def test_the_docs_sample_https_endpoint_fails_a_release_build(home: Path, tmp_path: Path) -> None:
    code, report = nightlegs(
        "build", "--json", "--release", "--out", str(tmp_path / "dist"), "--policy-base-url", REAL_BASE,
        "--endpoint", "https", "--https-url", "https://your.host/",
    )
    assert code == 1
    (message,) = [f["message"] for f in report["errors"] if f["rule"] == "endpoint"]
    assert "your.host" in message and "--https-url" in message


def test_a_built_package_with_a_wrong_icon_fails_validate_dist_release(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    code, report = nightlegs(
        "build", "--json", "--release", "--out", str(out), "--policy-base-url", REAL_BASE,
        "--endpoint", "https", "--https-url", "https://skill.nightlegs.org/",
    )
    assert code == 0, report["errors"]
    Image.new("RGBA", (256, 256)).save(out / "skill-package" / "assets" / "images" / "large-icon.png")
    code, report = nightlegs("validate", "--json", "--release", "--dist", str(out), "--policy-base-url", REAL_BASE)
    assert code == 1
    assert any("skill-package/assets/images/large-icon.png is 256 x 256" in m for m in icon_findings(report))
